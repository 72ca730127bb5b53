import Experiments
import Measures
import Stochastic
import TestSupport
import XCTest
@testable import ContactCenter

/// A speech prompt in front of a key-press menu: intents card_bill (skill cards) and
/// balance (skill accounts), 60/40 (`bankIntents`, `bankMix`).
///   0 speak (speech) → card_bill: node `billLeaf` (1: bill self-service, or 6: a bot),
///     balance: 3 (accounts); after the reprompts: 2 (keys)
///   2 keys (menu: bill 1, accounts 3)        4 to-cards (transfer cards)
///   1 bill (self-service 20 s, card_bill 1)  5 agent (transfer any)
///   3 to-accounts (transfer accounts)        6 assistant (bot; handoffs by intent, else agent)
func speechGraph(_ prompt: SpeechPrompt, bot: BotDialog? = nil, policy: IVRPolicy = .staticMenu) -> IVRConfig {
    let keys = IVRMenu(introSeconds: 2, options: [IVROption(label: "bill", seconds: 3, target: 1),
                                                  IVROption(label: "accounts", seconds: 3, target: 3)], fallback: 5)
    var nodes = [
        IVRNode(name: "speak", kind: .speech(prompt)),
        IVRNode(name: "bill", kind: .selfService(seconds: .deterministic(20), successProbability: [1, 0], onFailure: 4)),
        IVRNode(name: "keys", kind: .menu(keys)),
        IVRNode(name: "to-accounts", kind: .transfer(skill: "accounts")),
        IVRNode(name: "to-cards", kind: .transfer(skill: "cards")),
        IVRNode(name: "agent", kind: .transfer(skill: nil)),
    ]
    if let bot { nodes.append(IVRNode(name: "assistant", kind: .bot(bot))) }
    return IVRConfig(nodes: nodes, start: 0, policy: policy)
}

/// A speech prompt with deterministic times (prompt 6, reprompt 4, utterance 3, timeout 5,
/// confirmation 5) routing card_bill to `billLeaf`.
func prompt(_ rates: RecognitionRates, confirm: (right: Double, wrong: Double) = (0, 0), misheard: (yes: Double, no: Double) = (0, 0),
            speaking: Distribution = .deterministic(3), reprompts: Int = 2, billLeaf: Int = 1) -> SpeechPrompt {
    SpeechPrompt(promptSeconds: .deterministic(6), repromptSeconds: .deterministic(4), speakingSeconds: speaking,
                 noInputTimeoutSeconds: 5, recognition: [rates], confirmCorrect: confirm.right, confirmWrong: confirm.wrong,
                 confirmSeconds: .deterministic(5), yesHeardAsNo: misheard.yes, noHeardAsYes: misheard.no, maxReprompts: reprompts,
                 fallback: 2, routes: [billLeaf, 3])
}

/// A bot for card_bill: `turns` turns of 10 s (or a law), resolving card_bill with 0.8,
/// zero-out `zero` per turn; handoffs by intent to the transfers, else to generalists.
func assistant(turns: Distribution = .deterministic(3), turnSeconds: Distribution = .deterministic(10), zero: Double = 0.05,
               context: Double = 0.9) -> BotDialog {
    BotDialog(turns: [turns, turns], turnSeconds: turnSeconds, resolution: [0.8, 0], zeroOutPerTurn: zero, handoff: 5,
              handoffs: [4, 3], contextFactor: context)
}

final class SpeechWalkTests: XCTestCase {
    let stream = RandomStream(StreamID(seed: 3, purpose: .test), replication: 0)
    var rng: RandomStreamHandle { stream.handle }

    func walk(_ ivr: IVRConfig, intent: Int = 0, budget: Double = .infinity)
        -> (outcome: IVROutcome, seconds: Double, node: Int, speech: SpeechTally, visits: ContiguousArray<IVRVisit>) {
        let walker = IVRWalker(ivr, intents: bankIntents, mixes: bankMix)
        var visits = ContiguousArray<IVRVisit>(), speech = SpeechTally()
        let w = walker.walk(callType: 0, intent: intent, budgetSeconds: budget, rng: rng, visits: &visits, speech: &speech)
        return (w.outcome, w.seconds, w.node, speech, visits)
    }

