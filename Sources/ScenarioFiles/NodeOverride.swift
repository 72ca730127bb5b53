import Yams

/// Sets a value at a dotted key path in a YAML tree (variants; later sweeps). A path
/// component names a mapping key, or, in a list, the item whose `name` or `group` is
/// that word (or its index). The last key may be new; every other must exist.
///
/// A what-if may change a number or a list of numbers that is there instead of replacing
/// it: `{add: -5}` adds to each, `{scale: 0.95}` multiplies each (results below 0 become 0;
/// a `count` is rounded to whole agents, a `count_by_period` may stay fractional).
enum NodeOverride {
    /// The tree with `value` at `path`, or a message saying which component is wrong.
    static func set(_ root: Node, path: ArraySlice<String>, value: Node, walked: String = "") -> Result<Node, OverrideError> {
        guard let key = path.first else { return arithmetic(root, value, path: walked) ?? .success(value) }
        let here = walked.isEmpty ? key : "\(walked).\(key)"
        let rest = path.dropFirst()
        switch root {
        case .mapping(let mapping):
            var pairs = mapping.map { ($0.key, $0.value) }
            if let i = pairs.firstIndex(where: { $0.0.string == key }) {
                switch set(pairs[i].1, path: rest, value: value, walked: here) {
                case .success(let node): pairs[i].1 = node
                case .failure(let e): return .failure(e)
                }
            } else if rest.isEmpty {
                pairs.append((Node(key), value))
            } else {
                let keys = pairs.compactMap { $0.0.string }
                return .failure(OverrideError(path: here, message: "no such key\(Suggestion.hint(for: key, in: keys))"))
            }
            return .success(.mapping(Node.Mapping(pairs, mapping.tag, mapping.style, mapping.mark)))
        case .sequence(let sequence):
            var items = Array(sequence)
            let names = items.map { item -> String? in
                guard case .mapping(let m) = item else { return nil }
                return (m.first { $0.key.string == "name" } ?? m.first { $0.key.string == "group" })?.value.string
            }
            guard let i = names.firstIndex(of: key) ?? Int(key).flatMap({ items.indices.contains($0) ? $0 : nil }) else {
                return .failure(OverrideError(path: here, message: "no list item is named \"\(key)\""
                    + Suggestion.hint(for: key, in: names.compactMap { $0 })))
            }
            switch set(items[i], path: rest, value: value, walked: here) {
            case .success(let node): items[i] = node
            case .failure(let e): return .failure(e)
            }
            return .success(.sequence(Node.Sequence(items, sequence.tag, sequence.style, sequence.mark)))
        default:
            return .failure(OverrideError(path: here, message: "\(walked) is a single value, it has no key \(key)"))
        }
    }

    /// `{add: x}` or `{scale: s}` applied to the number or list of numbers `old`; nil when
    /// `value` is neither (a plain replacement).
    static func arithmetic(_ old: Node, _ value: Node, path: String) -> Result<Node, OverrideError>? {
        guard case .mapping(let m) = value, m.count == 1, let op = m.first?.key.string, ["add", "scale"].contains(op) else { return nil }
        guard let operand = m.first?.value.string.flatMap(Double.init), operand.isFinite else {
            return .failure(OverrideError(path: path + "." + op, message: "must be a number"))
        }
        let whole = path.hasSuffix("count")
        func apply(_ node: Node) -> Node? {
            guard case .scalar(let s) = node, let x = Double(s.string) else { return nil }
            var y = max(0, op == "add" ? x + operand : x * operand)
            if whole { y = y.rounded() }
            return Node(y == y.rounded() && abs(y) < 1e15 ? String(Int(y)) : "\(y)")
        }
        switch old {
        case .scalar:
            guard let new = apply(old) else { return .failure(OverrideError(path: path, message: "\(op) needs a number here")) }
            return .success(new)
        case .sequence(let items):
            let new = items.compactMap(apply)
            guard new.count == items.count else { return .failure(OverrideError(path: path, message: "\(op) needs a list of numbers here")) }
            return .success(.sequence(Node.Sequence(new, items.tag, .flow, items.mark)))
        default:
            return .failure(OverrideError(path: path, message: "\(op) needs a number or a list of numbers here"))
        }
    }

    struct OverrideError: Error {
        let path: String
        let message: String
    }
}
