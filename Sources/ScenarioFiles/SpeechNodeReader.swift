import ContactCenter
import Stochastic
import Yams

/// Reads the IVR's `speech:` and `bot:` nodes (Scenarios/README.md, "Speech prompts and bots").
/// Routes and handoffs not given go to the transfer for the intent's skill, filled in
/// once every node is read (`completingRoutes`).
enum SpeechNodeReader {
    /// A node reference by name (nil, reported, when unknown).
    typealias Reference = (MappingReader, String, Bool) -> Int?

    /// A route or handoff by intent not given yet.
    static let unset = -1

    /// `speech: {prompt_seconds, reprompt_seconds, speaking_seconds, no_input_timeout_seconds,
    /// recognition, recognition_by_intent, confused_with, confirm, reprompts, fallback, routes}`.
    static func speech(_ body: Node, path: String, intents: [Intent], callTypeNames: [String], reference: Reference,
                       diagnostics: Diagnostics) -> SpeechPrompt? {
        let keys = ["prompt_seconds", "reprompt_seconds", "speaking_seconds", "no_input_timeout_seconds", "recognition",
                    "recognition_by_intent", "confused_with", "confirm", "reprompts", "fallback", "routes"]
        guard let b = MappingReader(body, path: path, allowedKeys: keys, diagnostics: diagnostics) else { return nil }
        let before = diagnostics.problems.count
        func law(_ key: String) -> Distribution? {
            b.required(key, "a duration in seconds, or a law").flatMap { IVRReader.duration($0, path: child(path, key), diagnostics: diagnostics) }
        }
        let prompt = law("prompt_seconds"), reprompt = law("reprompt_seconds"), speaking = law("speaking_seconds")
        let timeout = b.number("no_input_timeout_seconds") ?? 5
        if timeout < 0 { b.report("no_input_timeout_seconds", "must be ≥ 0 (got \(timeout))") }
        let recognition = b.required("recognition", "the recogniser's rates {correct, no_match, no_input}, or one such map per call type")
            .flatMap { rates($0, path: child(path, "recognition"), callTypeNames: callTypeNames, diagnostics: diagnostics) }
        var confirm = (right: 0.0, wrong: 0.0, seconds: Distribution.deterministic(5), yesAsNo: 0.0, noAsYes: 0.0)
        if let c = b.value("confirm"),
           let cr = MappingReader(c, path: child(path, "confirm"), allowedKeys: ["when_right", "when_wrong", "seconds", "yes_heard_as_no",
                                                                               "no_heard_as_yes"], diagnostics: diagnostics) {
            confirm.right = IVRReader.probability(cr, "when_right")
            confirm.wrong = IVRReader.probability(cr, "when_wrong")
            confirm.yesAsNo = IVRReader.probability(cr, "yes_heard_as_no")
            confirm.noAsYes = IVRReader.probability(cr, "no_heard_as_yes")
            if let s = cr.value("seconds"), let d = IVRReader.duration(s, path: child(child(path, "confirm"), "seconds"), diagnostics: diagnostics) {
                confirm.seconds = d
            }
        }
        let names = intents.map(\.name)
        // Per intent: its own rates, and the intents a wrong result names (weights).
        var ratesByIntent: [RecognitionRates?] = []
        if let node = b.value("recognition_by_intent"),
           let r = MappingReader(node, path: child(path, "recognition_by_intent"), allowedKeys: names, diagnostics: diagnostics) {
            ratesByIntent = intents.map { intent in
                r.value(intent.name).flatMap { one($0, child(r.path, intent.name), diagnostics: diagnostics) }
            }
        }
        var confusions: [[IntentShare]] = []
        if let node = b.value("confused_with"),
           let r = MappingReader(node, path: child(path, "confused_with"), allowedKeys: names, diagnostics: diagnostics) {
            confusions = intents.map { intent in
                guard let v = r.value(intent.name),
                      let w = MappingReader(v, path: child(r.path, intent.name), allowedKeys: names, diagnostics: diagnostics) else { return [] }
                if w.has(intent.name) { w.report(intent.name, "a wrong result names another intent, not the caller's own") }
                return names.indices.compactMap { k in
                    guard names[k] != intent.name, w.has(names[k]), let x = w.number(names[k], what: "a weight ≥ 0") else { return nil }
                    if !(x >= 0 && x.isFinite) { w.report(names[k], "must be a weight ≥ 0 (got \(x))") }
                    return IntentShare(intent: k, weight: x)
                }
            }
        }
        let reprompts = b.integer("reprompts") ?? 2
        if !(0...20).contains(reprompts) { b.report("reprompts", "must be in 0...20 (got \(reprompts))") }
        let fallback = reference(b, "fallback", true)
        let routes = byIntent(b, "routes", intents: intents, reference: reference)
        guard diagnostics.problems.count == before, let prompt, let reprompt, let speaking, let recognition, let fallback, let routes
        else { return nil }
        var prompted = SpeechPrompt(promptSeconds: prompt, repromptSeconds: reprompt, speakingSeconds: speaking,
                                    noInputTimeoutSeconds: timeout, recognition: recognition, confirmCorrect: confirm.right,
                                    confirmWrong: confirm.wrong, confirmSeconds: confirm.seconds, yesHeardAsNo: confirm.yesAsNo,
                                    noHeardAsYes: confirm.noAsYes, maxReprompts: reprompts, fallback: fallback, routes: routes)
        prompted.recognitionByIntent = ratesByIntent
        prompted.confusions = confusions
        return prompted
    }

