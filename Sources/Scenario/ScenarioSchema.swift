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
        let periods = top.value("periods").map { readPeriods($0, diagnostics: diagnostics) } ?? nil
        var busynessShape: Double?
        if let b = top.value("busyness"), let r = MappingReader(b, path: "busyness", allowedKeys: ["shape"], diagnostics: diagnostics),
           let shape = r.number("shape", required: true, what: "the Gamma shape (mean 1, coefficient of variation 1/√shape)") {
            if shape > 0 { busynessShape = shape } else { r.report("shape", "must be positive (got \(shape))") }
            if top.value("periods") == nil { diagnostics.report("busyness", "applies to days: add periods:", at: b) }
        }
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
        let intents = top.value("intents").map { readIntents($0, diagnostics: diagnostics) } ?? []
        let callTypes = top.required("call_types", "a list of call types")
            .map { readCallTypes($0, intents: intents, periods: periods?.count, diagnostics: diagnostics) }
        // Skills are the intents' skills, or the call types' names when there are no intents.
        let skills: [String]? = intents.map { list in
            list.isEmpty ? callTypes?.names : Array(Set(list.map(\.skill))).sorted()
        } ?? nil
        let groups = top.required("agents", "a list of agent groups {group, count, skills}")
            .flatMap { readAgentGroups($0, skillNames: skills, periods: periods?.count, diagnostics: diagnostics) }
        var ivr: IVRConfig?
        if let ivrNode = top.value("ivr") {
            if let intents, !intents.isEmpty, let names = callTypes?.names {
                ivr = IVRReader.read(ivrNode, intents: intents, callTypeNames: names, diagnostics: diagnostics)
            } else if intents?.isEmpty ?? false {
                diagnostics.report("ivr", "needs intents: list what callers want under intents:", at: ivrNode)
            }
        }

        guard diagnostics.problems.isEmpty, let name, let horizon, let typed = callTypes?.types, let groups,
              let intents else { return nil }
        var config = SingleQueueConfig(
            callTypes: typed.map { $0.type }, agents: groups.reduce(0) { $0 + $1.count },
            serviceLevelTargetSeconds: serviceLevel.target, horizon: horizon.horizon,
            maxSimulatedSeconds: horizon.maxSimulatedSeconds)
        config.intents = intents
        config.ivr = ivr
        if let periods {
            let rates = typed.map { $0.rates ?? [] }
            let perPeriod = (0..<periods.count).map { k in groups.reduce(0) { $0 + ($1.countByPeriod?[k] ?? $1.count) } }
            config.day = DayPlan(periodSeconds: periods.seconds, openingMinute: periods.openingMinute,
                                 arrivalsPerHour: rates, agents: perPeriod, busynessShape: busynessShape)
            config.agents = max(1, perPeriod.max() ?? 1)
        }
        // Model-level checks (e.g. load ≥ agents with nobody leaving); paths match the schema.
        for problem in config.problems {
            diagnostics.report(problem.path, problem.message, at: top.value(problem.path) ?? root)
        }
        guard diagnostics.problems.isEmpty else { return nil }
        return Scenario(name: name, description: description, seed: seed ?? 1, replications: replications ?? 10,
                        serviceLevelGoal: serviceLevel.goal, agentGroups: groups, config: config)
    }

    /// A name that is also a safe folder name under Results/.
    static func readName(_ top: MappingReader) -> String? {
        guard let name = top.string("name", required: true, what: "the scenario's name (letters, digits, . _ -)")
        else { return nil }
        let allowed = name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0)
        }
        guard allowed, !name.isEmpty, name.count <= 64, name.first != ".", name.first != "-" else {
            top.report("name", "must be 1–64 letters, digits, '.', '_' or '-', not starting with '.' or '-' (got \"\(name)\")")
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

    struct HorizonSpec { var horizon: Horizon; var maxSimulatedSeconds: Double }

    struct PeriodsSpec { var seconds: Double; var count: Int; var openingMinute: Int }

    /// `periods: {minutes: 30, count: 24, opening: "08:00"}`.
    static func readPeriods(_ node: Node, diagnostics: Diagnostics) -> PeriodsSpec? {
        guard let r = MappingReader(node, path: "periods", allowedKeys: ["minutes", "count", "opening"], diagnostics: diagnostics)
        else { return nil }
        let minutes = r.number("minutes", required: true, what: "the period length in minutes")
        let count = r.integer("count", required: true, what: "the number of periods in the day")
        var opening = 0
        if let text = r.string("opening") {
            let parts = text.split(separator: ":").compactMap { Int($0) }
            if parts.count == 2 && (0..<24).contains(parts[0]) && (0..<60).contains(parts[1]) {
                opening = parts[0] * 60 + parts[1]
            } else {
                r.report("opening", "must be a clock time HH:MM (got \(text))")
            }
        }
        guard let minutes, let count else { return nil }
        guard minutes > 0 && minutes <= 1440 else { r.report("minutes", "must be in (0, 1440] (got \(minutes))"); return nil }
        guard count >= 1 && count <= 1000 else { r.report("count", "must be in 1...1000 (got \(count))"); return nil }
        return PeriodsSpec(seconds: minutes * 60, count: count, openingMinute: opening)
    }

    static func readHorizon(_ node: Node, diagnostics: Diagnostics) -> HorizonSpec? {
        let keys = ["warmup_calls", "calls", "warmup_seconds", "seconds", "max_simulated_seconds"]
        guard let r = MappingReader(node, path: "horizon", allowedKeys: keys, diagnostics: diagnostics) else { return nil }
        let byCalls = r.has("calls") || r.has("warmup_calls")
        let byTime = r.has("seconds") || r.has("warmup_seconds")
        var maxSeconds = ScenarioLimits.maxSeconds
        if let m = r.number("max_simulated_seconds") {
            if m > 0 && m <= ScenarioLimits.maxSeconds { maxSeconds = m } else {
                r.report("max_simulated_seconds", "must be in (0, \(Int(ScenarioLimits.maxSeconds))] (got \(m))")
            }
        }
        switch (byCalls, byTime) {
        case (true, true):
            diagnostics.report("horizon", "give either calls (with warmup_calls) or seconds (with warmup_seconds), not both", at: node)
            return nil
        case (false, false):
            diagnostics.report("horizon", "must give calls (steady state) or seconds (a time window)", at: node)
            return nil
        case (true, false):
            let warmup = r.integer("warmup_calls") ?? 0
            guard let calls = r.integer("calls", required: true, what: "the number of measured calls per replication")
            else { return nil }
            var ok = true
            if !(warmup >= 0 && warmup <= ScenarioLimits.maxCallsPerReplication) {
                r.report("warmup_calls", "must be in 0...\(ScenarioLimits.maxCallsPerReplication) (got \(warmup))"); ok = false
            }
            if !(calls >= 1 && calls <= ScenarioLimits.maxCallsPerReplication) {
                r.report("calls", "must be in 1...\(ScenarioLimits.maxCallsPerReplication) (got \(calls))"); ok = false
            }
            return ok ? HorizonSpec(horizon: .calls(warmupCalls: warmup, measuredCalls: calls), maxSimulatedSeconds: maxSeconds) : nil
        case (false, true):
            let warmup = r.number("warmup_seconds") ?? 0
            guard let seconds = r.number("seconds", required: true, what: "the length of the measured window in seconds")
            else { return nil }
            var ok = true
            if !(warmup >= 0 && warmup <= ScenarioLimits.maxSeconds) {
                r.report("warmup_seconds", "must be in 0...\(Int(ScenarioLimits.maxSeconds)) (got \(warmup))"); ok = false
            }
            if !(seconds > 0 && seconds <= ScenarioLimits.maxSeconds) {
                r.report("seconds", "must be in (0, \(Int(ScenarioLimits.maxSeconds))] (got \(seconds))"); ok = false
            }
            return ok ? HorizonSpec(horizon: .time(warmupSeconds: warmup, measuredSeconds: seconds),
                                    maxSimulatedSeconds: max(maxSeconds, warmup + seconds)) : nil
        }
    }

    static func readServiceLevel(_ top: MappingReader) -> (target: Double, goal: Double?) {
        guard let node = top.value("service_level"),
              let r = MappingReader(node, path: "service_level", allowedKeys: ["target_seconds", "goal"],
                                    diagnostics: top.diagnostics)
        else { return (20, nil) }
        var target = 20.0
        if let t = r.number("target_seconds") {
            if t >= 0 && t <= ScenarioLimits.maxSeconds { target = t } else {
                r.report("target_seconds", "must be a number of seconds ≥ 0 (got \(t))")
            }
        }
        var goal: Double?
        if let g = r.number("goal") {
            if g > 0 && g < 1 { goal = g } else { r.report("goal", "must be in (0, 1) (got \(g))") }
        }
        return (target, goal)
    }

    /// `intents: [{name, skill, service}]`: what callers want; skill defaults to the name.
    static func readIntents(_ node: Node, diagnostics: Diagnostics) -> [Intent]? {
        guard let items = NodeValue.sequence(node, path: "intents", what: "intents {name, skill, service}", diagnostics: diagnostics)
        else { return nil }
        var intents: [Intent] = []
        var seen: [String: Int] = [:]
        for (i, item) in items.enumerated() {
            let path = element("intents", i)
            guard let r = MappingReader(item, path: path, allowedKeys: ["name", "skill", "service"], diagnostics: diagnostics)
            else { continue }
            let name = r.string("name", required: true, what: "the intent's name")
            if let name, let first = seen[name] {
                r.report("name", "repeats the name of intents[\(first)] (got \"\(name)\")")
            } else if let name { seen[name] = i }
            let skill = r.string("skill") ?? name
            let service = r.required("service", "the agents' handling time, e.g. \(DistributionReader.example)")
                .flatMap { DistributionReader.read($0, path: child(path, "service"), diagnostics: diagnostics) }
            if let name, let skill, let service { intents.append(Intent(name: name, skill: skill, serviceSeconds: service)) }
        }
        return intents.count == items.count ? intents : nil
    }

    /// `intents: {balance: 0.3, card_bill: 0.2, …}` of a call type: shares summing to 1.
    static func readIntentMix(_ node: Node, path: String, intents: [Intent], diagnostics: Diagnostics) -> [IntentShare]? {
        guard let r = MappingReader(node, path: path, allowedKeys: intents.map(\.name), diagnostics: diagnostics) else { return nil }
        var shares: [IntentShare] = []
        var total = 0.0
        for (i, intent) in intents.enumerated() where r.has(intent.name) {
            guard let w = r.number(intent.name) else { return nil }
            guard w >= 0 && w <= 1 else { r.report(intent.name, "must be a share in [0, 1] (got \(w))"); return nil }
            shares.append(IntentShare(intent: i, weight: w))
            total += w
        }
        guard !shares.isEmpty else { diagnostics.report(path, "must give at least one intent a share (got none)", at: node); return nil }
        guard abs(total - 1) < 1e-9 else { diagnostics.report(path, "shares must sum to 1 (got \(total))", at: node); return nil }
        return shares
    }

    /// The call types (nil when any is unusable) and every name that could be read (for
    /// checking the agents' skills even when some call type has a problem).
    static func readCallTypes(_ node: Node, intents: [Intent]?, periods: Int?, diagnostics: Diagnostics)
        -> (types: [(type: CallType, rates: [Double]?)]?, names: [String]?) {
        guard let items = NodeValue.sequence(node, path: "call_types", what: "call types", diagnostics: diagnostics)
        else { return (nil, nil) }
        if items.isEmpty {
            diagnostics.report("call_types", "must list at least one call type (got none)", at: node)
            return (nil, nil)
        }
        if items.count > ScenarioLimits.maxCallTypes {
            diagnostics.report("call_types", "at most \(ScenarioLimits.maxCallTypes) call types (got \(items.count))", at: node)
            return (nil, nil)
        }
        var types: [(type: CallType, rates: [Double]?)] = []
        var names: [String] = []
        var seen: [String: Int] = [:]
        var namesComplete = true
        for (i, item) in items.enumerated() {
            let path = element("call_types", i)
            let keys = ["name", "arrivals", "service", "intents", "patience", "ivr_patience", "balk_probability"]
            guard let r = MappingReader(item, path: path, allowedKeys: keys, diagnostics: diagnostics) else {
                namesComplete = false
                continue
            }
            let name = r.string("name", required: true, what: "the call type's name")
            if name == nil { namesComplete = false }
            if let name, let first = seen[name] {
                r.report("name", "repeats the name of call_types[\(first)] (got \"\(name)\")")
            } else if let name { seen[name] = i; names.append(name) }
            let arrivals = r.required("arrivals", "{per_hour: rate} or {interarrival: distribution}")
                .flatMap { readArrivals($0, path: child(path, "arrivals"), periods: periods, diagnostics: diagnostics) }
            let interarrival = arrivals?.interarrival
            var service: Distribution?
            var mix: [IntentShare] = []
            if let intents, !intents.isEmpty {
                // With intents, handling times are the intents'; the call type's is their mixture.
                if r.has("service") { r.report("service", "with intents, handling times belong to the intents (remove this key)") }
                if let m = r.required("intents", "its intent mix, e.g. {\(intents[0].name): 1}"),
                   let shares = readIntentMix(m, path: child(path, "intents"), intents: intents, diagnostics: diagnostics) {
                    mix = shares
                    let parts = shares.filter { $0.weight > 0 }
                    service = parts.count == 1 ? intents[parts[0].intent].serviceSeconds
                        : .mixture(parts.map { .init(weight: $0.weight, intents[$0.intent].serviceSeconds) })
                }
            } else {
                if r.has("intents") { r.report("intents", "no intents are defined: add a top-level intents: list") }
                service = r.required("service", "the handling-time distribution, e.g. \(DistributionReader.example)")
                    .flatMap { DistributionReader.read($0, path: child(path, "service"), diagnostics: diagnostics) }
            }
            var ivrPatience: Distribution?
            if let p = r.value("ivr_patience") {
                ivrPatience = DistributionReader.read(p, path: child(path, "ivr_patience"), diagnostics: diagnostics)
            }
            var patience: Distribution?
            if let p = r.value("patience") {
                patience = DistributionReader.read(p, path: child(path, "patience"), diagnostics: diagnostics)
            }
            var balk = 0.0
            if let b = r.number("balk_probability") {
                if b >= 0 && b <= 1 { balk = b } else { r.report("balk_probability", "must be in [0, 1] (got \(b))") }
            }
            if let name, let interarrival, let service, r.value("patience") == nil || patience != nil,
               r.value("ivr_patience") == nil || ivrPatience != nil {
                var type = CallType(name: name, interarrivalSeconds: interarrival, serviceSeconds: service,
                                    patienceSeconds: patience, balkProbability: balk)
                type.intentMix = mix
                type.ivrPatienceSeconds = ivrPatience
                types.append((type, arrivals?.rates))
            }
        }
        return (types.count == items.count ? types : nil, namesComplete ? names : nil)
    }

    /// `{per_hour: 6000}` (Poisson), `{interarrival: distribution}` (renewal), or with
    /// periods `{per_hour_by_period: [r1, r2, …]}` (Poisson, one rate per period). Returns
    /// the inter-arrival law (for a day: exponential at the day's average rate) and, for a
    /// day, the rates by period.
    static func readArrivals(_ node: Node, path: String, periods: Int?, diagnostics: Diagnostics)
        -> (interarrival: Distribution, rates: [Double]?)? {
        guard let r = MappingReader(node, path: path, allowedKeys: ["per_hour", "interarrival", "per_hour_by_period"],
                                    diagnostics: diagnostics)
        else { return nil }
        if let list = r.value("per_hour_by_period") {
            guard let count = periods else {
                r.report("per_hour_by_period", "needs periods: (a day in periods) at the top level")
                return nil
            }
            if r.has("per_hour") || r.has("interarrival") {
                diagnostics.report(path, "give per_hour_by_period alone", at: node)
                return nil
            }
            let p = child(path, "per_hour_by_period")
            guard let items = NodeValue.sequence(list, path: p, what: "rates (calls per hour)", diagnostics: diagnostics)
            else { return nil }
            guard items.count == count else {
                diagnostics.report(p, "must give \(count) rates, one per period (got \(items.count))", at: list)
                return nil
            }
            var rates: [Double] = []
            for (k, item) in items.enumerated() {
                guard let x = NodeValue.number(item, path: element(p, k), diagnostics: diagnostics) else { continue }
                guard x >= 0 && x <= ScenarioLimits.maxRatePerHour else {
                    diagnostics.report(element(p, k), "must be a rate in [0, \(Int(ScenarioLimits.maxRatePerHour))] (got \(x))", at: item)
                    continue
                }
                rates.append(x)
            }
            guard rates.count == count else { return nil }
            return (dayAverage(rates), rates)
        }
        if let count = periods {
            guard r.value("interarrival") == nil else {
                r.report("interarrival", "with periods, arrivals are Poisson: give per_hour or per_hour_by_period")
                return nil
            }
            guard let rate = r.number("per_hour", required: true, what: "the rate, or per_hour_by_period") else { return nil }
            guard rate >= 0 && rate <= ScenarioLimits.maxRatePerHour else {
                r.report("per_hour", "must be a rate in [0, \(Int(ScenarioLimits.maxRatePerHour))] calls per hour (got \(rate))")
                return nil
            }
            let rates = Array(repeating: rate, count: count)
            return (dayAverage(rates), rates)
        }
        let single = readSingleArrivals(r, node: node, path: path, diagnostics: diagnostics)
        return single.map { ($0, nil) }
    }

    /// Exponential inter-arrivals at the day's average rate (for offered-load figures).
    static func dayAverage(_ rates: [Double]) -> Distribution {
        let average = rates.reduce(0, +) / Double(max(rates.count, 1))
        return .exponential(mean: average > 0 ? 3600 / average : 1e12)
    }

    static func readSingleArrivals(_ r: MappingReader, node: Node, path: String, diagnostics: Diagnostics) -> Distribution? {
        switch (r.value("per_hour"), r.value("interarrival")) {
        case (.some, .some):
            diagnostics.report(path, "give per_hour or interarrival, not both", at: node)
            return nil
        case (.none, .none):
            diagnostics.report(path, "must give per_hour (Poisson rate) or interarrival (a distribution)", at: node)
            return nil
        case (.some, .none):
            guard let rate = r.number("per_hour") else { return nil }
            guard rate > 0 && rate <= ScenarioLimits.maxRatePerHour else {
                r.report("per_hour", "must be a rate in (0, \(Int(ScenarioLimits.maxRatePerHour))] calls per hour (got \(rate))")
                return nil
            }
            return .exponential(mean: 3600 / rate)
        case (.none, .some(let d)):
            guard let dist = DistributionReader.read(d, path: child(path, "interarrival"), diagnostics: diagnostics)
            else { return nil }
            if !(dist.mean > 0) {
                r.report("interarrival", "must have a positive mean (got \(dist.mean))")
                return nil
            }
            return dist
        }
    }

    static func readAgentGroups(_ node: Node, skillNames: [String]?, periods: Int?, diagnostics: Diagnostics) -> [AgentGroup]? {
        guard let items = NodeValue.sequence(node, path: "agents", what: "agent groups {group, count, skills}",
                                             diagnostics: diagnostics) else { return nil }
        if items.isEmpty { diagnostics.report("agents", "must list at least one agent group (got none)", at: node); return nil }
        var groups: [AgentGroup] = []
        var seen: [String: Int] = [:]
        for (i, item) in items.enumerated() {
            let path = element("agents", i)
            guard let r = MappingReader(item, path: path, allowedKeys: ["group", "count", "count_by_period", "skills"],
                                        diagnostics: diagnostics)
            else { continue }
            let name = r.string("group", required: true, what: "the group's name")
            if let name, let first = seen[name] {
                r.report("group", "repeats the name of agents[\(first)] (got \"\(name)\")")
            } else if let name { seen[name] = i }
            var count: Int?
            var byPeriod: [Int]?
            if let list = r.value("count_by_period") {
                if let n = periods {
                    let p = child(path, "count_by_period")
                    if let items = NodeValue.sequence(list, path: p, what: "agents per period", diagnostics: diagnostics) {
                        if items.count != n {
                            diagnostics.report(p, "must give \(n) head counts, one per period (got \(items.count))", at: list)
                        } else {
                            let counts = items.enumerated().compactMap { k, item -> Int? in
                                guard let c = NodeValue.integer(item, path: element(p, k), diagnostics: diagnostics) else { return nil }
                                guard c >= 0 && c <= ScenarioLimits.maxAgents else {
                                    diagnostics.report(element(p, k), "must be in 0...\(ScenarioLimits.maxAgents) (got \(c))", at: item)
                                    return nil
                                }
                                return c
                            }
                            if counts.count == n { byPeriod = counts; count = counts.max() ?? 0 }
                        }
                    }
                    if r.has("count") { r.report("count", "give count or count_by_period, not both") }
                } else {
                    r.report("count_by_period", "needs periods: (a day in periods) at the top level")
                }
            } else if let c = r.integer("count", required: true, what: "the number of agents (or count_by_period)") {
                let least = periods == nil ? 1 : 0
                if c >= least && c <= ScenarioLimits.maxAgents { count = c } else {
                    r.report("count", "must be in \(least)...\(ScenarioLimits.maxAgents) (got \(c))")
                }
            }
            var skills: [String]?
            if let s = r.required("skills", "the skills (call types, or intents' skills) this group answers"),
               let list = NodeValue.sequence(s, path: child(path, "skills"), what: "skill names", diagnostics: diagnostics) {
                let names = list.enumerated().compactMap {
                    NodeValue.string($1, path: element(child(path, "skills"), $0), diagnostics: diagnostics)
                }
                if names.isEmpty {
                    r.report("skills", "must name at least one skill: a group that serves nothing is idle (got none)")
                } else if let known = skillNames {
                    for (j, skill) in names.enumerated() where !known.contains(skill) {
                        diagnostics.report(element(child(path, "skills"), j),
                                           "no skill is named \"\(skill)\"\(Suggestion.hint(for: skill, in: known))",
                                           at: list[j])
                    }
                }
                if names.count == list.count { skills = names }
            }
            if let name, let count, let skills {
                var group = AgentGroup(name: name, count: count, skills: skills)
                group.countByPeriod = byPeriod
                groups.append(group)
            }
        }
        guard let known = skillNames else { return groups.count == items.count ? groups : nil }
        var ok = true
        for skill in known where !groups.contains(where: { $0.skills.contains(skill) }) {
            diagnostics.report("agents", "no group serves \"\(skill)\": add it to some group's skills", at: node)
            ok = false
        }
        // One pool until routing policies exist: pooled groups must be interchangeable.
        if ok && groups.count > 1 {
            for (i, g) in groups.enumerated() where Set(g.skills) != Set(known) {
                diagnostics.report(element("agents", i) + ".skills",
                                   "every group must have every skill (\(known.joined(separator: ", "))) until routing "
                                   + "policies exist (groups are pooled into one FIFO queue) (got \(g.skills.joined(separator: ", ")))",
                                   at: items[i])
                ok = false
            }
        }
        return ok && groups.count == items.count ? groups : nil
    }
}
