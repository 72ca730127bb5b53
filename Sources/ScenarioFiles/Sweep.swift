import ContactCenter
import Yams

/// One swept parameter: a key path and its values; optionally the numbers to plot them at
/// (for non-numeric values such as node names) and an axis label.
public struct SweepParameter: Sendable, Equatable {
    public var path: String
    /// Values as written (numbers or words).
    public var values: [String]
    /// Where each value sits on a plot's axis: the values themselves when numeric.
    public var axis: [Double]
    public var label: String

    public init(path: String, values: [String], axis: [Double], label: String) {
        self.path = path
        self.values = values
        self.axis = axis
        self.label = label
    }
}

/// One point of the grid: its values (one per parameter) and every variant at that point.
public struct SweepPoint: Sendable, Equatable {
    public var values: [String]
    public var variants: [ScenarioVariant]
}

public struct Sweep: Sendable, Equatable {
    public var parameters: [SweepParameter]
    /// The grid, first parameter outermost.
    public var points: [SweepPoint]

    public static let maxParameters = 2
    public static let maxValues = 50
    public static let maxPoints = 500
}

enum SweepReader {
    /// `sweep: {path: [v1, v2, …], other.path: {values: [...], axis: [...], label: "..."}}`.
    static func read(_ node: Node, diagnostics: Diagnostics) -> [SweepParameter]? {
        guard case .mapping(let m) = node, !m.isEmpty else {
            diagnostics.report("sweep", "must map one or two key paths to lists of values, e.g. {agents.general.count: [290, 300]} "
                               + "(got \(shown(node)))", at: node)
            return nil
        }
        guard m.count <= Sweep.maxParameters else {
            diagnostics.report("sweep", "sweeps at most \(Sweep.maxParameters) parameters (got \(m.count))", at: node)
            return nil
        }
        var out: [SweepParameter] = []
        for (k, v) in m {
            let path = k.string ?? ""
            let here = "sweep.\(path)"
            var list = v
            var axisNode: Node?
            var label = path
            if case .mapping = v {
                guard let r = MappingReader(v, path: here, allowedKeys: ["values", "axis", "label"], diagnostics: diagnostics),
                      let values = r.required("values", "the list of values") else { continue }
                list = values
                axisNode = r.value("axis")
                label = r.string("label") ?? path
            }
            guard let items = NodeValue.sequence(list, path: here, what: "values", diagnostics: diagnostics) else { continue }
            guard !items.isEmpty && items.count <= Sweep.maxValues else {
                diagnostics.report(here, "must list 1...\(Sweep.maxValues) values (got \(items.count))", at: list)
                continue
            }
            let values = items.enumerated().compactMap { NodeValue.string($1, path: element(here, $0), diagnostics: diagnostics) }
            guard values.count == items.count else { continue }
            var axis = values.compactMap { Double($0.replacingOccurrences(of: "_", with: "")) }
            if let axisNode {
                guard let a = NodeValue.sequence(axisNode, path: here + ".axis", what: "numbers", diagnostics: diagnostics)
                else { continue }
                axis = a.enumerated().compactMap { NodeValue.number($1, path: element(here + ".axis", $0), diagnostics: diagnostics) }
                guard axis.count == values.count else {
                    diagnostics.report(here + ".axis", "must give one number per value (got \(a.count) for \(values.count))", at: axisNode)
                    continue
                }
            } else if axis.count != values.count {
                axis = values.indices.map(Double.init)  // words: plotted at 0, 1, 2, …
            }
            out.append(SweepParameter(path: path, values: values, axis: axis, label: label))
        }
        let total = out.reduce(1) { $0 * $1.values.count }
        if total > Sweep.maxPoints {
            diagnostics.report("sweep", "the grid has \(total) points; at most \(Sweep.maxPoints)", at: node)
            return nil
        }
        return out.count == m.count ? out : nil
    }
}
