import XCTest
@testable import ContactCenter

/// Deterministic inter-arrival, service and patience times: every number is known by hand.
final class ScriptedCenterTests: XCTestCase {
    /// Calls arrive at 10, 20, …, 60 s; service 25 s; patience 8 s; 2 agents; target 20 s.
    ///   call1 @10 served at once (agent A until 35); call2 @20 at once (B until 45);
    ///   call3 @30 waits, answered @35 by A (wait 5, until 60);
    ///   call4 @40 waits, answered @45 by B (wait 5, until 70);
    ///   call5 @50 waits, abandons @58 (wait 8);
    ///   @60 A's service end (scheduled at 35) precedes call6's arrival (scheduled at 50):
    ///   A goes idle, then call6 @60 is served at once.
    /// Window [10, 60]: busy A 50 s + B 40 s of 100 staffed → occupancy 0.9;
    /// queue area 5 + 5 + 8 = 18 → mean queue 0.36.
    func testTwoAgentsWithAbandonment() {
        let config = CenterConfig(
            callTypes: [CallType(name: "x", interarrivalSeconds: .deterministic(10), serviceSeconds: .deterministic(25),
                                 patienceSeconds: .deterministic(8))],
            agents: 2, serviceLevelTargetSeconds: 20, horizon: .calls(warmupCalls: 0, measuredCalls: 6))
        let c = CenterModel.simulate(config, seed: 1, replication: 0)
        XCTAssertEqual(c.offered, 6)
        XCTAssertEqual(c.answered, 5)
        XCTAssertEqual(c.abandoned, 1)
        XCTAssertEqual(c.balked, 0)
        XCTAssertEqual(c.delayed, 3)
        XCTAssertEqual(c.answeredWithinTarget, 5)
        XCTAssertEqual(c.totalWaitAnsweredSeconds, 10)
        XCTAssertEqual(c.queue.totalWaitAbandonedSeconds, 8)
        XCTAssertEqual(c.windowStartSeconds, 10)
        XCTAssertEqual(c.windowEndSeconds, 60)
        let m = c.metrics
        XCTAssertEqual(m["service_level"]!, 5.0 / 6.0, accuracy: 1e-12)
        XCTAssertEqual(m["service_level_answered"], 1)
        XCTAssertEqual(m["p_wait"], 0.5)
        XCTAssertEqual(m["asa_seconds"], 2)
        XCTAssertEqual(m["mean_wait_seconds"], 3)
        XCTAssertEqual(m["abandon_rate"]!, 1.0 / 6.0, accuracy: 1e-12)
        XCTAssertEqual(m["occupancy"]!, 0.9, accuracy: 1e-12)
        XCTAssertEqual(m["mean_queue_length"]!, 0.36, accuracy: 1e-12)
        XCTAssertEqual(m["wait_p50_seconds"], 0)
        XCTAssertEqual(m["wait_p90_seconds"]!, 8, accuracy: 8 * (1.0 / 256))
        // call5 abandoned after 8 s ≤ 20 s: a short abandon.
        XCTAssertEqual(c.queue.abandonedWithinTarget, 1)
        XCTAssertEqual(m["short_abandon_rate"]!, 1.0 / 6.0, accuracy: 1e-12)
        XCTAssertEqual(m["service_level_excluding_short_abandons"], 1)  // 5 ÷ (6 − 1)
        XCTAssertEqual(m["service_level_counting_short_abandons"], 1)  // (5 + 1) ÷ 6
        XCTAssertEqual(m["balk_rate"], 0)
        XCTAssertTrue(c.isConserved)
    }

    /// Warm-up: the same script with the first 2 calls unmeasured; the window opens at
    /// call3's arrival (30 s), the agents' earlier work still shapes what follows.
    func testWarmupCallsAreSimulatedButNotCounted() {
        let config = CenterConfig(
            callTypes: [CallType(name: "x", interarrivalSeconds: .deterministic(10), serviceSeconds: .deterministic(25),
                                 patienceSeconds: .deterministic(8))],
            agents: 2, serviceLevelTargetSeconds: 20, horizon: .calls(warmupCalls: 2, measuredCalls: 4))
        let c = CenterModel.simulate(config, seed: 1, replication: 0)
        XCTAssertEqual([c.offered, c.answered, c.abandoned, c.delayed], [4, 3, 1, 3])
        XCTAssertEqual(c.windowStartSeconds, 30)
        XCTAssertEqual(c.windowEndSeconds, 60)
        // Busy in [30, 60]: A 30 s, B 30 s of 60 staffed.
        XCTAssertEqual(c.metrics["occupancy"]!, 1, accuracy: 1e-12)
    }

