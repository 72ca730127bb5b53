import ContactCenter
import Measures

/// What each period of a simulated staffing plan must achieve, and how a candidate's
/// simulated days are judged against it.
///
/// Two kinds of goal:
/// - **expected** (default): the period's metric over the day-to-day variation (busyness
///   included) meets the bound. It is estimated as a ratio of sums over days, e.g.
///   service level = Σ_d answered within target ÷ Σ_d entered queue, with the
///   delta-method interval and the day's busyness factor B and (B − 1)² as control
///   variates (`ConfidenceInterval.ratioOfSums(…controls:…)`: busyness explains most of
///   the spread between days, so decisions need several times fewer days);
/// - **chance**: the day's own value meets the bound on at least a share p of days
///   (`service_level: {goal: 0.8, on_share_of_days: 0.9}`), estimated as the share of
///   simulated days that meet it, with Wilson's interval. A day on which no call reached
///   the queue in that period meets any bound (no caller was failed).
public struct SimulatedStaffingGoal: Sendable, Equatable {
    /// What the goal bounds: a queue metric of the catalogue.
    public enum Quantity: Sendable, Equatable {
        /// answered within the target ÷ entered the queue (abandoners count as misses): at least the bound.
        case serviceLevel
        /// Σ wait of answered calls ÷ answered: at most the bound.
        case asaSeconds
        /// abandoned ÷ entered the queue: at most the bound.
        case abandonRate

        /// Its catalogue entry (definition and name).
        public var definition: Metric {
            switch self {
            case .serviceLevel: .serviceLevel
            case .asaSeconds: .asaSeconds
            case .abandonRate: .abandonRate
            }
        }

        public var name: String { definition.name }
    }

    public var metric: Quantity
    public var bound: Double
    /// nil: expected value over days; p: the bound must hold on at least a share p of days.
    public var onShareOfDays: Double?
    /// A candidate whose interval's half-width has come down to this (the metric's unit;
    /// a share for chance goals) is decided on its estimate: "too close to call".
    public var precision: Double

    public init(metric: Quantity, bound: Double, onShareOfDays: Double? = nil, precision: Double? = nil) {
        self.metric = metric
        self.bound = bound
        self.onShareOfDays = onShareOfDays
        self.precision = precision ?? Self.defaultPrecision(metric: metric, bound: bound, chance: onShareOfDays != nil)
    }

    /// One point (0.01) for the service level; for abandonment and the ASA a tenth of the
    /// bound, at most one point or 1 s (a 3 % cap is decided to ±0.3 points); two points
    /// (0.02) for a share of days (a share's interval narrows slowly: ±1 point at p = 0.9
    /// takes about 3,500 days).
    public static func defaultPrecision(metric: Quantity, bound: Double, chance: Bool) -> Double {
        if chance { return 0.02 }
        return switch metric {
        case .serviceLevel: 0.01
        case .abandonRate: min(0.01, bound / 10)
        case .asaSeconds: min(1, bound / 10)
        }
    }

    /// The metric must be at least the bound (service level) or at most it (ASA, abandonment).
    public var atLeast: Bool { metric == .serviceLevel }

    /// Period k's numerator and denominator of the metric on one simulated day (the
    /// definition of `QueueTally.fraction`).
    public func observation(_ day: CenterCounters, period k: Int) -> DayObservation {
        let f = metric.definition.value(day.periods[k].queue)!
        return DayObservation(numerator: f.numerator, denominator: f.denominator, busyness: day.busyness,
                              busynessVariance: day.busynessVariance)
    }

    /// The same for a whole replication (one traffic, no periods).
    public func observation(_ c: CenterCounters) -> DayObservation {
        let f = metric.definition.value(c.queue)!
        return DayObservation(numerator: f.numerator, denominator: f.denominator)
    }

    func meets(_ value: Double) -> Bool { atLeast ? value >= bound : value <= bound }

