import Stochastic
import XCTest
@testable import ContactCenter

/// Customers moving from voice to chat (`ChannelSwitch`): on the offer of a long wait and
/// after abandoning, scripted by hand; an offer nobody takes changes nothing.
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
