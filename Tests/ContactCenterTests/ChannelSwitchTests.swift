import Stochastic
import XCTest
@testable import ContactCenter

/// Customers moving from voice to chat (`ChannelSwitch`): on the offer of a long wait and
/// after abandoning, scripted by hand; an offer nobody takes changes nothing; the IVR's
/// channel offer moves its share, caller by caller on common random numbers.
final class ChannelSwitchTests: XCTestCase {
    /// One voice agent (calls every 10 s of 100 s) and one chat agent (chats of 300 s, a
    /// chat customer's patience 50 s); no chat arrives on its own.
    func center(_ move: ChannelSwitch, calls: Int, voicePatience: Double = 1_000) -> CenterConfig {
        var config = CenterConfig(
            callTypes: [CallType(name: "calls", interarrivalSeconds: .deterministic(10), serviceSeconds: .deterministic(100),
                                 patienceSeconds: .deterministic(voicePatience)),
                        CallType(name: "web", interarrivalSeconds: .deterministic(1e7), serviceSeconds: .deterministic(300),
                                 patienceSeconds: .deterministic(50))],
            agents: 1, horizon: .calls(warmupCalls: 0, measuredCalls: calls))
        config.callTypes[1].channel = .chat
        config.callTypes[0].channelSwitch = move
        config.groups = [AgentGroupConfig(name: "phones", agents: 1, skills: ["calls"]), AgentGroupConfig(name: "chat", agents: 1, skills: ["web"])]
        return config
    }

    /// Offered above 150 s of announced wait (place in line × 100 s ÷ 1 agent), always
    /// accepted: call 1 (10) is answered, call 2 (20) hears 100 s and waits, calls 3 (30)
    /// and 4 (40) hear 200 s and move to chat: the first is answered at once, the second
    /// waits behind it and leaves after 50 s.
    func testLongWaitOfferMovesCallersToChat() {
        let config = center(ChannelSwitch(toCallType: 1, offerAboveSeconds: 150, acceptance: 1), calls: 4)
        XCTAssertTrue(config.problems.isEmpty, "\(config.problems)")
        let (c, records) = CenterModel.simulateRecordingCalls(config, seed: 1, replication: 0)
        XCTAssertEqual(c.switchedOnOffer, 2)
        XCTAssertEqual(c.channelSwitchAttempts, 2)
        // Records in the order attempts began: call 3, his chat, call 4, his chat.
        XCTAssertEqual(records.map(\.outcome), [.answered, .answered, .switchedChannel, .answered, .switchedChannel, .abandoned])
        XCTAssertEqual(records.map(\.callType), [0, 0, 0, 1, 0, 1])
        XCTAssertEqual(records.map(\.attempt), [0, 0, 0, 1, 0, 1])
        XCTAssertEqual(records[3].answerSeconds, 30)
        XCTAssertEqual(records[3].serviceEndSeconds, 330)
        XCTAssertEqual(records[5].abandonSeconds, 90)
        XCTAssertEqual(c.byCallType[1].queue.answered, 1)
        XCTAssertEqual(c.byCallType[1].queue.offered, 0, "a moved contact is an attempt, not an arrival")
        XCTAssertEqual(c.metrics["channel_switch_rate"], 0.5)
        XCTAssertTrue(c.isConserved)
    }

    /// After abandoning (patience 5 s) the caller of 20 tries chat 60 s later: answered at
    /// 85, his handling there the chat type's (300 s).
    func testAbandonerTriesChat() {
        let move = ChannelSwitch(toCallType: 1, retryProbability: 1, retryDelaySeconds: .deterministic(60))
        let (c, records) = CenterModel.simulateRecordingCalls(center(move, calls: 2, voicePatience: 5), seed: 1, replication: 0)
        XCTAssertEqual(records.map(\.outcome), [.answered, .abandoned, .answered])
        XCTAssertEqual(records[2].callType, 1)
        XCTAssertEqual(records[2].attempt, 1)
        XCTAssertEqual(records[2].arrivalSeconds, 85)
        XCTAssertEqual(records[2].serviceEndSeconds, 385)
        XCTAssertEqual(c.abandoned, 1)
        XCTAssertEqual(c.channelSwitchAttempts, 1)
        XCTAssertTrue(c.isConserved)
    }

    /// An IVR that offers chat ("press 2"): a 20 s welcome, the 8 s offer, then the agents.
    /// Callers of `phone` accept with `acceptance`; no chat arrives on its own.
    func ivrCenter(acceptance: Double, calls: Int) -> CenterConfig {
        var config = CenterConfig(
            callTypes: [CallType(name: "phone", arrivalsPerHour: 600, serviceSeconds: .exponential(mean: 180),
                                 patienceSeconds: .exponential(mean: 300)),
                        CallType(name: "web", interarrivalSeconds: .deterministic(1e9), serviceSeconds: .exponential(mean: 400),
                                 patienceSeconds: .exponential(mean: 300))],
            agents: 1, horizon: .calls(warmupCalls: 0, measuredCalls: calls))
        config.intents = [Intent(name: "phone", skill: "phone", serviceSeconds: .exponential(mean: 180)),
                          Intent(name: "web", skill: "web", serviceSeconds: .exponential(mean: 400))]
        config.callTypes[0].intentMix = [IntentShare(intent: 0, weight: 1)]
        config.callTypes[1].intentMix = [IntentShare(intent: 1, weight: 1)]
        config.callTypes[1].channel = .chat
        config.callTypes[0].channelSwitch = ChannelSwitch(toCallType: 1, ivrAcceptance: acceptance)
        config.groups = [AgentGroupConfig(name: "voice", agents: 25, skills: ["phone"]),
                         AgentGroupConfig(name: "digital", agents: 12, skills: ["web"])]
        config.ivr = IVRConfig(nodes: [IVRNode(name: "welcome", kind: .announcement(seconds: .deterministic(20), next: 1)),
                                       IVRNode(name: "offer", kind: .channelOffer(seconds: .deterministic(8), next: 2)),
                                       IVRNode(name: "queue", kind: .transfer(skill: nil))], start: 0)
        return config
    }

