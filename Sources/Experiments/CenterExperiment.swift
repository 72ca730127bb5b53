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
        ReplicatedResult.simulate([config], seed: seed, replications: replications, jobs: jobs, finished: finished)[0]
    }
}
