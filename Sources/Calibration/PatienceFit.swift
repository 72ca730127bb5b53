import Foundation
import Stochastic

/// Patience fitted to censored waits: a caller who abandoned after w seconds is an event
/// at w; one who was answered (or left the IVR for the queue) after w seconds is censored
/// there (he would have waited longer).
///
/// - Exponential MLE: rate = abandons ÷ total time waited (occurrence/exposure); 95 %
///   interval of the mean 2T ÷ χ²_{2a}(0.975) … 2T ÷ χ²_{2a}(0.025) (exact for Poisson
///   counts of events; Lawless 2003, §3.1).
/// - Kaplan–Meier: the product-limit survival curve of the waits.
/// - Piecewise exponential: `segments` intervals with about equal numbers of abandons,
///   each with its own occurrence/exposure rate, the last one holding for ever (the
///   curve's exponential tail). The likelihood-ratio statistic 2 Σ a_k ln(h_k ÷ h) is
///   χ² with segments − 1 degrees of freedom when the hazard is constant; below
///   p = 0.001 the piecewise law is written, else the exponential.
public struct PatienceFit: Sendable {
    public var waits: Int
    public var abandons: Int
    public var exposureSeconds: Double
    public var exponentialMean: Double
    public var meanLow: Double
    public var meanHigh: Double
    /// The product-limit curve at each abandon time, with Greenwood's standard error
    /// S·√(Σ d ÷ (n (n − d))) and the callers still waiting just before it.
    public var kaplanMeier: [(time: Double, survival: Double, standardError: Double, atRisk: Int)]
    public var piecewise: Distribution?
    public var likelihoodRatio: Double
    public var constantHazardPValue: Double
    public var law: Distribution
    public var lawName: String { if case .piecewiseExponential = law { "piecewise_exponential" } else { "exponential" } }

    /// nil without any abandon (infinite patience as far as the log shows).
    /// The exponential mean's interval at `level` (2T ÷ χ²_{2a} quantiles).
    public func meanInterval(level: Double) -> (low: Double, high: Double) {
        Self.meanInterval(exposureSeconds: exposureSeconds, abandons: abandons, level: level)
    }

    public static func meanInterval(exposureSeconds t: Double, abandons: Int, level: Double) -> (low: Double, high: Double) {
        let dof = Double(2 * abandons)
        return (2 * t / SpecialFunctions.chiSquareQuantile(1 - (1 - level) / 2, degreesOfFreedom: dof),
                2 * t / SpecialFunctions.chiSquareQuantile((1 - level) / 2, degreesOfFreedom: dof))
    }

    public init?(waits: [Double], abandoned: [Bool]) {
        let a = abandoned.filter { $0 }.count
        guard a > 0 else { return nil }
        let total = waits.reduce(0, +)
        guard total > 0 else { return nil }
        self.waits = waits.count
        self.abandons = a
        self.exposureSeconds = total
        exponentialMean = total / Double(a)
        (meanLow, meanHigh) = Self.meanInterval(exposureSeconds: total, abandons: a, level: 0.95)
        // Kaplan–Meier.
        let order = waits.indices.sorted { waits[$0] < waits[$1] }
        var curve: [(Double, Double, Double, Int)] = [(0, 1, 0, waits.count)]
        var survival = 1.0, atRisk = waits.count, i = 0, greenwood = 0.0
        var abandonTimes: [Double] = []
        while i < order.count {
            let t = waits[order[i]]
            var deaths = 0, leaving = 0
            while i < order.count && waits[order[i]] == t {
                if abandoned[order[i]] { deaths += 1; abandonTimes.append(t) }
                leaving += 1; i += 1
            }
            if deaths > 0 {
                survival *= 1 - Double(deaths) / Double(atRisk)
                if atRisk > deaths { greenwood += Double(deaths) / (Double(atRisk) * Double(atRisk - deaths)) }
                curve.append((t, survival, survival * greenwood.squareRoot(), atRisk))
            }
            atRisk -= leaving
        }
        kaplanMeier = curve
        // Piecewise exponential with breaks at the abandon times' quantiles.
        let segments = min(8, a / 40)
        var breaks: [Double] = []
        if segments >= 2 {
            for k in 1..<segments {
                let t = abandonTimes[k * a / segments]
                if t > (breaks.last ?? 0) { breaks.append(t) }
            }
        }
        if breaks.isEmpty {
            piecewise = nil
            likelihoodRatio = 0
            constantHazardPValue = 1
            law = .exponential(mean: exponentialMean)
            return
        }
        var events = [Double](repeating: 0, count: breaks.count + 1)
        var exposure = [Double](repeating: 0, count: breaks.count + 1)
        for (w, event) in zip(waits, abandoned) {
            if event && w <= 0 { events[0] += 1; continue }  // hung up at once
            var start = 0.0
            for k in 0...breaks.count {
                let end = k < breaks.count ? breaks[k] : .infinity
                if w <= start { break }
                exposure[k] += min(w, end) - start
                if event && w > start && w <= end { events[k] += 1 }
                start = end
            }
        }
        let rate = Double(a) / total
        var lr = 0.0
        for k in 0...breaks.count where events[k] > 0 {
            lr += 2 * events[k] * log(events[k] / exposure[k] / rate)
        }
        likelihoodRatio = lr
        constantHazardPValue = SpecialFunctions.chiSquareUpperTail(lr, degreesOfFreedom: Double(breaks.count))
        // A segment without abandons gets half an event (a finite, cautious mean).
        let means = (0...breaks.count).map { exposure[$0] / max(events[$0], 0.5) }
        let pw = Distribution.piecewiseExponential(breaks: breaks, means: means)
        piecewise = pw
        law = constantHazardPValue < 0.001 ? pw : .exponential(mean: exponentialMean)
    }
}
