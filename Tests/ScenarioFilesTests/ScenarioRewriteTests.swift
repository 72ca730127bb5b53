import ContactCenter
import Experiments
import ScenarioFiles
import XCTest

/// `ScenarioLoader.rewriting`: a plan or a roster written into a scenario reads back as the
/// very configuration it was simulated as.
final class ScenarioRewriteTests: XCTestCase {
    static let text = """
        name: two-types
        seed: 3
        replications: 4
        periods: {minutes: 30, count: 3, opening: "08:00"}
        call_types:
          - {name: "a.b", arrivals: {per_hour_by_period: [100, 150, 90]}, service: {exponential: {mean: 200}}}
          - {name: vip, arrivals: {per_period: [4, 6, 3]}, service: {exponential: {mean: 300}}}
          - {name: flat, arrivals: {per_hour: 30}, service: {exponential: {mean: 100}}}
        agents: [{group: "all.of them", count: 9, skills: ["a.b", vip, flat]}]
        variants:
          - {name: base, set: {}}
          - {name: fewer, set: {agents.0.count: {add: -1}}}
          - {name: twelve, set: {agents.0.count: 12}}
        """

    /// A roster's coverage (fractional head counts: breaks as shares of a period) and a
    /// day's volume factor: the scenario read back has the staffing `PlanValidation.staffed`
    /// simulates the roster with, every call type's rates × the factor, and keeps its variants.
    func testRosterCoverageAndVolumeReadBackExactly() throws {
        let original = try ScenarioLoader.parse(Self.text, file: "t.yaml")
        let coverage = [7.0, 13.25, 10.5]
        let out = try ScenarioLoader.rewriting(Self.text, file: "t.yaml", group: "all.of them", plan: coverage, volumeFactor: 0.7,
                                               name: "two-types-roster", header: "# header\n")
        XCTAssertTrue(out.hasPrefix("# header\n"))
        let read = try ScenarioLoader.parse(out, file: "out.yaml")
        XCTAssertEqual(read.name, "two-types-roster")
        XCTAssertEqual(read.variants.map(\.name), ["base", "fewer", "twelve"])
        let expected = PlanValidation.staffed(original.variants[0].config, coverage: coverage)
        let day = try XCTUnwrap(read.variants[0].config.day)
        XCTAssertEqual(day.agentsByGroup, expected.day!.agentsByGroup)
        XCTAssertEqual(day.partialAgentShareByGroup, expected.day!.partialAgentShareByGroup)
        for (scaled, rates) in zip(day.arrivalsPerHour, original.variants[0].config.day!.arrivalsPerHour) {
            XCTAssertEqual(scaled.count, rates.count)
            for (x, r) in zip(scaled, rates) { XCTAssertEqual(x, r * 0.7, accuracy: 1e-9 * r) }
        }
        // A variant that changed the group's count changes its plan instead.
        XCTAssertEqual(read.variants[1].config.day!.agentsByGroup, [[6, 12, 9]])
        XCTAssertEqual(read.variants[2].config.day!.agentsByGroup, [[12, 12, 12]])
        // Factor 1 leaves the rates as written.
        let same = try ScenarioLoader.parse(try ScenarioLoader.rewriting(Self.text, file: "t.yaml", group: "all.of them", plan: coverage,
                                                                         name: "x", header: ""), file: "x.yaml")
        XCTAssertEqual(same.variants[0].config.day!.arrivalsPerHour, original.variants[0].config.day!.arrivalsPerHour)
    }
}
