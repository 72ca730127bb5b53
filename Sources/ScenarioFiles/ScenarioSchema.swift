import ContactCenter
import Stochastic
import Yams

/// The scenario schema (documented key by key in Scenarios/README.md). Each reader
/// reports every problem it finds and returns nil when its part is unusable.
enum ScenarioSchema {
    static func read(_ root: Node, diagnostics: Diagnostics) -> Scenario? {
        guard let top = MappingReader(root, path: "", allowedKeys: ScenarioLoader.topLevelKeys, diagnostics: diagnostics)
        else { return nil }

        let name = readName(top)
        let description = top.string("description")
        let seed = readSeed(top)
        let replications = readReplications(top)
        let precision = readPrecision(top, replications: replications ?? 10)
        let periods = top.value("periods").map { readPeriods($0, diagnostics: diagnostics) } ?? nil
        var busynessShape: Double?
        if let b = top.value("busyness"), let r = MappingReader(b, path: "busyness", allowedKeys: ["shape"], diagnostics: diagnostics),
           let shape = r.number("shape", required: true, what: "the Gamma shape (mean 1, coefficient of variation 1/√shape)") {
            if shape > 0 { busynessShape = shape } else { r.report("shape", "must be positive (got \(shape))") }
            if top.value("periods") == nil { diagnostics.report("busyness", "applies to days: add periods:", at: b) }
        }
        let days = top.value("days").flatMap { readDays($0, periodCount: periods?.count, diagnostics: diagnostics) }
        var horizon: HorizonSpec?
        if let p = periods {
            if top.has("horizon") { top.report("horizon", "a day of periods is its own horizon: remove horizon (or periods)") }
            horizon = HorizonSpec(horizon: .time(warmupSeconds: 0, measuredSeconds: p.seconds * Double(p.count)),
                                  maxSimulatedSeconds: ScenarioLimits.maxSeconds)
        } else if !top.has("periods") {
            horizon = top.required("horizon", "{warmup_calls: N, calls: N} or {warmup_seconds: S, seconds: S}")
                .flatMap { readHorizon($0, diagnostics: diagnostics) }
        }
        let serviceLevel = readServiceLevel(top)
        var lines: Int?
        if let l = top.integer("lines", what: "the number of trunk lines") {
            if (1...ScenarioLimits.maxAgents).contains(l) { lines = l } else { top.report("lines", "must be in 1...\(ScenarioLimits.maxAgents) (got \(l))") }
        }
        let intents = top.value("intents").map { readIntents($0, diagnostics: diagnostics) } ?? []
        let callTypes = top.required("call_types", "a list of call types")
            .map { readCallTypes($0, intents: intents, periods: periods?.count, periodMinutes: periods.map { $0.seconds / 60 },
                                 diagnostics: diagnostics) }
        // Skills are the intents' skills, or the call types' names when there are no intents.
        let skills: [String]? = intents.map { list in
            list.isEmpty ? callTypes?.names : Array(Set(list.map(\.skill))).sorted()
        } ?? nil
        let groups = top.required("agents", "a list of agent groups {group, count, skills}")
            .flatMap { readAgentGroups($0, skillNames: skills, callTypeNames: callTypes?.names, periods: periods?.count,
                                       diagnostics: diagnostics) }
        let campaigns = top.value("campaigns").map { CampaignReader.read($0, openingMinute: periods?.openingMinute,
                                                                         diagnostics: diagnostics) } ?? []
        /// "names no campaign (campaigns: "a", "b")".
        func noSuchCampaign(_ campaigns: [Campaign]) -> String {
            "names no campaign (campaigns: " + (campaigns.isEmpty ? "none" : campaigns.map { "\"\($0.name)\"" }.joined(separator: ", ")) + ")"
        }
        if let groups, let campaigns {
            for (g, group) in groups.enumerated() {
                for (k, name) in group.outboundNames.enumerated() where !campaigns.contains(where: { $0.name == name }) {
                    diagnostics.report("agents[\(g)].outbound[\(k)]", noSuchCampaign(campaigns), at: top.value("agents") ?? root)
                }
            }
        }
        var routing = RoutingConfig()
        if let node = top.value("routing"), let typeNames = callTypes?.names, let groups {
            routing = readRouting(node, callTypeNames: typeNames, groupNames: groups.map(\.group.name),
                                  diagnostics: diagnostics) ?? routing
        }
        var ivr: IVRConfig?
        var implicitIntents: [Intent]?
        if let ivrNode = top.value("ivr") {
            if let intents, !intents.isEmpty, let names = callTypes?.names {
                ivr = IVRReader.read(ivrNode, intents: intents, callTypeNames: names, diagnostics: diagnostics)
            } else if intents?.isEmpty ?? false, let types = callTypes?.types {
                // Without intents, each call type is one intent of its own (its name, skill and
                // handling time): an IVR that only delays, identifies or lets callers hang up.
                let own = types.map { Intent(name: $0.type.name, skill: $0.type.name, serviceSeconds: $0.type.serviceSeconds) }
                implicitIntents = own
                ivr = IVRReader.read(ivrNode, intents: own, callTypeNames: types.map(\.type.name), diagnostics: diagnostics)
            }
        }

        guard diagnostics.problems.isEmpty, let name, let horizon, var typed = callTypes?.types, let groups,
              let intents else { return nil }
        if implicitIntents != nil {
            for i in typed.indices { typed[i].type.intentMix = [IntentShare(intent: i, weight: 1)] }
        }
        // Channel switches name their target type.
        let typeNames = typed.map(\.type.name)
        for i in typed.indices {
            guard let target = typed[i].switchTarget else { continue }
            if let t = typeNames.firstIndex(of: target) {
                typed[i].type.channelSwitch!.toCallType = t
            } else {
                let path = "call_types[\(i)].switch.to"
                diagnostics.report(path, "no call type is named \"\(target)\"\(Suggestion.hint(for: target, in: typeNames))",
                                   at: deepestNode(path, in: root))
            }
        }
        guard diagnostics.problems.isEmpty else { return nil }
        var config = CenterConfig(
            callTypes: typed.map { $0.type }, agents: 0,
            serviceLevelTargetSeconds: serviceLevel.target, horizon: horizon.horizon,
            maxSimulatedSeconds: horizon.maxSimulatedSeconds)
        config.groups = groups.map(\.group)
        if let campaigns {
            config.campaigns = campaigns
            for (g, group) in groups.enumerated() {
                config.groups[g].campaigns = group.outboundNames.compactMap { name in campaigns.firstIndex { $0.name == name } }
            }
            // Callbacks dialled by a campaign (`callback.campaign: NAME`).
            for i in config.callTypes.indices where config.callTypes[i].callback != nil {
                // Without the key, the deepest node is the callback's mapping (no text).
                let path = "call_types[\(i)].callback.campaign", node = deepestNode(path, in: root)
                guard let name = node.string else { continue }
                if let k = campaigns.firstIndex(where: { $0.name == name }) {
                    config.callTypes[i].callback!.campaign = k
                } else {
                    diagnostics.report(path, noSuchCampaign(campaigns), at: node)
                }
            }
        }
        config.routing = routing
        config.intents = implicitIntents ?? intents
        config.ivr = ivr
        config.lines = lines
        if let periods {
            let rates = typed.map { $0.rates ?? [] }
            config.day = DayPlan(periodSeconds: periods.seconds, openingMinute: periods.openingMinute, arrivalsPerHour: rates,
                                 agentsByGroup: groups.map { $0.countByPeriod ?? Array(repeating: $0.group.agents, count: periods.count) },
                                 busynessShape: busynessShape)
            if groups.contains(where: { $0.partialAgentShareByPeriod != nil }) {
                config.day!.partialAgentShareByGroup = groups.map {
                    $0.partialAgentShareByPeriod ?? Array(repeating: 0, count: periods.count)
                }
            }
            if let days, days.count > 1 {
                let byDay = dayVariants(days, config: &config, diagnostics: diagnostics, root: root)
                config.day = config.day!.spanning(days: days.count, nightArrivalsPerHour: typed.map(\.nightRate), dayFactors: days.factors,
                                                  byDay: byDay)
                if let layout = config.day!.calendarDay {
                    for i in config.callTypes.indices {
                        config.callTypes[i].serviceFactorByPeriod = config.callTypes[i].serviceFactorByPeriod.map { layout.spread($0, night: 1) }
                    }
                }
                config.horizon = .time(warmupSeconds: 0, measuredSeconds: config.day!.lengthSeconds)
            }
        }
        if (days?.count ?? 1) < 2, let i = typed.firstIndex(where: { $0.nightRate > 0 }) {
            diagnostics.report("call_types[\(i)].arrivals.night_per_hour", "needs days: (nights between days)", at: deepestNode("call_types[\(i)].arrivals", in: root))
        }
        // Model-level checks (e.g. load ≥ agents with nobody leaving); paths match the schema.
        for problem in config.problems {
            diagnostics.report(problem.path, problem.message, at: deepestNode(problem.path, in: root))
        }
        guard diagnostics.problems.isEmpty else { return nil }
        var scenario = Scenario(name: name, description: description, seed: seed ?? 1, replications: replications ?? 10,
                                serviceLevelGoal: serviceLevel.goal, config: config)
        scenario.serviceLevelOnShareOfDays = serviceLevel.onShareOfDays
        scenario.precision = precision
        return scenario
    }