    /// The estimate of what the goal is about (expected value, or share of days meeting
    /// the bound) from the days observed so far, with its 95 % (or `level`) interval.
    public func estimate(_ days: [DayObservation], level: Double = 0.95) -> GoalEstimate {
        let b = days.map(\.busyness)
        let expected = ConfidenceInterval.ratioOfSums(
            numerators: days.map(\.numerator), denominators: days.map(\.denominator),
            controls: [b, b.map { ($0 - 1) * ($0 - 1) }], controlMeans: [1, days.first?.busynessVariance ?? 0], level: level,
            variance: .regression)
        guard onShareOfDays != nil else {
            // The interval within the quantity's possible range: rates in [0, 1], seconds ≥ 0.
            let (low, high) = metric == .asaSeconds ? (max(0, expected.low), expected.high)
                : (min(1, max(0, expected.low)), max(0, min(1, expected.high)))
            return GoalEstimate(value: expected.mean, low: low, high: high, days: days.count, expected: expected)
        }
        let met = days.count { $0.denominator == 0 || meets($0.numerator / $0.denominator) }
        let share = ProportionInterval.wilson(successes: met, trials: days.count, level: level)
        return GoalEstimate(value: share.estimate, low: share.low, high: share.high, days: days.count, expected: expected)
    }

    /// Whether an estimate meets the goal (on its value; NaN, no call in the period, meets).
    public func isMet(by e: GoalEstimate) -> Bool {
        if let p = onShareOfDays { return e.value >= p }
        return e.value.isNaN || meets(e.value)
    }

    /// Whether the estimate's interval holds the bound: the days seen cannot tell a
    /// period that meets the goal from one that misses it.
    public func isUndecided(_ e: GoalEstimate) -> Bool {
        let target = onShareOfDays ?? bound
        return !e.value.isNaN && e.low < target && target < e.high
    }

    /// The decision the days so far allow: clear when the interval lies on one side of
    /// the bound, "too close to call" (decided on the estimate) once the half-width is at
    /// most `precision` or `maxDays` days have been used; nil: simulate more days.
    public func decision(_ days: [DayObservation], maxDays: Int) -> GoalDecision? {
        guard days.count >= 2 else { return nil }
        let e = estimate(days)
        if e.value.isNaN { return GoalDecision(meets: true, clear: true, estimate: e) }  // no calls in this period
        let target = onShareOfDays ?? bound
        let above = atLeast || onShareOfDays != nil
        let (pass, fail) = above ? (e.low >= target, e.high < target) : (e.high <= target, e.low > target)
        if pass || fail { return GoalDecision(meets: pass, clear: true, estimate: e) }
        let halfWidth = onShareOfDays == nil ? (e.expected.high - e.expected.low) / 2 : (e.high - e.low) / 2  // before clipping
        if halfWidth <= precision || days.count >= maxDays || halfWidth.isNaN {
            return GoalDecision(meets: isMet(by: e), clear: false, estimate: e)
        }
        return nil
    }
}

/// A period's numerator and denominator on one simulated day (or one replication), and
/// the day's busyness factor B ~ Gamma(mean 1, variance 1/shape) (B = 1, variance 0,
/// without busyness): B and (B − 1)² are control variates with exactly known means.
public struct DayObservation: Sendable, Equatable {
    public var numerator: Double
    public var denominator: Double
    public var busyness: Double
    public var busynessVariance: Double
    public init(numerator: Double, denominator: Double, busyness: Double = 1, busynessVariance: Double = 0) {
        self.numerator = numerator
        self.denominator = denominator
        self.busyness = busyness
        self.busynessVariance = busynessVariance
    }
}

/// The goal's quantity over some days: the expected value (ratio of sums) or the share
/// of days meeting the bound, with its 95 % interval; `expected` is the ratio of sums
/// either way (what a planner reads as "the period's service level").
public struct GoalEstimate: Sendable, Equatable {
    public var value: Double
    public var low: Double
    public var high: Double
    public var days: Int
    public var expected: ConfidenceInterval
}

/// A candidate judged against the goal.
public struct GoalDecision: Sendable, Equatable {
    public var meets: Bool
    /// false: "too close to call" (the interval straddles the bound at the precision or
    /// the day limit; decided on the estimate).
    public var clear: Bool
    public var estimate: GoalEstimate
}
