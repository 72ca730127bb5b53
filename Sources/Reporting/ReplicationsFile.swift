import ContactCenter
import Experiments

/// replications.csv: every replication's figures as numerator and denominator, so that a
/// researcher can compute his own statistics and a merge of shards can rebuild the
/// summary exactly.
///
///     variant,point,replication,period,metric,numerator,denominator
///
/// One row per variant × sweep point × replication × metric (`point` empty outside
/// sweeps; `period` empty for the whole window), then for day plans one per period ×
/// `PeriodCounters` metric (`period` = its index, as in intervals.csv). Numbers are
/// shortest round-trip decimals, so they read back to the same doubles: summing the
/// numerators and the denominators of a metric in replication order and dividing gives
/// the `mean` of summary.json bit for bit (`ReplicatedResult.interval`). A count or a
/// per-replication quantity has denominator 1; a figure a replication does not define
/// is 0 ÷ 0.
public enum ReplicationsFile {
    public static let header = "variant,point,replication,period,metric,numerator,denominator"

    /// One block of rows: a variant's replications, at a sweep point or not.
    public struct Block {
        public let variant: String
        public let point: Int?
        public let result: ReplicatedResult

        public init(variant: String, point: Int? = nil, result: ReplicatedResult) {
            self.variant = variant
            self.point = point
            self.result = result
        }
    }

    public static func csv(_ blocks: [Block]) -> String {
        var out = header + "\n"
        for block in blocks {
            let prefix = CSV.field(block.variant) + "," + (block.point.map(String.init) ?? "") + ","
            let result = block.result
            for name in result.metricNames {
                let f = result.fractions(name)
                let metric = CSV.field(name)
                for r in f.numerators.indices {
                    out += prefix + "\(r),,\(metric),\(number(f.numerators[r])),\(number(f.denominators[r]))\n"
                }
            }
            let periods = result.periodCount
            for k in 0..<periods {
                for name in result.periodMetricNames {
                    let f = result.periodFractions(k, name)
                    for r in f.numerators.indices {
                        out += prefix + "\(r),\(k),\(name),\(number(f.numerators[r])),\(number(f.denominators[r]))\n"
                    }
                }
            }
        }
        return out
    }

    /// Shortest round-trip decimal (integers without a fraction part).
    static func number(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : x.description
    }
}