    /// The node at a key path such as `routing.overflow.vip[1].group`, or the deepest one
    /// on the way there (for the line number of a model-level problem).
    static func deepestNode(_ path: String, in root: Node) -> Node {
        var node = root
        for part in path.split(separator: ".") {
            var key = Substring(part)
            var indices: [Int] = []
            while key.hasSuffix("]"), let open = key.lastIndex(of: "[") {
                guard let i = Int(key[key.index(after: open)..<key.index(before: key.endIndex)]) else { break }
                indices.insert(i, at: 0)
                key = key[..<open]
            }
            guard case .mapping(let m) = node, let next = m[String(key)] else { return node }
            node = next
            for i in indices {
                guard case .sequence(let items) = node, items.indices.contains(i) else { return node }
                node = items[i]
            }
        }
        return node
    }

    /// A name that is also a safe folder name under Results/.
    static func readName(_ top: MappingReader) -> String? {
        guard let name = top.string("name", required: true, what: "the scenario's name (letters, digits, . _ -)")
        else { return nil }
        guard ScenarioName.isValid(name) else {
            top.report("name", "\(ScenarioName.rule) (got \"\(name)\")")
            return nil
        }
        return name
    }

    static func readSeed(_ top: MappingReader) -> UInt64? {
        guard let seed = top.integer("seed") else { return nil }
        guard seed >= 0 && UInt64(seed) <= StreamID.maxSeed else {
            top.report("seed", "must be in 0...\(StreamID.maxSeed) (got \(seed))")
            return nil
        }
        return UInt64(seed)
    }