    /// One agent, balking certain: calls at 10 and 40 are served; 20, 30, 50, 60 find
    /// the agent busy (service 25 s) and balk. Balkers never enter the queue.
    func testBalkingCallersLeaveAtOnce() {
        let config = CenterConfig(
            callTypes: [CallType(name: "x", interarrivalSeconds: .deterministic(10), serviceSeconds: .deterministic(25),
                                 balkProbability: 1)],
            agents: 1, horizon: .calls(warmupCalls: 0, measuredCalls: 6))
        let c = CenterModel.simulate(config, seed: 1, replication: 0)
        XCTAssertEqual([c.offered, c.answered, c.balked, c.abandoned, c.delayed], [6, 2, 4, 0, 0])
        XCTAssertEqual(c.metrics["service_level"], 1)
        XCTAssertEqual(c.metrics["balk_rate"]!, 4.0 / 6.0, accuracy: 1e-12)
    }

    /// Time horizon: arrivals at 10, 20, … ; window [25, 55): calls at 30, 40, 50 are
    /// measured; arrivals from 55 on are refused; the measured calls finish.
    func testTimeHorizonWindowAndClosing() {
        let config = CenterConfig(
            callTypes: [CallType(name: "x", interarrivalSeconds: .deterministic(10), serviceSeconds: .deterministic(100))],
            agents: 11, horizon: .time(warmupSeconds: 25, measuredSeconds: 30))
        let c = CenterModel.simulate(config, seed: 1, replication: 0)
        XCTAssertEqual([c.offered, c.answered], [3, 3])
        XCTAssertEqual(c.windowStartSeconds, 25)
        XCTAssertEqual(c.windowEndSeconds, 55)
        // Busy agents in [25, 55]: 2 until 30, 3 until 40, 4 until 50, 5 until 55 → 105 of 330.
        XCTAssertEqual(c.metrics["occupancy"]!, 105.0 / 330.0, accuracy: 1e-12)
    }

    /// An arrival exactly at the window start is measured; one exactly at its end is not.
    func testWindowEdgesAreHalfOpen() {
        let config = CenterConfig(
            callTypes: [CallType(name: "x", interarrivalSeconds: .deterministic(10), serviceSeconds: .deterministic(1))],
            agents: 1, horizon: .time(warmupSeconds: 20, measuredSeconds: 20))
        let c = CenterModel.simulate(config, seed: 1, replication: 0)
        XCTAssertEqual(c.offered, 2)  // 20 and 30; not 40
    }

    /// Runs stop at their simulated-time bound and say so.
    func testTimeBoundTruncatesAndReportsUnfinished() {
        let config = CenterConfig(
            callTypes: [CallType(name: "x", interarrivalSeconds: .deterministic(10), serviceSeconds: .deterministic(1000),
                                 patienceSeconds: .deterministic(10_000))],
            agents: 1, horizon: .calls(warmupCalls: 0, measuredCalls: 5), maxSimulatedSeconds: 500)
        let c = CenterModel.simulate(config, seed: 1, replication: 0)
        XCTAssertTrue(c.truncated)
        XCTAssertEqual(c.offered, 5)
        XCTAssertEqual(c.answered, 1)  // call1 was answered on arrival; calls 2–5 still wait
        XCTAssertEqual(c.unfinished, 4)
    }
}

/// Redials and balking on an announced wait, scripted.
final class CustomerBehaviourTests: XCTestCase {
    /// Calls at 10 and 20 s; one agent, service 100 s, patience 5 s; every abandoner calls
    /// again 50 s later. call1 is served 10–110. call2 waits at 20, abandons at 25, calls
    /// again at 75, abandons at 80, calls again at 130 and is answered at once.
    func testRedialsAreExtraAttemptsOfTheSameCaller() {
        var type = CallType(name: "x", interarrivalSeconds: .deterministic(10), serviceSeconds: .deterministic(100),
                            patienceSeconds: .deterministic(5))
        type.redialProbability = 1
        type.redialDelaySeconds = .deterministic(50)
        let config = CenterConfig(callTypes: [type], agents: 1, horizon: .calls(warmupCalls: 0, measuredCalls: 2))
        let c = CenterModel.simulate(config, seed: 1, replication: 0)
        XCTAssertEqual([c.offered, c.redials, c.abandoned, c.answered, c.unfinished], [2, 2, 2, 2, 0])
        XCTAssertEqual(c.metrics["redials"], 2)
        XCTAssertEqual(c.queue.totalWaitAbandonedSeconds, 10)  // 5 s twice
    }

