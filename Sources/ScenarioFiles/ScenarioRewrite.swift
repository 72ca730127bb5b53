import Yams

extension ScenarioLoader {
    /// The scenario text with agent group `group` scheduled by `plan` (`count_by_period`,
    /// replacing its `count` or `count_by_period`; a fractional head count such as 7.5 is
    /// fractional staffing, written exactly) and named `name` (so that its results go to
    /// their own folder), every call type's arrivals multiplied by `volumeFactor`, checked by
    /// reading it back: for `ccsim staff --write-scenario` and `ccsim schedule
    /// --write-scenario`, so that a plan or a roster becomes a scenario to run what-ifs on.
    /// YAML comments are not kept (the text is rendered from the parsed tree).
    public static func rewriting(_ text: String, file: String, group: String, plan: [Double], volumeFactor: Double = 1,
                                 name: String, header: String) throws -> String {
        _ = try parse(text, file: file)  // a valid scenario to start from
        guard let root = try Yams.compose(yaml: text), case .mapping = root else {
            throw ScenarioError(file: file, problems: [ScenarioProblem(path: "", message: "is not a mapping")])
        }
        let value = Node.sequence(Node.Sequence(plan.map { Node($0 == $0.rounded() && abs($0) < 1e15 ? String(Int($0)) : "\($0)") },
                                                .implicit, .flow))
        var tree = root
        if volumeFactor != 1 { tree = try scalingArrivals(tree, by: volumeFactor, file: file) }
        tree = countingByPeriodInVariants(tree, group: group, periods: plan.count)
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

    /// `tree` whose variants change the group's `count` (now a `count_by_period`) change its
    /// `count_by_period` instead: `{add: n}` and `{scale: s}` as they were, a number as that
    /// many agents in every period.
    static func countingByPeriodInVariants(_ tree: Node, group: String, periods: Int) -> Node {
        guard case .mapping(let top) = tree, case .sequence(let variants)? = top.first(where: { $0.key.string == "variants" })?.value,
              case .sequence(let groups)? = top.first(where: { $0.key.string == "agents" })?.value,
              let index = groups.firstIndex(where: { item in
                  guard case .mapping(let m) = item else { return false }
                  return m.first(where: { $0.key.string == "group" })?.value.string == group
              })
        else { return tree }
        let counts = Set(["agents.\(group).count", "agents.\(index).count"])
        let rewritten = variants.map { variant -> Node in
            guard case .mapping(let v) = variant, let k = v.firstIndex(where: { $0.key.string == "set" }),
                  case .mapping(let set) = v[k].value else { return variant }
            let pairs = set.map { pair -> (Node, Node) in
                guard let key = pair.key.string, counts.contains(key) else { return (pair.key, pair.value) }
                var value = pair.value
                if case .scalar = value {
                    value = .sequence(Node.Sequence(Array(repeating: pair.value, count: periods), .implicit, .flow))
                }
                return (Node(key + "_by_period"), value)
            }
            var entries = v.map { ($0.key, $0.value) }
            entries[v.distance(from: v.startIndex, to: k)].1 = .mapping(Node.Mapping(pairs, set.tag, set.style, set.mark))
            return .mapping(Node.Mapping(entries, v.tag, v.style, v.mark))
        }
        return (try? NodeOverride.set(tree, path: ["variants"], value: .sequence(Node.Sequence(rewritten, variants.tag, variants.style,
                                                                                                   variants.mark))).get()) ?? tree
    }

    /// `tree` with each call type's arrivals (per_hour_by_period, per_period or per_hour,
    /// whichever it gives) multiplied by `factor`, as a variant's `{scale: factor}` would.
    static func scalingArrivals(_ tree: Node, by factor: Double, file: String) throws -> Node {
        guard case .mapping(let top) = tree, case .sequence(let types)? = top.first(where: { $0.key.string == "call_types" })?.value else {
            return tree
        }
        var out = tree
        for (i, type) in types.enumerated() {
            guard case .mapping(let m) = type, case .mapping(let arrivals)? = m.first(where: { $0.key.string == "arrivals" })?.value,
                  let key: String = ["per_hour_by_period", "per_period", "per_hour"].first(where: { k in arrivals.contains { $0.key.string == k } })
            else { continue }
            // (By its name, which call types have unique; by its index when it has none.)
            let item: String = m.first(where: { $0.key.string == "name" })?.value.string ?? String(i)
            let scale = Node.mapping(Node.Mapping([(Node("scale"), Node("\(factor)"))]))
            switch NodeOverride.set(out, path: ["call_types", item, "arrivals", key], value: scale) {
            case .success(let t): out = t
            case .failure(let e): throw ScenarioError(file: file, problems: [ScenarioProblem(path: e.path, message: e.message)])
            }
        }
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
