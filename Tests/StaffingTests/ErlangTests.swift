import Stochastic
import XCTest
@testable import Staffing

final class ErlangCTests: XCTestCase {
    /// The widely used Erlang C example: 100 calls per 30 min, AHT 3 min, target 20 s.
    /// 14 agents: P(wait) 0.174, SL 0.888, occupancy 0.714;
    /// 15 agents: 0.102 / 0.941 / 0.667 (published to 3 decimals).
    func testPublishedExample() throws {
        let traffic = try Traffic(callsPerHour: 200, ahtSeconds: 180)
        let m14 = try Erlang.c(traffic, agents: 14, targetSeconds: 20)
        XCTAssertEqual(m14.pWait, 0.174, accuracy: 5e-4)
        XCTAssertEqual(m14.serviceLevel, 0.888, accuracy: 5e-4)
        XCTAssertEqual(m14.occupancy, 0.714, accuracy: 5e-4)
        let m15 = try Erlang.c(traffic, agents: 15, targetSeconds: 20)
        XCTAssertEqual(m15.pWait, 0.102, accuracy: 5e-4)
        XCTAssertEqual(m15.serviceLevel, 0.941, accuracy: 5e-4)
        XCTAssertEqual(m15.occupancy, 0.667, accuracy: 5e-4)
        // ASA = C · AHT / (n − a).
        XCTAssertEqual(m14.asaSeconds, m14.pWait * 180 / 4, accuracy: 1e-12)
    }

    func testUnstableLoadIsReported() throws {
        let traffic = try Traffic(callsPerHour: 200, ahtSeconds: 180)  // 10 Erlangs
        XCTAssertThrowsError(try Erlang.c(traffic, agents: 10, targetSeconds: 20)) { error in
            XCTAssertEqual(error as? StaffingError, .unstable(offeredLoadErlangs: 10, agents: 10))
        }
    }

    func testBadNumbersAreRejectedWithTheirName() {
        XCTAssertThrowsError(try Traffic(callsPerHour: -1, ahtSeconds: .nan)) { error in
            guard case .invalidInput(let problems) = error as? StaffingError else { return XCTFail() }
            XCTAssertEqual(problems.count, 2)
            XCTAssertTrue(problems[0].hasPrefix("calls-per-hour:"))
            XCTAssertTrue(problems[1].hasPrefix("aht-seconds:"))
        }
        let traffic = try! Traffic(callsPerHour: 100, ahtSeconds: 100)
        XCTAssertThrowsError(try Erlang.c(traffic, agents: 0, targetSeconds: 20))
        XCTAssertThrowsError(try Erlang.c(traffic, agents: 5, targetSeconds: -1))
        XCTAssertThrowsError(try Erlang.a(try Traffic(callsPerHour: 100, ahtSeconds: 100, patienceSeconds: 60),
                                          agents: 5, targetSeconds: .nan))
    }
}

final class ErlangBTests: XCTestCase {
    /// Erlang B tables (grade of service 1 %): 10 trunks carry 4.46 Erlangs, 20 trunks
    /// 12.03, 100 trunks 84.06 (two decimals). So B(n, a) crosses 0.01 between a ± 0.005.
    func testPublishedTablePoints() {
        for (n, a) in [(10, 4.46), (20, 12.03), (100, 84.06)] {
            XCTAssertLessThan(Erlang.blocking(agents: n, offeredLoad: a - 0.005), 0.01, "n = \(n)")
            XCTAssertGreaterThan(Erlang.blocking(agents: n, offeredLoad: a + 0.005), 0.01, "n = \(n)")
        }
        XCTAssertEqual(Erlang.blocking(agents: 1, offeredLoad: 1), 0.5)
        XCTAssertEqual(Erlang.blocking(agents: 0, offeredLoad: 3), 1)
    }
}

final class ErlangATests: XCTestCase {
    /// With patience rate θ = service rate μ, the number in system of M/M/n+M is the
    /// M/M/∞ count, Poisson(a): P(wait) = P(N ≥ n) and E[queue] = E[(N − n)+].
    func testPatienceEqualToServiceIsPoisson() throws {
        for (cph, n) in [(200.0, 12), (6000.0, 300), (380_000.0, 19_500)] {
            let traffic = try Traffic(callsPerHour: cph, ahtSeconds: 180, patienceSeconds: 180)
            let a = traffic.offeredLoadErlangs
            let m = try Erlang.a(traffic, agents: n, targetSeconds: 20)
            let tail = SpecialFunctions.poissonUpperTail(n - 1, mean: a)
            XCTAssertEqual(m.pWait, tail, accuracy: 1e-9 + 1e-7 * tail, "n = \(n)")
        }
    }

