import Foundation
import Measures
import Stochastic

/// One pinned figure: its summary over replications and each replication's numerator and
/// denominator (for the paired comparison of a moved figure; empty in files written
/// before they were kept).
public struct PinnedFigure: Sendable, Equatable {
    public let summary: MetricSummary
    public let numerators: [Double]
    public let denominators: [Double]

    public init(_ summary: MetricSummary, numerators: [Double] = [], denominators: [Double] = []) {
        self.summary = summary
        self.numerators = numerators
        self.denominators = denominators
    }
}

/// Pinned figures of one scenario (Results/baselines/<name>.json).
public struct Baseline: Sendable, Equatable {
    public let scenario: String
    public let seed: UInt64
    public let replications: Int
    /// variant → metric → figure.
    public let variants: [String: [String: PinnedFigure]]
    /// The digest of every pinned figure at full precision, as the file recorded it (nil
    /// for a baseline computed now, or an old file).
    public let digest: String?

    public init(scenario: String, seed: UInt64, replications: Int, variants: [String: [String: PinnedFigure]],
                digest: String? = nil) {
        self.digest = digest
        self.scenario = scenario
        self.seed = seed
        self.replications = replications
        self.variants = variants
    }

    /// Every pinned figure at full precision, one line each in a fixed order: variant,
    /// metric, and the bit patterns of mean and half-width in hexadecimal (NaN as one
    /// canonical value). Its SHA-256 is the baseline's digest.
    public var canonicalText: String {
        func bits(_ x: Double) -> String { x.isNaN ? "nan" : String(x.bitPattern, radix: 16) }
        var lines: [String] = []
        for variant in variants.keys.sorted() {
            for (metric, f) in variants[variant]!.sorted(by: { $0.key < $1.key }) {
                lines.append("\(variant)\t\(metric)\t\(bits(f.summary.mean))\t\(bits(f.summary.halfWidth))\t\(f.summary.n)")
            }
        }
        return "ccsim baseline \(scenario) seed \(seed) replications \(replications)\n" + lines.joined(separator: "\n") + "\n"
    }

    /// The checked figures of a run: `metrics` of `variants` (all when nil), with each
    /// replication's fractions from `results` (by variant name).
    public init(_ summary: RunSummary, results: [String: ReplicatedResult], metrics: [String], variants: [String]?) {
        var out: [String: [String: PinnedFigure]] = [:]
        for name in variants ?? summary.variantOrder {
            guard let v = summary.variants[name] else { continue }
            var figures: [String: PinnedFigure] = [:]
            for metric in metrics {
                // A listed metric's summary, or one kept only in the records (an IVR node's).
                let result = results[name].flatMap { $0.metricNames.contains(metric) ? $0 : nil }
                guard let m = v.metrics[metric] ?? result.map({ MetricSummary($0.interval(metric)) }) else { continue }
                let f = result?.fractions(metric)
                figures[metric] = PinnedFigure(m, numerators: f?.numerators ?? [], denominators: f?.denominators ?? [])
            }
            out[name] = figures
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
            let numerators: [Double]?, denominators: [Double]?
        }
        struct File: Decodable {
            let scenario: String
            let seed: UInt64
            let replications: Int
            let variants: [String: [String: Figures]]
            let digest: String?
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
                                let pairs = (f.numerators?.count == f.denominators?.count) ? (f.numerators ?? [], f.denominators ?? []) : ([], [])
                                return PinnedFigure(MetricSummary(mean: f.mean ?? .nan, ciLow: f.ci_low ?? .nan, ciHigh: f.ci_high ?? .nan,
                                                                  halfWidth: f.half_width ?? .nan, n: f.n),
                                                    numerators: pairs.0, denominators: pairs.1)
                            }
                        }, digest: decoded.digest)
    }
}

/// How a pinned figure compares with its baseline.
public enum CheckOutcome: Sendable, Equatable {
    /// The same double, bit for bit (mean and half-width).
    case exact
    /// Moved, within the noise a re-roll of the streams may cause (passes with a warning).
    case movedWithinNoise
    /// Moved, within the scenario's own tolerance for it (absolute, relative, ci).
    case movedWithinTolerance
    case failed

    public var passed: Bool { self != .failed }
}

/// One line of `ccsim check`: a pinned metric of one variant, then and now.
public struct CheckVerdict: Sendable {
    public let variant: String
    public let metric: String
    public let baseline: MetricSummary?
    public let now: MetricSummary?
    /// The largest allowed |now − baseline| when the figure moved (0 with `exact`; NaN when
    /// there is no baseline).
    public let allowed: Double
    public let outcome: CheckOutcome
    public let note: String

    public var passed: Bool { outcome.passed }
}

