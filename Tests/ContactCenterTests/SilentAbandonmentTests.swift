import Stochastic
import XCTest
@testable import ContactCenter

/// Silent abandonment of chats (`SilentAbandonment`): a chat customer who gives up without
/// closing the chat leaves it queued, and the agent who takes it holds it for the
/// inactivity timeout. Scripted by hand, exact in its share, free when nobody is silent.
final class SilentAbandonmentTests: XCTestCase {
    /// One chat agent holding one chat at a time; chats every 10 s of 300 s, patience 50 s.
    func center(share: Double, timeout: Double = 60, chats: Int = 3) -> CenterConfig {
        var config = CenterConfig(
            callTypes: [CallType(name: "web", interarrivalSeconds: .deterministic(10), serviceSeconds: .deterministic(300),
                                 patienceSeconds: .deterministic(50))],
            agents: 1, horizon: .calls(warmupCalls: 0, measuredCalls: chats))
        config.callTypes[0].channel = .chat
        config.callTypes[0].silentAbandonment = SilentAbandonment(share: share, inactivityTimeoutSeconds: timeout)
        config.groups = [AgentGroupConfig(name: "digital", agents: 1)]
        return config
    }

    /// Chat 1 (10) is answered and ends at 310; chats 2 (20) and 3 (30) give up at 70 and
    /// 80 (counted abandoned then, waits 50 s), silently: the agent takes chat 2 at 310 and
    /// closes it at 370, chat 3 at 370 and closes it at 430. Not silent, they leave the
    /// queue at 70 and 80 and the agent is free at 310.
    func testSilentChatsHoldTheAgentForTheTimeout() {
        let config = center(share: 1)
        XCTAssertTrue(config.problems.isEmpty, "\(config.problems)")
        let (c, records) = CenterModel.simulateRecordingCalls(config, seed: 1, replication: 0)
        XCTAssertEqual(records.map(\.outcome), [.answered, .abandoned, .abandoned])
        XCTAssertEqual(records.map(\.abandonSeconds), [nil, 70, 80])
        XCTAssertEqual(records.map(\.serviceStartSeconds), [10, 310, 370])
        XCTAssertEqual(records.map(\.serviceEndSeconds), [310, 370, 430])
        XCTAssertEqual(c.abandoned, 2)
        XCTAssertEqual(c.answered, 1)
        XCTAssertEqual(c.silentAbandoned, 2)
        XCTAssertEqual(c.silentChatsTaken, 2)
        XCTAssertEqual(c.chatsTaken, 3)
        XCTAssertEqual(c.metrics["silent_abandon_rate"], 1)
        XCTAssertEqual(c.abandonedMaySilently, 2)
        XCTAssertEqual(c.metrics["silent_chat_share"] ?? .nan, 2.0 / 3, accuracy: 1e-15)
        XCTAssertEqual(c.queue.totalWaitAbandonedSeconds, 100)
        XCTAssertTrue(c.isConserved)

        let (plain, plainRecords) = CenterModel.simulateRecordingCalls(center(share: 0), seed: 1, replication: 0)
        XCTAssertEqual(plainRecords.map(\.abandonSeconds), [nil, 70, 80])
        XCTAssertEqual(plainRecords.map(\.serviceEndSeconds), [310, nil, nil])
        XCTAssertEqual(plain.silentAbandoned, 0)
        XCTAssertEqual(plain.metrics["silent_abandon_rate"], 0)
        XCTAssertTrue(plain.isConserved)
    }

    /// A loaded chat center (exponential times, 2 chats per agent): each abandonment is
    /// silent with probability 0.4 independently, so given n abandonments the silent ones
    /// are Binomial(n, 0.4): their share lies in the 99.99 % interval (10 replications of
    /// 10 h, seed 17). Silent chats take agent time: chats are answered less often within
    /// the target than with none silent, on the same streams (the abandonments' own draws
    /// do not move the arrivals or the work), and every chat ends once.
    func testShareIsBinomialAndCostsService() {
        var config = CenterConfig(
            callTypes: [CallType(name: "web", arrivalsPerHour: 150, serviceSeconds: .exponential(mean: 360),
                                 patienceSeconds: .exponential(mean: 120))],
            agents: 1, horizon: .time(warmupSeconds: 0, measuredSeconds: 36_000))
        config.callTypes[0].channel = .chat
        config.groups = [AgentGroupConfig(name: "digital", agents: 8)]
        config.groups[0].chat = ChatCapacity(concurrency: 2, slowdownPerExtraChat: 0.3)
        var silent = config
        silent.callTypes[0].silentAbandonment = SilentAbandonment(share: 0.4, inactivityTimeoutSeconds: 180)
        var none = config
        none.callTypes[0].silentAbandonment = SilentAbandonment(share: 0, inactivityTimeoutSeconds: 180)
        var abandoned = 0, quiet = 0, withinSilent = 0, withinNone = 0
        for r in 0..<10 {
            let s = CenterModel.simulate(silent, seed: 17, replication: UInt64(r))
            var plain = CenterModel.simulate(config, seed: 17, replication: UInt64(r))
            var zero = CenterModel.simulate(none, seed: 17, replication: UInt64(r))
            XCTAssertTrue(s.isConserved, "replication \(r)")
            abandoned += s.abandoned
            quiet += s.silentAbandoned
            withinSilent += s.answeredWithinTarget
            withinNone += plain.answeredWithinTarget
            // Share 0: the same center as without silent abandonment, figure for figure.
            XCTAssertEqual(zero.silentAbandoned, 0)
            zero.parts = plain.parts
            XCTAssertEqual(zero.abandonedMaySilently, plain.abandoned)
            plain.abandonedMaySilently = zero.abandonedMaySilently
            XCTAssertEqual(zero, plain, "replication \(r)")
        }
        XCTAssertGreaterThan(abandoned, 500)
        let p = Double(quiet) / Double(abandoned)
        XCTAssertEqual(p, 0.4, accuracy: 3.89 * (0.4 * 0.6 / Double(abandoned)).squareRoot(), "\(quiet) of \(abandoned)")
        XCTAssertLessThan(withinSilent, withinNone)
    }

    func testProblemsNameTheirKey() {
        var voice = center(share: 0.5)
        voice.callTypes[0].channel = .voice
        XCTAssertTrue(voice.problems.contains { $0.path == "call_types[0].silent_abandonment" && $0.message.contains("is for chats") })
        var patient = center(share: 0.5)
        patient.callTypes[0].patienceSeconds = nil
        XCTAssertTrue(patient.problems.contains { $0.message.contains("needs patience") })
        let bad = center(share: 1.5, timeout: -1).problems.map(\.path)
        XCTAssertTrue(bad.contains("call_types[0].silent_abandonment.share"), "\(bad)")
        XCTAssertTrue(bad.contains("call_types[0].silent_abandonment.inactivity_timeout_seconds"), "\(bad)")
    }
}
