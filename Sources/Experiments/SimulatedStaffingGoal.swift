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
///
/// A goal reads the period's live contacts (every call and chat, each against its own
/// type's target), or with `channel` one channel's; `further` goals (e.g. chat's service
/// level beside the calls') must hold in the same periods too: a candidate meets the
/// joint goal when it meets every part, misses it clearly when any part clearly misses.
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
    /// nil: every live contact of the period; else that channel's contacts.
    public var channel: Channel?
    /// Goals the same periods must meet as well (each with no `further` of its own).
    public var further: [SimulatedStaffingGoal] = []

    public init(metric: Quantity, bound: Double, onShareOfDays: Double? = nil, precision: Double? = nil, channel: Channel? = nil) {
        self.metric = metric
        self.bound = bound
        self.onShareOfDays = onShareOfDays
        self.precision = precision ?? Self.defaultPrecision(metric: metric, bound: bound, chance: onShareOfDays != nil)
        self.channel = channel
    }

    /// What this part reads: `service_level`, or `chat.service_level` for a channel's.
    public var name: String { channel.map { $0.figure(metric.name) } ?? metric.name }

    /// This goal and its further ones, in order.
    public var parts: [SimulatedStaffingGoal] { [self] + further.map { $0.withoutFurther } }

    private var withoutFurther: SimulatedStaffingGoal {
        var g = self
        g.further = []
        return g
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
    /// With further goals, `DayObservation.further` holds theirs. A channel the center does
    /// not have is 0 ÷ 0 (no contact failed).
    public func observation(_ day: CenterCounters, period k: Int) -> DayObservation {
        let period = day.periods[k]
        let queue = channel.map { period.queue(of: $0) ?? QueueTally() } ?? period.queue
        let f = metric.definition.value(queue)!
        var o = DayObservation(numerator: f.numerator, denominator: f.denominator, busyness: day.busyness,
                               busynessVariance: day.busynessVariance)
        o.further = further.map { $0.observation(day, period: k) }
        return o
    }

    /// The same for a whole replication (one traffic, no periods).
    public func observation(_ c: CenterCounters) -> DayObservation {
        let queue = channel.map { ch in c.byChannel.first { $0.name == ch.rawValue }?.queue ?? QueueTally() } ?? c.queue
        let f = metric.definition.value(queue)!
        var o = DayObservation(numerator: f.numerator, denominator: f.denominator)
        o.further = further.map { $0.observation(c) }
        return o
    }

    func meets(_ value: Double) -> Bool { atLeast ? value >= bound : value <= bound }

    /// The estimate of what the goal is about (expected value, or share of days meeting
    /// the bound) from the days observed so far, with its 95 % (or `level`) interval; the
    /// further goals' in `GoalEstimate.further`.
    public func estimate(_ days: [DayObservation], level: Double = 0.95) -> GoalEstimate {
        var e = ownEstimate(days, level: level)
        e.further = further.indices.map { i in further[i].ownEstimate(days.map { $0.further[i] }, level: level) }
        return e
    }

    private func ownEstimate(_ days: [DayObservation], level: Double) -> GoalEstimate {
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

    /// Whether an estimate meets the goal, every part of it (on its value; NaN, no call in
    /// the period, meets).
    public func isMet(by e: GoalEstimate) -> Bool {
        isOwnMet(by: e) && zip(further, e.further).allSatisfy { $0.isOwnMet(by: $1) }
    }

    /// Whether an estimate meets this part (not the further goals).
    public func isOwnMet(by e: GoalEstimate) -> Bool {
        if let p = onShareOfDays { return e.value >= p }
        return e.value.isNaN || meets(e.value)
    }

    /// Whether some part's interval holds its bound: the days seen cannot tell a period
    /// that meets the goal from one that misses it.
    public func isUndecided(_ e: GoalEstimate) -> Bool {
        let target = onShareOfDays ?? bound
        return (!e.value.isNaN && e.low < target && target < e.high) || zip(further, e.further).contains { $0.isUndecided($1) }
    }

    /// The decision the days so far allow: clear when every part's interval lies on its
    /// bound's passing side or some part's on its failing side; "too close to call"
    /// (decided on the estimates) when the parts left are at their `precision` or
    /// `maxDays` days have been used; nil: simulate more days.
    public func decision(_ days: [DayObservation], maxDays: Int) -> GoalDecision? {
        let own = ownDecision(days, maxDays: maxDays)
        guard !further.isEmpty else { return own }
        let parts = [own] + further.indices.map { i in further[i].ownDecision(days.map { $0.further[i] }, maxDays: maxDays) }
        if parts.contains(where: { $0.map { !$0.meets && $0.clear } ?? false }) {
            return GoalDecision(meets: false, clear: true, estimate: estimate(days))
        }
        guard parts.allSatisfy({ $0 != nil }) else { return nil }
        let decided = parts.map { $0! }
        var e = decided[0].estimate
        e.further = decided.dropFirst().map(\.estimate)
        return GoalDecision(meets: decided.allSatisfy(\.meets), clear: decided.allSatisfy(\.clear), estimate: e)
    }

    private func ownDecision(_ days: [DayObservation], maxDays: Int) -> GoalDecision? {
        guard days.count >= 2 else { return nil }
        let e = ownEstimate(days, level: 0.95)
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
    /// The further goals' observations of the same period and day (`SimulatedStaffingGoal.further`).
    public var further: [DayObservation] = []
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
    /// The further goals' estimates on the same days (`SimulatedStaffingGoal.further`).
    public var further: [GoalEstimate] = []
}

/// A candidate judged against the goal.
public struct GoalDecision: Sendable, Equatable {
    public var meets: Bool
    /// false: "too close to call" (the interval straddles the bound at the precision or
    /// the day limit; decided on the estimate).
    public var clear: Bool
    public var estimate: GoalEstimate
}
