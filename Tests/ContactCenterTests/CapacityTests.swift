import ContactCenter
import Experiments
import Measures
import Staffing
import Stochastic
import TestSupport
import XCTest

/// IVR ports and trunk lines: scripted busy signals, redials back to the same door, and
/// the loss formulas (Erlang B for ports, M/M/c/K for lines).
final class CapacityTests: XCTestCase {
    /// Calls every `gapSeconds` s, one IVR announcement of `ivr` seconds (law) into the
    /// general queue; `agents` agents with `serviceSeconds` handling.
    func center(gapSeconds: Distribution, ivr: Distribution?, service: Distribution, agents: Int, calls: Int,
                warmup: Int = 0) -> CenterConfig {
        var type = CallType(name: "calls", interarrivalSeconds: gapSeconds, serviceSeconds: service)
        var config = CenterConfig(callTypes: [type], agents: agents, horizon: .calls(warmupCalls: warmup, measuredCalls: calls))
        if let ivr {
            type.intentMix = [IntentShare(intent: 0, weight: 1)]
            config.callTypes = [type]
            config.intents = [Intent(name: "any", skill: "calls", serviceSeconds: service)]
            config.ivr = IVRConfig(nodes: [IVRNode(name: "hello", kind: .announcement(seconds: ivr, next: 1)),
                                          IVRNode(name: "agents", kind: .transfer(skill: nil))], start: 0)
        }
        return config
    }

    /// One port, a 100 s announcement, a call every 60 s (at 60, 120, …, 600): the calls
    /// at 60, 180, 300, 420, 540 get the port; the five in between hear a busy signal.
    /// With a redial 50 s later (probability 1, one redial), the call blocked at 120 gets
    /// through at 170 (the port is free from 160) and the call at 180 is blocked instead…
    /// every attempt ends once: offered + redials = ended.
    func testOnePortScripted() {
        var config = center(gapSeconds: .deterministic(60), ivr: .deterministic(100), service: .deterministic(10), agents: 5, calls: 10)
        config.ivr!.ports = 1
        let c = CenterModel.simulate(config, seed: 1, replication: 0)
        XCTAssertEqual(c.offered, 10)
        XCTAssertEqual(c.ivr.blocked, 5)
        XCTAssertEqual(c.ivr.entered, 5)
        XCTAssertEqual(c.metrics["ivr_block_rate"], 0.5)
        XCTAssertEqual(c.metrics["ivr_ports_busy_max"], 1)
        XCTAssertTrue(c.isConserved)
        // The window runs from the first arrival (60) to the last (600): the port is busy
        // [60, 160], [180, 280], [300, 400], [420, 520] and [540, 600] of it.
        XCTAssertEqual(c.ivr.portSeconds, 460, accuracy: 1e-9)

        config.callTypes[0].redialProbability = 1
        config.callTypes[0].redialDelaySeconds = .deterministic(50)
        config.callTypes[0].redialMaxAttempts = 1
        let r = CenterModel.simulate(config, seed: 1, replication: 0)
        XCTAssertEqual(r.offered + r.redials, r.endedCalls)
        XCTAssertTrue(r.isConserved)
        XCTAssertGreaterThan(r.redials, 0)
        XCTAssertEqual(r.ivr.entered + r.ivr.blocked, r.offered + r.redials)  // every attempt reached the IVR's door
        XCTAssertEqual(r.answered, r.ivr.entered)
    }

