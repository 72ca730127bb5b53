import ContactCenter
import Measures

/// One metric over replications: the ratio-of-sums estimate ("mean") and its 95 %
/// delta-method interval (`ReplicatedResult.interval`), with control variates when
/// `plainHalfWidth` is set (the plain estimate's half-width, for the reduction achieved).
public struct MetricSummary: Sendable, Equatable {
    public let mean: Double
    public let ciLow: Double
    public let ciHigh: Double
    public let halfWidth: Double
    /// Replications.
    public let n: Int
    /// With control variates: the plain estimate's half-width (nil: the plain estimate).
    public let plainHalfWidth: Double?

    public init(mean: Double, ciLow: Double, ciHigh: Double, halfWidth: Double, n: Int, plainHalfWidth: Double? = nil) {
        self.mean = mean
        self.ciLow = ciLow
        self.ciHigh = ciHigh
        self.halfWidth = halfWidth
        self.n = n
        self.plainHalfWidth = plainHalfWidth
    }

    public init(_ ci: ConfidenceInterval, plain: ConfidenceInterval? = nil) {
        mean = ci.mean
        halfWidth = ci.halfWidth
        ciLow = ci.low
        ciHigh = ci.high
        n = ci.n
        plainHalfWidth = plain?.halfWidth
    }

    /// The plain estimate with the controls' correction when they apply: `controlled` nil
    /// (no controls asked for) gives the plain estimate.
    init(plain: ConfidenceInterval, controlled: ConfidenceInterval?) {
        if let controlled { self.init(controlled, plain: plain) } else { self.init(plain) }
    }

    /// (plain ÷ controlled half-width)²: how many times more replications the plain
    /// estimate needs for the same precision (nil without controls or a half-width).
    public var replicationsFactor: Double? {
        guard let plainHalfWidth, halfWidth > 0, plainHalfWidth.isFinite, halfWidth.isFinite else { return nil }
        return (plainHalfWidth / halfWidth) * (plainHalfWidth / halfWidth)
    }
}

/// The results of one variant: every metric by its stable name.
public struct VariantSummary: Sendable, Equatable {
    public let metrics: [String: MetricSummary]
    /// The metric names in report order (standard ones, then per call type and per group).
    public let metricOrder: [String]
    /// Every measured arrival ended exactly once in every replication.
    public let conserved: Bool
    /// Replications that hit the simulated-time bound before all calls finished.
    public let truncatedReplications: Int
    /// Run health over all replications: measured calls that ended (any outcome,
    /// redials included), and those the horizon asked for (`Horizon.calls`; nil for a
    /// time window, where the arrivals are whatever the window brings).
    public let completedCalls: Int
    public let requestedCalls: Int?
    /// Calls still in the center when their replication ended, over all replications
    /// (then `unfinished` is also among the metrics; likewise `ivr_step_limit_rate`).
    public let unfinishedCalls: Int
    /// IVR walks that reached the bound on node visits, over all replications.
    public let ivrStepLimitWalks: Int
    /// Day plans: the periods whose calls were left unfinished in some replication.
    public let periodsWithUnfinishedCalls: [Int]
    /// Waits of every replication's queued calls together (for the distribution plot).
    public let waits: WaitHistogram
    /// Day plans: per period, each `PeriodCounters` metric over replications.
    public let periods: [[String: MetricSummary]]

    /// The replications' summary; with `controls`, every estimate but the arrivals' uses
    /// them as control variates (`ControlVariates`).
    public init(_ result: ReplicatedResult, controls: ControlVariates? = nil) {
        var metrics: [String: MetricSummary] = [:]
        let records = result.records
        unfinishedCalls = records.reduce(0) { $0 + $1.unfinished }
        ivrStepLimitWalks = records.reduce(0) { $0 + $1.ivrStepLimit }
        metricOrder = result.metricOrder
            + CenterCounters.conditionalMetricNames.filter { name in records.contains { $0.hasNonzero(name) } }
        for name in metricOrder {
            let plain = result.interval(name)
            metrics[name] = MetricSummary(plain: plain, controlled: controls.flatMap {
                ControlVariates.applies(to: name) ? result.interval(name, controls: $0) : nil
            })
        }
        self.metrics = metrics
        conserved = result.isConserved
        truncatedReplications = records.filter(\.truncated).count
        completedCalls = records.reduce(0) { $0 + $1.endedCalls }
        requestedCalls = records.contains { $0.requestedCalls == nil } ? nil : records.reduce(0) { $0 + $1.requestedCalls! }
        periodsWithUnfinishedCalls = (0..<result.periodCount).filter { k in
            result.periodFractions(k, "unfinished").numerators.contains { $0 > 0 }
        }
        waits = result.waits
        periods = VariantSummary.periodSummaries(result, controls: controls)
    }
}

