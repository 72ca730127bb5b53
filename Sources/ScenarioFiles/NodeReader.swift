import Yams

/// Collects problems while a scenario is read, so that all of them are reported at once.
final class Diagnostics {
    private(set) var problems: [ScenarioProblem] = []

    func report(_ path: String, _ message: String, at node: Node?) {
        problems.append(ScenarioProblem(path: path, message: message, line: node?.mark?.line))
    }

    /// A problem found elsewhere (a variant's own reading), under `prefix`.
    func report(_ problem: ScenarioProblem, under prefix: String) {
        problems.append(ScenarioProblem(path: child(prefix, problem.path), message: problem.message, line: problem.line))
    }
}

/// How a YAML value is shown after "got": scalars as written, collections by kind.
func shown(_ node: Node) -> String {
    switch node {
    case .scalar(let s):
        let text = s.string.count > 40 ? String(s.string.prefix(37)) + "..." : s.string
        return s.style == .plain || s.style == .any ? text : "\"\(text)\""
    case .mapping: return "a mapping"
    case .sequence: return "a list"
    case .alias: return "an alias"
    }
}

/// Joins a key path: `a` + `b` → `a.b`; index components are appended as `[i]`.
func child(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
func element(_ path: String, _ index: Int) -> String { "\(path)[\(index)]" }

/// Reads a YAML mapping whose keys are known in advance: unknown keys are reported (with
/// a did-you-mean), and each typed accessor reports a wrong type or value at its key path.
struct MappingReader {
    let path: String
    let node: Node
    let pairs: [(key: String, value: Node)]
    let diagnostics: Diagnostics

    /// nil (and a problem reported) when `node` is not a mapping.
    init?(_ node: Node, path: String, allowedKeys: [String], diagnostics: Diagnostics) {
        guard case .mapping(let mapping) = node else {
            diagnostics.report(path, "must be a mapping with keys \(allowedKeys.joined(separator: ", ")) (got \(shown(node)))",
                               at: node)
            return nil
        }
        self.path = path
        self.node = node
        self.diagnostics = diagnostics
        var pairs: [(String, Node)] = []
        for (key, value) in mapping {
            guard case .scalar(let k) = key else {
                diagnostics.report(path, "keys must be plain words (got \(shown(key)))", at: key)
                continue
            }
            if !allowedKeys.contains(k.string) {
                diagnostics.report(child(path, k.string),
                                   "unknown key\(Suggestion.hint(for: k.string, in: allowedKeys))", at: key)
                continue
            }
            pairs.append((k.string, value))
        }
        self.pairs = pairs
    }

    func value(_ key: String) -> Node? { pairs.first { $0.key == key }?.value }
    func has(_ key: String) -> Bool { value(key) != nil }

    /// The value at `key`; reports a missing required key.
    func required(_ key: String, _ what: String) -> Node? {
        if let v = value(key) { return v }
        diagnostics.report(child(path, key), "is required: \(what)", at: node)
        return nil
    }

    func number(_ key: String, required: Bool = false, what: String = "a number") -> Double? {
        guard let v = required ? self.required(key, what) : value(key) else { return nil }
        return NodeValue.number(v, path: child(path, key), diagnostics: diagnostics)
    }

    func integer(_ key: String, required: Bool = false, what: String = "an integer") -> Int? {
        guard let v = required ? self.required(key, what) : value(key) else { return nil }
        return NodeValue.integer(v, path: child(path, key), diagnostics: diagnostics)
    }

    func string(_ key: String, required: Bool = false, what: String = "a text") -> String? {
        guard let v = required ? self.required(key, what) : value(key) else { return nil }
        return NodeValue.string(v, path: child(path, key), diagnostics: diagnostics)
    }

    func report(_ key: String, _ message: String) {
        diagnostics.report(child(path, key), message, at: value(key) ?? node)
    }

    /// One of an enumeration's words at `key` (nil when absent or, reported, unknown).
    func word<Word: RawRepresentable & CaseIterable>(_ key: String, of _: Word.Type) -> Word?
        where Word.RawValue == String {
        guard let text = string(key) else { return nil }
        if let word = Word(rawValue: text) { return word }
        let names = Word.allCases.map(\.rawValue)
        report(key, "must be one of \(names.joined(separator: ", "))\(Suggestion.hint(for: text, in: names)) (got \(text))")
        return nil
    }
}

/// Scalar conversions that report at a key path.
enum NodeValue {
    /// A finite number written plainly (1800, 0.25, 1e6, 1_000_000). Quoted text is not a number.
    static func number(_ node: Node, path: String, diagnostics: Diagnostics) -> Double? {
        guard case .scalar(let s) = node, s.style == .plain || s.style == .any else {
            diagnostics.report(path, "must be a number (got \(shown(node)))", at: node)
            return nil
        }
        let text = s.string.replacingOccurrences(of: "_", with: "")
        guard let x = Double(text), x.isFinite, !text.isEmpty else {
            diagnostics.report(path, "must be a finite number (got \(shown(node)))", at: node)
            return nil
        }
        return x
    }

    static func integer(_ node: Node, path: String, diagnostics: Diagnostics) -> Int? {
        guard let x = number(node, path: path, diagnostics: diagnostics) else { return nil }
        guard x == x.rounded(), abs(x) < 9e15 else {
            diagnostics.report(path, "must be a whole number (got \(shown(node)))", at: node)
            return nil
        }
        return Int(x)
    }

    static func string(_ node: Node, path: String, diagnostics: Diagnostics) -> String? {
        guard case .scalar(let s) = node else {
            diagnostics.report(path, "must be a text (got \(shown(node)))", at: node)
            return nil
        }
        return s.string
    }

    static func sequence(_ node: Node, path: String, what: String, diagnostics: Diagnostics) -> [Node]? {
        guard case .sequence(let s) = node else {
            diagnostics.report(path, "must be a list of \(what) (got \(shown(node)))", at: node)
            return nil
        }
        return Array(s)
    }
}

/// Clock times written `HH:MM` (periods' opening, shift starts, a log's hours).
public enum ClockTime {
    /// Minutes after midnight of `text`, nil unless it is `H:MM` or `HH:MM` with the hour
    /// below `hoursBelow` (24 for a time of day; more for times past midnight).
    public static func minutes(_ text: String, hoursBelow: Int) -> Int? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]), (0..<hoursBelow).contains(h), (0..<60).contains(m)
        else { return nil }
        return h * 60 + m
    }

    /// `HH:MM` of `seconds` after midnight (to the nearest minute; hours past 23 for times
    /// past midnight).
    public static func text(seconds: Double) -> String {
        let minutes = Int((seconds / 60).rounded())
        let h = minutes / 60, m = minutes % 60
        return (h < 10 ? "0" : "") + "\(h):" + (m < 10 ? "0" : "") + "\(m)"
    }
}
