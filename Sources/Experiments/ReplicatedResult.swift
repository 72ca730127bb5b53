import ContactCenter
import Foundation
import Measures

/// What the summaries need of one replication, and all a shard keeps of it: each
/// metric's numerator and denominator (in the order of the result's `metricNames`), each
/// period's (period-major, in the order of the result's `periodMetricNames`), and the run's health.
public struct ReplicationRecord: Sendable, Equatable {
    public var numerators: [Double]
    public var denominators: [Double]
    public var periodNumerators: [Double]
    public var periodDenominators: [Double]
    /// Measured attempts that ended (any outcome); those the horizon asked for
    /// (`Horizon.calls`, else nil); those left unfinished; IVR walks cut at the step limit.
    public var endedCalls: Int
    public var requestedCalls: Int?
    public var unfinished: Int
    public var ivrStepLimit: Int
    public var truncated: Bool
    public var conserved: Bool
    /// The day's busyness factor B (1 without busyness): a control variate.
    public var busyness: Double

    public init(numerators: [Double], denominators: [Double], periodNumerators: [Double], periodDenominators: [Double],
                endedCalls: Int, requestedCalls: Int?, unfinished: Int, ivrStepLimit: Int, truncated: Bool, conserved: Bool,
                busyness: Double = 1) {
        self.numerators = numerators
        self.denominators = denominators
        self.periodNumerators = periodNumerators
        self.periodDenominators = periodDenominators
        self.endedCalls = endedCalls
        self.requestedCalls = requestedCalls
        self.unfinished = unfinished
        self.ivrStepLimit = ivrStepLimit
        self.truncated = truncated
        self.conserved = conserved
        self.busyness = busyness
    }

    /// A run's record, its metrics in the order of `names` (a metric it lacks is 0 ÷ 0).
    public init(_ run: CenterCounters, names: [String]) {
        let fractions = run.fractions
        let f = names.map { fractions[$0] ?? Fraction(0, 0) }
        let periods = run.periods.flatMap { p in
            let pf = p.fractions(periodSeconds: run.periodSeconds)
            return p.metricNames.map { pf[$0]! }
        }
        self.init(numerators: f.map(\.numerator), denominators: f.map(\.denominator),
                  periodNumerators: periods.map(\.numerator), periodDenominators: periods.map(\.denominator),
                  endedCalls: run.endedCalls, requestedCalls: run.requestedCalls, unfinished: run.unfinished,
                  ivrStepLimit: run.ivr.stepLimit, truncated: run.truncated, conserved: run.isConserved, busyness: run.busyness)
    }

    /// Whether this replication has the conditional metric `name` nonzero
    /// (`CenterCounters.conditionalMetricNames`).
    public func hasNonzero(_ name: String) -> Bool {
        switch name {
        case "unfinished": unfinished > 0
        case Metric.ivrStepLimitRate.name: ivrStepLimit > 0
        default: true
        }
    }
}

/// The replications of one configuration: each one's record (metrics as numerator and
/// denominator, health), and per metric the ratio-of-sums estimate over replications
/// with its delta-method interval.
///
/// Memory stays small per replication, so that the documented 100,000 replications fit:
/// each run's wait histogram (26 KB) is merged into `waits`, and the metrics are kept as
/// rows of numbers under shared names (not one dictionary per run). About 1.5 KB per
/// replication remains (more with periods or many call types). A result rebuilt from the
/// records of shards (`init(metricNames:…records:…)`) has no `runs`.
public struct ReplicatedResult: Sendable {
    /// Each replication's counters, without its wait histogram (simulated here; empty for
    /// a result rebuilt from records).
    public let runs: [CenterCounters]
    /// Each replication's record, in replication order.
    public let records: [ReplicationRecord]
    /// The waits of every replication together.
    public let waits: WaitHistogram
    /// The metric names, sorted: the columns of the records.
    public let metricNames: [String]
    /// The metric names in report order (`CenterCounters.orderedMetricNames`).
    public let metricOrder: [String]
    /// Day plans: the periods' clock labels ("08:00", …); empty otherwise.
    public let periodLabels: [String]
    let column: [String: Int]

