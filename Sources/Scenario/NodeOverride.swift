import Yams

/// Sets a value at a dotted key path in a YAML tree (variants; later sweeps). A path
/// component names a mapping key, or, in a list, the item whose `name` or `group` is
/// that word (or its index). The last key may be new; every other must exist.
enum NodeOverride {
    /// The tree with `value` at `path`, or a message saying which component is wrong.
    static func set(_ root: Node, path: ArraySlice<String>, value: Node, walked: String = "") -> Result<Node, OverrideError> {
        guard let key = path.first else { return .success(value) }
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

    struct OverrideError: Error {
        let path: String
        let message: String
    }
}
