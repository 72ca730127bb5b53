import ContactCenter
import Experiments
import ScenarioFiles
import Stochastic
import XCTest

/// An IVR without intents (each call type its own intent: what `ccsim fit` writes for a
/// plain IVR delay) and the piecewise exponential law in scenario files.
final class PlainIVRTests: XCTestCase {
    static let text = """
        name: plain-ivr
        seed: 2
        replications: 4
        horizon: {calls: 20000}
        call_types:
          - name: retail
            arrivals: {per_hour: 600}
            service: {exponential: {mean: 180}}
            patience: {piecewise_exponential: {breaks: [30, 90], means: [600, 120, 300]}}
            ivr_patience: {exponential: {mean: 900}}
          - name: vip
            arrivals: {per_hour: 60}
            service: {exponential: {mean: 240}}
        agents:
          - {group: everyone, count: 40, skills: [retail, vip]}
        ivr:
          start: welcome
          nodes:
            welcome: {announcement: {seconds: {lognormal: {mean: 45, sd: 15}}, next: queue}}
            queue: {transfer: {skill: any}}
        """

    func testAnIVRWithoutIntentsTreatsEachCallTypeAsItsIntent() throws {
        let scenario = try ScenarioLoader.parse(Self.text, file: "plain.yaml")
        XCTAssertEqual(scenario.config.intents.map(\.name), ["retail", "vip"])
        XCTAssertEqual(scenario.config.intents.map(\.skill), ["retail", "vip"])
        XCTAssertEqual(scenario.config.callTypes.map { $0.intentMix.map(\.intent) }, [[0], [1]])
        XCTAssertEqual(scenario.config.callTypes[0].patienceSeconds,
                       .piecewiseExponential(breaks: [30, 90], means: [600, 120, 300]))
        let result = CenterExperiment(config: scenario.config, seed: scenario.seed, replications: 2).run(jobs: 1)
        let metrics = result.metricsByRun[0]
        XCTAssertGreaterThan(metrics["mean_ivr_seconds"] ?? 0, 30)
        XCTAssertEqual(metrics["ivr_misselection_rate"], 0)
        XCTAssertGreaterThan(metrics["ivr_abandon_rate"] ?? 0, 0)
        XCTAssertGreaterThan(metrics["service_level"] ?? 0, 0)
    }

    func testPiecewiseExponentialProblemsNameTheirKeys() {
        let bad = Self.text.replacingOccurrences(of: "breaks: [30, 90], means: [600, 120, 300]", with: "breaks: [30, 20], means: [600, -1]")
        XCTAssertThrowsError(try ScenarioLoader.parse(bad, file: "bad.yaml")) { error in
            let text = "\(error)"
            XCTAssert(text.contains("call_types[0].patience.piecewise_exponential.breaks[1]: must be greater than the break before it (got 20.0 ≤ 30.0)"), text)
            XCTAssert(text.contains("call_types[0].patience.piecewise_exponential.means[1]: must be a positive finite number (got -1.0)"), text)
            XCTAssert(text.contains("call_types[0].patience.piecewise_exponential.means: must list one mean more than breaks"), text)
        }
        let written = Scenario.yaml(.piecewiseExponential(breaks: [30, 90], means: [600, 120.5, 300]))
        XCTAssertEqual(written, "{piecewise_exponential: {breaks: [30, 90], means: [600, 120.5, 300]}}")
    }
}
