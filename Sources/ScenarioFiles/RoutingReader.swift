import ContactCenter
import Yams

/// `routing: {policy, agent_selection, priorities, overflow, weights}`: see Scenarios/README.md.
extension ScenarioSchema {
    static func readRouting(_ node: Node, callTypeNames: [String], groupNames: [String], diagnostics: Diagnostics) -> RoutingConfig? {
        guard let r = MappingReader(node, path: "routing", allowedKeys: ["policy", "agent_selection", "priorities", "overflow", "weights"],
                                    diagnostics: diagnostics)
        else { return nil }
        var routing = RoutingConfig()
        var ok = true
        if r.has("policy") {
            if let policy = r.word("policy", of: RoutingPolicy.self) { routing.policy = policy } else { ok = false }
        }
        if r.has("agent_selection") {
            if let selection = r.word("agent_selection", of: AgentSelection.self) { routing.agentSelection = selection } else { ok = false }
        }
        // Priorities: smaller is served first; call types not listed come after all listed.
        if let p = r.value("priorities") {
            if let m = MappingReader(p, path: "routing.priorities", allowedKeys: callTypeNames, diagnostics: diagnostics) {
                var given: [Int?] = []
                for name in callTypeNames {
                    guard let v = m.integer(name) else { given.append(nil); continue }
                    if v >= 0 && v <= 1000 { given.append(v) } else {
                        m.report(name, "must be an integer in 0...1000, smaller served first (got \(v))")
                        ok = false
                        given.append(nil)
                    }
                }
                let last = (given.compactMap { $0 }.max() ?? -1) + 1
                routing.priorities = given.map { $0 ?? last }
                if m.pairs.count != given.compactMap({ $0 }).count { ok = false }
            } else { ok = false }
        }
        if let o = r.value("overflow") {
            if let m = MappingReader(o, path: "routing.overflow", allowedKeys: callTypeNames, diagnostics: diagnostics) {
                routing.overflow = callTypeNames.map { type in
                    guard let list = m.value(type) else { return [] }
                    let path = child("routing.overflow", type)
                    guard let items = NodeValue.sequence(list, path: path, what: "steps {group, after_seconds}", diagnostics: diagnostics)
                    else { ok = false; return [] }
                    if items.isEmpty { diagnostics.report(path, "must list at least one group (got none)", at: list); ok = false }
                    return items.enumerated().compactMap { k, item -> OverflowStep? in
                        let stepPath = element(path, k)
                        guard let s = MappingReader(item, path: stepPath, allowedKeys: ["group", "after_seconds"], diagnostics: diagnostics),
                              let group = s.string("group", required: true, what: "an agent group's name")
                        else { ok = false; return nil }
                        guard let g = groupNames.firstIndex(of: group) else {
                            s.report("group", "no agent group is named \"\(group)\"\(Suggestion.hint(for: group, in: groupNames))")
                            ok = false
                            return nil
                        }
                        let after = s.number("after_seconds") ?? 0
                        guard after >= 0 && after <= ScenarioLimits.maxSeconds else {
                            s.report("after_seconds", "must be a number of seconds in 0...\(Int(ScenarioLimits.maxSeconds)) (got \(after))")
                            ok = false
                            return nil
                        }
                        return OverflowStep(group: g, afterSeconds: after)
                    }
                }
            } else { ok = false }
        }
        // Waiting-time weights (used by longest_weighted_wait, so that a variant may switch to
        // it): positive; call types not listed weigh 1.
        if let w = r.value("weights") {
            if let m = MappingReader(w, path: "routing.weights", allowedKeys: callTypeNames, diagnostics: diagnostics) {
                routing.weights = callTypeNames.map { name in
                    guard let v = m.number(name, what: "a positive weight") else { return 1 }
                    guard v > 0 && v <= 1e6 else {
                        m.report(name, "must be a weight in (0, 1000000] (got \(v))")
                        ok = false
                        return 1
                    }
                    return v
                }
            } else { ok = false }
        }
        return ok ? routing : nil
    }
}