extension VariantSummary {
    /// The service level's estimate (`Metric.serviceLevel`), when the run has one.
    public var serviceLevel: MetricSummary? { metrics[Metric.serviceLevel.name] }
}

extension VariantSummary {
    /// Why the replications stopped: `completed` (every measured call ended),
    /// `time_cap` (some replication reached horizon.max_simulated_seconds first) or
    /// `calls_left_waiting` (the day ended with calls no agent was left to serve).
    public var stopReason: String {
        truncatedReplications > 0 ? "time_cap" : (unfinishedCalls > 0 ? "calls_left_waiting" : "completed")
    }

    /// Per period, each metric's ratio-of-sums estimate and 95 % delta-method interval
    /// over replications (as `ReplicatedResult.interval`), with `controls` on the period's
    /// own arrivals when given. The periods on all cores (each lands at its index: the same
    /// summary for any number of threads).
    static func periodSummaries(_ result: ReplicatedResult, controls: ControlVariates?) -> [[String: MetricSummary]] {
        runReplications(count: result.periodCount, jobs: availableCores) { k in
            var out: [String: MetricSummary] = [:]
            let c = controls?.period(k, of: result)
            for name in result.periodMetricNames {
                let plain = result.periodInterval(k, name, controls: nil)
                out[name] = MetricSummary(plain: plain, controlled: c.flatMap { c in
                    ControlVariates.applies(to: name) && name != Metric.agents.name ? result.periodInterval(k, name, controls: c) : nil
                })
            }
            return out
        }
    }
}

/// Which paired differences a comparison reports.
public enum ComparisonPairs: Sendable, Equatable {
    case none
    /// Every other variant − this one.
    case baseline(String)
    /// Every pair, later − earlier in declaration order.
    case allPairs
}

/// One paired difference of a metric: its interval, the p-value of "no difference", and
/// whether it survives Holm's correction over every difference of the run.
public struct DifferenceSummary: Sendable, Equatable {
    public let interval: MetricSummary
    public let pValue: Double
    public let survivesHolm: Bool

    public init(interval: MetricSummary, pValue: Double, survivesHolm: Bool) {
        self.interval = interval
        self.pValue = pValue
        self.survivesHolm = survivesHolm
    }
}

/// `variant` − `baseline`, per metric, on common random numbers.
public struct Difference: Sendable, Equatable {
    public let variant: String
    public let baseline: String
    public let metrics: [String: DifferenceSummary]

    public init(variant: String, baseline: String, metrics: [String: DifferenceSummary]) {
        self.variant = variant
        self.baseline = baseline
        self.metrics = metrics
    }

    /// `dynamic-minus-static`: its key in summary.json and its variant in summary.csv.
    public var name: String { "\(variant)-minus-\(baseline)" }
}

/// A whole run: the scenario's identity and its variants (a scenario without variants
/// has the single variant `base`).
public struct RunSummary: Sendable, Equatable {
    public let scenario: String
    public let seed: UInt64
    public let replications: Int
    public let variants: [String: VariantSummary]
    /// Variant names in declaration order.
    public let variantOrder: [String]
    /// The paired differences, in the order of the plan (variants in declaration order).
    public let differences: [Difference]
    public let pairs: ComparisonPairs
    /// Day plans: the periods' clock labels ("08:00", …); empty otherwise.
    public let periodLabels: [String]
    /// The estimates use control variates (`ControlVariates`).
    public let controlVariates: Bool

    public init(scenario: String, seed: UInt64, replications: Int, variants: [(String, VariantSummary)],
                differences: [Difference] = [], pairs: ComparisonPairs = .none, periodLabels: [String] = [],
                controlVariates: Bool = false) {
        self.periodLabels = periodLabels
        self.controlVariates = controlVariates
        self.scenario = scenario
        self.seed = seed
        self.replications = replications
        self.variants = Dictionary(uniqueKeysWithValues: variants)
        variantOrder = variants.map(\.0)
        self.differences = differences
        self.pairs = pairs
    }

    /// The variant every other is compared with (`.baseline`), else nil.
    public var baseline: String? {
        if case .baseline(let name) = pairs { return name }
        return nil
    }

    /// The number of differences Holm's correction ran over (those with a p-value).
    public var holmFamilySize: Int { differences.reduce(0) { $0 + $1.metrics.values.filter { !$0.pValue.isNaN }.count } }
}
