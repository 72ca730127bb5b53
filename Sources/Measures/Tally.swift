/// Streaming mean and variance of observations (Welford 1962; the update of
/// Chan, Golub & LeVeque 1983 for merging). Constant memory.
public struct Tally: Sendable, Equatable {
    @usableFromInline var n = 0
    @usableFromInline var runningMean = 0.0
    /// Sum of squared deviations from the mean.
    @usableFromInline var m2 = 0.0
    @usableFromInline var smallest = Double.infinity
    @usableFromInline var largest = -Double.infinity

    public init() {}

    public init<S: Sequence>(_ values: S) where S.Element == Double {
        for v in values { add(v) }
    }

    @inlinable public var count: Int { n }
    @inlinable public var mean: Double { runningMean }
    @inlinable public var min: Double { smallest }
    @inlinable public var max: Double { largest }

    @inlinable
    public mutating func add(_ x: Double) {
        n += 1
        let delta = x - runningMean
        runningMean += delta / Double(n)
        m2 += delta * (x - runningMean)
        if x < smallest { smallest = x }
        if x > largest { largest = x }
    }

    /// Combines two tallies as if all observations had been added to one.
    public mutating func merge(_ other: Tally) {
        guard other.n > 0 else { return }
        guard n > 0 else { self = other; return }
        let total = Double(n + other.n)
        let delta = other.runningMean - runningMean
        runningMean += delta * Double(other.n) / total
        m2 += other.m2 + delta * delta * Double(n) * Double(other.n) / total
        n += other.n
        smallest = Swift.min(smallest, other.smallest)
        largest = Swift.max(largest, other.largest)
    }

    /// Sample variance s² = Σ(x − x̄)² / (n − 1); NaN for n < 2.
    public var variance: Double { n < 2 ? .nan : m2 / Double(n - 1) }
    public var standardDeviation: Double { variance.squareRoot() }
}

/// Time average of a piecewise-constant quantity (queue length, busy agents):
/// (1 / (t − t0)) ∫ value(s) ds over the observed window.
public struct TimeWeightedAverage: Sendable, Equatable {
    @usableFromInline var start: Double
    @usableFromInline var last: Double
    @usableFromInline var current: Double
    @usableFromInline var integralSoFar = 0.0

    public init(value: Double = 0, at time: Double = 0) {
        start = time
        last = time
        current = value
    }

    /// Start of the observed window.
    public var startTime: Double { start }
    /// Time of the last update.
    public var lastTime: Double { last }
    /// The current value.
    public var value: Double { current }

    /// Records that the quantity changes to `newValue` at `time` ≥ the last update.
    @inlinable
    public mutating func update(to newValue: Double, at time: Double) {
        precondition(time >= last, "time went backwards")
        integralSoFar += current * (time - last)
        last = time
        current = newValue
    }

    /// Restarts integration at `time`, keeping the current value (end of warm-up).
    public mutating func restart(at time: Double) {
        precondition(time >= last, "time went backwards")
        start = time
        last = time
        integralSoFar = 0
    }

    /// ∫ value ds from the window start up to `time` ≥ the last update.
    public func integral(upTo time: Double) -> Double {
        precondition(time >= last, "time went backwards")
        return integralSoFar + current * (time - last)
    }

    /// Time average over [startTime, time]; NaN on an empty window.
    public func average(upTo time: Double) -> Double {
        let span = time - start
        return span > 0 ? integral(upTo: time) / span : .nan
    }
}