    /// Reference values from an independent numerical evaluation (the same chain, with
    /// each waiting caller's fate from the matrix exponential of its phase-type
    /// absorption process, scipy.linalg.expm), not from the incomplete-beta closed form.
    func testAgainstIndependentPhaseTypeEvaluation() throws {
        let m = try Erlang.a(try Traffic(callsPerHour: 200, ahtSeconds: 180, patienceSeconds: 120), agents: 14, targetSeconds: 20)
        XCTAssertEqual(m.pWait, 0.12697634007979533, accuracy: 1e-12)
        XCTAssertEqual(m.abandonRate, 0.02283928653181877, accuracy: 1e-12)
        XCTAssertEqual(m.serviceLevel, 0.9327295806980597, accuracy: 1e-12)
        XCTAssertEqual(m.asaSeconds, 2.3453752341521694, accuracy: 1e-10)
        XCTAssertEqual(m.meanWaitSeconds, 2.7407143838182524, accuracy: 1e-10)
        let o = try Erlang.a(try Traffic(callsPerHour: 200, ahtSeconds: 180, patienceSeconds: 300), agents: 10, targetSeconds: 30)
        XCTAssertEqual(o.pWait, 0.5994333180281382, accuracy: 1e-12)
        XCTAssertEqual(o.abandonRate, 0.10943799955850189, accuracy: 1e-12)
        XCTAssertEqual(o.serviceLevel, 0.5696615742515992, accuracy: 1e-12)
        XCTAssertEqual(o.asaSeconds, 31.23942467920986, accuracy: 1e-9)
    }

    /// Very patient callers: Erlang A tends to Erlang C.
    func testInfinitePatienceLimitIsErlangC() throws {
        let c = try Erlang.c(try Traffic(callsPerHour: 200, ahtSeconds: 180), agents: 12, targetSeconds: 20)
        let a = try Erlang.a(try Traffic(callsPerHour: 200, ahtSeconds: 180, patienceSeconds: 1e8), agents: 12, targetSeconds: 20)
        XCTAssertEqual(a.pWait, c.pWait, accuracy: 1e-4)
        XCTAssertEqual(a.serviceLevel, c.serviceLevel, accuracy: 1e-4)
        XCTAssertEqual(a.asaSeconds, c.asaSeconds, accuracy: 1e-2)
        let inf = try Erlang.a(try Traffic(callsPerHour: 200, ahtSeconds: 180, patienceSeconds: .infinity), agents: 12, targetSeconds: 20)
        XCTAssertEqual(inf, c)
    }

    /// Abandonment computed two ways agrees: θ·E[queue]/λ and 1 − P(served).
    func testAbandonmentIdentityAndOverload() throws {
        for (cph, n) in [(6000.0, 310), (6000.0, 250), (200.0, 3)] {
            let traffic = try Traffic(callsPerHour: cph, ahtSeconds: 180, patienceSeconds: 120)
            let m = try Erlang.a(traffic, agents: n, targetSeconds: 20)
            let served = m.occupancy * Double(n) / traffic.offeredLoadErlangs
            XCTAssertEqual(m.abandonRate + served, 1, accuracy: 1e-9, "n = \(n)")
        }
    }
}

final class LargeScaleTests: XCTestCase {
    /// n up to 20,000 and loads up to 19,000 Erlangs: finite, in range, monotone in n;
    /// Erlang C near the Halfin–Whitt (2002 QED) value P(wait) ≈ 1/(1 + βΦ(β)/φ(β)),
    /// β = (n − a)/√a, whose error is O(1/√a) (here ~1 %; we allow 5 %).
    func testStableForTwentyThousandAgents() throws {
        let a = 19_000.0
        let traffic = try Traffic(callsPerHour: a * 20, ahtSeconds: 180)
        var previous = 0.0
        for n in [19_001, 19_100, 19_200, 19_500, 20_000] {
            let m = try Erlang.c(traffic, agents: n, targetSeconds: 20)
            for x in [m.pWait, m.serviceLevel, m.occupancy, m.pBlock] { XCTAssertTrue(x.isFinite && x >= 0 && x <= 1) }
            XCTAssertGreaterThanOrEqual(m.serviceLevel, previous)
            previous = m.serviceLevel
        }
        let beta = 200 / a.squareRoot()
        let phi = exp(-beta * beta / 2) / (2 * Double.pi).squareRoot()
        let bigPhi = 0.5 * erfc(-beta / 2.0.squareRoot())
        let halfinWhitt = 1 / (1 + beta * bigPhi / phi)
        let exact = try Erlang.c(traffic, agents: 19_200, targetSeconds: 20).pWait
        XCTAssertEqual(exact, halfinWhitt, accuracy: 0.05 * halfinWhitt)

        let patient = try Traffic(callsPerHour: a * 20, ahtSeconds: 180, patienceSeconds: 120)
        for n in [18_000, 19_000, 20_000] {
            let m = try Erlang.a(patient, agents: n, targetSeconds: 20)
            for x in [m.pWait, m.serviceLevel, m.abandonRate, m.occupancy] {
                XCTAssertTrue(x.isFinite && x >= 0 && x <= 1, "n = \(n): \(m)")
            }
        }
        XCTAssertEqual(Erlang.blocking(agents: 20_000, offeredLoad: 100), 0)  // underflows to 0, no NaN
    }
}

