import ContactCenter
import Rostering
import ScenarioFiles
import XCTest
@testable import Experiments

/// `RosterPlanning` as a library (the schedule command only parses and prints): on a
/// six-hour day with 4-hour and 2-hour shifts, Erlang A's and Erlang C's requirements are
/// each covered by GLPK and repaired by simulation on 40 fresh days (seed 5); the formula
/// rosters cover their requirements period by period, every cost is its people × their
/// shifts' costs, and the answer is the cheapest repaired roster that meets the goal.
final class RosterPlanningTests: XCTestCase {
    static let day = """
        name: roster-unit
        seed: 5
        replications: 10
        periods: {minutes: 60, count: 6, opening: "09:00"}
        service_level: {target_seconds: 20, goal: 0.8}
        call_types:
          - name: general
            arrivals: {per_hour_by_period: [100, 200, 250, 200, 150, 100]}
            service: {exponential: {mean: 180}}
            patience: {exponential: {mean: 120}}
        agents: [{group: all, count: 10, skills: [general]}]
        shifts:
          templates:
            - name: four
              start: {from: "09:00", to: "11:00", every_minutes: 60}
              length_hours: 4
              cost_per_hour: 20
              breaks: [{minutes: 15, paid: true, after_minutes: [90, 150]}]
            - name: two
              start: {from: "09:00", to: "13:00", every_minutes: 60}
              length_hours: 2
              cost_per_hour: 24
        """

    func testRepairedRostersAndTheAnswer() throws {
        let scenario = try ScenarioLoader.parse(Self.day, file: "roster-unit.yaml")
        let shifts = try XCTUnwrap(scenario.shifts)
        var options = RosterPlanning.Options()
        options.requirement = .erlangA
        options.freshDays = 40
        options.seed = 5
        options.daysPerBatch = 10
        let plan = try RosterPlanning.plan(scenario.config, shifts: .init(templates: shifts.templates, dayFactors: [1], daysOff: nil),
                                           goal: SimulatedStaffingGoal(metric: .serviceLevel, bound: 0.8), options: options)
        XCTAssertEqual(plan.repairs.map(\.start), [.erlangA, .erlangC])
        // The formula rosters as solved cover their requirement in every period.
        for (roster, need) in zip(plan.formulaRosters.map(\.roster), [plan.erlangC[0], plan.erlangA[0]]) {
            for (covered, needed) in zip(roster.coverage, need) { XCTAssertGreaterThanOrEqual(covered, Double(needed) - 1e-9) }
        }
        for r in plan.rosters.map(\.roster) + plan.repairs.map(\.roster) {
            let cost = r.patterns.indices.reduce(0.0) { $0 + Double(r.people[$1]) * r.patterns[$1].paidHours * shifts.templates[r.patterns[$1].template].costPerHour }
            XCTAssertEqual(r.cost, cost, accuracy: 1e-9)
        }
        // The answer meets the goal in every period and no repaired roster that does is cheaper.
        XCTAssertTrue(plan.missing(plan.answer.estimates).isEmpty)
        for r in plan.repairs where plan.missing(r.estimates).isEmpty {
            XCTAssertLessThanOrEqual(plan.answer.roster.cost, r.roster.cost + 1e-9, r.name)
        }
        // Erlang A needs no more agents than Erlang C in any period (it counts abandonment).
        for (a, c) in zip(plan.erlangA[0], plan.erlangC[0]) { XCTAssertLessThanOrEqual(a, c) }
    }
}
