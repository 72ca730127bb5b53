import Measures
import Stochastic
import TestSupport
import XCTest
@testable import ContactCenter

/// Callers at each IVR node (`ivr.<node>.calls_mean`) and the ports' figures per period.
final class IVROccupancyTests: XCTestCase {
    let stream = RandomStream(StreamID(seed: 1, purpose: .test), replication: 0)

    /// The stays of scripted walks, node by node (the bank menu's times): the card-bill
    /// path 15 + 10 + 35 + 10 + 30 + 15 + 80 s; a caller whose budget of 75 s runs out in
    /// the cards menu stays there the 5 s left of its 30.
    func testStaysOfScriptedWalks() {
        let plan = IVRWalker(bankMenu(), intents: bankIntents, mixes: bankMix)
        var visits = ContiguousArray<IVRVisit>(), speech = SpeechTally()
        _ = plan.walk(callType: 0, intent: 0, budgetSeconds: .infinity, rng: stream.handle, visits: &visits, speech: &speech)
        XCTAssertEqual(visits.map(\.node), [0, 1, 2, 3, 4, 5, 6])
        XCTAssertEqual(visits.map(\.seconds), [15, 10, 35, 10, 30, 15, 80])
        _ = plan.walk(callType: 0, intent: 0, budgetSeconds: 75, rng: stream.handle, visits: &visits, speech: &speech)
        XCTAssertEqual(visits.map(\.node), [0, 1, 2, 3, 4])
        XCTAssertEqual(visits.map(\.seconds), [15, 10, 35, 10, 5])
        // With the offer (accuracy 1) the prompt's 7 s are spent at the offer node (main).
        let offered = IVRWalker(bankMenu(policy: dynamicPolicy(accuracy: 1)), intents: bankIntents, mixes: bankMix)
        _ = offered.walk(callType: 0, intent: 0, budgetSeconds: .infinity, rng: stream.handle, visits: &visits, speech: &speech)
        XCTAssertEqual(visits.map(\.node), [0, 1, 2, 3, 6])
        XCTAssertEqual(visits.map(\.seconds), [15, 10, 35, 7, 80])
        // A transfer ends at its leaf: a stay of 0 s there.
        _ = plan.walk(callType: 0, intent: 1, budgetSeconds: .infinity, rng: stream.handle, visits: &visits, speech: &speech)
        XCTAssertEqual(visits.map(\.node), [0, 1, 2, 3, 9])
        XCTAssertEqual(visits.map(\.seconds), [15, 10, 35, 16, 0])
    }

    /// One port, a 100 s announcement, calls every 60 s (60 … 600), each blocked caller
    /// redialling once 50 s later: the announcement holds Σ 100 s per caller who got a port
    /// (blocked ones credited when their redial gets through, with the walk drawn on
    /// arrival) over the window [60, 600].
    func testNodeTimeIsCreditedWhenTheCallerGetsAPort() {
        var type = CallType(name: "calls", interarrivalSeconds: .deterministic(60), serviceSeconds: .deterministic(10))
        type.intentMix = [IntentShare(intent: 0, weight: 1)]
        type.redialProbability = 1
        type.redialDelaySeconds = .deterministic(50)
        type.redialMaxAttempts = 1
        var config = CenterConfig(callTypes: [type], agents: 5, horizon: .calls(warmupCalls: 0, measuredCalls: 10))
        config.intents = [Intent(name: "any", skill: "calls", serviceSeconds: .deterministic(10))]
        config.ivr = IVRConfig(nodes: [IVRNode(name: "hello", kind: .announcement(seconds: .deterministic(100), next: 1)),
                                       IVRNode(name: "agents", kind: .transfer(skill: nil))], start: 0, ports: 1)
        let c = CenterModel.simulate(config, seed: 1, replication: 0)
        XCTAssertGreaterThan(c.redials, 0)
        XCTAssertGreaterThan(c.ivr.blocked, 0)
        XCTAssertEqual(c.metrics["ivr.hello.calls_mean"]!, Double(c.ivr.entered) * 100 / 540, accuracy: 1e-12)
        XCTAssertNil(c.metrics["ivr.agents.calls_mean"])  // a transfer leaf holds nobody
        XCTAssertEqual(c.ivr.flow.stays, [c.ivr.entered, c.ivr.entered])
        XCTAssertEqual(c.metrics["ivr.hello->agents.moves"], 1)
        XCTAssertEqual(c.metrics["ivr.hello.seconds_per_stay"], 100)
    }

