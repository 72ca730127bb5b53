import ContactCenter
import Stochastic
import Yams

/// `campaigns:` (Scenarios/README.md, "Outbound campaigns"): a list of
///
///     - name: card-activation
///       list: {size: 400, per_hour: 10}      # or per_hour_by_period: [...], or {endless: true}
///       window: {from: "10:00", to: "18:00"} # a day's clock; else {from_seconds, to_seconds}; or a list of them
///       attempts: 3
///       outcomes: {connect: 0.45, wrong_party: 0.03, machine: 0.12, busy: 0.05}  # the rest: no answer
///       outcomes_by_period: [{connect: 0.3, …}, …]   # a day: one per period, instead
///       ring: DIST                            # dial to answer (s)
///       no_answer_seconds: 30
///       busy_seconds: 5
///       retry_seconds: {no_answer: 3600, busy: 600, machine: 7200}
///       talk: DIST
///       wrong_party_talk: DIST
///       after_call_work: DIST
///       dialer: progressive                   # | {preview: {reading: DIST}}
///                                             # | {predictive: {ratio, min_free_agents, max_inbound_waiting, target_nuisance}}
///       connect_wait: DIST                    # predictive: a reached customer's wait for an agent
enum CampaignReader {
    static let keys = ["name", "list", "window", "attempts", "outcomes", "outcomes_by_period", "ring", "no_answer_seconds",
                       "busy_seconds", "retry_seconds", "talk", "wrong_party_talk", "after_call_work", "dialer", "connect_wait"]

    /// The campaigns, or nil when some is unusable (every problem reported). `openingMinute`:
    /// a day's opening (clock windows), nil without periods.
    static func read(_ node: Node, openingMinute: Int?, diagnostics: Diagnostics) -> [Campaign]? {
        guard let items = NodeValue.sequence(node, path: "campaigns", what: "outbound campaigns {name, list, outcomes, talk, …}",
                                             diagnostics: diagnostics) else { return nil }
        let before = diagnostics.problems.count
        let campaigns = items.enumerated().compactMap { i, item in
            readCampaign(item, path: element("campaigns", i), openingMinute: openingMinute, diagnostics: diagnostics)
        }
        return diagnostics.problems.count == before && campaigns.count == items.count ? campaigns : nil
    }