    /// A perfect recogniser with no prompt and no speaking time is the direct transfer:
    /// each caller's walk is the walk that starts at his intent's leaf, second for second.
    func testPerfectRecogniserIsTheDirectWalk() {
        var instant = prompt(RecognitionRates(correct: 1), speaking: .deterministic(0))
        instant.promptSeconds = .deterministic(0)
        for intent in 0..<2 {
            let spoken = walk(speechGraph(instant), intent: intent)
            var direct = speechGraph(instant)
            direct.start = intent == 0 ? 1 : 3
            let leaf = walk(direct, intent: intent)
            XCTAssertEqual(spoken.outcome, leaf.outcome)
            XCTAssertEqual(spoken.seconds, leaf.seconds)
            XCTAssertEqual(spoken.node, leaf.node)
            XCTAssertEqual(spoken.speech.prompts, 1)
            XCTAssertEqual(spoken.speech.firstCorrect, 1)
        }
        XCTAssertEqual(walk(speechGraph(instant)).seconds, 20)  // the bill self-service alone
    }

    /// Scripted walks (probabilities 0 or 1, deterministic times).
    func testScriptedConfirmationRepromptAndFallback() {
        // Right, confirmed: prompt 6 + utterance 3 + confirmation 5, then the bill's 20 s.
        let confirmed = walk(speechGraph(prompt(RecognitionRates(correct: 1), confirm: (1, 1))))
        XCTAssertEqual(confirmed.outcome, .contained)
        XCTAssertEqual(confirmed.seconds, 6 + 3 + 5 + 20)
        XCTAssertEqual([confirmed.speech.confirmations, confirmed.speech.reprompts, confirmed.speech.fallbacks], [1, 0, 0])
        XCTAssertEqual(Array(confirmed.visits.map(\.node)), [0, 1])
        // Right but the "yes" is always misheard: 3 attempts (2 reprompts), then the keys
        // menu (2 + 3 + 1 s to the bill option): 14 + 2 × 12 + 6 + 20.
        let misheard = walk(speechGraph(prompt(RecognitionRates(correct: 1), confirm: (1, 1), misheard: (1, 0))))
        XCTAssertEqual(misheard.outcome, .contained)
        XCTAssertEqual(misheard.seconds, 14 + 2 * 12 + 6 + 20)
        XCTAssertEqual([misheard.speech.firstCorrect, misheard.speech.confirmations, misheard.speech.reprompts, misheard.speech.fallbacks],
                       [1, 3, 2, 1])
        XCTAssertEqual(Array(misheard.visits.map(\.node)), [0, 2, 1])
        // Silence: the timeout, not the utterance: 6 + 5, then 2 × (4 + 5), then the keys.
        let silent = walk(speechGraph(prompt(RecognitionRates(correct: 0, noInput: 1))))
        XCTAssertEqual(silent.seconds, 11 + 18 + 6 + 20)
        XCTAssertEqual([silent.speech.firstCorrect, silent.speech.reprompts, silent.speech.fallbacks], [0, 2, 1])
        // No match with no reprompt allowed: one attempt, then the keys.
        let noMatch = walk(speechGraph(prompt(RecognitionRates(correct: 0, noMatch: 1), reprompts: 0)))
        XCTAssertEqual(noMatch.seconds, 9 + 6 + 20)
        XCTAssertEqual([noMatch.speech.reprompts, noMatch.speech.fallbacks], [0, 1])
        // Always wrong, not confirmed: card_bill heard as balance, sent to accounts: a misroute.
        let wrong = walk(speechGraph(prompt(RecognitionRates(correct: 0))))
        XCTAssertEqual(wrong.outcome, .transferred(misrouted: true))
        XCTAssertEqual(wrong.seconds, 9)
        XCTAssertEqual(wrong.node, 3)
        // Wrong, confirmed and the "no" heard: rejected, reprompted; heard as yes: accepted.
        let rejected = walk(speechGraph(prompt(RecognitionRates(correct: 0), confirm: (0, 1), reprompts: 1)))
        XCTAssertEqual(rejected.seconds, 14 + 12 + 6 + 20)
        XCTAssertEqual(rejected.outcome, .contained)  // the keys menu, pressed right
        let accepted = walk(speechGraph(prompt(RecognitionRates(correct: 0), confirm: (0, 1), misheard: (0, 1))))
        XCTAssertEqual(accepted.outcome, .transferred(misrouted: true))
        XCTAssertEqual(accepted.seconds, 14)
        // His IVR patience runs out during the first utterance: hung up in the speech node.
        let impatient = walk(speechGraph(prompt(RecognitionRates(correct: 1))), budget: 8)
        XCTAssertEqual(impatient.outcome, .abandoned)
        XCTAssertEqual(impatient.seconds, 8)
        XCTAssertEqual(impatient.node, 0)
    }

