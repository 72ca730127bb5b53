import Experiments
import Measures
import Stochastic
import TestSupport
import XCTest
@testable import ContactCenter

/// A small bank menu whose card-bill self-service path is the plan's 195 s:
/// welcome 15 + language 10 + identification 35 + main 10 + cards 30 + bill 15 + 80.
func bankMenu(durations random: Bool = false, probabilities p: Double = 0, identificationFailure: Double = 0,
              policy: IVRPolicy = .staticMenu) -> IVRConfig {
    func d(_ s: Double) -> Distribution { random ? .lognormal(mean: s, sd: s / 3) : .deterministic(s) }
    // Input errors in the menus from `main` on (the language menu is error-free, so that
    // every caller reaches the offer point).
    func menu(_ intro: Double, _ options: [(Double, Int)], errors: Bool = true) -> IVRNodeKind {
        let q = errors ? p : 0
        return .menu(IVRMenu(introSeconds: intro, options: options.enumerated().map { IVROption(label: "o\($0)", seconds: $1.0, target: $1.1) },
                             reactionSeconds: random ? .uniform(low: 0.5, high: 1.5) : .deterministic(1),
                             invalidProbability: q, invalidSeconds: 5, maxRetries: 2, fallback: 8,
                             zeroProbability: q / 2, zeroTarget: 8, misSelectionProbability: q))
    }
    let nodes = [
        IVRNode(name: "welcome", kind: .announcement(seconds: d(15), next: 1)),
        IVRNode(name: "language", kind: menu(6, [(3, 2), (3, 2)], errors: false)),
        IVRNode(name: "identify", kind: .identification(seconds: d(35), failureProbability: identificationFailure, next: 3, onFailure: 8)),
        IVRNode(name: "main", kind: menu(3, [(6, 4), (6, 9)])),
        IVRNode(name: "cards", kind: menu(5, [(8, 7), (8, 7), (8, 5)])),
        IVRNode(name: "bill", kind: menu(4, [(10, 6), (10, 7)])),
        IVRNode(name: "bill-self-service", kind: .selfService(seconds: d(80), successProbability: [random ? 0.8 : 1, 0], onFailure: 7)),
        IVRNode(name: "to-cards", kind: .transfer(skill: "cards")),
        IVRNode(name: "agent", kind: .transfer(skill: nil)),
        IVRNode(name: "to-accounts", kind: .transfer(skill: "accounts")),
    ]
    return IVRConfig(nodes: nodes, start: 0, policy: policy)
}

let bankIntents = [Intent(name: "card_bill", skill: "cards", serviceSeconds: .exponential(mean: 200)),
                   Intent(name: "balance", skill: "accounts", serviceSeconds: .exponential(mean: 150))]
let bankMix = [[IntentShare(intent: 0, weight: 0.6), IntentShare(intent: 1, weight: 0.4)]]

func dynamicPolicy(accuracy: Double, coverage: Double = 1, reorder: Bool = false) -> IVRPolicy {
    .dynamic(DynamicMenuPolicy(coverage: [coverage], accuracy: [accuracy], offer: true, offerPromptSeconds: 7,
                               offerAt: 3, reorder: reorder))
}

final class IVRPathTests: XCTestCase {
    /// The owner must outlive every handle taken from it.
    let stream = RandomStream(StreamID(seed: 1, purpose: .test), replication: 0)
    var rng: RandomStreamHandle { stream.handle }

    /// Scripted callers (no randomness: deterministic times, probabilities 0 or 1).
    func testScriptedPathsAndTimes() {
        let plan = IVRWalker(bankMenu(), intents: bankIntents, mixes: bankMix)
        let bill = plan.walk(callType: 0, intent: 0, budgetSeconds: .infinity, rng: rng)
        XCTAssertEqual(bill.outcome, .contained)
        XCTAssertEqual(bill.seconds, 15 + 10 + 35 + 10 + 30 + 15 + 80)  // 195
        // Balance: main's second option (3 + 6 + 6 + 1 = 16 s) leads to the accounts queue.
        let balance = plan.walk(callType: 0, intent: 1, budgetSeconds: .infinity, rng: rng)
        XCTAssertEqual(balance.outcome, .transferred(misrouted: false))
        XCTAssertEqual(balance.seconds, 15 + 10 + 35 + 16)
        // An IVR patience of 100 s ends the card-bill caller's walk in the cards menu.
        let impatient = plan.walk(callType: 0, intent: 0, budgetSeconds: 100, rng: rng)
        XCTAssertEqual(impatient.outcome, .abandoned)
        XCTAssertEqual(impatient.seconds, 100)
    }