public enum BaselineCheck {
    /// How far a figure may move when it is not reproduced exactly.
    public enum Allowance: Sendable {
        /// 3 standard errors of the difference now − baseline (`noiseBound`).
        case noise
        /// A fixed bound from the scenario's check: block.
        case bound(@Sendable (MetricSummary) -> Double)
    }

    /// 3 standard errors of the difference now − baseline, from the replication pairs
    /// (replication r of both runs): the paired delta-method interval
    /// (`ConfidenceInterval.pairedRatioOfSums`) ÷ its t quantile. After a deliberate
    /// re-roll of the streams the pairs are independent and this is about 3·√2 standard
    /// errors of the baseline figure; when the streams are the same (common random
    /// numbers) and the model changed, it is far smaller, so that a change the size of
    /// one agent in ninety is caught although it lies within the figure's own noise.
    /// Without the pairs (an older baseline file, another replication count):
    /// 3·√2 · half-width ÷ t_{0.975, n−1}. NaN when there is no interval.
    public static func noiseBound(_ base: PinnedFigure, now: PinnedFigure) -> Double {
        let n = base.numerators.count
        if n >= 2, now.numerators.count == n, now.denominators.count == n, base.denominators.count == n {
            let d = ConfidenceInterval.pairedRatioOfSums(baseline: (base.numerators, base.denominators),
                                                         variant: (now.numerators, now.denominators))
            let t = SpecialFunctions.studentTQuantile(0.975, degreesOfFreedom: Double(n - 1))
            return 3 * d.halfWidth / t
        }
        let m = base.summary
        guard m.n >= 2, m.halfWidth.isFinite else { return .nan }
        let t = SpecialFunctions.studentTQuantile(0.975, degreesOfFreedom: Double(m.n - 1))
        return 3 * 2.0.squareRoot() * m.halfWidth / t
    }

    /// Compares each pinned metric with its baseline. A figure whose mean and half-width
    /// are the same doubles is `exact`. Otherwise, with `exact` required it fails; else
    /// it passes when |now − baseline| ≤ its allowance (`movedWithinNoise` or
    /// `movedWithinTolerance`). Two undefined values (NaN) agree exactly; a figure the
    /// variant has neither now nor in its baseline is skipped. A baseline of
    /// another scenario fails every metric; one of another seed or replication count is
    /// compared (a deliberate re-roll) with a note.
    public static func compare(_ now: Baseline, baseline: Baseline?, allowances: [(name: String, allowance: Allowance)],
                               exact requireExact: Bool = false) -> [CheckVerdict] {
        var out: [CheckVerdict] = []
        for variant in now.variants.keys.sorted() {
            for (metric, allowance) in allowances {
                let currentFigure = now.variants[variant]?[metric]
                let current = currentFigure?.summary
                guard let baseFigure = baseline?.variants[variant]?[metric] else {
                    // A figure this variant does not have (e.g. a metric of a part only other
                    // variants have), now as in its baseline: nothing to compare.
                    if currentFigure == nil && baseline?.variants[variant] != nil { continue }
                    out.append(CheckVerdict(variant: variant, metric: metric, baseline: nil, now: current, allowed: .nan,
                                            outcome: .failed, note: "no baseline: run ccsim check --update"))
                    continue
                }
                let base = baseFigure.summary
                guard let current, let currentFigure else {
                    out.append(CheckVerdict(variant: variant, metric: metric, baseline: base, now: nil, allowed: .nan,
                                            outcome: .failed, note: "not measured now"))
                    continue
                }
                let same = sameDouble(current.mean, base.mean) && sameDouble(current.halfWidth, base.halfWidth)
                let allowed: Double
                switch allowance {
                case .noise: allowed = noiseBound(baseFigure, now: currentFigure)
                case .bound(let f): allowed = f(base)
                }
                var outcome: CheckOutcome
                if same {
                    outcome = .exact
                } else if requireExact || !(abs(current.mean - base.mean) <= allowed) {
                    outcome = .failed
                } else {
                    if case .noise = allowance { outcome = .movedWithinNoise } else { outcome = .movedWithinTolerance }
                }
                var note = requireExact && !same ? "--exact" : ""
                if let b = baseline, b.scenario != now.scenario {
                    // Another scenario's figures pin nothing about this one.
                    outcome = .failed
                    note = "baseline is of scenario \(b.scenario): run ccsim check --update"
                } else if let b = baseline, b.seed != now.seed || b.replications != now.replications {
                    // A re-roll: compared within the tolerances, said in the table.
                    note = "baseline made with seed \(b.seed), \(b.replications) replications"
                }
                out.append(CheckVerdict(variant: variant, metric: metric, baseline: base, now: current,
                                        allowed: same ? 0 : allowed, outcome: outcome, note: note))
            }
        }
        return out
    }

    /// Bit-identical, or both NaN.
    static func sameDouble(_ a: Double, _ b: Double) -> Bool { a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN) }
}