    /// The bot, scripted: resolved after its turns, zero-out after the first turn with the
    /// recognised intent carried to its skill (the handling factor set), and without an
    /// intent to the handoff node.
    func testScriptedBot() {
        let toBot = prompt(RecognitionRates(correct: 1), billLeaf: 6)
        var resolving = assistant(zero: 0)
        resolving.resolution = [1, 0]
        let resolved = walk(speechGraph(toBot, bot: resolving))
        XCTAssertEqual(resolved.outcome, .contained)
        XCTAssertEqual(resolved.seconds, 9 + 30)
        XCTAssertEqual([resolved.speech.botEntered, resolved.speech.botContained, resolved.speech.botTurns], [1, 1, 3])
        XCTAssertEqual(resolved.speech.handlingFactor, 1)
        let zeroing = walk(speechGraph(toBot, bot: assistant(zero: 1)))
        XCTAssertEqual(zeroing.outcome, .transferred(misrouted: false))
        XCTAssertEqual(zeroing.node, 4)  // to-cards: card_bill's skill
        XCTAssertEqual(zeroing.seconds, 9 + 10)
        XCTAssertEqual([zeroing.speech.botZeroOuts, zeroing.speech.botTurns, zeroing.speech.botContained], [1, 1, 0])
        XCTAssertEqual(zeroing.speech.handlingFactor, 0.9)
        // Recognised wrong (balance) and sent to the bot: it cannot resolve card_bill and
        // hands him to accounts with the wrong intent: a misroute, no context factor.
        var wrongToBot = prompt(RecognitionRates(correct: 0), billLeaf: 6)
        wrongToBot.routes = [6, 6]
        var unresolving = assistant(zero: 0)
        unresolving.resolution = [0, 0]
        let misrouted = walk(speechGraph(wrongToBot, bot: unresolving))
        XCTAssertEqual(misrouted.outcome, .transferred(misrouted: true))
        XCTAssertEqual(misrouted.node, 3)
        XCTAssertEqual(misrouted.speech.handlingFactor, 1)
        // Reached without a recognised intent (the start): the handoff node.
        var direct = speechGraph(toBot, bot: assistant(zero: 1))
        direct.start = 6
        XCTAssertEqual(walk(direct).node, 5)
    }

    /// The dynamic menu's offer at the speech node: a right prediction skips the prompt
    /// (to the intent's best leaf) and is carried to a bot's handoff; a wrong one is
    /// declined and the caller speaks, as without the offer.
    func testOfferBeforeTheSpeechPrompt() {
        let offer = { (accuracy: Double) in
            IVRPolicy.dynamic(DynamicMenuPolicy(coverage: [1], accuracy: [accuracy], offer: true, offerPromptSeconds: 7, offerAt: 0,
                                                reorder: false))
        }
        let rates = RecognitionRates(correct: 1)
        let right = walk(speechGraph(prompt(rates), policy: offer(1)))
        XCTAssertEqual(right.seconds, 7 + 20)
        XCTAssertEqual(right.speech.prompts, 0)
        let wrong = walk(speechGraph(prompt(rates), policy: offer(0)))
        XCTAssertEqual(wrong.seconds, 7 + 9 + 20)
        XCTAssertEqual(wrong.speech.prompts, 1)
    }

