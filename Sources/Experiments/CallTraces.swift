import ContactCenter

/// Per-call records of the first replications of each variant, for `--trace`: replication
/// r of a variant is simulated again with recording on, which gives exactly the run the
/// results came from (recording changes no result, tested).
public struct CallTrace: Sendable {
    public let variant: String
    public let replication: Int
    public let calls: [CallRecord]
}

public enum CallTraces {
    /// Replications 0..<`replications` of every variant, in (variant, replication) order,
    /// on up to `jobs` threads; the order and contents do not depend on `jobs`.
    public static func record(_ variants: [(name: String, config: CenterConfig)], seed: UInt64, replications: Int,
                              jobs: Int) -> [CallTrace] {
        let n = replications
        return runReplications(count: variants.count * n, jobs: jobs) { k in
            let (name, config) = variants[k / n]
            let calls = CenterModel.simulateRecordingCalls(config, seed: seed, replication: UInt64(k % n)).calls
            return CallTrace(variant: name, replication: k % n, calls: calls)
        }
    }
}
