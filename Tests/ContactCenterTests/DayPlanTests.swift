import Experiments
import Measures
import Staffing
import Stochastic
import TestSupport
import XCTest
@testable import ContactCenter

func dayConfig(rates: [[Double]], agents: [Int], minutes: Double = 30, patience: Distribution? = .exponential(mean: 120),
               busyness: Double? = nil) -> CenterConfig {
    let day = DayPlan(periodSeconds: minutes * 60, openingMinute: 8 * 60, arrivalsPerHour: rates, agents: agents, busynessShape: busyness)
    let types = rates.indices.map { i in
        CallType(name: "t\(i)", arrivalsPerHour: max(rates[i].reduce(0, +) / Double(rates[i].count), 1e-6),
                 serviceSeconds: .exponential(mean: 180), patienceSeconds: patience)
    }
    var config = CenterConfig(callTypes: types, agents: max(1, agents.max()!),
                                   horizon: .time(warmupSeconds: 0, measuredSeconds: day.lengthSeconds))
    config.day = day
    return config
}

final class DayPlanTests: XCTestCase {
    /// A long day with constant rate and staffing converges to steady state: the middle
    /// periods' service level and abandonment agree with Erlang A (200 calls/h, AHT 180 s,
    /// patience 120 s, 12 agents) within the 99.99 % interval of 32 days (seed 5; the
    /// middle periods pooled per day, ratio of sums over days).
    func testConstantDayConvergesToErlangA() throws {
        let periods = 16  // 8 hours of 30 minutes
        let config = dayConfig(rates: [Array(repeating: 200, count: periods)], agents: Array(repeating: 12, count: periods))
        XCTAssertTrue(config.problems.isEmpty, "\(config.problems)")
        let result = CenterExperiment(config: config, seed: 5, replications: 32).run(jobs: 2)
        XCTAssertTrue(result.isConserved)
        let formula = try Erlang.a(try Traffic(callsPerHour: 200, ahtSeconds: 180, patienceSeconds: 120), agents: 12, targetSeconds: 20)
        // Periods 4…11 (two hours after opening, two before closing): pooled per day.
        func middle(_ metric: String) -> ConfidenceInterval {
            let days = result.runs.map { run in
                (4...11).reduce(Fraction(0, 0)) { f, k in
                    let g = run.periods[k].queue.fraction(metric)!
                    return Fraction(f.numerator + g.numerator, f.denominator + g.denominator)
                }
            }
            return ConfidenceInterval.ratioOfSums(numerators: days.map(\.numerator), denominators: days.map(\.denominator),
                                                  level: wideLevel)
        }
        let sl = middle("service_level"), ab = middle("abandon_rate")
        XCTAssertTrue(sl.contains(formula.serviceLevel), "SL \(sl.mean) ± \(sl.halfWidth) vs \(formula.serviceLevel)")
        XCTAssertTrue(ab.contains(formula.abandonRate), "abandon \(ab.mean) ± \(ab.halfWidth) vs \(formula.abandonRate)")
    }

    /// Day types: over three days of 2 open hours, day 2 has its own rates and head counts
    /// (with a fraction), the others the plan's; nights closed; the simulated day 2 has its
    /// own staffing and fewer calls.
    func testDayVariantsReplaceTheirDays() {
        let base = DayPlan(periodSeconds: 3600, openingMinute: 8 * 60, arrivalsPerHour: [[100, 100]], agents: [6, 6])
        let saturday = DayVariant(name: "saturday", arrivalsPerHour: [[10, 20]], agentsByGroup: [[2, 3]],
                                  partialAgentShareByGroup: [[0.5, 0]])
        let week = base.spanning(days: 3, dayFactors: [1, 2, 1], byDay: [nil, saturday, nil])
        XCTAssertEqual(week.count, 2 * 24 + 2)
        XCTAssertEqual(Array(week.arrivalsPerHour[0][0..<2]), [100, 100])
        XCTAssertEqual(Array(week.arrivalsPerHour[0][24..<26]), [20, 40], "the type's rates × the day's factor")
        XCTAssertEqual(Array(week.agentsByGroup[0][24..<26]), [2, 3])
        XCTAssertEqual(Array(week.agentsByGroup[0][48..<50]), [6, 6])
        XCTAssertEqual(week.staffedAgents[24], 2.5)
        XCTAssertEqual(week.staffedAgents[0], 6)
        XCTAssertEqual(week.staffedAgents[2], 0, "night")
        XCTAssertEqual(week.dayTypes, ["", "saturday", ""])
        var config = dayConfig(rates: [[100, 100]], agents: [6, 6])
        config.day = week
        config.horizon = .time(warmupSeconds: 0, measuredSeconds: week.lengthSeconds)
        XCTAssertTrue(config.problems.isEmpty, "\(config.problems)")
        let c = CenterModel.simulate(config, seed: 2, replication: 0)
        XCTAssertTrue(c.isConserved)
        XCTAssertEqual(c.periods[24].agents, 2.5)
        XCTAssertLessThan(c.days[1].offered, c.days[0].offered)
    }