    /// Geometric retries, 100,000 walks each (seed 3): with per-attempt outcomes c, w, m, n
    /// and the confirmation's q_c, q_w, e_y, e_n, an attempt is accepted right with
    /// a = c(1 − q_c e_y), accepted wrong with b = w(1 − q_w(1 − e_n)), a failure with
    /// f = 1 − a − b; with R reprompts: P(fallback) = f^(R+1), P(misrouted) =
    /// b(1 − f^(R+1))/(1 − f), E[reprompts] = Σ_{k=1..R} f^k, E[confirmations] =
    /// (c q_c + w q_w) Σ_{k=0..R} f^k, P(first utterance right) = c, and the mean time in
    /// the prompt P + Rp Σ_{k=1..R} f^k + A Σ_{k=0..R} f^k with an attempt's
    /// A = (1 − n) E[S] + n T + (c q_c + w q_w) E[C]. Each inside its 99.99 % interval,
    /// without confirmation (static recognition) and with it.
    func testClosedFormsOfRetries() {
        for (confirm, misheard) in [((0.0, 0.0), (0.0, 0.0)), ((0.3, 0.8), (0.1, 0.2))] {
            let (c, m, n) = (0.7, 0.1, 0.05)
            let w = 1 - c - m - n
            let sp = prompt(RecognitionRates(correct: c, noMatch: m, noInput: n), confirm: confirm, misheard: misheard,
                            speaking: .exponential(mean: 3), reprompts: 2)
            let walker = IVRWalker(speechGraph(sp), intents: bankIntents, mixes: bankMix)
            let a = c * (1 - confirm.0 * misheard.0), b = w * (1 - confirm.1 * (1 - misheard.1)), f = 1 - a - b
            let reached = (0...2).map { pow(f, Double($0)) }
            let expected: [String: Double] = [
                "fallback": pow(f, 3), "misrouted": b * (1 - pow(f, 3)) / (1 - f), "reprompts": reached[1] + reached[2],
                "confirmations": (c * confirm.0 + w * confirm.1) * reached.reduce(0, +), "first right": c,
                "seconds": 6 + 4 * (reached[1] + reached[2])
                    + ((1 - n) * 3 + n * 5 + (c * confirm.0 + w * confirm.1) * 5) * reached.reduce(0, +),
            ]
            var samples: [String: [Double]] = expected.mapValues { _ in [] }
            var visits = ContiguousArray<IVRVisit>(), speech = SpeechTally()
            for _ in 0..<100_000 {
                let result = walker.walk(callType: 0, intent: 0, budgetSeconds: .infinity, rng: rng, visits: &visits, speech: &speech)
                samples["fallback"]!.append(Double(speech.fallbacks))
                samples["misrouted"]!.append(result.outcome == .transferred(misrouted: true) ? 1 : 0)
                samples["reprompts"]!.append(Double(speech.reprompts))
                samples["confirmations"]!.append(Double(speech.confirmations))
                samples["first right"]!.append(Double(speech.firstCorrect))
                samples["seconds"]!.append(visits[0].node == 0 ? visits[0].seconds : .nan)
            }
            for (name, value) in expected {
                let ci = wideInterval(samples[name]!)
                XCTAssertTrue(ci.contains(value), "\(name) (confirm \(confirm)): \(ci.mean) ± \(ci.halfWidth) vs \(value)")
            }
        }
    }

    /// The bot with T = 3 turns, zero-out z = 0.05 per turn, resolution r = 0.8 and turns
    /// of 10 s (exponential), 100,000 dialogs (seed 3): contained (1 − z)^T r, zero-out
    /// 1 − (1 − z)^T, mean turns Σ_{t<T} (1 − z)^t, mean time 10 × that; 99.99 % intervals.
    /// With turns from a law (T = ⌈X⌉, X exponential of mean 2: geometric, P(T = t) =
    /// e^{−(t−1)/2}(1 − e^{−1/2})), contained E[(1 − z)^T] r.
    func testClosedFormsOfTheBot() {
        let z = 0.05, r = 0.8
        for law in [Distribution.deterministic(3), .exponential(mean: 2)] {
            var bot = assistant(turns: law, turnSeconds: .exponential(mean: 10), zero: z)
            bot.resolution = [r, 0]
            var direct = speechGraph(prompt(RecognitionRates(correct: 1)), bot: bot)
            direct.start = 6
            let walker = IVRWalker(direct, intents: bankIntents, mixes: bankMix)
            // P(T = t) for the law, t = 1…60 (the geometric tail beyond is below 1e-12).
            let pT: [Double] = (1...60).map { t in
                if case .deterministic = law { return t == 3 ? 1 : 0 }
                return exp(-Double(t - 1) / 2) * (1 - exp(-0.5))
            }
            let keep = 1 - z
            func expect(_ g: (Int) -> Double) -> Double { pT.enumerated().reduce(0) { $0 + $1.element * g($1.offset + 1) } }
            let turns = expect { t in (0..<t).reduce(0) { $0 + pow(keep, Double($1)) } }
            let expected: [String: Double] = ["contained": expect { pow(keep, Double($0)) } * r,
                                              "zero-out": expect { 1 - pow(keep, Double($0)) }, "turns": turns, "seconds": 10 * turns]
            var samples: [String: [Double]] = expected.mapValues { _ in [] }
            var visits = ContiguousArray<IVRVisit>(), speech = SpeechTally()
            for _ in 0..<100_000 {
                let result = walker.walk(callType: 0, intent: 0, budgetSeconds: .infinity, rng: rng, visits: &visits, speech: &speech)
                samples["contained"]!.append(Double(speech.botContained))
                samples["zero-out"]!.append(Double(speech.botZeroOuts))
                samples["turns"]!.append(Double(speech.botTurns))
                samples["seconds"]!.append(visits[0].seconds)
                XCTAssertEqual(speech.botContained == 1, result.outcome == .contained)
            }
            for (name, value) in expected {
                let ci = wideInterval(samples[name]!)
                XCTAssertTrue(ci.contains(value), "\(name) (\(law)): \(ci.mean) ± \(ci.halfWidth) vs \(value)")
            }
        }
    }
}

