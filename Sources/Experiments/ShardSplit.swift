import ContactCenter
import Foundation
import Measures

/// The work of a run split into N shards for N machines (a Slurm job array, AWS Batch,
/// Kubernetes Indexed Jobs): the units are (configuration, replication) pairs —
/// configurations being the variants, or every sweep point × variant — dealt so that
/// every shard simulates about the same number of calls. Replication r of a
/// configuration uses substream r of every stream wherever it runs, so the shards'
/// records put together are those of the run on one machine, bit for bit.
public struct ShardSplit: Sendable, Equatable {
    /// One unit of work: replication `replication` of configuration `config`.
    public struct Unit: Sendable, Hashable, Comparable {
        public let config: Int
        public let replication: Int

        public init(config: Int, replication: Int) {
            self.config = config
            self.replication = replication
        }

        public static func < (a: Unit, b: Unit) -> Bool { (a.config, a.replication) < (b.config, b.replication) }
    }

    /// The units of each shard, each sorted.
    public let shards: [[Unit]]

    /// Deals the units of `replications` replications of configurations whose expected
    /// simulated calls per replication are `costs` over `count` shards: longest
    /// processing time first (units by cost, largest first, ties in unit order, each to
    /// the shard with the least work so far, ties to the lowest index). Deterministic:
    /// every shard computes the same plan.
    public init(costs: [Int], replications: Int, count: Int) {
        precondition(count >= 1 && replications >= 1)
        var units: [(unit: Unit, cost: Int)] = []
        for (c, cost) in costs.enumerated() {
            for r in 0..<replications { units.append((Unit(config: c, replication: r), max(cost, 1))) }
        }
        units.sort { $0.cost != $1.cost ? $0.cost > $1.cost : $0.unit < $1.unit }
        var load = [Int](repeating: 0, count: count)
        var shards = [[Unit]](repeating: [], count: count)
        for (unit, cost) in units {
            var best = 0
            for s in 1..<count where load[s] < load[best] { best = s }
            shards[best].append(unit)
            load[best] += cost
        }
        self.shards = shards.map { $0.sorted() }
    }

    /// The plan for `configs` (costs: `CenterConfig.simulatedCallsPerReplication`).
    public init(_ configs: [CenterConfig], replications: Int, count: Int) {
        self.init(costs: configs.map(\.simulatedCallsPerReplication), replications: replications, count: count)
    }
}

/// What one shard simulated: the record of each of its units, and per configuration the
/// waits of its units together.
public struct ShardResult: Sendable {
    public let units: [ShardSplit.Unit]
    public let records: [ReplicationRecord]
    /// configuration → its units' waits merged (configurations without units: empty).
    public let waits: [WaitHistogram]

    public init(units: [ShardSplit.Unit], records: [ReplicationRecord], waits: [WaitHistogram]) {
        self.units = units
        self.records = records
        self.waits = waits
    }

    /// Simulates `units` of `configs` on up to `jobs` threads (results do not depend on `jobs`).
    public static func simulate(_ configs: [CenterConfig], units: [ShardSplit.Unit], seed: UInt64, jobs: Int,
                                finished: @Sendable (Int) -> Void = { _ in }) -> ShardResult {
        let names = configs.map { CenterModel.metricLayout($0).names }
        let merged = configs.map { _ in MergedWaits() }
        let rows = runReplications(count: units.count, jobs: jobs, finished: finished) { k in
            let u = units[k]
            let r = ReplicatedResult.replicate(configs[u.config], names: names[u.config], seed: seed, replication: UInt64(u.replication))
            merged[u.config].add(r.waits)
            return r.record
        }
        return ShardResult(units: units, records: rows, waits: merged.map(\.histogram))
    }

    /// The results of the whole run from all its shards' results (which must hold every
    /// unit exactly once: `ShardSplit` checked by the caller), per configuration in order.
    public static func combine(_ shards: [ShardResult], configs: [CenterConfig], replications: Int) -> [ReplicatedResult] {
        var records = configs.map { _ in [ReplicationRecord?](repeating: nil, count: replications) }
        var waits = configs.map { _ in WaitHistogram() }
        for shard in shards {
            for (u, record) in zip(shard.units, shard.records) { records[u.config][u.replication] = record }
            for c in configs.indices where c < shard.waits.count { waits[c].merge(shard.waits[c]) }
        }
        return configs.indices.map { c in
            let layout = CenterModel.metricLayout(configs[c])
            return ReplicatedResult(metricNames: layout.names, metricOrder: layout.order,
                                    periodLabels: layout.periodLabels, records: records[c].map { $0! }, waits: waits[c])
        }
    }
}

/// A shard folder read back (`ccsim … --shard I/N` wrote it; Reporting's `ShardFiles`
/// reads it): what `merge` checks and combines.
public struct ShardContents: Sendable {
    public let directory: String
    public let index: Int
    public let count: Int
    /// Every manifest field but the shard's own (index, units, arguments, times, files,
    /// and the scenario's path: its SHA-256 identifies it), compared between shards.
    public let identity: [String: String]
    /// The run the shard is part of: its command (run, compare, sweep), comparison plan
    /// (`baseline:NAME`, `all_pairs`), sweep parameters, seed, replications, scenario path.
    public let command: String
    public let comparison: String?
    public let params: [String]
    /// The estimates use control variates (`--control-variates`).
    public let controlVariates: Bool
    public let seed: UInt64
    public let replications: Int
    public let scenarioFile: String
    public let scenarioBytes: [UInt8]
    public let units: [ShardSplit.Unit]
    public let records: [ReplicationRecord]
    /// config → waits (as many as the shard wrote).
    public let waits: [WaitHistogram]

    public init(directory: String, index: Int, count: Int, identity: [String: String], command: String, comparison: String?,
                params: [String], controlVariates: Bool = false, seed: UInt64, replications: Int, scenarioFile: String, scenarioBytes: [UInt8],
                units: [ShardSplit.Unit], records: [ReplicationRecord], waits: [WaitHistogram]) {
        self.directory = directory
        self.index = index
        self.count = count
        self.identity = identity
        self.command = command
        self.comparison = comparison
        self.params = params
        self.controlVariates = controlVariates
        self.seed = seed
        self.replications = replications
        self.scenarioFile = scenarioFile
        self.scenarioBytes = scenarioBytes
        self.units = units
        self.records = records
        self.waits = waits
    }
}
