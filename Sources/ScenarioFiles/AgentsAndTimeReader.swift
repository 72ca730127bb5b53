import ContactCenter
import Stochastic
import Yams

/// `agents:`, `horizon:` and `periods:`: see Scenarios/README.md.
extension ScenarioSchema {
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
            if let minute = ClockTime.minutes(text, hoursBelow: 24) {
                opening = minute
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

    /// `agents: [{group, count | count_by_period, skills, service, after_call_work, reserve,
    /// reserved_for, absence: {every, lasting}}]`. Returns each group with its head counts
    /// by period (day plans; a fractional count such as 7.4 gives 7 whole agents and the
    /// share 0.4 of an extra one, `DayPlan.partialAgentShareByGroup`), or nil.
    static func readAgentGroups(_ node: Node, skillNames: [String]?, callTypeNames: [String]?, periods: Int?,
                                diagnostics: Diagnostics) -> [AgentGroupReading]? {
        guard let items = NodeValue.sequence(node, path: "agents", what: "agent groups {group, count, skills}",
                                             diagnostics: diagnostics) else { return nil }
        if items.isEmpty { diagnostics.report("agents", "must list at least one agent group (got none)", at: node); return nil }
        var groups: [AgentGroupReading] = []
        var seen: [String: Int] = [:]
        for (i, item) in items.enumerated() {
            let path = element("agents", i)
            guard let r = MappingReader(item, path: path, allowedKeys: ["group", "count", "count_by_period", "skills", "service",
                                                                         "after_call_work", "reserve", "reserved_for", "absence",
                                                                         "outbound", "inbound_reserve", "outbound_talk",
                                                                         "outbound_after_call_work", "chat", "deferred_share"],
                                        diagnostics: diagnostics)
            else { continue }
            let name = r.string("group", required: true, what: "the group's name")
            if let name, let first = seen[name] {
                r.report("group", "repeats the name of agents[\(first)] (got \"\(name)\")")
            } else if let name { seen[name] = i }
            var count: Int?
            var byPeriod: [Int]?
            var shares: [Double]?
            if let list = r.value("count_by_period") {
                if let n = periods {
                    let p = child(path, "count_by_period")
                    if let items = NodeValue.sequence(list, path: p, what: "agents per period", diagnostics: diagnostics) {
                        if items.count != n {
                            diagnostics.report(p, "must give \(n) head counts, one per period (got \(items.count))", at: list)
                        } else {
                            let counts = items.enumerated().compactMap { k, item -> Double? in
                                guard let c = NodeValue.number(item, path: element(p, k), diagnostics: diagnostics) else { return nil }
                                guard c >= 0 && c <= Double(ScenarioLimits.maxAgents) else {
                                    diagnostics.report(element(p, k), "must be in 0...\(ScenarioLimits.maxAgents) (got \(c))", at: item)
                                    return nil
                                }
                                return c
                            }
                            if counts.count == n {
                                byPeriod = counts.map { Int($0.rounded(.down)) }
                                let fractions = counts.map { $0 - $0.rounded(.down) }
                                if fractions.contains(where: { $0 > 0 }) { shares = fractions }
                                count = counts.map { Int($0.rounded(.up)) }.max() ?? 0
                            }
                        }
                    }
                    if r.has("count") { r.report("count", "give count or count_by_period, not both") }
                } else {
                    r.report("count_by_period", "needs periods: (a day in periods) at the top level")
                }
            } else if let c = r.integer("count", required: true, what: "the number of agents (or count_by_period)") {
                if c >= 0 && c <= ScenarioLimits.maxAgents { count = c } else {
                    r.report("count", "must be in 0...\(ScenarioLimits.maxAgents) (got \(c))")
                }
            }
            var skills: [String]?
            if let s = r.required("skills", "the skills (call types, or intents' skills) this group answers"),
               let list = NodeValue.sequence(s, path: child(path, "skills"), what: "skill names", diagnostics: diagnostics) {
                let names = list.enumerated().compactMap {
                    NodeValue.string($1, path: element(child(path, "skills"), $0), diagnostics: diagnostics)
                }
                if names.isEmpty && !r.has("outbound") {
                    r.report("skills", "must name at least one skill (or outbound: campaigns): a group that serves nothing is idle (got none)")
                } else if let known = skillNames {
                    for (j, skill) in names.enumerated() where !known.contains(skill) {
                        diagnostics.report(element(child(path, "skills"), j),
                                           "no skill is named \"\(skill)\"\(Suggestion.hint(for: skill, in: known))",
                                           at: list[j])
                    }
                }
                if names.count == list.count { skills = names }
            }
            var laws: [Distribution?] = []
            var lawsOK = true
            if let service = r.value("service"), let typeNames = callTypeNames {
                let servicePath = child(path, "service")
                if let m = MappingReader(service, path: servicePath, allowedKeys: typeNames, diagnostics: diagnostics) {
                    laws = typeNames.map { type in
                        m.value(type).flatMap { DistributionReader.read($0, path: child(servicePath, type), diagnostics: diagnostics) }
                    }
                    lawsOK = laws.enumerated().allSatisfy { $0.element != nil || !m.has(typeNames[$0.offset]) }
                } else { lawsOK = false }
            }
            var wrapUp: Distribution?
            if let acw = r.value("after_call_work") {
                wrapUp = DistributionReader.read(acw, path: child(path, "after_call_work"), diagnostics: diagnostics)
                if wrapUp == nil { lawsOK = false }
            }
            // Agents kept idle for some call types (VIPs): reserve k, reserved_for [types].
            var reserve = 0
            var reservedFor: [Int] = []
            var reserveOK = true
            if let k = r.integer("reserve", what: "the agents kept idle for reserved_for") {
                let most = byPeriod?.max() ?? count ?? 0
                if k >= 1 && k <= most { reserve = k } else {
                    r.report("reserve", "must be in 1...\(most), the group's agents (got \(k))")
                    reserveOK = false
                }
                if !r.has("reserved_for") {
                    r.report("reserve", "needs reserved_for: the call types the agents are kept for")
                    reserveOK = false
                }
            }
            if let list = r.value("reserved_for"), let typeNames = callTypeNames {
                let listPath = child(path, "reserved_for")
                if let items = NodeValue.sequence(list, path: listPath, what: "call type names", diagnostics: diagnostics) {
                    for (j, item) in items.enumerated() {
                        guard let type = NodeValue.string(item, path: element(listPath, j), diagnostics: diagnostics) else { reserveOK = false; continue }
                        guard let t = typeNames.firstIndex(of: type) else {
                            diagnostics.report(element(listPath, j), "no call type is named \"\(type)\"\(Suggestion.hint(for: type, in: typeNames))", at: item)
                            reserveOK = false
                            continue
                        }
                        reservedFor.append(t)
                    }
                    if items.isEmpty { r.report("reserved_for", "must name at least one call type (got none)"); reserveOK = false }
                } else { reserveOK = false }
                if !r.has("reserve") { r.report("reserved_for", "needs reserve: how many agents are kept idle"); reserveOK = false }
            }
            var absence: AgentAbsence?
            var absenceOK = true
            if let a = r.value("absence") {
                absence = readAbsence(a, path: child(path, "absence"), diagnostics: diagnostics)
                absenceOK = absence != nil
            }
            // Outbound campaigns the group dials for (names resolved against campaigns:).
            var outbound: [String] = []
            var outboundOK = true
            if let list = r.value("outbound") {
                let listPath = child(path, "outbound")
                if let items = NodeValue.sequence(list, path: listPath, what: "campaign names", diagnostics: diagnostics) {
                    outbound = items.enumerated().compactMap { NodeValue.string($1, path: element(listPath, $0), diagnostics: diagnostics) }
                    outboundOK = outbound.count == items.count
                } else { outboundOK = false }
            }
            let inboundReserve = r.integer("inbound_reserve", what: "the group's free agents kept for inbound calls") ?? 0
            if inboundReserve < 0 { r.report("inbound_reserve", "must be ≥ 0 (got \(inboundReserve))"); outboundOK = false }
            for key in ["inbound_reserve", "outbound_talk", "outbound_after_call_work"] where r.has(key) && !r.has("outbound") {
                r.report(key, "needs outbound: the campaigns the group dials for")
            }
            let outboundTalk = r.value("outbound_talk").flatMap { DistributionReader.read($0, path: child(path, "outbound_talk"), diagnostics: diagnostics) }
            let outboundWrapUp = r.value("outbound_after_call_work").flatMap {
                DistributionReader.read($0, path: child(path, "outbound_after_call_work"), diagnostics: diagnostics)
            }
            let chat = r.value("chat").flatMap { readChatCapacity($0, path: child(path, "chat"), diagnostics: diagnostics) }
            if let name, let count, let skills, lawsOK, reserveOK, absenceOK, outboundOK, !r.has("chat") || chat != nil {
                var group = AgentGroupConfig(name: name, agents: count, skills: skills)
                group.inboundReserve = inboundReserve
                group.outboundTalkSeconds = outboundTalk
                group.outboundAfterCallWorkSeconds = outboundWrapUp
                group.serviceSecondsByCallType = laws
                group.afterCallWorkSeconds = wrapUp
                group.reserve = reserve
                group.reservedFor = reservedFor
                group.absence = absence
                group.chat = chat
                if let share = r.number("deferred_share", what: "the share of the group's agents who take e-mail first") {
                    group.deferredShare = share
                }
                groups.append(AgentGroupReading(group: group, countByPeriod: byPeriod, partialAgentShareByPeriod: shares,
                                                outboundNames: outbound))
            }
        }
        guard let known = skillNames else { return groups.count == items.count ? groups : nil }
        var ok = true
        for skill in known where !groups.contains(where: { $0.group.skills?.contains(skill) ?? true }) {
            diagnostics.report("agents", "no group serves \"\(skill)\": add it to some group's skills", at: node)
            ok = false
        }
        if ok && periods == nil && groups.count == items.count && groups.allSatisfy({ $0.group.agents == 0 }) {
            diagnostics.report("agents", "must have at least one agent in some group (got 0)", at: node)
            ok = false
        }
        return ok && groups.count == items.count ? groups : nil
    }
}

/// One group as read: its configuration, and with a day plan its whole agents per period
/// and (fractional head counts) the share of an extra agent per period.
struct AgentGroupReading {
    var group: AgentGroupConfig
    var countByPeriod: [Int]?
    var partialAgentShareByPeriod: [Double]?
    /// The campaigns it dials for, by name (`outbound:`).
    var outboundNames: [String] = []
}

extension ScenarioSchema {
    /// `absence: {every: DIST, lasting: DIST}` (seconds): each agent's presence between
    /// breaks, and their length (`AgentAbsence`).
    static func readAbsence(_ node: Node, path: String, diagnostics: Diagnostics) -> AgentAbsence? {
        guard let r = MappingReader(node, path: path, allowedKeys: ["every", "lasting"], diagnostics: diagnostics) else { return nil }
        var laws: [Distribution] = []
        for (key, what) in [("every", "the seconds of presence before each break"), ("lasting", "the seconds each break lasts")] {
            guard let value = r.required(key, what),
                  let law = DistributionReader.read(value, path: child(path, key), diagnostics: diagnostics) else { continue }
            if law.mean > 0 { laws.append(law) } else { r.report(key, "must have a positive mean (got \(law.mean) s)") }
        }
        return laws.count == 2 ? AgentAbsence(everySeconds: laws[0], lastingSeconds: laws[1]) : nil
    }
}

extension ScenarioSchema {
    /// `chat: {concurrency: c, slowdown: s}` (each extra chat slows every one by s:
    /// f(n) = 1 + s (n − 1)) or `{concurrency: c, slowdown_by_level: [1, f(2), …, f(c)]}`,
    /// and `voice: never | hold | continue` (`ChatCapacity`).
    static func readChatCapacity(_ node: Node, path: String, diagnostics: Diagnostics) -> ChatCapacity? {
        guard let r = MappingReader(node, path: path, allowedKeys: ["concurrency", "slowdown", "slowdown_by_level", "voice"],
                                    diagnostics: diagnostics),
              let c = r.integer("concurrency", required: true, what: "the most chats an agent holds at once") else { return nil }
        guard (1...ChatCapacity.maxConcurrency).contains(c) else {
            r.report("concurrency", "must be an integer in 1...\(ChatCapacity.maxConcurrency) (got \(c))")
            return nil
        }
        if r.has("slowdown") && r.has("slowdown_by_level") {
            r.report("slowdown_by_level", "give either slowdown (linear) or slowdown_by_level, not both")
            return nil
        }
        var capacity = ChatCapacity(concurrency: c, slowdownPerExtraChat: 0)
        if let s = r.number("slowdown") {
            guard s >= 0 && s <= 100 else { r.report("slowdown", "must be in [0, 100] (got \(s))"); return nil }
            capacity = ChatCapacity(concurrency: c, slowdownPerExtraChat: s)
        }
        if let list = r.value("slowdown_by_level") {
            let p = child(path, "slowdown_by_level")
            guard let items = NodeValue.sequence(list, path: p, what: "a slowdown factor per level 1…\(c)", diagnostics: diagnostics) else { return nil }
            let factors = items.enumerated().compactMap { NodeValue.number($1, path: element(p, $0), diagnostics: diagnostics) }
            guard factors.count == items.count else { return nil }
            capacity = ChatCapacity(concurrency: c, factors: factors)
        }
        if let problem = capacity.problems.first {
            diagnostics.report(child(path, problem.key), problem.message, at: node)
            return nil
        }
        if r.has("voice") {
            guard let voice = r.word("voice", of: ChatCapacity.VoiceWhileChatting.self) else { return nil }
            capacity.voice = voice
        }
        return capacity
    }
}