/// Speech and the bot inside the center: the metrics, the bot's context transfer and
/// common random numbers across recognisers.
final class SpeechCenterTests: XCTestCase {
    /// 600 calls/h, 60 % card_bill, 40 % balance, 30 agents (no queue to speak of): the
    /// speech prompt (c = 0.7, m = 0.1, n = 0.05; confirmation q = 0.3 / 0.8, misheard 0.1
    /// / 0.2; 2 reprompts) sends card_bill to the bot (3 turns, z = 0.05, r = 0.8).
    func center(rates: RecognitionRates = RecognitionRates(correct: 0.7, noMatch: 0.1, noInput: 0.05),
                bot: BotDialog = assistant(turnSeconds: .exponential(mean: 10)), calls: Int = 5000) -> CenterConfig {
        var type = CallType(name: "all", arrivalsPerHour: 600, serviceSeconds: .exponential(mean: 120))
        type.intentMix = bankMix[0]
        var config = CenterConfig(callTypes: [type], agents: 30, horizon: .calls(warmupCalls: 100, measuredCalls: calls))
        config.intents = bankIntents
        config.ivr = speechGraph(prompt(rates, confirm: (0.3, 0.8), misheard: (0.1, 0.2), speaking: .exponential(mean: 3), billLeaf: 6),
                                 bot: bot)
        return config
    }

    /// 20 replications × 5,000 calls (seed 21): the reported rates inside their 99.99 %
    /// intervals (ratio of sums) around the closed forms of `testClosedFormsOfRetries` and
    /// `testClosedFormsOfTheBot`. The bot is entered by card_bill callers accepted right
    /// (a S, S = Σ_{k≤2} f^k) and balance callers accepted as card_bill (b S), so
    /// bot_containment = 0.6 a (1 − z)³ r ÷ (0.6 a + 0.4 b), zero_out_rate = 1 − (1 − z)³.
    func testMetricsMatchTheClosedForms() {
        let config = center()
        XCTAssertTrue(config.problems.isEmpty, "\(config.problems)")
        XCTAssertTrue(config.parts.isSuperset(of: [.ivr, .speech, .bot]))
        let result = CenterExperiment(config: config, seed: 21, replications: 20).run(jobs: 2)
        XCTAssertTrue(result.isConserved)
        let (c, m, n) = (0.7, 0.1, 0.05), w = 1 - c - m - n
        let a = c * (1 - 0.3 * 0.1), b = w * (1 - 0.8 * 0.8), f = 1 - a - b
        let keep = 0.95 * 0.95 * 0.95
        let expected: [String: Double] = [
            "recognition_rate": c, "speech_fallback_rate": pow(f, 3), "reprompt_rate": f + f * f,
            "confirmation_rate": (c * 0.3 + w * 0.8) * (1 + f + f * f),
            "bot_containment": 0.6 * a * keep * 0.8 / (0.6 * a + 0.4 * b), "zero_out_rate": 1 - keep,
            "mean_bot_turns": 1 + 0.95 + 0.95 * 0.95,
        ]
        for (metric, value) in expected {
            let ci = result.interval(metric, level: wideLevel)
            XCTAssertTrue(ci.contains(value), "\(metric): \(ci.mean) ± \(ci.halfWidth) vs \(value)")
        }
        // A center without speech or bot nodes has none of these metrics.
        var plain = config
        plain.ivr = bankMenu()
        XCTAssertNil(Metric.recognitionRate.value(CenterModel.simulate(plain, seed: 1, replication: 0)))
        XCTAssertNil(Metric.botContainment.value(CenterModel.simulate(plain, seed: 1, replication: 0)))
    }