    static func readCampaign(_ node: Node, path: String, openingMinute: Int?, diagnostics: Diagnostics) -> Campaign? {
        guard let r = MappingReader(node, path: path, allowedKeys: keys, diagnostics: diagnostics) else { return nil }
        let before = diagnostics.problems.count
        let name = r.string("name", required: true, what: "the campaign's name")
        func law(_ key: String, required: Bool = false, what: String = "a distribution") -> Distribution? {
            let value = required ? r.required(key, what) : r.value(key)
            return value.flatMap { DistributionReader.read($0, path: child(path, key), diagnostics: diagnostics) }
        }
        let talk = law("talk", required: true, what: "the talk time of a reached customer (a distribution, seconds)")
        var list: (size: Int?, perHour: Double, perHourByPeriod: [Double]?)?
        if let node = r.required("list", "{size: N} or {endless: true}, with per_hour: new entries per hour") {
            list = readList(node, path: child(path, "list"), diagnostics: diagnostics)
        }
        let outcomes = r.required("outcomes", "{connect, wrong_party, machine, busy} probabilities (the rest: no answer)")
            .flatMap { readOutcomes($0, path: child(path, "outcomes"), diagnostics: diagnostics) }
        var byPeriod: [DialOutcomes]?
        if let node = r.value("outcomes_by_period") {
            let listPath = child(path, "outcomes_by_period")
            if let items = NodeValue.sequence(node, path: listPath, what: "one {connect, …} per period", diagnostics: diagnostics) {
                byPeriod = items.enumerated().compactMap { readOutcomes($1, path: element(listPath, $0), diagnostics: diagnostics) }
            }
        }
        guard let name, let talk, let list, let outcomes, diagnostics.problems.count == before else { return nil }
        var campaign = Campaign(name: name, listSize: list.size, outcomes: outcomes, talkSeconds: talk)
        campaign.outcomesByPeriod = byPeriod
        campaign.newEntriesPerHour = list.perHour
        campaign.newEntriesPerHourByPeriod = list.perHourByPeriod
        if let w = r.value("window") {
            // One window {from, to}, or a list of them.
            if case .sequence(let items) = w {
                campaign.windowsSeconds = items.enumerated().compactMap {
                    readWindow($1, path: element(child(path, "window"), $0), openingMinute: openingMinute, diagnostics: diagnostics)
                }
            } else if let one = readWindow(w, path: child(path, "window"), openingMinute: openingMinute, diagnostics: diagnostics) {
                campaign.windowsSeconds = [one]
            }
        }
        if let n = r.integer("attempts") { campaign.maxAttempts = n }
        if let ring = law("ring") { campaign.ringSeconds = ring }
        if let x = r.number("no_answer_seconds") { campaign.noAnswerSeconds = x }
        if let x = r.number("busy_seconds") { campaign.busySeconds = x }
        if let node = r.value("retry_seconds"),
           let d = MappingReader(node, path: child(path, "retry_seconds"), allowedKeys: ["no_answer", "busy", "machine"],
                                 diagnostics: diagnostics) {
            if let x = d.number("no_answer") { campaign.retryDelaySeconds.noAnswer = x }
            if let x = d.number("busy") { campaign.retryDelaySeconds.busy = x }
            if let x = d.number("machine") { campaign.retryDelaySeconds.machine = x }
        }
        if let wrong = law("wrong_party_talk") { campaign.wrongPartySeconds = wrong }
        campaign.afterCallWorkSeconds = law("after_call_work")
        if let node = r.value("dialer"), let dialer = readDialer(node, path: child(path, "dialer"), diagnostics: diagnostics) {
            campaign.dialer = dialer
        }
        if let wait = law("connect_wait") { campaign.connectWaitSeconds = wait }
        guard diagnostics.problems.count == before else { return nil }
        for problem in campaign.problems { diagnostics.report(child(path, problem.key), problem.message, at: node) }
        return diagnostics.problems.count == before ? campaign : nil
    }

    /// `{connect, wrong_party, machine, busy}` (the rest: no answer).
    static func readOutcomes(_ node: Node, path: String, diagnostics: Diagnostics) -> DialOutcomes? {
        guard let o = MappingReader(node, path: path, allowedKeys: ["connect", "wrong_party", "machine", "busy"], diagnostics: diagnostics),
              let connect = o.number("connect", required: true, what: "P(the right party answers)") else { return nil }
        return DialOutcomes(connect: connect, wrongParty: o.number("wrong_party") ?? 0, machine: o.number("machine") ?? 0,
                            busy: o.number("busy") ?? 0)
    }

    /// `list: {size: N, per_hour: x | per_hour_by_period: [x, …]}` or `{endless: true}`.
    static func readList(_ node: Node, path: String, diagnostics: Diagnostics)
        -> (size: Int?, perHour: Double, perHourByPeriod: [Double]?)? {
        guard let r = MappingReader(node, path: path, allowedKeys: ["size", "endless", "per_hour", "per_hour_by_period"],
                                    diagnostics: diagnostics) else { return nil }
        let perHour = r.number("per_hour") ?? 0
        var byPeriod: [Double]?
        if let rates = r.value("per_hour_by_period") {
            if r.has("per_hour") { r.report("per_hour", "give per_hour or per_hour_by_period, not both"); return nil }
            let ratesPath = child(path, "per_hour_by_period")
            guard let items = NodeValue.sequence(rates, path: ratesPath, what: "new entries per hour, one per period", diagnostics: diagnostics)
            else { return nil }
            byPeriod = items.enumerated().compactMap { NodeValue.number($1, path: element(ratesPath, $0), diagnostics: diagnostics) }
            guard byPeriod!.count == items.count else { return nil }
        }
        let arriving = perHour > 0 || (byPeriod?.contains { $0 > 0 } ?? false)
        if let endless = r.value("endless") {
            guard endless.bool == true else { r.report("endless", "must be true (or give size: N)"); return nil }
            if r.has("size") { r.report("size", "give size or endless: true, not both"); return nil }
            return (nil, perHour, byPeriod)
        }
        if !r.has("size") && arriving { return (0, perHour, byPeriod) }
        guard let size = r.integer("size", required: true, what: "the entries on the list when the window opens") else { return nil }
        return (size, perHour, byPeriod)
    }

