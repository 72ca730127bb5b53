import Stochastic

/// What the speech recogniser makes of one utterance, for one segment (call type): the
/// caller's true intent (`correct`), nothing it can match (`noMatch`), silence (`noInput`,
/// after the no-input timeout), or else another intent (`wrong` = 1 − the three), drawn
/// from the call type's intent mix in proportion to its share.
public struct RecognitionRates: Sendable, Equatable {
    public var correct: Double
    public var noMatch: Double
    public var noInput: Double

    public init(correct: Double, noMatch: Double = 0, noInput: Double = 0) {
        self.correct = correct
        self.noMatch = noMatch
        self.noInput = noInput
    }

    /// P(another intent is recognised).
    public var wrong: Double { max(0, 1 - correct - noMatch - noInput) }
}

/// A speech prompt ("tell me in a few words why you are calling"): an attempt is the
/// prompt (the first time) or the reprompt (later), then the caller's utterance (or the
/// no-input timeout) and the recogniser's outcome (`RecognitionRates` of his intent, else
/// of his call type; a wrong result names an intent of `confusions`, else of his mix).
/// A recognised intent is confirmed ("You are calling about your card bill?") with
/// probability `confirmCorrect` when right and `confirmWrong` when wrong (the low-confidence
/// band: wrong results fall in it more often); the caller answers yes exactly when it is
/// right, and the answer is misheard with `yesHeardAsNo` / `noHeardAsYes`. An accepted
/// intent leads to `routes[intent]`; no match, no input and a rejected confirmation are
/// failures: after `maxReprompts` reprompts the next failure goes to `fallback` (the
/// key-press menu).
///
/// Per attempt, with c, w, m, n the rates and q_c, q_w, e_y, e_n the confirmation's:
/// accepted right a = c(1 − q_c e_y), accepted wrong b = w(1 − q_w (1 − e_n)), failure
/// f = 1 − a − b; the caller reaches attempt k with f^k, falls back with f^(R+1) and ends
/// with his own intent with a (1 − f^(R+1)) / (1 − f) (geometric retries, R reprompts).
public struct SpeechPrompt: Sendable, Equatable {
    public var promptSeconds: Distribution
    public var repromptSeconds: Distribution
    /// The caller's utterance with the recogniser's latency (an answer that is heard).
    public var speakingSeconds: Distribution
    /// Silence until the recogniser gives up (a no-input attempt).
    public var noInputTimeoutSeconds: Double
    /// Per call type.
    public var recognition: [RecognitionRates]
    /// Per true intent, overriding its call type's rates (empty, or nil for an intent: the
    /// call type's): some intents are said in words the recogniser knows better.
    public var recognitionByIntent: [RecognitionRates?] = []
    /// Per true intent: the intents a wrong result names, with weights (empty, or empty for
    /// an intent: another intent of the call type's mix, in proportion).
    public var confusions: [[IntentShare]] = []
    public var confirmCorrect: Double
    public var confirmWrong: Double
    /// The confirmation question and the caller's yes or no.
    public var confirmSeconds: Distribution
    public var yesHeardAsNo: Double
    public var noHeardAsYes: Double
    public var maxReprompts: Int
    public var fallback: Int
    /// Per intent: the node an accepted intent leads to.
    public var routes: [Int]

    public init(promptSeconds: Distribution, repromptSeconds: Distribution, speakingSeconds: Distribution,
                noInputTimeoutSeconds: Double = 5, recognition: [RecognitionRates], confirmCorrect: Double = 0,
                confirmWrong: Double = 0, confirmSeconds: Distribution = .deterministic(5), yesHeardAsNo: Double = 0,
                noHeardAsYes: Double = 0, maxReprompts: Int = 2, fallback: Int, routes: [Int]) {
        self.promptSeconds = promptSeconds
        self.repromptSeconds = repromptSeconds
        self.speakingSeconds = speakingSeconds
        self.noInputTimeoutSeconds = noInputTimeoutSeconds
        self.recognition = recognition
        self.confirmCorrect = confirmCorrect
        self.confirmWrong = confirmWrong
        self.confirmSeconds = confirmSeconds
        self.yesHeardAsNo = yesHeardAsNo
        self.noHeardAsYes = noHeardAsYes
        self.maxReprompts = maxReprompts
        self.fallback = fallback
        self.routes = routes
    }
}

