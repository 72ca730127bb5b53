import ContactCenter
import Foundation
import Measures

/// The replications of one configuration: each one's counters and metrics (as numerator
/// and denominator), and per metric the ratio-of-sums estimate over replications with
/// its delta-method interval.
///
/// Memory stays small per replication, so that the documented 100,000 replications fit:
/// each run's wait histogram (26 KB) is merged into `waits` and dropped from `runs`, and
/// the metrics are kept as two rows of numbers per run under shared names (not one
/// dictionary per run). About 1.5 KB per replication remains (more with periods or many
/// call types).
public struct ReplicatedResult: Sendable {
    /// Each replication's counters, without its wait histogram (see `waits`).
    public let runs: [CenterCounters]
    /// The waits of every replication together.
    public let waits: WaitHistogram
    /// The metric names, sorted; `numerators[r][i] ÷ denominators[r][i]` is metric i of
    /// replication r.
    public let metricNames: [String]
    let numerators: [[Double]]
    let denominators: [[Double]]
    let column: [String: Int]

    /// From whole counters (their histograms are merged, then dropped).
    public init(runs: [CenterCounters]) {
        let fractions = runs.map(\.fractions)  // built once per run (each is a full pass over the counters)
        let names = Array(Set(fractions.flatMap(\.keys))).sorted()
        var waits = WaitHistogram()
        for run in runs { waits.merge(run.waits) }
        let rows = fractions.map { Self.row($0, names: names) }
        self.init(runs: runs.map(Self.withoutWaits), metricNames: names, numerators: rows.map(\.numerators),
                  denominators: rows.map(\.denominators), waits: waits)
    }

    init(runs: [CenterCounters], metricNames: [String], numerators: [[Double]], denominators: [[Double]], waits: WaitHistogram) {
        self.runs = runs
        self.metricNames = metricNames
        self.numerators = numerators
        self.denominators = denominators
        self.waits = waits
        column = Dictionary(uniqueKeysWithValues: metricNames.enumerated().map { ($1, $0) })
    }

    /// A run's fractions in the order of `names` (a metric it lacks is 0 ÷ 0).
    static func row(_ fractions: [String: Fraction], names: [String]) -> (numerators: [Double], denominators: [Double]) {
        let f = names.map { fractions[$0] ?? Fraction(0, 0) }
        return (f.map(\.numerator), f.map(\.denominator))
    }

    /// A run's metrics in the order of `names`, and its counters without the histogram.
    static func compact(_ run: CenterCounters, names: [String])
        -> (counters: CenterCounters, numerators: [Double], denominators: [Double]) {
        let r = row(run.fractions, names: names)
        return (withoutWaits(run), r.numerators, r.denominators)
    }

    static func withoutWaits(_ run: CenterCounters) -> CenterCounters {
        var counters = run
        counters.waits = WaitHistogram()
        return counters
    }

    /// Replications 0..<`replications` of every config on the same streams (common random
    /// numbers), on up to `jobs` threads, each compacted as soon as it ends (its histogram
    /// merged into its config's under a lock: integer counts, so the sum does not depend on
    /// the order). Results do not depend on `jobs`.
    public static func simulate(_ configs: [CenterConfig], seed: UInt64, replications n: Int, jobs: Int,
                                finished: @Sendable (Int) -> Void = { _ in }) -> [ReplicatedResult] {
        let names = configs.map(CenterModel.metricNames)
        let merged = configs.map { _ in MergedWaits() }
        let rows = runReplications(count: configs.count * n, jobs: jobs, finished: finished) { k in
            let v = k / n
            let run = CenterModel.simulate(configs[v], seed: seed, replication: UInt64(k % n))
            merged[v].add(run.waits)
            return compact(run, names: names[v])
        }
        return configs.indices.map { v in
            let mine = rows[(v * n)..<((v + 1) * n)]
            return ReplicatedResult(runs: mine.map(\.counters), metricNames: names[v], numerators: mine.map(\.numerators),
                                    denominators: mine.map(\.denominators), waits: merged[v].histogram)
        }
    }

    /// Each replication's metrics by name (built on demand; for tests and small runs).
    public var metricsByRun: [[String: Double]] {
        numerators.indices.map { r in
            Dictionary(uniqueKeysWithValues: metricNames.indices.map { (metricNames[$0], Fraction(numerators[r][$0], denominators[r][$0]).value) })
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
        guard let i = column[metric] else { return (runs.map { _ in 0 }, runs.map { _ in 0 }) }
        return (numerators.map { $0[i] }, denominators.map { $0[i] })
    }

    /// 95 % (or `level`) interval of `metric`: Σ numerators ÷ Σ denominators over the
    /// replications, with the delta-method half-width (`ConfidenceInterval.ratioOfSums`;
    /// for a count, ÷ 1, the Student t interval of the mean). n = replications.
    public func interval(_ metric: String, level: Double = 0.95) -> ConfidenceInterval {
        let f = fractions(metric)
        return ConfidenceInterval.ratioOfSums(numerators: f.numerators, denominators: f.denominators, level: level)
    }

    /// Per period of a day plan, each replication's fractions of `PeriodCounters` metric `name`.
    public func periodFractions(_ period: Int, _ name: String) -> (numerators: [Double], denominators: [Double]) {
        let f = runs.map { $0.periods[period].fractions(periodSeconds: $0.periodSeconds)[name]! }
        return (f.map(\.numerator), f.map(\.denominator))
    }

    /// Conservation over all replications: every measured arrival ended exactly once
    /// (in the IVR or at the queue), and none was left unfinished.
    public var isConserved: Bool { runs.allSatisfy(\.isConserved) }
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