    /// From whole counters (their histograms are merged, then dropped).
    public init(runs: [CenterCounters]) {
        let names = Array(Set(runs.flatMap { $0.fractions.keys })).sorted()
        var waits = WaitHistogram()
        for run in runs { waits.merge(run.waits) }
        self.init(runs: runs.map(Self.withoutWaits), records: runs.map { ReplicationRecord($0, names: names) }, metricNames: names,
                  metricOrder: runs.first?.orderedMetricNames ?? [], periodLabels: runs.first?.periodLabels ?? [], waits: waits)
    }

    /// From records (e.g. read back from shards): the same summaries as the runs they
    /// were made of.
    public init(metricNames: [String], metricOrder: [String], periodLabels: [String], records: [ReplicationRecord],
                waits: WaitHistogram) {
        self.init(runs: [], records: records, metricNames: metricNames, metricOrder: metricOrder, periodLabels: periodLabels,
                  waits: waits)
    }

    init(runs: [CenterCounters], records: [ReplicationRecord], metricNames: [String], metricOrder: [String],
         periodLabels: [String], waits: WaitHistogram) {
        self.runs = runs
        self.records = records
        self.metricNames = metricNames
        self.metricOrder = metricOrder
        self.periodLabels = periodLabels
        self.waits = waits
        column = Dictionary(uniqueKeysWithValues: metricNames.enumerated().map { ($1, $0) })
    }

    static func withoutWaits(_ run: CenterCounters) -> CenterCounters {
        var counters = run
        counters.waits = WaitHistogram()
        return counters
    }

    /// Replication `replication` of `config`, compacted: its record, its counters without
    /// the histogram, and the histogram apart.
    public static func replicate(_ config: CenterConfig, names: [String], seed: UInt64, replication: UInt64)
        -> (record: ReplicationRecord, counters: CenterCounters, waits: WaitHistogram) {
        let run = CenterModel.simulate(config, seed: seed, replication: replication)
        return (ReplicationRecord(run, names: names), withoutWaits(run), run.waits)
    }

    /// Replications 0..<`replications` of every config on the same streams (common random
    /// numbers), on up to `jobs` threads, each compacted as soon as it ends (its histogram
    /// merged into its config's under a lock: integer counts, so the sum does not depend on
    /// the order). Results do not depend on `jobs`.
    public static func simulate(_ configs: [CenterConfig], seed: UInt64, replications n: Int, jobs: Int,
                                finished: @Sendable (Int) -> Void = { _ in }) -> [ReplicatedResult] {
        let layouts = configs.map(CenterModel.metricLayout)
        let merged = configs.map { _ in MergedWaits() }
        let rows = runReplications(count: configs.count * n, jobs: jobs, finished: finished) { k in
            let v = k / n
            let r = replicate(configs[v], names: layouts[v].names, seed: seed, replication: UInt64(k % n))
            merged[v].add(r.waits)
            return r
        }
        return configs.indices.map { v in
            let mine = rows[(v * n)..<((v + 1) * n)]
            return ReplicatedResult(runs: mine.map(\.counters), records: mine.map(\.record), metricNames: layouts[v].names,
                                    metricOrder: layouts[v].order, periodLabels: layouts[v].periodLabels, waits: merged[v].histogram)
        }
    }

    /// Each replication's metrics by name (built on demand; for tests and small runs).
    public var metricsByRun: [[String: Double]] {
        records.map { r in
            Dictionary(uniqueKeysWithValues: metricNames.indices.map { (metricNames[$0], Fraction(r.numerators[$0], r.denominators[$0]).value) })
        }
    }

    /// The value of `metric` in each replication, in replication order (NaN where undefined
    /// or unknown).
    public func samples(_ metric: String) -> [Double] {
        let f = fractions(metric)
        return zip(f.numerators, f.denominators).map { Fraction($0, $1).value }
    }

