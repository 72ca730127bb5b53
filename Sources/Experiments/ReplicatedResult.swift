import ContactCenter
import Foundation
import Measures

/// The replications of one configuration: each one's counters and metrics, and per metric
/// the Student t interval over replications.
///
/// Memory stays small per replication, so that the documented 100,000 replications fit:
/// each run's wait histogram (26 KB) is merged into `waits` and dropped from `runs`, and
/// the metrics are kept as one row of numbers per run under shared names (not one
/// dictionary per run). About 1 KB per replication remains (more with periods or many
/// call types).
public struct ReplicatedResult: Sendable {
    /// Each replication's counters, without its wait histogram (see `waits`).
    public let runs: [CenterCounters]
    /// The waits of every replication together.
    public let waits: WaitHistogram
    /// The metric names, sorted; `values[r][i]` is metric i of replication r (NaN: undefined).
    public let metricNames: [String]
    let values: [[Double]]
    let column: [String: Int]

    /// From whole counters (their histograms are merged, then dropped).
    public init(runs: [CenterCounters]) {
        let metrics = runs.map(\.metrics)  // built once per run (each is a full pass over the counters)
        let names = Array(Set(metrics.flatMap(\.keys))).sorted()
        var waits = WaitHistogram()
        for run in runs { waits.merge(run.waits) }
        self.init(runs: runs.map(Self.withoutWaits), metricNames: names,
                  values: metrics.map { m in names.map { m[$0] ?? .nan } }, waits: waits)
    }

    init(runs: [CenterCounters], metricNames: [String], values: [[Double]], waits: WaitHistogram) {
        self.runs = runs
        self.metricNames = metricNames
        self.values = values
        self.waits = waits
        column = Dictionary(uniqueKeysWithValues: metricNames.enumerated().map { ($1, $0) })
    }

    /// A run's metrics in the order of `names`, and its counters without the histogram.
    static func compact(_ run: CenterCounters, names: [String]) -> (counters: CenterCounters, metrics: [Double]) {
        let m = run.metrics
        return (withoutWaits(run), names.map { m[$0] ?? .nan })
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
            return ReplicatedResult(runs: mine.map(\.counters), metricNames: names[v], values: mine.map(\.metrics),
                                    waits: merged[v].histogram)
        }
    }

    /// Each replication's metrics by name (built on demand; for tests and small runs).
    public var metricsByRun: [[String: Double]] {
        values.map { row in Dictionary(uniqueKeysWithValues: zip(metricNames, row)) }
    }

    /// The value of `metric` in each replication, in replication order (NaN where undefined
    /// or unknown).
    public func samples(_ metric: String) -> [Double] {
        guard let i = column[metric] else { return values.map { _ in .nan } }
        return values.map { $0[i] }
    }

    /// 95 % (or `level`) confidence interval of `metric` over replications, ignoring
    /// replications where the metric is undefined (NaN).
    public func interval(_ metric: String, level: Double = 0.95) -> ConfidenceInterval {
        ConfidenceInterval.studentT(samples(metric).filter { !$0.isNaN }, level: level)
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
