import ContactCenter
import Measures

/// Quantities every replication observes whose expectations the configuration fixes
/// exactly, used as control variates (`ConfidenceInterval.ratioOfSums(…controls:…)`,
/// Lavenberg & Welch 1981): the day's busyness factor B (mean 1; over several days the
/// mean of the days' factors), and the first-attempt
/// arrivals of the window — Poisson at known rates, so E[N] = Σ_types Σ_periods λ·length
/// (× E[B] = 1) — over the whole window for a replication's metrics, over the period for
/// a period's. A control without spread (no busyness; a horizon of calls, whose arrivals
/// are fixed) drops out of the regression.
///
/// Days that happen to be light or busy move every figure of a plain estimate; the
/// regression removes what B and the arrivals explain of the spread between days and
/// corrects the estimate to the days' expected volume. It is linear: a figure that bends
/// with the volume (a service level that collapses on busy days) is corrected by the
/// slope the sampled days show, which a few light days underestimate; the interval is
/// therefore the jackknife's (`ControlVariateVariance.jackknife`), whose coverage at 20
/// days is at least the plain interval's at 0.72–0.83 of its width (measured there).
/// `run`, `compare` and `sweep` use them by default on days with busyness
/// (`byDefault`) from `minimumReplications` days on; `check` keeps the plain estimates.
public struct ControlVariates: Sendable, Equatable {
    /// The fewest replications the controls are used with: their interval's coverage was
    /// measured at 20 days (fewer leave the regression and the jackknife too few degrees
    /// of freedom); below, the estimates are the plain ones and summary.json says so.
    public static let minimumReplications = 20

    /// Whether the controls are used unless asked otherwise: when some configuration's
    /// days vary (`busyness:`), whose factor B explains most of the spread between days.
    /// Without it the only control is a window's Poisson arrivals, which explain little of
    /// a rate's spread: on the bank hotline (20 replications, common random numbers) the
    /// service level's half-width went 4.9 → 4.6 points but its paired difference's
    /// 2.1 → 2.5 (the jackknife's price), so there they stay an option.
    public static func byDefault(_ configs: [CenterConfig]) -> Bool { configs.contains { $0.day?.busynessShape != nil } }

    /// Whether estimates over `replications` days of `configs` use the controls when
    /// `asked`: with enough days, and some control that varies with a known expectation.
    public static func used(asked: Bool, replications: Int, configs: [CenterConfig]) -> Bool {
        asked && replications >= minimumReplications
            && configs.contains { $0.day?.busynessShape != nil || ControlVariates($0).expectedOffered != nil }
    }

    /// Expected first-attempt arrivals in the window; nil when not known exactly (renewal
    /// arrivals that are not Poisson, or a horizon of calls).
    public let expectedOffered: Double?
    /// Per period of a day plan, the expected arrivals (empty without one).
    public let expectedPeriodOffered: [Double]

    /// The controls' names, as summary.json lists them.
    public static let names = ["busyness", Metric.offered.name]

    public init(_ config: CenterConfig) {
        // Deferred work (e-mail) is not in the center's or the periods' `offered`.
        let realTime = config.callTypes.indices.filter { config.callTypes[$0].channel.isRealTime }
        if let day = config.day {
            expectedPeriodOffered = (0..<day.count).map { p in
                realTime.reduce(0) { $0 + day.arrivalsPerHour[$1][p] } * day.periodSeconds / 3600
            }
            expectedOffered = expectedPeriodOffered.reduce(0, +)
        } else {
            expectedPeriodOffered = []
            let poisson = config.callTypes.allSatisfy { $0.interarrivalSeconds == .exponential(mean: $0.interarrivalSeconds.mean) }
            if case .time(_, let measured) = config.horizon, poisson {
                expectedOffered = realTime.reduce(0) { $0 + config.callTypes[$1].arrivalsPerHour } * measured / 3600
            } else {
                expectedOffered = nil
            }
        }
    }

    /// Whether `metric` is estimated with the controls: every metric but the arrivals
    /// themselves (`offered`, `<type>.offered`), whose plain mean says what was simulated.
    public static func applies(to metric: String) -> Bool { Metric.named(metric)?.name != Metric.offered.name }

    /// The controls of the replications of `result` (one list per control) and their
    /// expectations, for the whole window.
    public func window(_ result: ReplicatedResult) -> (values: [[Double]], means: [Double]) {
        var values = [result.records.map(\.busyness)], means = [1.0]
        if let expectedOffered {
            values.append(result.fractions(Metric.offered.name).numerators)
            means.append(expectedOffered)
        }
        return (values, means)
    }

    /// The same for period `k` of a day plan (its own arrivals).
    public func period(_ k: Int, of result: ReplicatedResult) -> (values: [[Double]], means: [Double]) {
        var values = [result.records.map(\.busyness)], means = [1.0]
        if expectedPeriodOffered.indices.contains(k) {
            values.append(result.periodFractions(k, Metric.offered.name).numerators)
            means.append(expectedPeriodOffered[k])
        }
        return (values, means)
    }
}
