import ContactCenter
@testable import ScenarioFiles
import XCTest

/// `days.types` and `days.pattern`: a week whose days differ in their intraday profile and
/// staffing, not only by a factor; as written, simulated, and each mistake named.
final class DayTypesTests: XCTestCase {
    static let text = """
        name: week
        seed: 3
        replications: 2
        periods: {minutes: 60, count: 4, opening: "08:00"}
        days:
          count: 3
          pattern: [weekday, saturday, weekday]
          types:
            weekday: {}
            saturday:
              arrivals_factor: 0.5
              per_hour_by_period: {phone: [10, 20, 30, 40]}
              count_by_period: {team: [1, 2.5, 3, 1]}
        call_types:
          - name: phone
            arrivals: {per_hour_by_period: [100, 100, 100, 100]}
            service: {exponential: {mean: 120}}
            patience: {exponential: {mean: 300}}
          - name: web
            channel: chat
            arrivals: {per_hour_by_period: [50, 50, 50, 50]}
            service: {exponential: {mean: 240}}
            patience: {exponential: {mean: 300}}
        agents:
          - group: team
            count_by_period: [5, 5, 5, 5]
            skills: [phone, web]
        """

    /// Saturday (day 2) has its own rates (× 0.5, the web chats the plan's × 0.5) and
    /// head counts (2.5: two agents and a third for half the hour); the weekdays are the
    /// plan's day; nights are closed; the run's day figures follow.
    func testDayTypesAsWritten() throws {
        let config = try ScenarioLoader.parse(Self.text, file: "week.yaml").config
        let day = try XCTUnwrap(config.day)
        XCTAssertEqual(day.count, 2 * 24 + 4)
        XCTAssertEqual(day.dayTypes, ["weekday", "saturday", "weekday"])
        XCTAssertEqual(Array(day.arrivalsPerHour[0][0..<4]), [100, 100, 100, 100])
        XCTAssertEqual(Array(day.arrivalsPerHour[0][24..<28]), [5, 10, 15, 20])
        XCTAssertEqual(Array(day.arrivalsPerHour[1][24..<28]), [25, 25, 25, 25])
        XCTAssertEqual(Array(day.arrivalsPerHour[0][48..<52]), [100, 100, 100, 100])
        XCTAssertEqual(Array(day.arrivalsPerHour[0][4..<24]), Array(repeating: 0, count: 20))
        XCTAssertEqual(Array(day.agentsByGroup[0][24..<28]), [1, 2, 3, 1])
        XCTAssertEqual(Array(day.partialAgentShareByGroup[0][24..<28]), [0, 0.5, 0, 0])
        XCTAssertEqual(Array(day.agentsByGroup[0][48..<52]), [5, 5, 5, 5])
        XCTAssertEqual(day.staffedAgents[25], 2.5)
        XCTAssertEqual(config.groups[0].agents, 5)
        for r in 0..<2 {
            let c = CenterModel.simulate(config, seed: 3, replication: UInt64(r))
            XCTAssertTrue(c.isConserved)
            XCTAssertLessThan(c.metrics["day2.offered"]!, c.metrics["day1.offered"]! / 2)
            XCTAssertEqual(c.periods[25].agents, 2.5)
        }
    }

    /// A Saturday staffed above the plan's day raises the group's head count to it.
    func testBusierDayTypeRaisesTheGroup() throws {
        let text = Self.text.replacingOccurrences(of: "count_by_period: {team: [1, 2.5, 3, 1]}", with: "count_by_period: {team: [1, 2, 7.5, 1]}")
        let config = try ScenarioLoader.parse(text, file: "week.yaml").config
        XCTAssertEqual(config.groups[0].agents, 8)
        XCTAssertEqual(config.day!.staffedAgents[26], 7.5)
    }

    func testMistakesNameTheirKey() {
        let cases: [(String, String, String)] = [
            ("pattern: [weekday, saturday, weekday]", "pattern: [weekday, sunday, weekday]",
             "days.pattern[1]: no day type is named \"sunday\""),
            ("pattern: [weekday, saturday, weekday]", "pattern: [weekday, saturday]", "days.pattern: must give 3 day types, one per day (got 2)"),
            ("{phone: [10, 20, 30, 40]}", "{fone: [10, 20, 30, 40]}", "days.types.saturday.per_hour_by_period.fone: no call type is named \"fone\""),
            ("{team: [1, 2.5, 3, 1]}", "{team: [1, 2.5, 3]}", "days.types.saturday.count_by_period.team: must give 4 head counts, one per period (got 3)"),
            ("{team: [1, 2.5, 3, 1]}", "{crew: [1, 2.5, 3, 1]}", "days.types.saturday.count_by_period.crew: no group is named \"crew\""),
            ("{phone: [10, 20, 30, 40]}", "{phone: [10, -20, 30, 40]}", "days.types.saturday.per_hour_by_period.phone[1]: must be in [0,"),
            ("arrivals_factor: 0.5", "arrivals_factor: 500", "days.types.saturday.arrivals_factor: must be in [0, 100] (got 500.0)"),
            ("  pattern: [weekday, saturday, weekday]\n", "", "days.types: day types need both types: (what each one is) and pattern:"),
            ("arrivals_factor: 0.5", "shape: 0.5", "days.types.saturday.shape:"),
        ]
        for (from, to, message) in cases {
            let text = Self.text.replacingOccurrences(of: from, with: to)
            XCTAssertNotEqual(text, Self.text, from)
            XCTAssertThrowsError(try ScenarioLoader.parse(text, file: "week.yaml"), message) { error in
                XCTAssertTrue("\(error)".contains(message), "expected \(message) in \(error)")
            }
        }
    }
}
