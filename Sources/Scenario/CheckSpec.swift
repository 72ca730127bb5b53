import ContactCenter
import Yams

/// How far a checked metric may move from its baseline.
public enum Tolerance: Sendable, Equatable, CustomStringConvertible {
    /// |now − baseline| ≤ value.
    case absolute(Double)
    /// |now − baseline| ≤ value · |baseline|.
    case relative(Double)
    /// now inside the baseline's 95 % interval widened by k: |now − baseline| ≤ k · half-width.
    case ciWidened(Double)

    public var description: String {
        switch self {
        case .absolute(let x): return "±\(x)"
        case .relative(let x): return "±\(x * 100) %"
        case .ciWidened(let k): return "CI×\(k)"
        }
    }
}

/// `check:` — the figures `ccsim check` pins for this scenario.
public struct CheckSpec: Sendable, Equatable {
    /// Metric name and its tolerance, in the order written.
    public var metrics: [(name: String, tolerance: Tolerance)]
    /// Variants to check (nil: all).
    public var variants: [String]?

    public init(metrics: [(name: String, tolerance: Tolerance)], variants: [String]?) {
        self.metrics = metrics
        self.variants = variants
    }

    public static func == (a: CheckSpec, b: CheckSpec) -> Bool {
        a.variants == b.variants && a.metrics.count == b.metrics.count
            && zip(a.metrics, b.metrics).allSatisfy { $0.name == $1.name && $0.tolerance == $1.tolerance }
    }
}

enum CheckReader {
    /// `check: {metrics: {service_level: {absolute: 0.01}, asa_seconds: {relative: 0.05},
    /// mean_ivr_seconds: {ci: 2}}, variants: [static, dynamic]}`.
    /// Known metrics: the standard ones, per call type (`vip.service_level`) with several
    /// call types, and per group (`senior.occupancy`) with several groups.
    static func read(_ node: Node, config: CenterConfig, variantNames: [String], diagnostics: Diagnostics) -> CheckSpec? {
        guard let r = MappingReader(node, path: "check", allowedKeys: ["metrics", "variants"], diagnostics: diagnostics)
        else { return nil }
        let known = (config.ivr != nil ? CenterCounters.ivrMetricNames : []) + CenterCounters.queueMetricNames
            + CenterCounters.breakdownMetricNames(callTypes: config.callTypes.count > 1 ? config.callTypes.map(\.name) : [],
                                                  groups: config.groups.count > 1 ? config.groups.map(\.name) : [])
        var metrics: [(name: String, tolerance: Tolerance)] = []
        if let m = r.required("metrics", "the metrics to pin, e.g. {service_level: {absolute: 0.01}}") {
            guard case .mapping(let map) = m else {
                diagnostics.report("check.metrics", "must map metric names to tolerances (got \(shown(m)))", at: m)
                return nil
            }
            for (k, v) in map {
                let name = k.string ?? ""
                let path = "check.metrics.\(name)"
                guard known.contains(name) else {
                    diagnostics.report(path, "unknown metric\(Suggestion.hint(for: name, in: known))", at: k)
                    continue
                }
                guard let t = MappingReader(v, path: path, allowedKeys: ["absolute", "relative", "ci"], diagnostics: diagnostics)
                else { continue }
                guard t.pairs.count == 1, let (kind, _) = t.pairs.first, let x = t.number(kind) else {
                    diagnostics.report(path, "give exactly one of absolute, relative or ci", at: v)
                    continue
                }
                guard x >= 0 else { t.report(kind, "must be ≥ 0 (got \(x))"); continue }
                metrics.append((name, kind == "absolute" ? .absolute(x) : kind == "relative" ? .relative(x) : .ciWidened(x)))
            }
            if map.isEmpty { diagnostics.report("check.metrics", "must pin at least one metric (got none)", at: m) }
        }
        var variants: [String]?
        if let v = r.value("variants"), let items = NodeValue.sequence(v, path: "check.variants", what: "variant names", diagnostics: diagnostics) {
            variants = []
            for (i, item) in items.enumerated() {
                guard let name = NodeValue.string(item, path: element("check.variants", i), diagnostics: diagnostics) else { continue }
                if !variantNames.contains(name) {
                    diagnostics.report(element("check.variants", i), "no variant is named \"\(name)\"\(Suggestion.hint(for: name, in: variantNames))", at: item)
                }
                variants?.append(name)
            }
        }
        return CheckSpec(metrics: metrics, variants: variants)
    }
}
