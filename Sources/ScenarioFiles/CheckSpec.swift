import ContactCenter
import Yams

/// How far a checked metric may move from its baseline when it is not reproduced exactly.
public enum Tolerance: Sendable, Equatable, CustomStringConvertible {
    /// The default: |now − baseline| ≤ 3 standard errors of the difference, paired by
    /// replication (`BaselineCheck.noiseBound`): about 3·√2 standard errors of the figure
    /// after a deliberate re-roll of the streams.
    case noise
    /// |now − baseline| ≤ value.
    case absolute(Double)
    /// |now − baseline| ≤ value · |baseline|.
    case relative(Double)
    /// now inside the baseline's 95 % interval widened by k: |now − baseline| ≤ k · half-width.
    case ciWidened(Double)

    public var description: String {
        switch self {
        case .noise: return "3 SE of the difference"
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
    /// `check: {metrics: [service_level, asa_seconds], variants: [static, dynamic]}` (each
    /// figure reproduced exactly, else within noise), or with a tolerance per metric:
    /// `{metrics: {service_level: {absolute: 0.01}, asa_seconds: {relative: 0.05},
    /// mean_ivr_seconds: {ci: 2}, abandon_rate: {}}` (`{}` or null: within noise).
    /// Known metrics: the standard ones, per channel (`chat.service_level`) with several
    /// channels, per call type (`vip.service_level`) with several call types, and per group (`senior.occupancy`) with several groups.
    static func read(_ node: Node, config: CenterConfig, variantNames: [String], diagnostics: Diagnostics) -> CheckSpec? {
        guard let r = MappingReader(node, path: "check", allowedKeys: ["metrics", "variants"], diagnostics: diagnostics)
        else { return nil }
        // The IVR's node figures (`IVRFlow`) may be pinned too.
        let nodeMetrics = (config.ivr?.nodes ?? []).flatMap { node in
            ([Metric.nodeStays, .nodeHangups, .nodeContained] + (node.kind.holdsCallers ? [.nodeCallsMean, .nodeSecondsPerStay] : []))
                .map { IVRFlow.nodeMetric(node.name, $0.name) }
        }
        let ivrNames = Set(Metric.ivrView.map(\.name))
        let known = CenterCounters.metricNames.filter { config.ivr != nil || !ivrNames.contains($0) }
            + CenterCounters.breakdownMetricNames(callTypes: (config.channels.count > 1 ? config.channels.map(\.rawValue) : [])
                                                      + (config.callTypes.count > 1 ? config.callTypes.map(\.name) : []),
                                                  groups: config.groups.count > 1 ? config.groups.map(\.name) : []) + nodeMetrics
            + (0..<(config.day?.days ?? 1)).filter { _ in (config.day?.days ?? 1) > 1 }.flatMap { d in
                (Metric.dayView + [Metric.backlogEnd]).map { CenterCounters.dayName(d) + "." + $0.name }
            }
        var metrics: [(name: String, tolerance: Tolerance)] = []
        if let m = r.required("metrics", "the metrics to pin, e.g. [service_level, asa_seconds]") {
            var entries: [(key: Node, value: Node?, path: String)] = []
            switch m {
            case .mapping(let map):
                entries = map.map { ($0.key, $0.value, "check.metrics.\($0.key.string ?? "")") }
            case .sequence(let items):
                entries = items.enumerated().map { ($1, nil, element("check.metrics", $0)) }
            default:
                diagnostics.report("check.metrics", "must list metric names or map them to tolerances (got \(shown(m)))", at: m)
                return nil
            }
            var seen = Set<String>()
            for (k, v, path) in entries {
                guard let name = k.string, case .scalar = k else {
                    diagnostics.report(path, "must be a metric name (got \(shown(k)))", at: k)
                    continue
                }
                guard known.contains(name) else {
                    diagnostics.report(path, "unknown metric\(Suggestion.hint(for: name, in: known))", at: k)
                    continue
                }
                guard seen.insert(name).inserted else {
                    diagnostics.report(path, "is listed twice", at: k)
                    continue
                }
                if let v, let tolerance = readTolerance(v, path: path, diagnostics: diagnostics) {
                    metrics.append((name, tolerance))
                } else if v == nil || v?.null != nil || v?.mapping?.isEmpty == true {
                    metrics.append((name, .noise))
                }
            }
            if entries.isEmpty { diagnostics.report("check.metrics", "must pin at least one metric (got none)", at: m) }
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

    /// `{absolute: x}`, `{relative: x}` or `{ci: k}`; nil for `{}` and null (the default,
    /// `.noise`) and for a bad tolerance (reported).
    static func readTolerance(_ v: Node, path: String, diagnostics: Diagnostics) -> Tolerance? {
        if v.null != nil || v.mapping?.isEmpty == true { return nil }
        guard let t = MappingReader(v, path: path, allowedKeys: ["absolute", "relative", "ci"], diagnostics: diagnostics)
        else { return nil }
        guard t.pairs.count == 1, let (kind, _) = t.pairs.first, let x = t.number(kind) else {
            diagnostics.report(path, "give one of absolute, relative or ci, or {} for the default (within noise)", at: v)
            return nil
        }
        guard x >= 0 else { t.report(kind, "must be ≥ 0 (got \(x))"); return nil }
        return kind == "absolute" ? .absolute(x) : kind == "relative" ? .relative(x) : .ciWidened(x)
    }
}