/// A service bot's dialog: `turns[intent]` turns (a law, rounded up to a whole number ≥ 1)
/// of `turnSeconds` each; after each turn the caller asks for an agent ("转人工", zero-out)
/// with `zeroOutPerTurn`; after the last he is resolved with `resolution[intent]` (his
/// true intent: the bot clarifies it in the dialog), else handed off. A handoff carries the
/// intent the IVR recognised (a speech prompt's accepted intent, or the dynamic menu's
/// accepted offer) to `handoffs[that intent]` (the transfer for its skill), else goes to
/// `handoff`; when the carried intent is right, the agent's handling is multiplied by
/// `contextFactor` (context transfer); a wrong one is a misroute, as from a menu.
///
/// With T turns fixed: contained with (1 − z)^T r, zero-out with 1 − (1 − z)^T.
public struct BotDialog: Sendable, Equatable {
    public var turns: [Distribution]
    public var turnSeconds: Distribution
    public var resolution: [Double]
    public var zeroOutPerTurn: Double
    public var handoff: Int
    public var handoffs: [Int]
    public var contextFactor: Double

    public init(turns: [Distribution], turnSeconds: Distribution, resolution: [Double], zeroOutPerTurn: Double = 0,
                handoff: Int, handoffs: [Int], contextFactor: Double = 1) {
        self.turns = turns
        self.turnSeconds = turnSeconds
        self.resolution = resolution
        self.zeroOutPerTurn = zeroOutPerTurn
        self.handoff = handoff
        self.handoffs = handoffs
        self.contextFactor = contextFactor
    }
}

/// One walk's speech and bot events, credited with its stays when the caller gets a port
/// (`Recorder.enteredIVR`): speech prompts entered, first utterances recognised right,
/// confirmations asked, reprompts, fallbacks to key presses; bot dialogs entered, resolved,
/// zeroed out, and their turns. `handlingFactor`: the agent's handling time factor of a
/// bot handoff that carried the right intent (1 otherwise).
public struct SpeechTally: Sendable, Equatable {
    public var prompts = 0
    public var firstCorrect = 0
    public var confirmations = 0
    public var reprompts = 0
    public var fallbacks = 0
    public var botEntered = 0
    public var botContained = 0
    public var botZeroOuts = 0
    public var botTurns = 0
    public var handlingFactor = 1.0

    public init() {}

    /// Adds another walk's counts (not its handling factor).
    @inline(__always)
    mutating func add(_ o: SpeechTally) {
        prompts += o.prompts
        firstCorrect += o.firstCorrect
        confirmations += o.confirmations
        reprompts += o.reprompts
        fallbacks += o.fallbacks
        botEntered += o.botEntered
        botContained += o.botContained
        botZeroOuts += o.botZeroOuts
        botTurns += o.botTurns
    }
}

extension IVRConfig {
    /// The first transfer node for `skill`, else the first to generalists (nil: none):
    /// where a recognised intent goes by default, and a bot's handoff carrying it.
    public func transferNode(forSkill skill: String) -> Int? {
        var any: Int?
        for (n, node) in nodes.enumerated() {
            guard case .transfer(let s) = node.kind else { continue }
            if s == skill { return n }
            if s == nil && any == nil { any = n }
        }
        return any
    }
}

extension CenterConfig {
    /// A law's own problems, under `path`.
    private func lawProblems(_ law: Distribution, _ path: String) -> [(path: String, message: String)] {
        law.parameterProblems.map { ("\(path)\($0.key.isEmpty ? "" : "." + $0.key)", $0.message) }
    }

    private func probabilityProblem(_ p: Double, _ path: String) -> [(path: String, message: String)] {
        p >= 0 && p <= 1 ? [] : [(path, "must be in [0, 1] (got \(p))")]
    }

    /// Recogniser rates: each a probability, at most 1 in all (the rest: another intent).
    private func rateProblems(_ r: RecognitionRates, _ path: String) -> [(path: String, message: String)] {
        var out = probabilityProblem(r.correct, path + ".correct") + probabilityProblem(r.noMatch, path + ".no_match")
            + probabilityProblem(r.noInput, path + ".no_input")
        let sum = r.correct + r.noMatch + r.noInput
        if sum > 1 + 1e-9 { out.append((path, "correct + no_match + no_input must be at most 1 (got \(sum))")) }
        return out
    }