final class RequiredAgentsTests: XCTestCase {
    /// The answer meets the goal and one agent fewer does not.
    func testSmallestStaffingMeetingTheGoal() throws {
        let cases: [(Traffic, StaffingGoal, ErlangModel)] = [
            (try Traffic(callsPerHour: 200, ahtSeconds: 180), .serviceLevel(targetSeconds: 20, fraction: 0.8), .erlangC),
            (try Traffic(callsPerHour: 6000, ahtSeconds: 180, patienceSeconds: 120), .serviceLevel(targetSeconds: 20, fraction: 0.8), .erlangA),
            (try Traffic(callsPerHour: 6000, ahtSeconds: 180, patienceSeconds: 120), .abandonRate(fraction: 0.02), .erlangA),
            (try Traffic(callsPerHour: 380_000, ahtSeconds: 180), .averageSpeedOfAnswer(seconds: 5), .erlangC),
        ]
        for (traffic, goal, model) in cases {
            let (n, metrics) = try traffic.requiredAgents(goal: goal, model: model)
            func meets(_ m: QueueMetrics) -> Bool {
                switch goal {
                case .serviceLevel(_, let f): return m.serviceLevel >= f
                case .averageSpeedOfAnswer(let s): return m.asaSeconds <= s
                case .abandonRate(let f): return m.abandonRate <= f
                }
            }
            XCTAssertTrue(meets(metrics))
            let target: Double = { if case .serviceLevel(let t, _) = goal { return t }; return 0 }()
            if model == .erlangC {
                if Double(n - 1) > traffic.offeredLoadErlangs {
                    XCTAssertFalse(meets(try Erlang.c(traffic, agents: n - 1, targetSeconds: target)))
                }
            } else {
                XCTAssertFalse(meets(try Erlang.a(traffic, agents: n - 1, targetSeconds: target)))
            }
        }
        // The published example at an 85 % goal: 13 agents give SL 0.796 < 0.85, 14 give 0.888.
        let (n, _) = try Traffic(callsPerHour: 200, ahtSeconds: 180)
            .requiredAgents(goal: .serviceLevel(targetSeconds: 20, fraction: 0.85), model: .erlangC)
        XCTAssertEqual(n, 14)
    }

    func testOccupancyCapRaisesStaffing() throws {
        let traffic = try Traffic(callsPerHour: 6000, ahtSeconds: 180, patienceSeconds: 120)
        let plain = try traffic.requiredAgents(goal: .serviceLevel(targetSeconds: 20, fraction: 0.5), model: .erlangA)
        let capped = try traffic.requiredAgents(goal: .serviceLevel(targetSeconds: 20, fraction: 0.5), model: .erlangA,
                                                 maxOccupancy: 0.85)
        XCTAssertGreaterThan(capped.agents, plain.agents)
        XCTAssertLessThanOrEqual(capped.metrics.occupancy, 0.85)
    }
}

final class PeriodPlanTests: XCTestCase {
    /// Square-root staffing lands within a couple of agents of Erlang C for 80/20 in the
    /// QED regime (the Halfin–Whitt approximation is accurate to O(1/√a)).
    func testSquareRootStaffingNearErlangC() throws {
        for cph in [200.0, 2000.0, 20_000.0] {
            let traffic = try Traffic(callsPerHour: cph, ahtSeconds: 180)
            let c = try traffic.requiredAgents(goal: .serviceLevel(targetSeconds: 20, fraction: 0.8), model: .erlangC).agents
            let root = squareRootStaffing(traffic, targetSeconds: 20, fraction: 0.8)
            XCTAssertLessThanOrEqual(abs(root - c), 2, "cph \(cph): square root \(root), Erlang C \(c)")
        }
    }

    func testShrinkage() {
        XCTAssertEqual(scheduledAgents(required: 14, shrinkage: 0.3), 20)  // 14 / 0.7 = 20 exactly
        XCTAssertEqual(scheduledAgents(required: 15, shrinkage: 0.3), 22)  // 21.43 → 22
        XCTAssertEqual(scheduledAgents(required: 10, shrinkage: 0), 10)
    }

    func testEmptyPeriodNeedsNobody() throws {
        let r = try PeriodPlanner.requirement(nil, goal: .serviceLevel(targetSeconds: 20, fraction: 0.8), maxOccupancy: nil)
        XCTAssertEqual([r.erlangC, r.erlangA, r.squareRoot], [0, 0, 0])
    }
}
