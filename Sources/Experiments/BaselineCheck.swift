import Foundation

/// Pinned figures of one scenario (Results/baselines/<name>.json).
public struct Baseline: Sendable, Equatable {
    public let scenario: String
    public let seed: UInt64
    public let replications: Int
    /// variant → metric → figures.
    public let variants: [String: [String: MetricSummary]]

    public init(scenario: String, seed: UInt64, replications: Int, variants: [String: [String: MetricSummary]]) {
        self.scenario = scenario
        self.seed = seed
        self.replications = replications
        self.variants = variants
    }

    /// The checked figures of a run: `metrics` of `variants` (all when nil).
    public init(_ summary: RunSummary, metrics: [String], variants: [String]?) {
        var out: [String: [String: MetricSummary]] = [:]
        for name in variants ?? summary.variantOrder {
            guard let v = summary.variants[name] else { continue }
            out[name] = v.metrics.filter { metrics.contains($0.key) }
        }
        self.init(scenario: summary.scenario, seed: summary.seed, replications: summary.replications, variants: out)
    }

    public struct FormatError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Reads the JSON written by `ResultsFiles.baselineJSON`. Decoded with `JSONDecoder`,
    /// which reads shortest round-trip decimals exactly (Foundation's JSONSerialization on
    /// Linux is off by one unit in the last place for some 17-digit values).
    public static func decode(_ data: Data, file: String) throws -> Baseline {
        struct Figures: Decodable {
            let mean: Double?, ci_low: Double?, ci_high: Double?, half_width: Double?
            let n: Int
        }
        struct File: Decodable {
            let scenario: String
            let seed: UInt64
            let replications: Int
            let variants: [String: [String: Figures]]
        }
        let decoded: File
        do {
            decoded = try JSONDecoder().decode(File.self, from: data)
        } catch {
            throw FormatError(description: "\(file): not a ccsim baseline (\(error))")
        }
        return Baseline(scenario: decoded.scenario, seed: decoded.seed, replications: decoded.replications,
                        variants: decoded.variants.mapValues { metrics in
                            metrics.mapValues { f in
                                MetricSummary(mean: f.mean ?? .nan, ciLow: f.ci_low ?? .nan, ciHigh: f.ci_high ?? .nan,
                                              halfWidth: f.half_width ?? .nan, n: f.n)
                            }
                        })
    }
}

/// One line of `ccsim check`: a pinned metric of one variant, then and now.
public struct CheckVerdict: Sendable {
    public let variant: String
    public let metric: String
    public let baseline: MetricSummary?
    public let now: MetricSummary?
    /// The largest allowed |now − baseline| (NaN when there is no baseline).
    public let allowed: Double
    public let passed: Bool
    public let note: String
}

public enum BaselineCheck {
    /// Compares each pinned metric with its baseline. A metric passes when
    /// |now − baseline| ≤ allowed, with allowed = absolute, relative · |baseline|, or
    /// k · baseline half-width; two undefined values (NaN) agree. A baseline of another
    /// scenario fails every metric; one of another seed or replication count is compared
    /// (a deliberate re-roll) with a note.
    public static func compare(_ now: Baseline, baseline: Baseline?, tolerances: [(name: String, allowed: (MetricSummary) -> Double)])
        -> [CheckVerdict] {
        var out: [CheckVerdict] = []
        for variant in now.variants.keys.sorted() {
            for (metric, allowedFor) in tolerances {
                let current = now.variants[variant]?[metric]
                guard let base = baseline?.variants[variant]?[metric] else {
                    out.append(CheckVerdict(variant: variant, metric: metric, baseline: nil, now: current, allowed: .nan,
                                            passed: false, note: "no baseline: run ccsim check --update"))
                    continue
                }
                guard let current else {
                    out.append(CheckVerdict(variant: variant, metric: metric, baseline: base, now: nil, allowed: .nan,
                                            passed: false, note: "not measured now"))
                    continue
                }
                let allowed = allowedFor(base)
                let bothUndefined = base.mean.isNaN && current.mean.isNaN
                var passed = bothUndefined || abs(current.mean - base.mean) <= allowed
                var note = ""
                if let b = baseline, b.scenario != now.scenario {
                    // Another scenario's figures pin nothing about this one.
                    passed = false
                    note = "baseline is of scenario \(b.scenario): run ccsim check --update"
                } else if let b = baseline, b.seed != now.seed || b.replications != now.replications {
                    // A re-roll: compared within the tolerances, said in the table.
                    note = "baseline made with seed \(b.seed), \(b.replications) replications"
                }
                out.append(CheckVerdict(variant: variant, metric: metric, baseline: base, now: current, allowed: allowed,
                                        passed: passed, note: note))
            }
        }
        return out
    }
}