    /// Every caller is recognised right and zeroes out of the bot: every card_bill call
    /// reaches its agent with the bot's context, so its handling is exactly 0.9 × the
    /// handling it has with a context factor of 1, call for call (the handling quantile is
    /// drawn at arrival); balance calls (recognised, sent to accounts) keep theirs.
    func testContextTransferShortensHandlingCallForCall() {
        let perfect = RecognitionRates(correct: 1)
        let withContext = center(rates: perfect, bot: assistant(zero: 1, context: 0.9), calls: 800)
        let without = center(rates: perfect, bot: assistant(zero: 1, context: 1), calls: 800)
        let (_, short) = CenterModel.simulateRecordingCalls(withContext, seed: 4, replication: 0)
        let (_, plain) = CenterModel.simulateRecordingCalls(without, seed: 4, replication: 0)
        XCTAssertEqual(short.count, plain.count)
        var checked = [0, 0]
        for (x, y) in zip(short, plain) {
            guard let s0 = x.serviceStartSeconds, let s1 = x.serviceEndSeconds, let p0 = y.serviceStartSeconds,
                  let p1 = y.serviceEndSeconds, let intent = x.intent else { continue }
            XCTAssertEqual(x.intent, y.intent)
            XCTAssertEqual((s1 - s0) / (p1 - p0), intent == 0 ? 0.9 : 1, accuracy: 1e-9)
            checked[intent] += 1
        }
        XCTAssertGreaterThan(checked.min()!, 200, "\(checked)")
    }

    /// Common random numbers: a recogniser of 0.8 vs 0.9 (seed 8) leaves every arrival,
    /// intent and IVR patience where it was (the same calls arrive at the same times),
    /// and, over 10 replications × 3,000 calls with a queue (12 agents), the paired 95 %
    /// interval of the difference in IVR time and ASA is narrower than the unpaired one.
    func testAccuracyMovesOnlyTheRecognitions() {
        let low = center(rates: RecognitionRates(correct: 0.8, noMatch: 0.05), calls: 3000)
        let high = center(rates: RecognitionRates(correct: 0.9, noMatch: 0.05), calls: 3000)
        let (_, a) = CenterModel.simulateRecordingCalls(low, seed: 8, replication: 0)
        let (_, b) = CenterModel.simulateRecordingCalls(high, seed: 8, replication: 0)
        XCTAssertEqual(a.map(\.arrivalSeconds), b.map(\.arrivalSeconds))
        XCTAssertEqual(a.map(\.intent), b.map(\.intent))
        var queued = low, queuedHigh = high
        queued.agents = 12
        queuedHigh.agents = 12
        queued.callTypes[0].patienceSeconds = .exponential(mean: 120)
        queuedHigh.callTypes[0].patienceSeconds = .exponential(mean: 120)
        assertPairedNarrowerThanUnpaired([("0.8", queued), ("0.9", queuedHigh)], seed: 8, replications: 10,
                                         metrics: ["mean_ivr_seconds", "asa_seconds"])
    }
}

