import Experiments
import Measures
import Staffing
import Stochastic
import TestSupport
import XCTest
@testable import ContactCenter

final class ConservationAndDeterminismTests: XCTestCase {
    let mixed = CenterConfig(
        callTypes: [
            CallType(name: "retail", arrivalsPerHour: 300, serviceSeconds: .lognormal(mean: 200, sd: 150),
                     patienceSeconds: .weibull(shape: 0.8, scale: 90), balkProbability: 0.2),
            CallType(name: "vip", arrivalsPerHour: 60, serviceSeconds: .gamma(shape: 2, scale: 120),
                     patienceSeconds: .mixture([.init(weight: 0.1, .deterministic(0)), .init(weight: 0.9, .exponential(mean: 300))])),
            CallType(name: "patient", arrivalsPerHour: 30, serviceSeconds: .erlang(phases: 2, mean: 300)),
        ],
        agents: 20, horizon: .calls(warmupCalls: 500, measuredCalls: 20_000))

    /// Every measured arrival ends in exactly one outcome (and every redial in one more),
    /// in several replications, with redials and announced-wait balking on.
    func testConservation() {
        var config = mixed
        config.callTypes[0].redialProbability = 0.4
        config.callTypes[0].redialDelaySeconds = .exponential(mean: 300)
        config.callTypes[1].announcedWaitToleranceSeconds = .exponential(mean: 60)
        config.callTypes[2].callback = CallbackPolicy(offerAboveSeconds: 20, acceptance: 0.6, reachProbability: 0.7)
        for r: UInt64 in 0..<4 {
            let c = CenterModel.simulate(config, seed: 11, replication: r)
            XCTAssertEqual(c.offered, 20_000)
            XCTAssertGreaterThan(c.redials, 0)
            XCTAssertEqual(c.offered + c.redials, c.answered + c.abandoned + c.balked + c.callbackFailed)
            XCTAssertTrue(c.isConserved)
            XCTAssertGreaterThan(c.callbacks, 0)
            XCTAssertEqual(c.callbacks, c.calledBack + c.callbackFailed)
            XCTAssertEqual(c.unfinished, 0)
            XCTAssertFalse(c.truncated)
            XCTAssertEqual(c.waits.total, UInt64(c.enteredQueue))  // every entered call, callbacks included
            XCTAssertGreaterThan(c.abandoned, 0)
            XCTAssertGreaterThan(c.balked, 0)
            assertViewsAddUp(c)
        }
    }

    func testSameSeedSameResultOtherReplicationOtherResult() {
        let a = CenterModel.simulate(mixed, seed: 5, replication: 2)
        XCTAssertEqual(a, CenterModel.simulate(mixed, seed: 5, replication: 2))
        XCTAssertNotEqual(a, CenterModel.simulate(mixed, seed: 5, replication: 3))
        XCTAssertNotEqual(a, CenterModel.simulate(mixed, seed: 6, replication: 2))
    }

    /// Common random numbers: adding agents leaves every arrival, service and patience
    /// draw unchanged, so the offered calls are identical and waits can only shrink.
    func testVariantsShareTheirDraws() {
        var more = mixed
        more.agents = 24
        let a = CenterModel.simulate(mixed, seed: 5, replication: 0)
        let b = CenterModel.simulate(more, seed: 5, replication: 0)
        XCTAssertEqual(a.windowStartSeconds, b.windowStartSeconds)
        XCTAssertEqual(a.windowEndSeconds, b.windowEndSeconds)
        XCTAssertLessThan(b.metrics["mean_wait_seconds"]!, a.metrics["mean_wait_seconds"]!)
    }

    func testConfigProblemsNameTheirKeys() {
        var bad = mixed
        bad.agents = 0
        bad.callTypes[0].balkProbability = 1.3
        bad.callTypes[1].serviceSeconds = .exponential(mean: -5)
        let paths = bad.problems.map(\.path)
        XCTAssertEqual(paths, ["call_types[0].balk_probability", "call_types[1].service.mean", "agents"])
        let unstable = CenterConfig(
            callTypes: [CallType(name: "x", arrivalsPerHour: 200, serviceSeconds: .exponential(mean: 180))],
            agents: 10, horizon: .calls(warmupCalls: 0, measuredCalls: 10))
        XCTAssertEqual(unstable.problems.map(\.path), ["agents"])
        XCTAssertTrue(unstable.problems[0].message.contains("10 Erlangs"))
    }
}

/// Simulation against the exact formulas. 20 replications (seed 2026) of 64,000
/// measured calls after 2,000 warm-up calls; the formula value must lie inside the
/// 99.99 % interval over replications (ratio of sums, delta method).
final class SimulationVersusFormulaTests: XCTestCase {
    let replications = 20

    func run(_ config: CenterConfig) -> ReplicatedResult {
        CenterExperiment(config: config, seed: 2026, replications: replications).run(jobs: 2)
    }

    func assertCovers(_ result: ReplicatedResult, _ metric: String, _ expected: Double,
                      file: StaticString = #filePath, line: UInt = #line) {
        let ci = result.interval(metric, level: wideLevel)
        XCTAssertTrue(ci.contains(expected),
                      "\(metric): simulated \(ci.mean) ± \(ci.halfWidth) vs formula \(expected)", file: file, line: line)
    }

