import Stochastic

extension CenterConfig {
    /// The skill names: the intents' skills (sorted), or the call types' names without intents.
    public var skillNames: [String] {
        intents.isEmpty ? callTypes.map(\.name) : Array(Set(intents.map(\.skill))).sorted()
    }

    /// Group g's skills as indices into `skillNames` (unknown names are dropped).
    func skillIndices(ofGroup g: Int) -> [Int] {
        let names = skillNames
        guard let skills = groups[g].skills else { return Array(names.indices) }
        let index = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        return skills.compactMap { index[$0] }
    }

    /// The skills a call of type i can be routed to: his intents' skills (and, behind an
    /// IVR, every skill a transfer leaf names: a misroute), or the type's own name.
    func reachableSkills(ofCallType i: Int) -> Set<Int> {
        guard !intents.isEmpty else { return [i] }
        let names = skillNames
        var out = Set(callTypes[i].intentMix.filter { $0.weight > 0 && intents.indices.contains($0.intent) }
            .compactMap { names.firstIndex(of: intents[$0.intent].skill) })
        for node in ivr?.nodes ?? [] {
            if case .transfer(let skill?) = node.kind, let s = names.firstIndex(of: skill) { out.insert(s) }
        }
        return out
    }

    /// Agent groups and routing: names, skills, head counts, handling laws, priorities and
    /// overflow lists; and every (call type, skill) a call can reach has a group to take it.
    var routingProblems: [(path: String, message: String)] {
        var out: [(path: String, message: String)] = []
        if groups.isEmpty { return [("agents", "must list at least one agent group (got none)")] }
        if groups.count * callTypes.count > StreamID.maxEntity {
            return [("agents", "too many groups × call types for the random streams (got \(groups.count) × \(callTypes.count))")]
        }
        let names = skillNames
        let known = Set(names)
        var seen = Set<String>()
        for (g, group) in groups.enumerated() {
            let p = "agents[\(g)]"
            if !seen.insert(group.name).inserted { out.append(("\(p).group", "repeats a group name (got \"\(group.name)\")")) }
            if group.agents < 0 { out.append(("\(p).count", "must be ≥ 0 (got \(group.agents))")) }
            for skill in group.skills ?? [] where !known.contains(skill) {
                out.append(("\(p).skills", "no skill is named \"\(skill)\""))
            }
            if group.serviceSecondsByCallType.count > callTypes.count {
                out.append(("\(p).service", "gives more handling laws than there are call types"))
            }
            for (i, law) in group.serviceSecondsByCallType.enumerated() {
                guard let law else { continue }
                let typeName = callTypes.indices.contains(i) ? callTypes[i].name : String(i)
                for q in law.parameterProblems { out.append(("\(p).service.\(typeName).\(q.key)", q.message)) }
            }
            for q in group.afterCallWorkSeconds?.parameterProblems ?? [] { out.append(("\(p).after_call_work.\(q.key)", q.message)) }
            if group.reserve < 0 { out.append(("\(p).reserve", "must be ≥ 0 (got \(group.reserve))")) }
            if group.reserve > 0 && group.reservedFor.isEmpty { out.append(("\(p).reserved_for", "must name the call types the agents are kept for")) }
            if group.reservedFor.contains(where: { !callTypes.indices.contains($0) }) {
                out.append(("\(p).reserved_for", "names a call type that does not exist"))
            }
            if let absence = group.absence {
                for q in absence.everySeconds.parameterProblems { out.append(("\(p).absence.every.\(q.key)", q.message)) }
                for q in absence.lastingSeconds.parameterProblems { out.append(("\(p).absence.lasting.\(q.key)", q.message)) }
                for (key, law) in [("every", absence.everySeconds), ("lasting", absence.lastingSeconds)] where !(law.mean > 0) {
                    out.append(("\(p).absence.\(key)", "must have a positive mean (got \(law.mean) s)"))
                }
            }
        }
        if let day, day.agentsByGroup.count != groups.count {
            out.append(("agents", "the day plan needs one head-count list per group (got \(day.agentsByGroup.count) for \(groups.count))"))
        }
        if !routing.priorities.isEmpty && routing.priorities.count != callTypes.count {
            out.append(("routing.priorities", "must give every call type a priority (got \(routing.priorities.count) for \(callTypes.count))"))
        }
        if routing.overflow.count > callTypes.count {
            out.append(("routing.overflow", "gives more lists than there are call types"))
        }
        for (i, steps) in routing.overflow.enumerated() {
            let p = "routing.overflow." + (callTypes.indices.contains(i) ? callTypes[i].name : String(i))
            var listed = Set<Int>()
            for (k, step) in steps.enumerated() {
                if !groups.indices.contains(step.group) { out.append(("\(p)[\(k)].group", "names no agent group")); continue }
                if callTypes.indices.contains(i),
                   reachableSkills(ofCallType: i).isDisjoint(with: skillIndices(ofGroup: step.group)) {
                    out.append(("\(p)[\(k)].group", "group \(groups[step.group].name) has no skill \(callTypes[i].name) calls need"))
                }
                if !listed.insert(step.group).inserted {
                    out.append(("\(p)[\(k)].group", "lists group \(groups[step.group].name) twice"))
                }
                if !(step.afterSeconds >= 0 && step.afterSeconds.isFinite) {
                    out.append(("\(p)[\(k)].after_seconds", "must be a number of seconds ≥ 0 (got \(step.afterSeconds))"))
                }
            }
        }
        guard out.isEmpty else { return out }
        // Every class a call can reach needs a group that may take it.
        let reachable = callTypes.indices.map { Array(reachableSkills(ofCallType: $0)) }
        let plan = RoutingTables(routing: routing, reachableSkills: reachable, skillCount: names.count,
                               groupSkills: groups.indices.map(skillIndices(ofGroup:)))
        for i in callTypes.indices {
            for s in reachable[i].sorted() where plan.classGroupRange[plan.queueClass(callType: i, skill: s)!].isEmpty {
                let path = routing.policy == .skillBased && routing.overflow.indices.contains(i) && !routing.overflow[i].isEmpty
                    ? "routing.overflow.\(callTypes[i].name)" : "agents"
                out.append((path, "no group with skill \"\(names[s])\" may take \(callTypes[i].name) calls"))
            }
        }
        return out
    }
}