    /// `window: {from: "HH:MM", to: "HH:MM"}` on a day's clock, or `{from_seconds, to_seconds}`.
    static func readWindow(_ node: Node, path: String, openingMinute: Int?, diagnostics: Diagnostics) -> ClosedRange<Double>? {
        guard let r = MappingReader(node, path: path, allowedKeys: ["from", "to", "from_seconds", "to_seconds"],
                                    diagnostics: diagnostics) else { return nil }
        var bounds: [Double] = []
        for (clockKey, secondsKey) in [("from", "from_seconds"), ("to", "to_seconds")] {
            if let text = r.string(clockKey) {
                guard let opening = openingMinute else { r.report(clockKey, "a clock time needs periods: (else give \(secondsKey))"); continue }
                guard let minute = ClockTime.minutes(text, hoursBelow: 25) else {
                    r.report(clockKey, "must be a clock time HH:MM (got \(text))")
                    continue
                }
                bounds.append(Double(minute - opening) * 60)
            } else if let x = r.number(secondsKey, required: true, what: "the window's \(clockKey == "from" ? "start" : "end") in seconds (or \(clockKey): HH:MM)") {
                bounds.append(x)
            }
        }
        guard bounds.count == 2 else { return nil }
        guard bounds[0] >= 0, bounds[0] < bounds[1] else {
            diagnostics.report(path, "must open at or after the day's start and close after it opens (got \(bounds[0]) s to \(bounds[1]) s)", at: node)
            return nil
        }
        return bounds[0]...bounds[1]
    }

    /// `dialer: progressive | {preview: {reading: DIST}} | {predictive: {ratio, …}}`.
    static func readDialer(_ node: Node, path: String, diagnostics: Diagnostics) -> Dialer? {
        if node.string == "progressive" { return .progressive }
        guard let r = MappingReader(node, path: path, allowedKeys: ["preview", "predictive"], diagnostics: diagnostics) else { return nil }
        if let preview = r.value("preview") {
            guard let p = MappingReader(preview, path: child(path, "preview"), allowedKeys: ["reading"], diagnostics: diagnostics),
                  let reading = p.required("reading", "the seconds an agent reads an entry before dialling (a distribution)"),
                  let law = DistributionReader.read(reading, path: child(path, "preview.reading"), diagnostics: diagnostics)
            else { return nil }
            return .preview(readingSeconds: law)
        }
        if let predictive = r.value("predictive") {
            guard let p = MappingReader(predictive, path: child(path, "predictive"),
                                        allowedKeys: ["ratio", "min_free_agents", "max_inbound_waiting", "target_nuisance"],
                                        diagnostics: diagnostics),
                  let ratio = p.number("ratio", required: true, what: "dials per agent free for outbound work (≥ 1)")
            else { return nil }
            return .predictive(Pacing(ratio: ratio, minFreeAgents: p.integer("min_free_agents") ?? 1,
                                      maxInboundWaiting: p.integer("max_inbound_waiting") ?? .max,
                                      targetNuisance: p.number("target_nuisance")))
        }
        diagnostics.report(path, "must be progressive, {preview: {reading}} or {predictive: {ratio, …}}", at: node)
        return nil
    }
}