extension SpeechCenterTests {
    /// With 4 IVR ports and 20 trunk lines (busy signals at both) and redials, every caller
    /// who gets a port is credited his walk's speech events once, when he gets it (the walk
    /// of a blocked caller waits with his redial): the prompt is the start, so prompts =
    /// entered IVR, each of them a first recognition or not; the bot's dialogs ≤ entered;
    /// every arrival ends once. 3 replications, seed 6.
    func testSpeechEventsWithPortsLinesAndRedials() {
        var config = center(calls: 3000)
        config.ivr!.ports = 4
        config.lines = 20
        config.callTypes[0].redialProbability = 0.6
        config.callTypes[0].redialDelaySeconds = .exponential(mean: 30)
        config.callTypes[0].ivrPatienceSeconds = .exponential(mean: 60)
        XCTAssertTrue(config.problems.isEmpty, "\(config.problems)")
        for r: UInt64 in 0..<3 {
            let c = CenterModel.simulate(config, seed: 6, replication: r)
            XCTAssertGreaterThan(c.ivr.blocked, 100)
            XCTAssertGreaterThan(c.blocked, 0)
            XCTAssertTrue(c.isConserved, "replication \(r)")
            XCTAssertGreaterThan(c.ivr.abandoned, 100)
            XCTAssertEqual(c.ivr.speech.prompts, c.ivr.entered)
            XCTAssertLessThanOrEqual(c.ivr.speech.firstCorrect, c.ivr.speech.prompts)
            XCTAssertLessThanOrEqual(c.ivr.speech.botEntered, c.ivr.entered)
            XCTAssertEqual(c.ivr.speech.botContained, c.ivr.flow.contained[6])
        }
    }
}

/// Rates by true intent and where a wrong result goes.
final class RecognitionByIntentTests: XCTestCase {
    let stream = RandomStream(StreamID(seed: 12, purpose: .test), replication: 0)

    /// card_bill is always recognised (the call type's rates), balance never matched (its
    /// own): the first goes to the bill, the second falls back to the keys after 2 reprompts.
    func testRatesByIntentOverrideTheCallType() {
        var sp = prompt(RecognitionRates(correct: 1))
        sp.recognitionByIntent = [nil, RecognitionRates(correct: 0, noMatch: 1)]
        let walker = IVRWalker(speechGraph(sp), intents: bankIntents, mixes: bankMix)
        var visits = ContiguousArray<IVRVisit>(), speech = SpeechTally()
        XCTAssertEqual(walker.walk(callType: 0, intent: 0, budgetSeconds: .infinity, rng: stream.handle, visits: &visits, speech: &speech).node, 1)
        XCTAssertEqual(speech.fallbacks, 0)
        let balance = walker.walk(callType: 0, intent: 1, budgetSeconds: .infinity, rng: stream.handle, visits: &visits, speech: &speech)
        XCTAssertEqual(balance.node, 3)
        XCTAssertEqual([speech.reprompts, speech.fallbacks], [2, 1])
    }

    /// Three intents (mix 0.5 / 0.3 / 0.2), every result wrong: a caller of the first is
    /// heard as the second with 0.3 / 0.5 = 0.6 by the mix, and with 3 / 4 = 0.75 when it is
    /// confused with the second (weight 3) and the third (1). 20,000 walks each (seed 12),
    /// 99.99 % intervals.
    func testWrongResultsFollowTheConfusionWeights() {
        let intents = ["a", "b", "c"].map { Intent(name: $0, skill: $0, serviceSeconds: .exponential(mean: 100)) }
        let mix = [[IntentShare(intent: 0, weight: 0.5), IntentShare(intent: 1, weight: 0.3), IntentShare(intent: 2, weight: 0.2)]]
        var sp = SpeechPrompt(promptSeconds: .deterministic(5), repromptSeconds: .deterministic(4), speakingSeconds: .deterministic(3),
                              recognition: [RecognitionRates(correct: 0)], fallback: 4, routes: [1, 2, 3])
        let nodes = [IVRNode(name: "speak", kind: .speech(sp))] + ["a", "b", "c"].map { IVRNode(name: "to-" + $0, kind: .transfer(skill: $0)) }
            + [IVRNode(name: "bye", kind: .hangup)]
        for (confusions, expected) in [([[IntentShare]](), 0.6), ([[IntentShare(intent: 1, weight: 3), IntentShare(intent: 2, weight: 1)], [], []], 0.75)] {
            sp.confusions = confusions
            var graph = IVRConfig(nodes: nodes, start: 0)
            graph.nodes[0].kind = .speech(sp)
            let walker = IVRWalker(graph, intents: intents, mixes: mix)
            let heardAsB = (0..<20_000).map { _ in walker.walk(callType: 0, intent: 0, budgetSeconds: .infinity, rng: stream.handle).node == 2 ? 1.0 : 0 }
            let ci = wideInterval(heardAsB)
            XCTAssertTrue(ci.contains(expected), "\(ci.mean) ± \(ci.halfWidth) vs \(expected)")
        }
    }
}