    /// Accuracy 1 and coverage 1: the offer sends every caller straight to his leaf, the
    /// shortest possible path: the steps before the offer, the prompt, the leaf.
    func testPerfectPredictionGivesTheShortestPath() {
        let plan = IVRWalker(bankMenu(policy: dynamicPolicy(accuracy: 1)), intents: bankIntents, mixes: bankMix)
        let bill = plan.walk(callType: 0, intent: 0, budgetSeconds: .infinity, rng: rng)
        XCTAssertEqual(bill.outcome, .contained)
        XCTAssertEqual(bill.seconds, 15 + 10 + 35 + 7 + 80)
        let balance = plan.walk(callType: 0, intent: 1, budgetSeconds: .infinity, rng: rng)
        XCTAssertEqual(balance.outcome, .transferred(misrouted: false))
        XCTAssertEqual(balance.seconds, 15 + 10 + 35 + 7)
    }

    /// Accuracy 0: every identified caller hears the (wrong) offer, says no, and walks the
    /// static tree number for number: exactly the prompt's 7 s more, same outcome, for
    /// 5,000 random callers (seed 3) with random durations and every error probability on.
    func testWrongPredictionCostsExactlyThePrompt() {
        let staticPlan = IVRWalker(bankMenu(durations: true, probabilities: 0.1), intents: bankIntents, mixes: bankMix)
        let dynamicPlan = IVRWalker(bankMenu(durations: true, probabilities: 0.1, policy: dynamicPolicy(accuracy: 0)),
                                  intents: bankIntents, mixes: bankMix)
        let a = SequentialCallBlocks(StreamID(seed: 3, purpose: .ivrWalk), replication: 0)
        let b = SequentialCallBlocks(StreamID(seed: 3, purpose: .ivrWalk), replication: 0)
        var outcomes = Set<String>()
        for k in 0..<5000 {
            let intent = k % 3 == 0 ? 1 : 0
            let s = staticPlan.walk(callType: 0, intent: intent, budgetSeconds: .infinity, rng: a.startNextCall())
            let d = dynamicPlan.walk(callType: 0, intent: intent, budgetSeconds: .infinity, rng: b.startNextCall())
            XCTAssertEqual(d.outcome, s.outcome, "caller \(k)")
            XCTAssertEqual(d.seconds - s.seconds, 7, accuracy: 1e-9, "caller \(k)")
            outcomes.insert("\(s.outcome)")
        }
        XCTAssertGreaterThanOrEqual(outcomes.count, 3)  // the errors really happened
    }

    /// Reordering puts the card-bill option first for a card-bill-heavy line: 14 s
    /// instead of 30 s in the cards menu.
    func testReorderingByIntentMix() {
        let plan = IVRWalker(bankMenu(policy: dynamicPolicy(accuracy: 1, coverage: 0, reorder: true)), intents: bankIntents, mixes: bankMix)
        XCTAssertEqual(plan.order[0][4], [2, 0, 1])
        let bill = plan.walk(callType: 0, intent: 0, budgetSeconds: .infinity, rng: rng)
        XCTAssertEqual(bill.seconds, 15 + 10 + 35 + 10 + 14 + 15 + 80)
    }
}