    /// One line, one agent, 100 s talks, a call every 60 s: the calls at 60, 180, … are
    /// answered and the ones in between blocked. With 50 s of after-call work the line is
    /// free at the end of a talk while the agent works on: the call at 180 takes the line
    /// (free from 160) and waits until 210, talks until 310 (the calls at 240 and 300 are
    /// blocked), the call at 360 is answered at once (talk to 460, work to 510), the one at
    /// 480 waits until 510 (talk to 610: the calls at 540 and 600 are blocked): 4 answered,
    /// 6 blocked, 60 s of waiting.
    func testOneLineScripted() {
        var config = center(gapSeconds: .deterministic(60), ivr: nil, service: .deterministic(100), agents: 1, calls: 10)
        config.lines = 1
        let c = CenterModel.simulate(config, seed: 1, replication: 0)
        XCTAssertEqual(c.blocked, 5)
        XCTAssertEqual(c.answered, 5)
        XCTAssertEqual(c.metrics["block_rate"], 0.5)
        XCTAssertEqual(c.metrics["asa_seconds"], 0)
        XCTAssertTrue(c.isConserved)

        config.groups[0].afterCallWorkSeconds = .deterministic(50)
        let w = CenterModel.simulate(config, seed: 1, replication: 0)
        XCTAssertEqual(w.blocked, 6)
        XCTAssertEqual(w.answered, 4)
        XCTAssertEqual(w.totalWaitAnsweredSeconds, 60, accuracy: 1e-9)  // 180→210 and 480→510
        XCTAssertTrue(w.isConserved)
    }

    /// Erlang B for the ports: calls at 600/h, one exponential announcement of mean 60 s
    /// (10 Erlangs) and 12 ports, plenty of agents: the share of attempts blocked at the
    /// IVR is B(12, 10) = 0.11974 and the mean ports busy the carried load 10 · (1 − B),
    /// each inside its 99.99 % interval over 20 replications of 40,000 calls (seed 31).
    func testPortsFollowErlangB() {
        var config = center(gapSeconds: .exponential(mean: 6), ivr: .exponential(mean: 60), service: .exponential(mean: 10),
                            agents: 40, calls: 40_000, warmup: 2_000)
        config.ivr!.ports = 12
        let result = CenterExperiment(config: config, seed: 31, replications: 20).run(jobs: 2)
        XCTAssertTrue(result.isConserved)
        let b = Erlang.blocking(agents: 12, offeredLoad: 10)
        XCTAssertEqual(b, 0.11974, accuracy: 5e-5)
        let blocking = result.interval("ivr_block_rate", level: wideLevel)
        XCTAssertTrue(blocking.contains(b), "blocking \(blocking.mean) ± \(blocking.halfWidth) vs Erlang B \(b)")
        let busy = result.interval("ivr_ports_busy_mean", level: wideLevel)
        XCTAssertTrue(busy.contains(10 * (1 - b)), "ports busy \(busy.mean) ± \(busy.halfWidth) vs \(10 * (1 - b))")
    }

    /// M/M/c/K for the lines: 5 agents, 8 lines, calls at 600/h, exponential 30 s talks
    /// (a = 5 Erlangs), no patience: the share blocked is the stationary probability of 8
    /// in the system, p_n ∝ aⁿ/n! (n ≤ c), aⁿ/(c!·c^(n−c)) (c < n ≤ K) — 0.15360 here —
    /// inside its 99.99 % interval over 20 replications of 40,000 calls (seed 32).
    func testLinesFollowMMcK() {
        var config = center(gapSeconds: .exponential(mean: 6), ivr: nil, service: .exponential(mean: 30), agents: 5,
                            calls: 40_000, warmup: 2_000)
        config.lines = 8
        let result = CenterExperiment(config: config, seed: 32, replications: 20).run(jobs: 2)
        XCTAssertTrue(result.isConserved)
        let a = 5.0, c = 5, k = 8
        var weights: [Double] = [1]
        for n in 1...k { weights.append(weights[n - 1] * a / Double(min(n, c))) }
        let blocked = weights[k] / weights.reduce(0, +)
        XCTAssertEqual(blocked, 0.15360, accuracy: 5e-5)
        let interval = result.interval("block_rate", level: wideLevel)
        XCTAssertTrue(interval.contains(blocked), "blocked \(interval.mean) ± \(interval.halfWidth) vs M/M/c/K \(blocked)")
    }
}