    /// The IVR's channel offer: of 20,000 callers a share p = 0.25 accept (inside the
    /// binomial 99.99 % interval, ±3.89 standard errors), each after exactly 28 s in the
    /// IVR; every one of them becomes a chat contact (an attempt: not offered again) that
    /// enters the chat queue, the rest reach the voice agents; every attempt ends once.
    func testIVROfferMovesAShareToChat() {
        let config = ivrCenter(acceptance: 0.25, calls: 20_000)
        XCTAssertTrue(config.problems.isEmpty, "\(config.problems)")
        let c = CenterModel.simulate(config, seed: 3, replication: 0)
        let n = Double(c.ivr.entered), moved = Double(c.ivr.switchedChannel)
        XCTAssertEqual(c.ivr.entered, 20_000)
        XCTAssertEqual(moved / n, 0.25, accuracy: 3.89 * (0.25 * 0.75 / n).squareRoot())
        XCTAssertEqual(c.metrics["ivr_channel_switch_rate"], moved / n)
        XCTAssertEqual(c.ivr.totalSeconds, 28 * n, accuracy: 1e-6)
        XCTAssertEqual(c.channelSwitchAttempts, c.ivr.switchedChannel)
        XCTAssertEqual(c.ivr.transferred + c.ivr.switchedChannel, c.ivr.entered)
        XCTAssertEqual(c.byCallType[1].queue.enteredQueue, c.ivr.switchedChannel)
        XCTAssertEqual(c.byCallType[1].queue.offered, 0)
        XCTAssertEqual(c.byCallType[0].queue.enteredQueue + c.byCallType[0].queue.balked, c.ivr.transferred)
        XCTAssertTrue(c.isConserved)
    }

    /// Common random numbers: the accepting uniform is the caller's own, drawn whatever the
    /// acceptance, so every caller who accepts at 0.25 accepts at 0.5 too (same seed); at
    /// 0 nobody moves and every walk is the same as at 0.25 for those who declined.
    func testIVROfferAcceptanceIsMonotoneCallerByCaller() {
        func moved(_ p: Double) -> (Set<Int>, [Int: Double]) {
            let (_, records) = CenterModel.simulateRecordingCalls(ivrCenter(acceptance: p, calls: 2_000), seed: 5, replication: 0)
            let first = records.filter { $0.attempt == 0 }
            return (Set(first.filter { $0.outcome == .switchedChannel }.map(\.call)),
                    Dictionary(uniqueKeysWithValues: first.map { ($0.call, $0.ivrExitSeconds ?? .nan) }))
        }
        let (quarter, exitsQuarter) = moved(0.25), (half, _) = moved(0.5), (none, exitsNone) = moved(0)
        XCTAssertGreaterThan(quarter.count, 400)
        XCTAssertTrue(quarter.isSubset(of: half))
        XCTAssertGreaterThan(half.count, quarter.count)
        XCTAssertTrue(none.isEmpty)
        XCTAssertEqual(exitsQuarter, exitsNone, "the same IVR exits, accepted or not")
    }

    /// An offer nobody accepts and a retry nobody makes leave every figure as without
    /// them (their draws come from a stream of their own), on a stochastic center.
    func testUntakenSwitchChangesNothing() {
        var plain = CenterConfig(
            callTypes: [CallType(name: "calls", arrivalsPerHour: 100, serviceSeconds: .exponential(mean: 200),
                                 patienceSeconds: .exponential(mean: 60)),
                        CallType(name: "web", arrivalsPerHour: 20, serviceSeconds: .exponential(mean: 300),
                                 patienceSeconds: .exponential(mean: 120))],
            agents: 1, horizon: .time(warmupSeconds: 0, measuredSeconds: 36_000))
        plain.callTypes[1].channel = .chat
        plain.groups = [AgentGroupConfig(name: "all", agents: 6)]
        plain.callTypes[0].redialProbability = 0.3
        var offered = plain
        offered.callTypes[0].channelSwitch = ChannelSwitch(toCallType: 1, offerAboveSeconds: 0, acceptance: 0, retryProbability: 0)
        for r in 0..<3 {
            let a = CenterModel.simulate(plain, seed: 9, replication: UInt64(r))
            var b = CenterModel.simulate(offered, seed: 9, replication: UInt64(r))
            XCTAssertGreaterThan(a.abandoned, 10)
            XCTAssertEqual(b.channelSwitchAttempts, 0)
            b.parts = a.parts
            XCTAssertEqual(a, b)
        }
        var accepting = offered
        accepting.callTypes[0].channelSwitch!.acceptance = 0.5
        let moved = CenterModel.simulate(accepting, seed: 9, replication: 0)
        XCTAssertGreaterThan(moved.channelSwitchAttempts, 10)
        XCTAssertTrue(moved.isConserved)
    }
}