    /// Each replication's numerator and denominator of `metric`, in replication order (0 ÷ 0
    /// for an unknown metric).
    public func fractions(_ metric: String) -> (numerators: [Double], denominators: [Double]) {
        guard let i = column[metric] else { return (records.map { _ in 0 }, records.map { _ in 0 }) }
        return (records.map { $0.numerators[i] }, records.map { $0.denominators[i] })
    }

    /// 95 % (or `level`) interval of `metric`: Σ numerators ÷ Σ denominators over the
    /// replications, with the delta-method half-width (`ConfidenceInterval.ratioOfSums`;
    /// for a count, ÷ 1, the Student t interval of the mean). n = replications.
    public func interval(_ metric: String, level: Double = 0.95) -> ConfidenceInterval {
        let f = fractions(metric)
        return ConfidenceInterval.ratioOfSums(numerators: f.numerators, denominators: f.denominators, level: level)
    }

    /// `interval` with `controls` as control variates (`ControlVariates`), unless the metric
    /// is one of the controls (then plain).
    public func interval(_ metric: String, controls: ControlVariates, level: Double = 0.95) -> ConfidenceInterval {
        guard ControlVariates.applies(to: metric) else { return interval(metric, level: level) }
        let f = fractions(metric), c = controls.window(self)
        return ConfidenceInterval.ratioOfSums(numerators: f.numerators, denominators: f.denominators, controls: c.values,
                                              controlMeans: c.means, level: level)
    }

    /// Day plans: period `k`'s interval of `metric` (as `interval`), with the period's
    /// control values `controls` (`ControlVariates.period`, computed once per period) when
    /// given and the metric is not a control or the period's head count (no spread).
    public func periodInterval(_ k: Int, _ metric: String, controls: (values: [[Double]], means: [Double])?,
                               level: Double = 0.95) -> ConfidenceInterval {
        let f = periodFractions(k, metric)
        guard let controls, ControlVariates.applies(to: metric), metric != Metric.agents.name else {
            return ConfidenceInterval.ratioOfSums(numerators: f.numerators, denominators: f.denominators, level: level)
        }
        return ConfidenceInterval.ratioOfSums(numerators: f.numerators, denominators: f.denominators, controls: controls.values,
                                              controlMeans: controls.means, level: level)
    }

    /// Day plans: the number of periods.
    public var periodCount: Int { periodLabels.count }

    /// Day plans: the metrics of each period, in record order (`PeriodCounters.metricNames`,
    /// with the IVR's, the outbound campaigns' and each channel's when the center has them;
    /// a call type may not be named as a channel, so `chat.offered` means the channel).
    public var periodMetricNames: [String] {
        PeriodCounters.metricNames(withIVR: metricNames.contains(Metric.meanIVRSeconds.name),
                                   withOutbound: metricNames.contains(Metric.outboundAttempts.name),
                                   channels: Channel.allCases.filter { metricNames.contains($0.figure(Metric.offered.name)) })
    }

    /// Per period of a day plan, each replication's fractions of `PeriodCounters` metric `name`.
    public func periodFractions(_ period: Int, _ name: String) -> (numerators: [Double], denominators: [Double]) {
        let names = periodMetricNames
        let i = period * names.count + names.firstIndex(of: name)!
        return (records.map { $0.periodNumerators[i] }, records.map { $0.periodDenominators[i] })
    }

    /// Conservation over all replications: every measured arrival ended exactly once
    /// (in the IVR or at the queue), and none was left unfinished.
    public var isConserved: Bool { records.allSatisfy(\.conserved) }
}

/// Wait histograms merged from several threads.
final class MergedWaits: @unchecked Sendable {
    private let lock = NSLock()
    private var merged = WaitHistogram()

    func add(_ waits: WaitHistogram) {
        lock.lock()
        merged.merge(waits)
        lock.unlock()
    }

    var histogram: WaitHistogram {
        lock.lock()
        defer { lock.unlock() }
        return merged
    }
}
