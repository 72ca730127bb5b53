import ContactCenter
import Stochastic

extension Scenario {
    /// The scenario as canonical YAML that `ScenarioLoader.parse` reads back to an equal
    /// value (numbers in Swift's shortest round-trip form; arrivals always as an
    /// inter-arrival distribution, so no rate ↔ mean conversion can lose a bit).
    /// nil for scenarios with intents, an IVR, variants, a day plan, routing other than
    /// the default, or groups with their own handling or after-call work, which it does
    /// not render yet.
    public var yaml: String? {
        guard config.intents.isEmpty, config.ivr == nil, config.day == nil, variants.count == 1, variants[0].name == "base",
              config.routing == RoutingConfig(),
              config.groups.allSatisfy({ $0.serviceSecondsByCallType.allSatisfy { $0 == nil } && $0.afterCallWorkSeconds == nil })
        else { return nil }
        var lines = ["name: \(quoted(name))"]
        if let description { lines.append("description: \(quoted(description))") }
        lines.append("seed: \(seed)")
        lines.append("replications: \(replications)")
        switch config.horizon {
        case .calls(let warmup, let measured):
            lines.append("horizon: {warmup_calls: \(warmup), calls: \(measured), max_simulated_seconds: \(number(config.maxSimulatedSeconds))}")
        case .time(let warmup, let measured):
            lines.append("horizon: {warmup_seconds: \(number(warmup)), seconds: \(number(measured)), "
                + "max_simulated_seconds: \(number(config.maxSimulatedSeconds))}")
        }
        var serviceLevel = "service_level: {target_seconds: \(number(config.serviceLevelTargetSeconds))"
        if let goal = serviceLevelGoal { serviceLevel += ", goal: \(number(goal))" }
        if let share = serviceLevelOnShareOfDays { serviceLevel += ", on_share_of_days: \(number(share))" }
        lines.append(serviceLevel + "}")
        lines.append("call_types:")
        for type in config.callTypes {
            lines.append("  - name: \(quoted(type.name))")
            lines.append("    arrivals: {interarrival: \(Self.yaml(type.interarrivalSeconds))}")
            lines.append("    service: \(Self.yaml(type.serviceSeconds))")
            if let patience = type.patienceSeconds { lines.append("    patience: \(Self.yaml(patience))") }
            lines.append("    balk_probability: \(number(type.balkProbability))")
        }
        lines.append("agents:")
        for group in config.groups {
            lines.append("  - group: \(quoted(group.name))")
            lines.append("    count: \(group.agents)")
            lines.append("    skills: [\((group.skills ?? config.skillNames).map(quoted).joined(separator: ", "))]")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A distribution in the scenario syntax, e.g. `{exponential: {mean: 180}}`.
    public static func yaml(_ d: Distribution) -> String {
        switch d {
        case .exponential(let mean): return "{exponential: {mean: \(number(mean))}}"
        case .erlang(let phases, let mean): return "{erlang: {phases: \(phases), mean: \(number(mean))}}"
        case .gamma(let shape, let scale): return "{gamma: {shape: \(number(shape)), scale: \(number(scale))}}"
        case .lognormal(let mu, let sigma): return "{lognormal: {mu: \(number(mu)), sigma: \(number(sigma))}}"
        case .weibull(let shape, let scale): return "{weibull: {shape: \(number(shape)), scale: \(number(scale))}}"
        case .deterministic(let value): return "{deterministic: \(number(value))}"
        case .uniform(let low, let high): return "{uniform: {low: \(number(low)), high: \(number(high))}}"
        case .empirical(let values): return "{empirical: [\(values.map(number).joined(separator: ", "))]}"
        case .mixture(let components):
            let parts = components.map { c -> String in
                let inner = yaml(c.distribution)  // "{law: …}" → "weight: w, law: …"
                return "{weight: \(number(c.weight)), \(inner.dropFirst().dropLast())}"
            }
            return "{mixture: [\(parts.joined(separator: ", "))]}"
        case .piecewiseExponential(let breaks, let means):
            return "{piecewise_exponential: {breaks: [\(breaks.map(number).joined(separator: ", "))], "
                + "means: [\(means.map(number).joined(separator: ", "))]}}"
        }
    }
}

/// Shortest round-trip decimal; integral values without ".0".
private func number(_ x: Double) -> String {
    x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : "\(x)"
}

/// A YAML double-quoted scalar (`YAMLText.quoted`).
func quoted(_ s: String) -> String { YAMLText.quoted(s) }

/// Text on its way into a YAML file ccsim writes (a scenario, a fitted scenario).
public enum YAMLText {
    /// A double-quoted scalar that reads back as `s`, whatever it holds: quote and
    /// backslash escaped, CR, LF and tab by their escapes, and every character outside
    /// YAML's printable set, its line breaks (NEL, LS, PS) and the BOM by code.
    public static func quoted(_ s: String) -> String {
        var out = "\""
        for ch in s.unicodeScalars {
            switch ch {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case _ where ch.value < 0x20 || (0x7F...0x9F).contains(ch.value) || [0x2028, 0x2029, 0xFEFF].contains(ch.value)
                || (0xD800...0xDFFF).contains(ch.value) || ch.value == 0xFFFE || ch.value == 0xFFFF:
                let hex = String(ch.value, radix: 16, uppercase: true)
                out += ch.value <= 0xFF ? "\\x" + String(repeating: "0", count: 2 - hex.count) + hex
                    : "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(ch)
            }
        }
        return out + "\""
    }

    /// `text` for a comment line: every control character and YAML line break (NEL, LS,
    /// PS) and the BOM as a space, so that it stays within the comment.
    public static func commentSafe(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            let breaks = s.properties.generalCategory == .control || [0x85, 0x2028, 0x2029, 0xFEFF].contains(s.value)
            out.append(breaks ? " " : s)
        }
        return String(out)
    }
}
