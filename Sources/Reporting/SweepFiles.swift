import ContactCenter
import Experiments
import Foundation

/// The files of a sweep: sweep.csv (one row per point × variant × metric) and
/// sweep-meta.json (parameters, axis values and labels, for `ccsim plot`).
public enum SweepFiles {
    public struct Parameter: Sendable {
        public let path: String
        public let values: [String]
        public let axis: [Double]
        public let label: String
        public init(path: String, values: [String], axis: [Double], label: String) {
            self.path = path
            self.values = values
            self.axis = axis
            self.label = label
        }
    }

    /// Columns: point, then per parameter its value and axis position (`<path>`, `<path>:axis`),
    /// then variant,metric,mean,ci_low,ci_high,half_width,n.
    public static func csv(_ parameters: [Parameter], points: [(values: [Int], summary: RunSummary)]) -> String {
        func cell(_ x: Double) -> String { x.isFinite ? JSON.format(x) : "" }
        var header = ["point"]
        for p in parameters { header += [CSV.field(p.path), CSV.field(p.path + ":axis")] }
        header += ["variant", "metric", "mean", "ci_low", "ci_high", "half_width", "n"]
        var lines = [header.joined(separator: ",")]
        for (k, point) in points.enumerated() {
            var prefix = [String(k)]
            for (p, i) in zip(parameters, point.values) { prefix += [CSV.field(p.values[i]), JSON.format(p.axis[i])] }
            for variant in point.summary.variantOrder {
                let metrics = point.summary.variants[variant]!.metrics
                for metric in metrics.keys.sorted() {
                    let m = metrics[metric]!
                    lines.append((prefix + [CSV.field(variant), CSV.field(metric), cell(m.mean), cell(m.ciLow), cell(m.ciHigh),
                                            cell(m.halfWidth), String(m.n)]).joined(separator: ","))
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func meta(scenario: String, parameters: [Parameter], variants: [String]) -> JSON {
        .object([
            "scenario": .string(scenario),
            "variants": .array(variants.map { .string($0) }),
            "parameters": .array(parameters.map { p in
                .object(["path": .string(p.path), "label": .string(p.label),
                         "values": .array(p.values.map { .string($0) }), "axis": .array(p.axis.map { .number($0) })])
            }),
        ])
    }

    /// One table per metric: a row per point, a column per variant (mean ± half-width).
    public static func table(_ metric: String, parameters: [Parameter], points: [(values: [Int], summary: RunSummary)]) -> String {
        let variants = points.first?.summary.variantOrder ?? []
        var table = TextTable(header: parameters.map(\.label) + variants)
        for point in points {
            // Words are shown with their axis position: "3 (level3)".
            var row = zip(parameters, point.values).map { p, i in
                Double(p.values[i]) != nil ? p.values[i] : "\(JSON.format(p.axis[i])) (\(p.values[i]))"
            }
            for v in variants {
                row.append(point.summary.variants[v]?.metrics[metric].map { ResultsFiles.cell($0, metric) } ?? "-")
            }
            table.add(row)
        }
        return ResultsFiles.label(metric) + "\n" + table.rendered()
    }
}

/// A sweep's break-evens (`BreakEven`) in words and as break-even.csv.
public enum BreakEvenFiles {
    /// What the lines say, before them (terminal and report).
    public static let heading = "Break-even (where the paired mean difference changes sign, interpolated), against the variants "
        + "the sweep leaves unchanged"

    /// One line per pair (variant vs the reference it is held against), its metrics in
    /// headline order: "speech vs dynamic: better on service level from speech recognition
    /// accuracy 0.865 (paired difference −1.6 pts ± 2.5 pts at 0.85, +3.8 pts ± 2.2 pts at
    /// 0.9), ASA from 0.863; better at every value on mean IVR time; better at none on …"
    /// (the first crossing with the differences around it; "up to" where it is better below).
    public static func lines(_ breakEvens: [BreakEven], label: String, axis: [Double]) -> [String] {
        var pairs: [(variant: String, reference: String)] = []
        for b in breakEvens where !pairs.contains(where: { $0 == (b.variant, b.reference) }) { pairs.append((b.variant, b.reference)) }
        return pairs.compactMap { pair in
            let mine = breakEvens.filter { $0.variant == pair.variant && $0.reference == pair.reference }
            func title(_ b: BreakEven) -> String { Metric.named(b.metric)?.title ?? b.metric }
            var crossings: [String] = []
            for b in mine {
                guard case .crossing(let x, let k, let rising) = b.outcome else { continue }
                let side = rising ? "from" : "up to"
                if crossings.isEmpty {
                    func at(_ i: Int) -> String {
                        let d = b.differences[i]
                        return Verdict.difference(d.mean, b.metric) + " ± " + Verdict.difference(d.halfWidth, b.metric).dropFirst()
                            + " at " + BreakEven.number(axis[i])
                    }
                    crossings.append("\(title(b)) \(side) \(label) \(BreakEven.number(x)) (paired difference \(at(k)), \(at(k + 1)))")
                } else {
                    crossings.append("\(title(b)) \(side) \(BreakEven.number(x))")
                }
            }
            func titles(_ outcome: BreakEven.Outcome) -> String { mine.filter { $0.outcome == outcome }.map(title).joined(separator: ", ") }
            var parts: [String] = []
            if !crossings.isEmpty { parts.append("better on " + crossings.joined(separator: ", ")) }
            if !titles(.everywhere).isEmpty { parts.append("better at every value on " + titles(.everywhere)) }
            if !titles(.nowhere).isEmpty { parts.append("better at none on " + titles(.nowhere)) }
            if !titles(.mixed).isEmpty { parts.append("better and worse by turns on " + titles(.mixed)) }
            return parts.isEmpty ? nil : "\(pair.variant) vs \(pair.reference): " + parts.joined(separator: "; ")
        }
    }

    /// Columns: variant,reference,metric,outcome (everywhere, nowhere, from, up_to, mixed),
    /// break_even (the interpolated swept value), then per point its paired difference
    /// `diff_<k>` and half-width `half_width_<k>`.
    public static func csv(_ breakEvens: [BreakEven], points: Int) -> String {
        var header = ["variant", "reference", "metric", "outcome", "break_even"]
        for k in 0..<points { header += ["diff_\(k)", "half_width_\(k)"] }
        var lines = [header.joined(separator: ",")]
        for b in breakEvens {
            var row = [CSV.field(b.variant), CSV.field(b.reference), CSV.field(b.metric)]
            switch b.outcome {
            case .everywhere: row += ["everywhere", ""]
            case .nowhere: row += ["nowhere", ""]
            case .mixed: row += ["mixed", ""]
            case .crossing(let x, _, let rising): row += [rising ? "from" : "up_to", JSON.format(x)]
            }
            for d in b.differences { row += [JSON.format(d.mean), JSON.format(d.halfWidth)] }
            lines.append(row.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
