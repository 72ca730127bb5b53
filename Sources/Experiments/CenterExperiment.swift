import ContactCenter
import Measures
import Stochastic

/// Replications of a single-queue center and their 95 % confidence intervals.
public struct CenterExperiment: Sendable {
    public let config: CenterConfig
    public let seed: UInt64
    public let replications: Int

    public init(config: CenterConfig, seed: UInt64, replications: Int) {
        precondition(replications >= 1, "at least one replication")
        precondition(seed <= StreamID.maxSeed, "seed out of range")
        self.config = config
        self.seed = seed
        self.replications = replications
    }

    /// Runs every replication r (substream r of every stream) on up to `jobs` threads;
    /// `finished` is told of each completed replication (see `runReplications`).
    public func run(jobs: Int = availableCores, finished: @Sendable (Int) -> Void = { _ in }) -> ReplicatedResult {
        let config = self.config, seed = self.seed
        let runs = runReplications(count: replications, jobs: jobs, finished: finished) { r in
            CenterModel.simulate(config, seed: seed, replication: UInt64(r))
        }
        return ReplicatedResult(runs: runs)
    }
}

/// Per-replication counters and, per metric, the Student t interval over replications.
public struct ReplicatedResult: Sendable {
    public let runs: [CenterCounters]
    /// Each replication's metrics, built once (`CenterCounters.metrics` builds them all:
    /// looking one up per metric made a summary quadratic in the number of metrics).
    public let metricsByRun: [[String: Double]]

    public init(runs: [CenterCounters]) {
        self.runs = runs
        metricsByRun = runs.map(\.metrics)
    }

    /// The value of `metric` in each replication, in replication order.
    public func samples(_ metric: String) -> [Double] { metricsByRun.map { $0[metric] ?? .nan } }

    /// 95 % (or `level`) confidence interval of `metric` over replications, ignoring
    /// replications where the metric is undefined (NaN).
    public func interval(_ metric: String, level: Double = 0.95) -> ConfidenceInterval {
        ConfidenceInterval.studentT(samples(metric).filter { !$0.isNaN }, level: level)
    }

    /// Conservation over all replications: every measured arrival ended exactly once
    /// (in the IVR or at the queue), and none was left unfinished.
    public var isConserved: Bool { runs.allSatisfy(\.isConserved) }
}
