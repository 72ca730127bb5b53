import ContactCenter
import Stochastic
import Yams

/// `intents:` and `call_types:` (with their arrivals): see Scenarios/README.md.
extension ScenarioSchema {
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
    static func readCallTypes(_ node: Node, intents: [Intent]?, periods: Int?, periodMinutes: Double? = nil, diagnostics: Diagnostics)
        -> (types: [(type: CallType, rates: [Double]?, nightRate: Double, switchTarget: String?)]?, names: [String]?) {
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
        var types: [(type: CallType, rates: [Double]?, nightRate: Double, switchTarget: String?)] = []
        var names: [String] = []
        var seen: [String: Int] = [:]
        var namesComplete = true
        for (i, item) in items.enumerated() {
            let path = element("call_types", i)
            let keys = ["name", "arrivals", "service", "intents", "patience", "ivr_patience", "transfer_patience", "balk_probability",
                        "redial", "announced_wait_balking", "callback", "service_factor_by_period", "channel",
                        "service_level_target_seconds", "due_hours", "switch", "silent_abandonment"]
            guard let r = MappingReader(item, path: path, allowedKeys: keys, diagnostics: diagnostics) else {
                namesComplete = false
                continue
            }
            let name = r.string("name", required: true, what: "the call type's name")
            if name == nil { namesComplete = false }
            if let name, let first = seen[name] {
                r.report("name", "repeats the name of call_types[\(first)] (got \"\(name)\")")
            } else if let name { seen[name] = i; names.append(name) }
            let arrivalsNode = r.required("arrivals", "{per_hour: rate} or {interarrival: distribution}")
            var nightRate: Double?
            if let a = arrivalsNode, case .mapping(let m) = a, let n = m["night_per_hour"] {
                let p = child(child(path, "arrivals"), "night_per_hour")
                nightRate = NodeValue.number(n, path: p, diagnostics: diagnostics)
                if let x = nightRate, !(x >= 0 && x <= ScenarioLimits.maxRatePerHour) {
                    diagnostics.report(p, "must be a rate in [0, \(Int(ScenarioLimits.maxRatePerHour))] (got \(x))", at: n)
                }
            }
            let arrivals = arrivalsNode
                .flatMap { readArrivals($0, path: child(path, "arrivals"), periods: periods, periodMinutes: periodMinutes,
                                        diagnostics: diagnostics) }
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
            var transferPatience: Distribution?
            if let p = r.value("transfer_patience") {
                transferPatience = DistributionReader.read(p, path: child(path, "transfer_patience"), diagnostics: diagnostics)
            }
            var balk = 0.0
            if let b = r.number("balk_probability") {
                if b >= 0 && b <= 1 { balk = b } else { r.report("balk_probability", "must be in [0, 1] (got \(b))") }
            }
            var tolerance: Distribution?
            var toleranceOK = true
            if let a = r.value("announced_wait_balking") {
                toleranceOK = false
                if let ar = MappingReader(a, path: child(path, "announced_wait_balking"), allowedKeys: ["tolerance"], diagnostics: diagnostics),
                   let t = ar.required("tolerance", "the longest announced wait a caller accepts (a distribution, seconds)") {
                    tolerance = DistributionReader.read(t, path: child(path, "announced_wait_balking.tolerance"), diagnostics: diagnostics)
                    toleranceOK = tolerance != nil
                }
            }
            var redialProbability = 0.0
            var redialDelay = Distribution.exponential(mean: 600)
            var redialMaxAttempts = CallType.defaultRedialMaxAttempts
            var redialOK = true
            if let rd = r.value("redial") {
                redialOK = false
                if let rr = MappingReader(rd, path: child(path, "redial"), allowedKeys: ["probability", "delay", "max_attempts"],
                                          diagnostics: diagnostics),
                   let p = rr.number("probability", required: true, what: "P(an abandoned caller calls again)") {
                    if p >= 0 && p <= 1 { redialProbability = p; redialOK = true } else { rr.report("probability", "must be in [0, 1] (got \(p))") }
                    if let d = rr.value("delay") {
                        if let dist = DistributionReader.read(d, path: child(path, "redial.delay"), diagnostics: diagnostics) {
                            redialDelay = dist
                        } else { redialOK = false }
                    }
                    if let m = rr.integer("max_attempts") {
                        if (0...100_000).contains(m) { redialMaxAttempts = m } else {
                            rr.report("max_attempts", "must be in 0...100000 (got \(m))")
                            redialOK = false
                        }
                    }
                }
            }
            var factors: [Double]?
            var factorsOK = true
            if let f = r.value("service_factor_by_period") {
                let p = child(path, "service_factor_by_period")
                if let items = NodeValue.sequence(f, path: p, what: "handling-time factors, one per period", diagnostics: diagnostics) {
                    let values = items.enumerated().compactMap { k, item -> Double? in
                        guard let x = NodeValue.number(item, path: element(p, k), diagnostics: diagnostics) else { return nil }
                        guard x > 0 && x <= 100 else { diagnostics.report(element(p, k), "must be in (0, 100] (got \(x))", at: item); return nil }
                        return x
                    }
                    factorsOK = values.count == items.count
                    if let periods, values.count != periods, factorsOK {
                        diagnostics.report(p, "must give \(periods) factors, one per period (got \(values.count))", at: f)
                        factorsOK = false
                    } else if periods == nil {
                        diagnostics.report(p, "applies to a day in periods: add periods:", at: f)
                        factorsOK = false
                    }
                    factors = values
                } else { factorsOK = false }
            }
            let move = r.value("switch").flatMap { readChannelSwitch($0, path: child(path, "switch"), diagnostics: diagnostics) }
            var silent: SilentAbandonment?
            if let node = r.value("silent_abandonment"),
               let sr = MappingReader(node, path: child(path, "silent_abandonment"), allowedKeys: ["share", "inactivity_timeout_seconds"],
                                      diagnostics: diagnostics),
               let share = sr.number("share", required: true, what: "P(an abandoning chat customer leaves without closing the chat)"),
               let timeout = sr.number("inactivity_timeout_seconds", required: true,
                                       what: "the seconds an agent holds such a chat before closing it") {
                silent = SilentAbandonment(share: share, inactivityTimeoutSeconds: timeout)
            }
            var callback: CallbackPolicy?
            var callbackOK = true
            if let cbNode = r.value("callback") {
                callback = readCallback(cbNode, path: child(path, "callback"), diagnostics: diagnostics)
                callbackOK = callback != nil
            }
            let channel = r.word("channel", of: Channel.self)
            let target = r.number("service_level_target_seconds", what: "this type's service-level target in seconds")
            let due = r.number("due_hours", what: "the hours from arrival by which an e-mail should be answered")
            if r.has("due_hours") && channel != .email { r.report("due_hours", "applies to e-mail (channel: email)") }
            if let target, !(target >= 0) { r.report("service_level_target_seconds", "must be ≥ 0 (got \(target))") }
            if let name, let interarrival, let service, r.value("patience") == nil || patience != nil, !r.has("channel") || channel != nil,
               target.map { $0 >= 0 } ?? !r.has("service_level_target_seconds"),
               r.value("ivr_patience") == nil || ivrPatience != nil, r.value("transfer_patience") == nil || transferPatience != nil,
               toleranceOK, redialOK, callbackOK, factorsOK, !r.has("switch") || move != nil, !r.has("silent_abandonment") || silent != nil {
                var type = CallType(name: name, interarrivalSeconds: interarrival, serviceSeconds: service,
                                    patienceSeconds: patience, balkProbability: balk)
                type.intentMix = mix
                type.ivrPatienceSeconds = ivrPatience
                type.announcedWaitToleranceSeconds = tolerance
                type.transferPatienceSeconds = transferPatience
                type.redialProbability = redialProbability
                type.redialDelaySeconds = redialDelay
                type.redialMaxAttempts = redialMaxAttempts
                type.callback = callback
                type.serviceFactorByPeriod = factors
                type.channel = channel ?? .voice
                type.serviceLevelTargetSeconds = target
                if let due { type.dueSeconds = due * 3600 }
                type.channelSwitch = move?.move
                type.silentAbandonment = silent
                types.append((type, arrivals?.rates, nightRate ?? 0, move?.target))
            }
        }
        return (types.count == items.count ? types : nil, namesComplete ? names : nil)
    }

