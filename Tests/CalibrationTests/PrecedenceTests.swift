import Calibration
import ContactCenter
import Experiments
import Reporting
import ScenarioFiles
import XCTest

/// Precedence recovered from a log: a center that serves VIPs first (routing priority) is
/// fitted with `routing: {policy: priority}`, VIP at level 0; the same center first come,
/// first served is fitted without. 6 simulated days of 4 hours, one team serving both.
final class PrecedenceTests: XCTestCase {
    static func center(policy: String) -> String {
        """
        name: precedence-\(policy)
        seed: 12
        replications: 6
        service_level: {target_seconds: 20}
        periods: {minutes: 60, count: 4, opening: "09:00"}
        call_types:
          - name: retail
            arrivals: {per_hour_by_period: [380, 420, 420, 380]}
            service: {exponential: {mean: 240}}
            patience: {exponential: {mean: 400}}
          - name: vip
            arrivals: {per_hour_by_period: [60, 70, 70, 60]}
            service: {exponential: {mean: 240}}
            patience: {exponential: {mean: 200}}
        agents:
          - group: everyone
            count_by_period: [31, 33, 33, 31]
            skills: [retail, vip]
        routing: {policy: \(policy), priorities: {vip: 0, retail: 1}}
        """
    }

    static func fit(policy: String) throws -> CenterFit {
        let scenario = try ScenarioLoader.parse(center(policy: policy), file: "center.yaml")
        let traces = CallTraces.record([("base", scenario.config)], seed: scenario.seed, replications: 6, jobs: 2)
        let log = try CallLogReader.parse(bytes: Array(TraceFile.csv(traces, config: scenario.config).utf8), file: "trace.csv", layout: nil)
        return try CenterFit(log: log, layout: .ccsimTrace, options: CenterFit.Options())
    }

    func testPriorityIsRecoveredAndWritten() throws {
        let fit = try Self.fit(policy: "priority")
        let precedence = try XCTUnwrap(fit.precedence)
        XCTAssertEqual(precedence.priorities, ["vip": 0, "retail": 1])
        let vipFirst = try XCTUnwrap(precedence.pairs.first { $0.first == "vip" })
        XCTAssertTrue(vipFirst.precedes)
        XCTAssertEqual(vipFirst.overtaken, 0, "a retail call never overtakes a waiting VIP")
        let yaml = FittedScenario.yaml(fit, name: "fitted", source: "trace.csv", targetSeconds: 20, replications: 4)
        let scenario = try ScenarioLoader.parse(yaml, file: "scenario.yaml")
        XCTAssertEqual(scenario.config.routing.policy, .priority)
        XCTAssertEqual(scenario.config.routing.priorities, [1, 0], "retail 1, vip 0 in call type order")
    }

    func testFirstComeFirstServedStaysSo() throws {
        let fit = try Self.fit(policy: "fifo")
        let precedence = try XCTUnwrap(fit.precedence)
        XCTAssertNil(precedence.priorities, "\(precedence.pairs)")
        let yaml = FittedScenario.yaml(fit, name: "fitted", source: "trace.csv", targetSeconds: 20, replications: 4)
        XCTAssertFalse(yaml.contains("routing:"))
    }
}