    /// M/M/12 with 10 Erlangs (200 calls/h, AHT 180 s) against Erlang C.
    func testMMnAgreesWithErlangC() throws {
        let config = CenterConfig(
            callTypes: [CallType(name: "c", arrivalsPerHour: 200, serviceSeconds: .exponential(mean: 180))],
            agents: 12, serviceLevelTargetSeconds: 20, horizon: .calls(warmupCalls: 2_000, measuredCalls: 64_000))
        let result = run(config)
        XCTAssertTrue(result.isConserved)
        let formula = try Erlang.c(try Traffic(callsPerHour: 200, ahtSeconds: 180), agents: 12, targetSeconds: 20)
        assertCovers(result, "p_wait", formula.pWait)
        assertCovers(result, "service_level", formula.serviceLevel)
        assertCovers(result, "asa_seconds", formula.asaSeconds)
        assertCovers(result, "occupancy", formula.occupancy)
        assertCovers(result, "mean_queue_length", formula.meanQueueLength)
    }

    /// M/M/11+M, patience mean 120 s, against Erlang A (overloaded-ish: ρ = 0.91).
    func testMMnPlusMAgreesWithErlangA() throws {
        let config = CenterConfig(
            callTypes: [CallType(name: "a", arrivalsPerHour: 200, serviceSeconds: .exponential(mean: 180),
                                 patienceSeconds: .exponential(mean: 120))],
            agents: 11, serviceLevelTargetSeconds: 20, horizon: .calls(warmupCalls: 2_000, measuredCalls: 64_000))
        let result = run(config)
        XCTAssertTrue(result.isConserved)
        let formula = try Erlang.a(try Traffic(callsPerHour: 200, ahtSeconds: 180, patienceSeconds: 120),
                                   agents: 11, targetSeconds: 20)
        assertCovers(result, "p_wait", formula.pWait)
        assertCovers(result, "service_level", formula.serviceLevel)
        assertCovers(result, "asa_seconds", formula.asaSeconds)
        assertCovers(result, "abandon_rate", formula.abandonRate)
        assertCovers(result, "mean_wait_seconds", formula.meanWaitSeconds)
        assertCovers(result, "occupancy", formula.occupancy)
    }

    /// Little's law L = λW on the queue, per replication: the time-average number waiting
    /// over the window equals (entered calls ÷ window length) × mean wait, up to edge
    /// terms (calls straddling the window ends), which are bounded by a few waits over a
    /// window of ~2·10^5 s; we allow 1 %.
    func testLittlesLaw() {
        let config = CenterConfig(
            callTypes: [CallType(name: "a", arrivalsPerHour: 200, serviceSeconds: .lognormal(mean: 180, sd: 240),
                                 patienceSeconds: .lognormal(mean: 200, sd: 100))],
            agents: 11, horizon: .calls(warmupCalls: 2_000, measuredCalls: 64_000))
        for r: UInt64 in 0..<3 {
            let c = CenterModel.simulate(config, seed: 31, replication: r)
            let window = c.windowEndSeconds - c.windowStartSeconds
            let lambda = Double(c.enteredQueue) / window
            let l = c.metrics["mean_queue_length"]!
            XCTAssertEqual(l, lambda * c.metrics["mean_wait_seconds"]!, accuracy: 0.01 * l)
        }
    }
}

/// The per-call-type (and per-period) tallies are the same definition over another key:
/// every count adds up to the center's, sums of waits within rounding, and each view
/// conserves its calls (entered = answered + abandoned + failed callbacks + unfinished).
func assertViewsAddUp(_ c: CenterCounters, file: StaticString = #filePath, line: UInt = #line) {
    for views in [c.byCallType.map(\.queue), c.periods.map(\.queue)] where !views.isEmpty {
        let counts: [(String, KeyPath<QueueTally, Int>)] = [
            ("offered", \.offered), ("balked", \.balked), ("enteredQueue", \.enteredQueue), ("delayed", \.delayed),
            ("answered", \.answered), ("answeredWithinTarget", \.answeredWithinTarget), ("abandoned", \.abandoned),
            ("abandonedWithinTarget", \.abandonedWithinTarget), ("callbackRequests", \.callbackRequests),
            ("callbackFailed", \.callbackFailed),
        ]
        for (name, key) in counts {
            XCTAssertEqual(views.reduce(0) { $0 + $1[keyPath: key] }, c.queue[keyPath: key], name, file: file, line: line)
        }
        for key in [\QueueTally.totalWaitAnsweredSeconds, \.totalWaitAbandonedSeconds, \.totalWaitCallbackFailedSeconds] {
            let total = c.queue[keyPath: key]
            XCTAssertEqual(views.reduce(0) { $0 + $1[keyPath: key] }, total, accuracy: 1e-9 * max(1, total), file: file, line: line)
        }
        for view in views {
            XCTAssertEqual(view.enteredQueue, view.answered + view.abandoned + view.callbackFailed + view.unfinished,
                           file: file, line: line)
        }
    }
}