    /// Shift changes, a period without agents and a period without calls: every arrival
    /// ends exactly once, per period and in total; agents who leave finish their call.
    func testShiftChangesEmptyPeriodsAndConservation() {
        let config = dayConfig(rates: [[300, 300, 0, 400, 100, 0], [60, 0, 0, 60, 60, 60]], agents: [15, 4, 0, 25, 10, 3],
                               busyness: 10)
        XCTAssertTrue(config.problems.isEmpty, "\(config.problems)")
        for r: UInt64 in 0..<5 {
            let c = CenterModel.simulate(config, seed: 8, replication: r)
            XCTAssertEqual(c.unfinished, 0)
            XCTAssertEqual(c.offered, c.answered + c.abandoned + c.balked)
            XCTAssertEqual(c.periods.reduce(0) { $0 + $1.queue.offered }, c.offered)
            assertViewsAddUp(c)
            XCTAssertEqual(c.periods.reduce(0) { $0 + $1.queue.answered }, c.answered)
            XCTAssertEqual(c.periods.reduce(0) { $0 + $1.queue.abandoned }, c.abandoned)
            XCTAssertEqual(c.periods[2].queue.offered, 0)  // no calls in period 2
            // No agent is scheduled in period 2, but period 1's four finish their calls in it.
            XCTAssertGreaterThan(c.periods[2].busyAgentSeconds, 0)
            XCTAssertLessThan(c.periods[2].busyAgentSeconds, 4 * 1800)
            XCTAssertTrue(c.periods[2].metrics(periodSeconds: 1800)["occupancy"]!.isNaN)  // busy ÷ 0 scheduled
            for p in c.periods { XCTAssertEqual(p.queue.offered, p.queue.enteredQueue + p.queue.balked) }
            // Agents whose shift ended finish their call: busy time never exceeds what the
            // previous and current schedules allow.
            XCTAssertGreaterThan(c.periods[1].busyAgentSeconds, 4 * 1800)  // the 15 of period 0 finish their calls
        }
    }

    /// The busyness factor scales a whole day's calls: over 400 days (seed 3) with shape 4
    /// (cv 0.5) the offered calls per day have mean 1000 (rate 500/h × 2 h) within the
    /// 99.99 % interval, and a coefficient of variation near √(1/4 + 1/1000) ≈ 0.50 within
    /// 0.1 (the sample cv's standard error is about 0.023 here: kurtosis of Gamma(4), 4.5,
    /// gives √(3.5 ÷ 1600) relative on the sd; 0.1 is 4.3 of them).
    func testBusynessFactor() {
        let config = dayConfig(rates: [[500, 500, 500, 500]], agents: [60, 60, 60, 60], busyness: 4)
        let days = (0..<400).map { Double(CenterModel.simulate(config, seed: 3, replication: UInt64($0)).offered) }
        let ci = wideInterval(days)
        XCTAssertTrue(ci.contains(1000), "\(ci.mean) ± \(ci.halfWidth)")
        let cv = Tally(days).standardDeviation / Tally(days).mean
        XCTAssertEqual(cv, 0.5, accuracy: 0.1)
    }
}