    /// Calls at 10, 20, 30 s; one agent, service 100 s (mean 100), tolerance 150 s. call2
    /// hears "about 100 s" (1 × 100 / 1) and waits; call3 hears 200 s and hangs up.
    func testBalkingOnAnAnnouncedWait() {
        var type = CallType(name: "x", interarrivalSeconds: .deterministic(10), serviceSeconds: .deterministic(100))
        type.announcedWaitToleranceSeconds = .deterministic(150)
        let config = CenterConfig(callTypes: [type], agents: 1, horizon: .calls(warmupCalls: 0, measuredCalls: 3))
        XCTAssertTrue(config.problems.isEmpty, "\(config.problems)")
        let c = CenterModel.simulate(config, seed: 1, replication: 0)
        XCTAssertEqual([c.offered, c.answered, c.balked, c.abandoned], [3, 2, 1, 0])
        XCTAssertNil(c.metrics["redials"])  // not reported when nobody redials
    }
}

/// Callbacks, scripted: calls at 10 and 20 s, one agent, service 100 s. call2 hears an
/// expected wait of 100 s (> 50 s) and accepts a callback.
final class CallbackTests: XCTestCase {
    func config(reach: Double) -> CenterConfig {
        // The long patience only satisfies the stability check; nobody waits in this script.
        var type = CallType(name: "x", interarrivalSeconds: .deterministic(10), serviceSeconds: .deterministic(100),
                            patienceSeconds: .deterministic(10_000))
        type.callback = CallbackPolicy(offerAboveSeconds: 50, acceptance: 1, reachProbability: reach, maxAttempts: 3,
                                       retryDelaySeconds: 100, delaySeconds: 0, failedAttemptSeconds: 30)
        return CenterConfig(callTypes: [type], agents: 1, horizon: .calls(warmupCalls: 0, measuredCalls: 2))
    }

    /// Reached at the first attempt: the agent frees at 110 s, no live call waits, he dials
    /// call2 (asked at 20 s: 90 s later) and serves him until 210 s. Call2 entered the
    /// queue at 20 s and was answered on the callback after 90 s: a miss of the 20 s target.
    func testCallbackReached() {
        let c = CenterModel.simulate(config(reach: 1), seed: 1, replication: 0)
        XCTAssertEqual([c.offered, c.answered, c.callbacks, c.calledBack, c.callbackFailed, c.enteredQueue], [2, 2, 1, 1, 0, 2])
        XCTAssertEqual(c.metrics["callback_delay_seconds"], 90)
        XCTAssertEqual(c.metrics["callback_success_rate"], 1)
        XCTAssertEqual(c.metrics["service_level"], 0.5)
        XCTAssertEqual(c.metrics["asa_seconds"], 45)  // (0 + 90) ÷ 2
        XCTAssertEqual(c.metrics["p_wait"], 0.5)
    }

    /// Never reached: attempts at 110, 240 (110 + 30 + 100) and 370 s, then the bank stops.
    /// The agent is busy 10–110 (call1) and 30 s per attempt: 190 s in the window [10, 20].
    func testCallbackGivenUpAfterThreeAttempts() {
        let c = CenterModel.simulate(config(reach: 0), seed: 1, replication: 0)
        XCTAssertEqual([c.callbacks, c.calledBack, c.callbackFailed, c.unfinished], [1, 0, 1, 0])
        // Call2 entered at 20 s and was lost at the last attempt (370 s): a 350 s wait, a miss.
        XCTAssertEqual(c.metrics["service_level"], 0.5)
        XCTAssertEqual(c.metrics["mean_wait_seconds"], 175)  // (0 + 350) ÷ 2
        XCTAssertEqual(c.metrics["abandon_rate"], 0)
        XCTAssertTrue(c.isConserved)
        XCTAssertEqual(c.metrics["callback_success_rate"], 0)
        XCTAssertTrue(c.metrics["callback_delay_seconds"]!.isNaN)
    }
}
