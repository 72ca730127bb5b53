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