    static func readReplications(_ top: MappingReader) -> Int? {
        guard let n = top.integer("replications") else { return nil }
        guard n >= 2 && n <= ScenarioLimits.maxReplications else {
            top.report("replications", "must be in 2...\(ScenarioLimits.maxReplications) (a confidence interval needs at least 2) (got \(n))")
            return nil
        }
        return n
    }

    /// `precision: {half_width: H, max_replications: M}` (`RunPrecision`).
    static func readPrecision(_ top: MappingReader, replications: Int) -> RunPrecision? {
        guard let node = top.value("precision"),
              let r = MappingReader(node, path: "precision", allowedKeys: ["half_width", "max_replications"], diagnostics: top.diagnostics),
              let h = r.number("half_width", required: true, what: "the largest 95 % half-width of a headline rate (0.01 = 1 point)")
        else { return nil }
        guard h > 0 && h < 1 else {
            r.report("half_width", "must be in (0, 1): a rate's half-width, 0.01 = 1 point (got \(h))")
            return nil
        }
        let most = r.integer("max_replications") ?? RunPrecision.defaultMaxReplications
        guard most >= replications && most <= ScenarioLimits.maxReplications else {
            r.report("max_replications", "must be in \(replications)...\(ScenarioLimits.maxReplications) (at least one batch of "
                     + "replications) (got \(most))")
            return nil
        }
        return RunPrecision(halfWidth: h, maxReplications: most)
    }

    static func readServiceLevel(_ top: MappingReader) -> (target: Double, goal: Double?, onShareOfDays: Double?) {
        guard let node = top.value("service_level"),
              let r = MappingReader(node, path: "service_level", allowedKeys: ["target_seconds", "goal", "on_share_of_days"],
                                    diagnostics: top.diagnostics)
        else { return (20, nil, nil) }
        var target = 20.0
        if let t = r.number("target_seconds") {
            if t >= 0 && t <= ScenarioLimits.maxSeconds { target = t } else {
                r.report("target_seconds", "must be a number of seconds in 0...\(Int(ScenarioLimits.maxSeconds)) (got \(t))")
            }
        }
        var goal: Double?
        if let g = r.number("goal") {
            if g > 0 && g < 1 { goal = g } else { r.report("goal", "must be in (0, 1) (got \(g))") }
        }
        // A chance goal for staffing: the goal must hold on at least this share of days.
        var share: Double?
        if let p = r.number("on_share_of_days") {
            if p > 0 && p < 1 { share = p } else { r.report("on_share_of_days", "must be in (0, 1) (got \(p))") }
            if goal == nil { r.report("on_share_of_days", "needs goal: (the service level to reach on those days)") }
        }
        return (target, goal, share)
    }


}

/// A scenario's name: it names the results folder `Results/<name>`.
public enum ScenarioName {
    public static let rule = "must be 1–64 letters, digits, '.', '_' or '-', not starting with '.' or '-'"

    public static func isValid(_ name: String) -> Bool {
        let allowed = name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0)
        }
        return allowed && !name.isEmpty && name.count <= 64 && name.first != "." && name.first != "-"
    }
}
