import Yams

extension ScenarioLoader {
    /// The scenario text with agent group `group` scheduled by `plan` (`count_by_period`,
    /// replacing its `count` or `count_by_period`) and named `name` (so that its results go
    /// to their own folder), checked by reading it back: for `ccsim staff --write-scenario`,
    /// so that a plan becomes a scenario to run what-ifs on. YAML comments are not kept (the
    /// text is rendered from the parsed tree).
    public static func rewriting(_ text: String, file: String, group: String, plan: [Int], name: String, header: String) throws -> String {
        _ = try parse(text, file: file)  // a valid scenario to start from
        guard let root = try Yams.compose(yaml: text), case .mapping = root else {
            throw ScenarioError(file: file, problems: [ScenarioProblem(path: "", message: "is not a mapping")])
        }
        let value = Node.sequence(Node.Sequence(plan.map { Node(String($0)) }, .implicit, .flow))
        var tree = root
        // Drop the group's `count` (a group gives count or count_by_period), then set the plan.
        if case .mapping(let top) = tree, let agents = top.first(where: { $0.key.string == "agents" })?.value,
           case .sequence(let groups) = agents {
            let rewritten = groups.map { item -> Node in
                guard case .mapping(let m) = item, m.first(where: { $0.key.string == "group" })?.value.string == group else { return item }
                return .mapping(Node.Mapping(m.filter { $0.key.string != "count" }.map { ($0.key, $0.value) }, m.tag, m.style, m.mark))
            }
            switch NodeOverride.set(tree, path: ["agents"], value: .sequence(Node.Sequence(rewritten, groups.tag, groups.style, groups.mark))) {
            case .success(let t): tree = t
            case .failure(let e): throw ScenarioError(file: file, problems: [ScenarioProblem(path: e.path, message: e.message)])
            }
        }
        for (path, node) in [(["agents", group, "count_by_period"], value), (["name"], Node(name, Tag(.str), .doubleQuoted))] {
            switch NodeOverride.set(tree, path: path[...], value: node) {
            case .success(let t): tree = t
            case .failure(let e): throw ScenarioError(file: file, problems: [ScenarioProblem(path: e.path, message: e.message)])
            }
        }
        let out = header + (try Yams.serialize(node: tree, width: 100))
        _ = try parse(out, file: file)
        return out
    }
}

extension ScenarioLoader {
    /// For `ccsim staff`: a scenario with one call type (no intents) and no `agents:` block
    /// gets a placeholder group of 1 agent with that call type's skill (staffing computes
    /// the agents; the count is never used). nil when the text has agents, or is not such a
    /// scenario (its problems are then reported as usual).
    public static func withPlaceholderAgents(_ text: String) -> String? {
        guard let root = try? Yams.compose(yaml: text), case .mapping(let top) = root,
              !top.contains(where: { $0.key.string == "agents" || $0.key.string == "intents" }),
              case .sequence(let types)? = top.first(where: { $0.key.string == "call_types" })?.value, types.count == 1,
              case .mapping(let type) = types[0], let name = type.first(where: { $0.key.string == "name" })?.value.string
        else { return nil }
        let quoted = "\"" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        let placeholder = "agents: [{group: agents, count: 1, skills: [\(quoted)]}]\n"
        let augmented = (text.hasSuffix("\n") ? text : text + "\n") + placeholder
        return (try? Yams.compose(yaml: augmented)) != nil ? augmented : nil
    }
}