    /// `bot: {turns, turns_by_intent, turn_seconds, resolution, zero_out_per_turn, handoff,
    /// handoffs, context_factor}`.
    static func bot(_ body: Node, path: String, intents: [Intent], reference: Reference, diagnostics: Diagnostics) -> BotDialog? {
        let keys = ["turns", "turns_by_intent", "turn_seconds", "resolution", "zero_out_per_turn", "handoff", "handoffs",
                    "context_factor"]
        guard let b = MappingReader(body, path: path, allowedKeys: keys, diagnostics: diagnostics) else { return nil }
        let before = diagnostics.problems.count
        let turns = b.required("turns", "the number of turns, or its law (rounded up to whole turns)")
            .flatMap { IVRReader.duration($0, path: child(path, "turns"), diagnostics: diagnostics) }
        var byIntent = [Distribution?](repeating: nil, count: intents.count)
        if let t = b.value("turns_by_intent"),
           let tr = MappingReader(t, path: child(path, "turns_by_intent"), allowedKeys: intents.map(\.name), diagnostics: diagnostics) {
            for (i, intent) in intents.enumerated() {
                if let v = tr.value(intent.name) {
                    byIntent[i] = IVRReader.duration(v, path: child(child(path, "turns_by_intent"), intent.name), diagnostics: diagnostics)
                }
            }
        }
        let turnSeconds = b.required("turn_seconds", "a turn's duration in seconds, or its law")
            .flatMap { IVRReader.duration($0, path: child(path, "turn_seconds"), diagnostics: diagnostics) }
        var resolution = [Double](repeating: 0, count: intents.count)
        if let r = b.required("resolution", "P(resolved) per intent the bot serves, e.g. {balance: 0.8}"),
           let rr = MappingReader(r, path: child(path, "resolution"), allowedKeys: intents.map(\.name), diagnostics: diagnostics) {
            for (i, intent) in intents.enumerated() where rr.has(intent.name) { resolution[i] = IVRReader.probability(rr, intent.name) }
        }
        let zeroOut = IVRReader.probability(b, "zero_out_per_turn")
        let handoff = reference(b, "handoff", true)
        let handoffs = self.byIntent(b, "handoffs", intents: intents, reference: reference)
        let context = b.number("context_factor") ?? 1
        guard diagnostics.problems.count == before, let turns, let turnSeconds, let handoff, let handoffs else { return nil }
        return BotDialog(turns: byIntent.map { $0 ?? turns }, turnSeconds: turnSeconds, resolution: resolution,
                         zeroOutPerTurn: zeroOut, handoff: handoff, handoffs: handoffs, contextFactor: context)
    }