    /// `{per_hour: 6000}` (Poisson), `{interarrival: distribution}` (renewal), or with
    /// periods `{per_hour_by_period: [r1, r2, …]}` (Poisson, one rate per period) or
    /// `{per_period: [n1, n2, …]}` (calls expected in each period, as planners count them:
    /// the rate is n × 60 ÷ the period's minutes). Returns the inter-arrival law (for a day:
    /// exponential at the day's average rate) and, for a day, the rates by period.
    static func readArrivals(_ node: Node, path: String, periods: Int?, periodMinutes: Double? = nil, diagnostics: Diagnostics)
        -> (interarrival: Distribution, rates: [Double]?)? {
        guard let r = MappingReader(node, path: path, allowedKeys: ["per_hour", "interarrival", "per_hour_by_period", "per_period",
                                                                    "night_per_hour"],
                                    diagnostics: diagnostics)
        else { return nil }
        if r.has("night_per_hour") && periods == nil { r.report("night_per_hour", "needs periods: and days: (nights between days)") }
        for key in ["per_hour_by_period", "per_period"] {
            guard let list = r.value(key) else { continue }
            guard let count = periods, let minutes = periodMinutes ?? (key == "per_hour_by_period" ? 60 : nil) else {
                r.report(key, "needs periods: (a day in periods) at the top level")
                return nil
            }
            if ["per_hour", "interarrival", "per_hour_by_period", "per_period"].filter({ r.has($0) }).count > 1 {
                diagnostics.report(path, "give \(key) alone", at: node)
                return nil
            }
            let perPeriod = key == "per_period"
            let p = child(path, key)
            guard let items = NodeValue.sequence(list, path: p, what: perPeriod ? "calls per period" : "rates (calls per hour)",
                                                 diagnostics: diagnostics)
            else { return nil }
            guard items.count == count else {
                diagnostics.report(p, "must give \(count) \(perPeriod ? "counts" : "rates"), one per period (got \(items.count))", at: list)
                return nil
            }
            let perHour = perPeriod ? 60 / minutes : 1
            var rates: [Double] = []
            for (k, item) in items.enumerated() {
                guard let x = NodeValue.number(item, path: element(p, k), diagnostics: diagnostics) else { continue }
                guard x >= 0 && x * perHour <= ScenarioLimits.maxRatePerHour else {
                    diagnostics.report(element(p, k), perPeriod
                        ? "must be a count of calls in [0, \(Int(ScenarioLimits.maxRatePerHour / perHour))] (got \(x))"
                        : "must be a rate in [0, \(Int(ScenarioLimits.maxRatePerHour))] (got \(x))", at: item)
                    continue
                }
                rates.append(x * perHour)
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

    /// Exponential inter-arrivals at the day's average rate (for offered-load figures); a
    /// type with no call all day (a closed line, a type the fitted days lack) gets the
    /// longest mean a law may have (`Distribution.maxMeanSeconds`): valid, and no load.
    static func dayAverage(_ rates: [Double]) -> Distribution {
        let average = rates.reduce(0, +) / Double(max(rates.count, 1))
        return .exponential(mean: min(Distribution.maxMeanSeconds, average > 0 ? 3600 / average : .infinity))
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

    /// `callback: {offer_above_seconds, acceptance, reach_probability, attempts (3),
    /// retry_delay_seconds (600), delay_seconds (0), failed_attempt_seconds (30)}`, or with
    /// `campaign: NAME` (resolved by `ScenarioSchema`) the campaign's dialer, attempts and
    /// outcomes instead of reach_probability, attempts, retry and failed-attempt times.
    static func readCallback(_ node: Node, path: String, diagnostics: Diagnostics) -> CallbackPolicy? {
        let keys = ["offer_above_seconds", "acceptance", "reach_probability", "attempts", "retry_delay_seconds",
                    "delay_seconds", "failed_attempt_seconds", "campaign"]
        guard let r = MappingReader(node, path: path, allowedKeys: keys, diagnostics: diagnostics) else { return nil }
        let before = diagnostics.problems.count
        let byCampaign = r.string("campaign", what: "the campaign that dials the requests") != nil
        if byCampaign {
            for key in ["reach_probability", "attempts", "retry_delay_seconds", "failed_attempt_seconds"] where r.has(key) {
                r.report(key, "the campaign decides it (its outcomes, attempts and retry delays): remove it, or remove campaign")
            }
        }
        guard let above = r.number("offer_above_seconds", required: true, what: "the expected wait above which a callback is offered"),
              let acceptance = r.number("acceptance", required: true, what: "P(the caller accepts)"),
              let reach = byCampaign ? 1 : r.number("reach_probability", required: true, what: "P(one attempt reaches the customer)")
        else { return nil }
        let policy = CallbackPolicy(offerAboveSeconds: above, acceptance: acceptance, reachProbability: reach,
                                    maxAttempts: r.integer("attempts") ?? 3,
                                    retryDelaySeconds: r.number("retry_delay_seconds") ?? 600,
                                    delaySeconds: r.number("delay_seconds") ?? 0,
                                    failedAttemptSeconds: r.number("failed_attempt_seconds") ?? 30)
        for problem in policy.problems { r.report(problem.key, problem.message) }
        return diagnostics.problems.count == before ? policy : nil
    }
}

extension ScenarioSchema {
    /// `switch: {to: TYPE, offer_above_seconds: s, acceptance: p, after_abandon: {probability:
    /// q, delay: DIST}, ivr_acceptance: r}` (`ChannelSwitch`); the target is resolved by name
    /// once every call type is read.
    static func readChannelSwitch(_ node: Node, path: String, diagnostics: Diagnostics) -> (move: ChannelSwitch, target: String)? {
        guard let r = MappingReader(node, path: path, allowedKeys: ["to", "offer_above_seconds", "acceptance", "after_abandon", "ivr_acceptance"],
                                    diagnostics: diagnostics),
              let target = r.string("to", required: true, what: "the call type of the other channel") else { return nil }
        var move = ChannelSwitch(toCallType: -1)
        var ok = true
        if let above = r.number("offer_above_seconds") { move.offerAboveSeconds = above }
        if let p = r.number("acceptance") { move.acceptance = p }
        if r.has("offer_above_seconds") != r.has("acceptance") {
            r.report(r.has("acceptance") ? "acceptance" : "offer_above_seconds", "the offer needs both offer_above_seconds and acceptance")
            ok = false
        }
        if let a = r.value("after_abandon") {
            let p = child(path, "after_abandon")
            if let ar = MappingReader(a, path: p, allowedKeys: ["probability", "delay"], diagnostics: diagnostics),
               let q = ar.number("probability", required: true, what: "P(an abandoning customer tries the other channel)") {
                move.retryProbability = q
                if let d = ar.value("delay") {
                    if let law = DistributionReader.read(d, path: child(p, "delay"), diagnostics: diagnostics) { move.retryDelaySeconds = law } else { ok = false }
                }
            } else { ok = false }
        }
        if let p = r.number("ivr_acceptance") { move.ivrAcceptance = p }
        if !r.has("offer_above_seconds") && !r.has("after_abandon") && !r.has("ivr_acceptance") {
            r.report("to", "needs an offer (offer_above_seconds and acceptance, or ivr_acceptance at an IVR channel_offer) or after_abandon")
            ok = false
        }
        return ok ? (move, target) : nil
    }
}
