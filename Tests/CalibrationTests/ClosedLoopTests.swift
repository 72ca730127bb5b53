@testable import Calibration
import ContactCenter
import Measures
import ScenarioFiles
import Stochastic
import TestSupport
import XCTest

/// Closed loop: `ccsim fit` on the trace of a known center (30 days, seed 7) recovers its
/// parameters, each inside its interval at 99.99 % (arrival rates at 99.999 %: 24 of them),
/// and the fitted scenario's backtest on that trace agrees with it (Tests/README.md, budget).
final class ClosedLoopTests: XCTestCase {
    func fitted() throws -> CenterFit {
        let log = try CallLogReader.parse(bytes: try KnownCenter.thirtyDays(), file: "trace.csv", layout: nil)
        return try CenterFit(log: log, layout: .ccsimTrace, options: CenterFit.Options())
    }

    func testFitRecoversTheKnownCenter() throws {
        let fit = try fitted()
        XCTAssertEqual(fit.periodCount, 12)
        XCTAssertEqual(fit.arrivals.days.count, 30)
        XCTAssertEqual(fit.log.callTypes, ["retail", "business"])
        XCTAssertEqual(fit.dropped.values.reduce(0, +), 0)
        // Arrival rates per period: the days' mean within its 99.999 % Student t interval.
        let t95 = SpecialFunctions.studentTQuantile(0.975, degreesOfFreedom: 29)
        let tWide = SpecialFunctions.studentTQuantile(1 - 0.5e-5, degreesOfFreedom: 29)
        for (t, truth) in [(0, KnownCenter.retailRates), (1, KnownCenter.businessRates)] {
            let rates = fit.arrivals.types[t]
            for p in 0..<12 {
                let se = (rates.highByPeriod[p] - rates.lowByPeriod[p]) / (2 * t95)
                XCTAssertLessThanOrEqual(abs(rates.perHourByPeriod[p] - truth[p]), tWide * se, "\(rates.name) period \(p)")
            }
        }
        // Busyness shape 40 inside the 99.99 % interval from the daily totals' variance.
        let shape = fit.arrivals.busynessShapeInterval(level: wideLevel)
        XCTAssert(shape.low <= 40 && 40 <= shape.high, "busyness \(shape)")
        // Handling: lognormal kept, mean within 99.99 %.
        for (t, mean) in [(0, 240.0), (1, 360.0)] {
            let h = try XCTUnwrap(fit.types[t].handling)
            XCTAssertEqual(h.lawName, "lognormal")
            XCTAssertLessThanOrEqual(abs(h.mean - mean), SampleMoments.z * h.sd / Double(h.observations).squareRoot())
        }
        // Patience: retail exponential (mean 300 inside the exact χ² 99.99 % interval; the
        // constant hazard is not rejected at 1e-5); business piecewise, its Kaplan–Meier
        // curve inside Greenwood's 99.99 % band of the true survival at 30, 100 and 150 s.
        let retail = try XCTUnwrap(fit.types[0].patience)
        let interval = retail.meanInterval(level: wideLevel)
        XCTAssert(interval.low <= 300 && 300 <= interval.high, "retail patience \(interval)")
        XCTAssertGreaterThan(retail.constantHazardPValue, 1e-5)
        let business = try XCTUnwrap(fit.types[1].patience)
        XCTAssertEqual(business.lawName, "piecewise_exponential")
        for t in [30.0, 100, 150] {
            let point = try XCTUnwrap(business.kaplanMeier.last { $0.time <= t })
            let truth = exp(-(min(t, 60) / 1200 + max(0, min(t, 180) - 60) / 200))
            XCTAssertLessThanOrEqual(abs(point.survival - truth), SampleMoments.z * point.standardError, "business survival at \(t) s")
        }
        // IVR: patience 900 s per type (exact χ² interval), delay mean 45 s (Kaplan–Meier, normal).
        for t in 0..<2 {
            let ivr = try XCTUnwrap(fit.types[t].ivrPatience).meanInterval(level: wideLevel)
            XCTAssert(ivr.low <= 900 && 900 <= ivr.high, "IVR patience \(ivr)")
        }
        let delay = try XCTUnwrap(fit.ivrDelay)
        XCTAssertLessThanOrEqual(abs(delay.mean - 45), SampleMoments.z * delay.sd / Double(delay.observations - delay.censored).squareRoot())
        // Agents on duty: two teams, each period within 0.2 agents of the truth (the presence
        // rule's bias bound: an agent finishing a call past his shift's end counts until then).
        let agents = try XCTUnwrap(fit.agents)
        XCTAssertEqual(agents.teams.map(\.skills), [["retail"], ["business"]])
        for (team, truth) in zip(agents.teams, [KnownCenter.retailAgents, KnownCenter.businessAgents]) {
            for p in 0..<12 { XCTAssertEqual(team.onDutyByPeriod[p], truth[p], accuracy: 0.2, "\(team.name) period \(p)") }
        }
        // After-call work: retail's exponential mean 20 (Kaplan–Meier of censored gaps), none for business.
        let acw = try XCTUnwrap(agents.teams[0].afterCallWork)
        XCTAssertLessThanOrEqual(abs(acw.mean - 20), SampleMoments.z * acw.sd / Double(acw.observations - acw.censored).squareRoot())
        XCTAssertNil(agents.teams[1].afterCallWork)
    }