/// A small tree whose outcome probabilities are computed by hand:
///   announcement 10 s → menu [balance → self-service (success 0.8, else accounts queue),
///   other → general queue]; per attempt invalid input 0.1 (one replay, then hang-up) and
///   mis-selection 0.1; intents balance (skill accounts) and agent (skill general), 50/50.
/// P(hang-up) = 0.1² = 0.01; P(valid) = 0.99.
/// Containment = 0.5 · 0.99 · 0.9 · 0.8 = 0.3564; transfer = 1 − 0.3564 − 0.01 = 0.6336;
/// misrouted = 0.5 · 0.99 · 0.1 (balance → general) + 0.5 · 0.99 · 0.1 (agent → self-service
/// fails → accounts) = 0.099 = ivr_misselection_rate (÷ entered IVR); one group with every
/// skill handles its misrouted calls itself, so misroute_rate (agent-to-agent transfers ÷
/// answered) is 0.
final class IVRStatisticsTests: XCTestCase {
    func smallTree() -> CenterConfig {
        let menu = IVRMenu(introSeconds: 2, options: [IVROption(label: "balance", seconds: 5, target: 2),
                                                      IVROption(label: "other", seconds: 5, target: 3)],
                           invalidProbability: 0.1, invalidSeconds: 3, maxRetries: 1, fallback: 4, misSelectionProbability: 0.1)
        let ivr = IVRConfig(nodes: [
            IVRNode(name: "hello", kind: .announcement(seconds: .deterministic(10), next: 1)),
            IVRNode(name: "main", kind: .menu(menu)),
            IVRNode(name: "balance", kind: .selfService(seconds: .deterministic(30), successProbability: [0.8, 0], onFailure: 5)),
            IVRNode(name: "general", kind: .transfer(skill: "general")),
            IVRNode(name: "bye", kind: .hangup),
            IVRNode(name: "accounts", kind: .transfer(skill: "accounts")),
        ], start: 0, misrouteHandlingSeconds: .deterministic(30))
        var type = CallType(name: "all", arrivalsPerHour: 600, serviceSeconds: .exponential(mean: 120))
        type.intentMix = [IntentShare(intent: 0, weight: 0.5), IntentShare(intent: 1, weight: 0.5)]
        var config = CenterConfig(callTypes: [type], agents: 40, horizon: .calls(warmupCalls: 100, measuredCalls: 8000))
        config.intents = [Intent(name: "balance", skill: "accounts", serviceSeconds: .exponential(mean: 120)),
                          Intent(name: "agent", skill: "general", serviceSeconds: .exponential(mean: 120))]
        config.ivr = ivr
        return config
    }

    /// 20 replications × 8,000 calls (seed 77): each rate's 99.99 % interval (ratio of sums,
    /// delta method) covers the hand-computed value.
    func testRatesMatchHandComputedProbabilities() {
        let config = smallTree()
        XCTAssertTrue(config.problems.isEmpty, "\(config.problems)")
        let result = CenterExperiment(config: config, seed: 77, replications: 20).run(jobs: 2)
        XCTAssertTrue(result.isConserved)
        for (metric, expected) in [("ivr_containment", 0.3564), ("transfer_rate", 0.6336),
                                   ("ivr_disconnect_rate", 0.01), ("ivr_misselection_rate", 0.099), ("misroute_rate", 0),
                                   ("ivr_abandon_rate", 0)] {
            let ci = result.interval(metric, level: wideLevel)
            XCTAssertTrue(ci.contains(expected) || (expected == 0 && ci.mean == 0),
                          "\(metric): \(ci.mean) ± \(ci.halfWidth) vs \(expected)")
        }
    }

    /// Every arrival ends exactly once, with IVR patience, queue patience and balking on.
    func testConservationOverIVROutcomes() {
        var config = smallTree()
        config.agents = 5  // about 6 Erlangs reach the agents: queues, balking, abandonment
        config.callTypes[0].ivrPatienceSeconds = .exponential(mean: 40)
        config.callTypes[0].patienceSeconds = .exponential(mean: 60)
        config.callTypes[0].balkProbability = 0.2
        for r: UInt64 in 0..<3 {
            let c = CenterModel.simulate(config, seed: 9, replication: r)
            XCTAssertEqual(c.offered, 8000)
            XCTAssertEqual(c.offered, c.ivr.contained + c.ivr.abandoned + c.ivr.disconnected + c.balked + c.answered + c.abandoned)
            XCTAssertEqual(c.ivr.entered, c.offered)
            XCTAssertEqual(c.ivr.transferred, c.balked + c.enteredQueue)
            XCTAssertEqual(c.unfinished, 0)
            XCTAssertTrue(c.ivr.abandoned > 0 && c.abandoned > 0 && c.balked > 0 && c.ivr.contained > 0,
                          "\([c.ivr.abandoned, c.abandoned, c.balked, c.ivr.contained])")
        }
    }

    /// The graph checks: an unreachable node and a cycle with no exit are reported.
    func testGraphProblems() {
        var config = smallTree()
        config.ivr!.nodes.append(IVRNode(name: "orphan", kind: .hangup))
        config.ivr!.nodes[0] = IVRNode(name: "hello", kind: .announcement(seconds: .deterministic(1), next: 7))
        config.ivr!.nodes.append(IVRNode(name: "loop", kind: .announcement(seconds: .deterministic(1), next: 0)))
        let messages = config.problems.map { "\($0.path): \($0.message)" }
        XCTAssertTrue(messages.contains { $0.hasPrefix("ivr.nodes.main: is unreachable") }, "\(messages)")
        XCTAssertTrue(messages.contains { $0.hasPrefix("ivr.nodes.orphan: is unreachable") }, "\(messages)")
        XCTAssertTrue(messages.contains { $0.hasPrefix("ivr.nodes.hello: is in a cycle with no exit") }, "\(messages)")
    }
}