    /// Recogniser rates: one map for every call type, or one per call type.
    static let rateKeys = ["correct", "no_match", "no_input"]

    /// `{correct, no_match (0), no_input (0)}`, at most 1 in all.
    static func one(_ node: Node, _ path: String, diagnostics: Diagnostics) -> RecognitionRates? {
        guard let r = MappingReader(node, path: path, allowedKeys: rateKeys, diagnostics: diagnostics) else { return nil }
        let rates = RecognitionRates(correct: IVRReader.probability(r, "correct", required: true),
                                     noMatch: IVRReader.probability(r, "no_match"), noInput: IVRReader.probability(r, "no_input"))
        let sum = rates.correct + rates.noMatch + rates.noInput
        if sum > 1 + 1e-9 {
            diagnostics.report(path, "correct + no_match + no_input must be at most 1 (got \(sum)); the rest is another intent", at: node)
            return nil
        }
        return rates
    }

    static func rates(_ node: Node, path: String, callTypeNames: [String], diagnostics: Diagnostics) -> [RecognitionRates]? {
        if case .mapping(let m) = node, m.keys.contains(where: { rateKeys.contains($0.string ?? "") }) {
            return one(node, path, diagnostics: diagnostics).map { Array(repeating: $0, count: callTypeNames.count) }
        }
        guard let r = MappingReader(node, path: path, allowedKeys: callTypeNames, diagnostics: diagnostics) else { return nil }
        var out: [RecognitionRates] = []
        for name in callTypeNames {
            guard let v = r.value(name) else {
                r.report(name, "is required: every call type needs its rates (or give one {correct, no_match, no_input} for all)")
                return nil
            }
            guard let rates = one(v, child(path, name), diagnostics: diagnostics) else { return nil }
            out.append(rates)
        }
        return out
    }

    /// `{intent: node, …}` at `key` (optional): one entry per intent, `unset` where not given.
    static func byIntent(_ b: MappingReader, _ key: String, intents: [Intent], reference: Reference) -> [Int]? {
        var out = [Int](repeating: unset, count: intents.count)
        guard let node = b.value(key) else { return out }
        guard let r = MappingReader(node, path: child(b.path, key), allowedKeys: intents.map(\.name), diagnostics: b.diagnostics)
        else { return nil }
        for (i, intent) in intents.enumerated() where r.has(intent.name) {
            guard let n = reference(r, intent.name, true) else { return nil }
            out[i] = n
        }
        return out
    }

    /// The nodes with every route and handoff not given set to the transfer for the
    /// intent's skill (else to generalists); one with neither is reported.
    static func completingRoutes(_ nodes: [IVRNode], intents: [Intent], diagnostics: Diagnostics) -> [IVRNode] {
        let ivr = IVRConfig(nodes: nodes, start: 0)
        func filled(_ targets: [Int], path: String) -> [Int] {
            targets.enumerated().map { i, t in
                guard t == unset else { return t }
                guard let n = ivr.transferNode(forSkill: intents[i].skill) else {
                    diagnostics.report(child(path, intents[i].name), "is required: no transfer serves skill \"\(intents[i].skill)\" "
                                       + "and none goes to generalists (skill: any)", at: nil)
                    return 0
                }
                return n
            }
        }
        return nodes.map { node in
            var node = node
            switch node.kind {
            case .speech(var s):
                s.routes = filled(s.routes, path: "ivr.nodes.\(node.name).speech.routes")
                node.kind = .speech(s)
            case .bot(var b):
                b.handoffs = filled(b.handoffs, path: "ivr.nodes.\(node.name).bot.handoffs")
                node.kind = .bot(b)
            default: break
            }
            return node
        }
    }
}
