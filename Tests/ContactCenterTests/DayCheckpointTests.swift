import ContactCenter
import Experiments
import XCTest

final class DayCheckpointTests: XCTestCase {
    /// A day with busyness and patience in 6 periods; with `ivr`, callers first walk the
    /// bank menu (random durations, input errors: per-caller stream blocks) and redial.
    func day(agents: [Int], ivr: Bool = false, chats: Bool = false) -> CenterConfig {
        var type = CallType(name: "a", arrivalsPerHour: 300, serviceSeconds: .lognormal(mean: 240, sd: 150),
                            patienceSeconds: .exponential(mean: 180))
        if ivr {
            type.intentMix = bankMix[0]
            type.redialProbability = 0.3
        }
        var config = CenterConfig(callTypes: [type], agents: agents.max()!,
                                  horizon: .time(warmupSeconds: 0, measuredSeconds: 6 * 1800))
        config.day = DayPlan(periodSeconds: 1800, arrivalsPerHour: [[300, 500, 700, 600, 400, 200]], agents: agents,
                             busynessShape: 25)
        if ivr {
            config.intents = bankIntents
            config.ivr = bankMenu(durations: true, probabilities: 0.05)
        }
        if chats {
            // A chat line beside the calls, agents holding up to 3 chats (slowed 30 % each extra).
            config.callTypes.append(CallType(name: "web", arrivalsPerHour: 150, serviceSeconds: .exponential(mean: 400),
                                             patienceSeconds: .exponential(mean: 240)))
            config.callTypes[1].channel = .chat
            config.day!.arrivalsPerHour.append([150, 250, 350, 300, 200, 100])
            config.groups[0].chat = ChatCapacity(concurrency: 3, slowdownPerExtraChat: 0.3)
        }
        return config
    }

    /// Continuing a paused day equals simulating the whole plan closed after the same
    /// period, bit for bit, for every period the day is paused at and every replication,
    /// with and without an IVR in front, and with chats held several at a time.
    func testContinuationEqualsWholeDaySimulation() {
        let settled = [20, 30, 42, 38, 27, 14]
        for (replication, ivr, chats) in [(UInt64(0), false, false), (1, false, false), (2, true, false), (3, true, false), (4, false, true)] {
            XCTAssertEqual(day(agents: settled, ivr: ivr, chats: chats).problems.map(\.message), [])
            var checkpoint = DayCheckpoint(config: day(agents: settled, ivr: ivr, chats: chats), seed: 5, replication: replication)
            for k in 0..<5 {
                let candidate = [settled[k] - 3, settled[k + 1] + 2]
                var plan = settled
                plan[k] = candidate[0]
                plan[k + 1] = candidate[1]
                var cut = day(agents: Array(plan[0...(k + 1)]), ivr: ivr, chats: chats)
                cut.day!.arrivalsPerHour = cut.day!.arrivalsPerHour.map { Array($0[0...(k + 1)]) }
                cut.horizon = .time(warmupSeconds: 0, measuredSeconds: Double(k + 2) * 1800)
                let direct = CenterModel.simulate(cut, seed: 5, replication: replication)
                let continued = checkpoint.finish(agents: candidate)
                XCTAssertEqual(continued.periods, direct.periods, "replication \(replication), period \(k)")
                XCTAssertEqual(continued.answered, direct.answered)
                XCTAssertEqual(continued.ivr.contained, direct.ivr.contained)
                checkpoint.advance(agents: settled[k])
            }
            let whole = CenterModel.simulate(day(agents: settled, ivr: ivr, chats: chats), seed: 5, replication: replication)
            XCTAssertEqual(checkpoint.finish(agents: [settled[5]]).periods, whole.periods)
            if ivr { XCTAssertGreaterThan(whole.ivr.contained, 0) }  // the IVR really ran
        }
    }
}

final class RedialBoundTests: XCTestCase {
    /// Found by fuzzing: patience 0, redial probability 1 and delay 0 with the only agent
    /// busy redialled forever at one instant (memory grew ~90 MB/s). Each caller now
    /// redials at most `redialMaxAttempts` times: 5 calls 6 s apart, one agent busy for
    /// 1,000 s with the first: the other 4 abandon at once, redial 3 times each and give up.
    func testRedialsAreBoundedPerCaller() {
        var type = CallType(name: "a", arrivalsPerHour: 600, serviceSeconds: .deterministic(1_000),
                            patienceSeconds: .deterministic(0))
        type.interarrivalSeconds = .deterministic(6)
        type.redialProbability = 1
        type.redialDelaySeconds = .deterministic(0)
        type.redialMaxAttempts = 3
        let config = CenterConfig(callTypes: [type], agents: 1, horizon: .calls(warmupCalls: 0, measuredCalls: 5))
        XCTAssertEqual(config.problems.map(\.message), [])
        let c = CenterModel.simulate(config, seed: 1, replication: 0)
        XCTAssertEqual(c.offered, 5)
        XCTAssertEqual(c.answered, 1)
        XCTAssertEqual(c.redials, 4 * 3)
        XCTAssertEqual(c.abandoned, 4 * (1 + 3))
        XCTAssertEqual(c.unfinished, 0)
        XCTAssertTrue(ReplicatedResult(runs: [c]).isConserved)
    }
}


final class IVRStepLimitTests: XCTestCase {
    /// Found by fuzzing: a walk that reached the bound on node visits ended as a hang-up,
    /// silently. An identification step that fails 99.9 % of the time and sends the caller
    /// back to itself (1 s a try) fails all 1,000 visits with probability 0.999^1000 ≈ 0.37:
    /// those walks end as step limits, counted apart, and the summary lists the rate.
    func testWalksAtTheStepBoundAreCountedApart() {
        let ivr = IVRConfig(nodes: [
            IVRNode(name: "identify", kind: .identification(seconds: .deterministic(1), failureProbability: 0.999, next: 1, onFailure: 0)),
            IVRNode(name: "agent", kind: .transfer(skill: nil)),
        ], start: 0)
        var type = CallType(name: "all", arrivalsPerHour: 60, serviceSeconds: .exponential(mean: 60))
        type.intentMix = [IntentShare(intent: 0, weight: 1)]
        var config = CenterConfig(callTypes: [type], agents: 5, horizon: .calls(warmupCalls: 0, measuredCalls: 400))
        config.intents = [Intent(name: "any", skill: "general", serviceSeconds: .exponential(mean: 60))]
        config.ivr = ivr
        XCTAssertEqual(config.problems.map(\.message), [])
        let result = CenterExperiment(config: config, seed: 3, replications: 2).run(jobs: 2)
        XCTAssertTrue(result.isConserved)
        let limited = result.runs.map(\.ivr.stepLimit).reduce(0, +), walks = result.runs.map(\.ivr.entered).reduce(0, +)
        // 800 walks, p = 0.999^1000 = 0.368: within 3.9 binomial standard deviations (α ≈ 1e-4).
        XCTAssertEqual(Double(limited), 800 * 0.368, accuracy: 3.9 * (800 * 0.368 * 0.632).squareRoot())
        XCTAssertEqual(walks, 800)
        let summary = VariantSummary(result)
        XCTAssertTrue(summary.metricOrder.contains("ivr_step_limit_rate"))
        XCTAssertEqual(summary.ivrStepLimitWalks, limited)
    }
}