    /// Random times, input errors, identification failures and IVR patience (seed 4, one
    /// day of the bank menu): the stays add up to each caller's IVR time, so the nodes'
    /// seconds sum to Σ IVR time (exactly, up to rounding), and the nodes' means to Σ IVR
    /// time ÷ window.
    func testStaysAddUpToIVRTime() {
        var type = CallType(name: "all", arrivalsPerHour: 600, serviceSeconds: .exponential(mean: 120))
        type.intentMix = bankMix[0]
        type.ivrPatienceSeconds = .exponential(mean: 300)
        var config = CenterConfig(callTypes: [type], agents: 30, horizon: .time(warmupSeconds: 1800, measuredSeconds: 28800))
        config.intents = bankIntents
        config.groups = [AgentGroupConfig(name: "all", agents: 30, skills: ["cards", "accounts"])]
        config.ivr = bankMenu(durations: true, probabilities: 0.1, identificationFailure: 0.1)
        XCTAssertTrue(config.problems.isEmpty, "\(config.problems)")
        let c = CenterModel.simulate(config, seed: 4, replication: 0)
        XCTAssertEqual(c.ivr.flow.seconds.reduce(0, +), c.ivr.totalSeconds, accuracy: 1e-9 * c.ivr.totalSeconds)
        let nodes = c.ivr.flow.nodeNames.compactMap { c.metrics["ivr.\($0).calls_mean"] }
        XCTAssertEqual(nodes.count, 7)
        XCTAssertEqual(nodes.reduce(0, +), c.ivr.totalSeconds / 28800, accuracy: 1e-9 * c.ivr.totalSeconds)
        // Flow conservation: stays at a node = moves into it (+ every caller at the start);
        // moves out + hang-ups + resolved there + walks ended there (leaves) = stays.
        let flow = c.ivr.flow, moves = flow.moveList
        for n in flow.nodeNames.indices {
            let into = moves.indices.filter { moves[$0].to == n }.reduce(0) { $0 + flow.moves[$1] }
            let out = moves.indices.filter { moves[$0].from == n }.reduce(0) { $0 + flow.moves[$1] }
            XCTAssertEqual(flow.stays[n], into + (n == 0 ? c.ivr.entered : 0), flow.nodeNames[n])
            let ended = flow.holdsCallers[n] ? 0 : flow.stays[n]
            XCTAssertEqual(out + flow.hangups[n] + flow.contained[n] + ended, flow.stays[n], flow.nodeNames[n])
        }
        XCTAssertEqual(flow.hangups.reduce(0, +), c.ivr.abandoned)
        XCTAssertEqual(flow.contained.reduce(0, +), c.ivr.contained)
    }

    /// Day plans: the periods' IVR time adds up to the day's, and the day's most callers at
    /// once is the largest period's (a period starts with those already in the IVR).
    func testPortsByPeriodAddUpToTheDay() {
        var config = dayConfig(rates: [[300, 900, 600, 100]], agents: [10, 25, 20, 5], minutes: 30)
        config.callTypes[0].intentMix = bankMix[0]
        config.intents = bankIntents
        config.groups = [AgentGroupConfig(name: "all", agents: 25, skills: ["cards", "accounts"])]
        config.ivr = bankMenu(durations: true, probabilities: 0.05)
        config.ivr!.ports = 40
        XCTAssertTrue(config.problems.isEmpty, "\(config.problems)")
        let c = CenterModel.simulate(config, seed: 9, replication: 0)
        XCTAssertEqual(c.periods.map(\.ivrPortSeconds).reduce(0, +), c.ivr.portSeconds, accuracy: 1e-9 * c.ivr.portSeconds)
        XCTAssertEqual(c.periods.map(\.ivrPortsBusyMax).max(), c.ivr.portsBusyMax)
        XCTAssertEqual(c.ivr.portsBusyMax, 40)  // the 900 calls/h period fills every port
        let busiest = c.periods[1].metrics(periodSeconds: c.periodSeconds)
        XCTAssertEqual(busiest["ivr_ports_busy_max"], 40)
        XCTAssertGreaterThan(busiest["ivr_ports_busy_mean"]!, c.periods[0].metrics(periodSeconds: c.periodSeconds)["ivr_ports_busy_mean"]!)
    }
}