    /// A speech prompt's laws, rates (per call type, summing to at most 1), confirmation,
    /// reprompt limit and routes (one per intent).
    func speechProblems(_ s: SpeechPrompt, path: String) -> [(path: String, message: String)] {
        var out = lawProblems(s.promptSeconds, path + ".prompt_seconds") + lawProblems(s.repromptSeconds, path + ".reprompt_seconds")
            + lawProblems(s.speakingSeconds, path + ".speaking_seconds") + lawProblems(s.confirmSeconds, path + ".confirm_seconds")
        if !(s.noInputTimeoutSeconds >= 0 && s.noInputTimeoutSeconds <= Distribution.maxMeanSeconds) {
            out.append((path + ".no_input_timeout_seconds", "must be in 0...1e9 seconds (got \(s.noInputTimeoutSeconds))"))
        }
        if s.recognition.count != callTypes.count {
            out.append((path + ".recognition", "needs rates for every call type (got \(s.recognition.count) for \(callTypes.count))"))
        }
        for (c, r) in s.recognition.enumerated() {
            let perType = s.recognition.count > 1 && callTypes.indices.contains(c)
            let here = path + ".recognition" + (perType ? "." + callTypes[c].name : "")
            out += rateProblems(r, here)
        }
        for (p, key) in [(s.confirmCorrect, "when_right"), (s.confirmWrong, "when_wrong"), (s.yesHeardAsNo, "yes_heard_as_no"),
                         (s.noHeardAsYes, "no_heard_as_yes")] {
            out += probabilityProblem(p, path + ".confirm." + key)
        }
        if !(0...20).contains(s.maxReprompts) { out.append((path + ".reprompts", "must be in 0...20 (got \(s.maxReprompts))")) }
        if s.routes.count != intents.count { out.append((path + ".routes", "needs a node for every intent")) }
        if !s.recognitionByIntent.isEmpty && s.recognitionByIntent.count != intents.count {
            out.append((path + ".recognition_by_intent", "needs an entry (or none) for every intent"))
        }
        for (i, r) in s.recognitionByIntent.enumerated() {
            guard let r, intents.indices.contains(i) else { continue }
            let here = path + ".recognition_by_intent." + intents[i].name
            out += rateProblems(r, here)
        }
        if !s.confusions.isEmpty && s.confusions.count != intents.count {
            out.append((path + ".confused_with", "needs an entry (or none) for every intent"))
        }
        for (i, shares) in s.confusions.enumerated() where intents.indices.contains(i) && !shares.isEmpty {
            let here = path + ".confused_with." + intents[i].name
            if shares.contains(where: { !intents.indices.contains($0.intent) || $0.intent == i }) {
                out.append((here, "must name other intents"))
            }
            if shares.contains(where: { !($0.weight >= 0 && $0.weight.isFinite) }) || !(shares.reduce(0) { $0 + $1.weight } > 0) {
                out.append((here, "weights must be finite, ≥ 0 and not all 0"))
            }
        }
        return out
    }

    /// A bot's laws (turns per intent, a mean of at most `IVRWalker.maxBotTurns`),
    /// resolution per intent, zero-out, context factor and handoffs.
    func botProblems(_ b: BotDialog, path: String) -> [(path: String, message: String)] {
        var out = lawProblems(b.turnSeconds, path + ".turn_seconds")
        if b.turns.count != intents.count { out.append((path + ".turns", "needs a law for every intent")) }
        // One law for every intent is `turns`; else each intent's is under `turns_by_intent`.
        let shared = b.turns.allSatisfy { $0 == b.turns.first }
        for (i, law) in b.turns.enumerated() where !shared || i == 0 {
            let here = shared || !intents.indices.contains(i) ? path + ".turns" : path + ".turns_by_intent." + intents[i].name
            out += lawProblems(law, here)
            if law.parameterProblems.isEmpty && !(law.mean <= Double(IVRWalker.maxBotTurns)) {
                out.append((here, "must have a mean of at most \(IVRWalker.maxBotTurns) turns (got \(law.mean))"))
            }
        }
        if b.resolution.count != intents.count { out.append((path + ".resolution", "needs a probability for every intent")) }
        for (i, p) in b.resolution.enumerated() {
            out += probabilityProblem(p, path + ".resolution" + (intents.indices.contains(i) ? "." + intents[i].name : ""))
        }
        out += probabilityProblem(b.zeroOutPerTurn, path + ".zero_out_per_turn")
        if !(b.contextFactor > 0 && b.contextFactor <= 10) {
            out.append((path + ".context_factor", "must be in (0, 10] (got \(b.contextFactor))"))
        }
        if b.handoffs.count != intents.count { out.append((path + ".handoffs", "needs a node for every intent")) }
        return out
    }
}