final class CommonRandomNumbersTests: XCTestCase {
    /// Static vs dynamic menu on the same streams: the paired 95 % interval of the
    /// difference is narrower than the unpaired one (Welch-type t interval from the two
    /// variances with n − 1 degrees of freedom), for IVR time and for ASA. 10 replications
    /// × 3,000 calls, seed 5.
    func testPairedIntervalIsNarrowerThanUnpaired() {
        // About 13 Erlangs reach the 15 agents: a queue with visible waits.
        var base = CenterConfig(callTypes: [], agents: 15, horizon: .calls(warmupCalls: 200, measuredCalls: 3000))
        var type = CallType(name: "general", arrivalsPerHour: 600, serviceSeconds: .exponential(mean: 170),
                            patienceSeconds: .exponential(mean: 120))
        type.intentMix = bankMix[0]
        type.ivrPatienceSeconds = .lognormal(mean: 200, sd: 100)
        base.callTypes = [type]
        base.intents = bankIntents
        base.ivr = bankMenu(durations: true, probabilities: 0.05)
        var dynamic = base
        dynamic.ivr = bankMenu(durations: true, probabilities: 0.05, policy: dynamicPolicy(accuracy: 0.7, coverage: 0.6, reorder: true))
        let diffs = assertPairedNarrowerThanUnpaired([("static", base), ("dynamic", dynamic)], seed: 5, replications: 10,
                                                     metrics: ["mean_ivr_seconds", "asa_seconds"])
        XCTAssertLessThan(diffs["mean_ivr_seconds"]!.ciHigh, 0)  // the dynamic menu is shorter
    }
}

/// Runs two variants on common random numbers and asserts, for each metric, that the
/// paired 95 % interval of the difference (second − first) is narrower than the unpaired
/// one (Welch-type t interval from the two variances with n − 1 degrees of freedom);
/// returns the paired differences.
@discardableResult
func assertPairedNarrowerThanUnpaired(_ variants: [(String, CenterConfig)], seed: UInt64, replications n: Int, metrics: [String],
                                      file: StaticString = #filePath, line: UInt = #line) -> [String: MetricSummary] {
    let results = VariantComparison(variants: variants, seed: seed, replications: n).run(jobs: 2)
    let diffs = VariantComparison.differences(results[1], baseline: results[0])
    let t = SpecialFunctions.studentTQuantile(0.975, degreesOfFreedom: Double(n - 1))
    for metric in metrics {
        let a = Tally(results[0].samples(metric)), b = Tally(results[1].samples(metric))
        let unpaired = t * (a.variance / Double(n) + b.variance / Double(n)).squareRoot()
        XCTAssertLessThan(diffs[metric]!.halfWidth, unpaired, metric, file: file, line: line)
    }
    return diffs
}

final class IVRLoopTests: XCTestCase {
    /// Loops as strongly connected components: main ↔ cards (a fallback back to the main
    /// menu), an identification whose failure repeats it, and no loop along the chain
    /// from the start to the transfer.
    func testLoopsAreFoundWithTheirNodes() {
        let mainMenu = IVRMenu(introSeconds: 1, options: [IVROption(label: "cards", seconds: 1, target: 1),
                                                          IVROption(label: "id", seconds: 1, target: 2)], fallback: 4)
        let cardsMenu = IVRMenu(introSeconds: 1, options: [IVROption(label: "agent", seconds: 1, target: 3)], fallback: 0)
        let ivr = IVRConfig(nodes: [IVRNode(name: "main", kind: .menu(mainMenu)),
                                    IVRNode(name: "cards", kind: .menu(cardsMenu)),
                                    IVRNode(name: "id", kind: .identification(seconds: .deterministic(5), failureProbability: 0.5,
                                                                              next: 3, onFailure: 2)),
                                    IVRNode(name: "agent", kind: .transfer(skill: nil)),
                                    IVRNode(name: "bye", kind: .hangup)],
                            start: 0, misrouteHandlingSeconds: .deterministic(0))
        XCTAssertEqual(ivr.loops, [[0, 1], [2]])
        var chain = ivr
        chain.nodes[1] = IVRNode(name: "cards", kind: .menu(IVRMenu(introSeconds: 1, options: [IVROption(label: "agent", seconds: 1, target: 3)],
                                                                    fallback: 4)))
        chain.nodes[2] = IVRNode(name: "id", kind: .identification(seconds: .deterministic(5), failureProbability: 0.5, next: 3, onFailure: 4))
        XCTAssertEqual(chain.loops, [])
    }
}