    /// The fitted scenario validates, and its backtest on the trace agrees: every day figure
    /// within 3.891/1.96 × √(h_obs² + h_sim²) (99.99 %), and at most 2 of the 84 period rows outside it.
    func testFittedScenarioBacktestsOnItsTrace() throws {
        let fit = try fitted()
        let yaml = FittedScenario.yaml(fit, name: "known-fit", source: "trace.csv", targetSeconds: 20, replications: 40)
        let scenario = try ScenarioLoader.parse(yaml, file: "scenario.yaml")
        XCTAssertEqual(scenario.config.groups.map(\.name), ["retail", "business"])
        let log = try CallLogReader.parse(bytes: try KnownCenter.thirtyDays(), file: "trace.csv", layout: nil)
        let backtest = try Backtest.run(log: log, config: scenario.config, seed: scenario.seed, replications: 40, options: Backtest.Options())
        let widen = SampleMoments.z / 1.96
        func agreesWide(_ r: Backtest.Row) -> Bool {
            let allowed = (r.observed.halfWidth * r.observed.halfWidth + r.simulated.halfWidth * r.simulated.halfWidth).squareRoot()
            return abs(r.simulated.mean - r.observed.mean) <= widen * allowed
        }
        let day = backtest.rows.filter { $0.period == nil }
        XCTAssertEqual(day.map(\.metric), Backtest.periodMetrics + Backtest.ivrMetrics)
        for r in day { XCTAssert(agreesWide(r), "\(r.metric): observed \(r.observed.mean), simulated \(r.simulated.mean)") }
        let periods = backtest.rows.filter { $0.period != nil }
        XCTAssertEqual(periods.count, 84)
        XCTAssertLessThanOrEqual(periods.filter { !agreesWide($0) }.count, 2)
        XCTAssertEqual(backtest.agentsFrom, "the log (presence rule)")
        // The simulated side is corrected by the days' busyness and arrivals (40 days ≥ 20):
        // narrower than the plain estimate for the service level and abandonment; the
        // arrivals themselves stay plain.
        XCTAssertTrue(backtest.controlVariates)
        var plainOptions = Backtest.Options()
        plainOptions.controlVariates = false
        let plain = try Backtest.run(log: log, config: scenario.config, seed: scenario.seed, replications: 40, options: plainOptions)
        XCTAssertFalse(plain.controlVariates)
        let plainDay = Dictionary(uniqueKeysWithValues: plain.rows.filter { $0.period == nil }.map { ($0.metric, $0.simulated) })
        for r in day {
            switch r.metric {
            case Metric.offered.name: XCTAssertEqual(r.simulated, plainDay[r.metric]!)
            case Metric.serviceLevel.name, Metric.abandonRate.name:
                XCTAssertLessThan(r.simulated.halfWidth, plainDay[r.metric]!.halfWidth, r.metric)
            default: break
            }
        }
    }

    /// A later log's agents are always replayed: with the scenario's groups renamed (so the
    /// log's teams no longer name them), each team goes to the group serving its call types,
    /// and each replayed day gets the same agents as with the names matching (was: the
    /// scenario's staffing, silently). 5 days, 2 replications each.
    func testPerDayReplayMapsTheLogsTeamsToRenamedGroups() throws {
        let fit = try fitted()
        let yaml = FittedScenario.yaml(fit, name: "known-fit", source: "trace.csv", targetSeconds: 20, replications: 4)
        let renamed = yaml.replacingOccurrences(of: "group: \"retail\"", with: "group: \"front office\"")
            .replacingOccurrences(of: "group: \"business\"", with: "group: \"corporate desk\"")
        XCTAssertNotEqual(renamed, yaml)
        let log = try CallLogReader.parse(bytes: try KnownCenter.trace(days: 5), file: "trace.csv", layout: nil)
        var options = Backtest.Options()
        options.perDay = true
        options.perDayReplications = 2
        let named = try Backtest.run(log: log, config: try ScenarioLoader.parse(yaml, file: "a.yaml").config, seed: 3, replications: 4,
                                     options: options)
        let mapped = try Backtest.run(log: log, config: try ScenarioLoader.parse(renamed, file: "b.yaml").config, seed: 3, replications: 4,
                                      options: options)
        XCTAssertEqual(named.agentsFrom, "the log (presence rule)")
        XCTAssertEqual(mapped.agentsFrom, "the log (presence rule; teams to groups by skills: retail → front office, business → corporate desk)")
        let agents = try XCTUnwrap(mapped.perDayAgentsByGroup)
        XCTAssertEqual(agents, named.perDayAgentsByGroup)
        XCTAssertEqual(agents.count, 5)
        let plan = try ScenarioLoader.parse(yaml, file: "a.yaml").config.day!.staffedAgents
        XCTAssertTrue(agents.contains { day in (0..<plan.count).contains { p in abs(day[0][p] + day[1][p] - plan[p]) > 0.5 } },
                      "each day's own agents, not the scenario's mean day")
    }

    /// The mapping rule: by name; else the group serving all the team served with the fewest
    /// other skills; else the group serving most of its calls; a team no group serves stays
    /// unmapped (the backtest then stops).
    func testGroupMapping() {
        let m = GroupMapping(teams: [("a", ["x"], ["x": 10]), ("x+y", ["x", "y"], ["x": 5, "y": 5]), ("y+z", ["y", "z"], ["y": 1, "z": 9]),
                                     ("w", ["w"], ["w": 3])],
                             groups: [("a", ["q"]), ("wide", ["x", "y", "z"]), ("narrow", ["x", "y"]), ("zed", ["z"])])
        XCTAssertEqual(m.groupOfTeam, [0, 2, 1, nil])
        XCTAssertEqual(m.unmapped, [3])
        XCTAssertFalse(m.isByName)
        let partial = GroupMapping(teams: [("y+z", ["y", "z"], ["y": 1, "z": 9])], groups: [("ys", ["y"]), ("zs", ["z"])])
        XCTAssertEqual(partial.groupOfTeam, [1], "the group serving most of its calls")
    }
}
