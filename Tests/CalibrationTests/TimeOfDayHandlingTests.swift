import Calibration
import ContactCenter
import Experiments
import Reporting
import ScenarioFiles
import Stochastic
import TestSupport
import XCTest

/// Handling time by time of day: `service_factor_by_period` multiplies the handling time
/// of the calls that arrive in a period; the fit finds the factors (a χ² test of equal
/// period means) and writes them back. 20 days of 4 hours, seed 9.
final class TimeOfDayHandlingTests: XCTestCase {
    func testFactorsAreSimulatedFoundAndWritten() throws {
        let factors = [0.8, 1.0, 1.2, 1.5]
        let yaml = """
            name: time-of-day
            seed: 9
            replications: 20
            periods: {minutes: 60, count: 4, opening: "09:00"}
            call_types:
              - name: general
                arrivals: {per_hour_by_period: [300, 300, 300, 300]}
                service: {lognormal: {mean: 120, sd: 90}}
                service_factor_by_period: \(factors)
            agents:
              - {group: team, count_by_period: [10, 12, 14, 16], skills: [general]}
            """
        let scenario = try ScenarioLoader.parse(yaml, file: "time-of-day.yaml")
        XCTAssertEqual(scenario.config.callTypes[0].serviceFactorByPeriod, factors)
        let traces = CallTraces.record([("base", scenario.config)], seed: 9, replications: 20, jobs: availableCores)
        let csv = TraceFile.csv(traces, config: scenario.config)
        let log = try CallLogReader.parse(bytes: Array(csv.utf8), file: "trace.csv", layout: nil)
        var options = CenterFit.Options()
        options.periodMinutes = 60
        let fit = try CenterFit(log: log, layout: .ccsimTrace, options: options)
        let type = fit.types[0]
        XCTAssertLessThan(type.handlingByPeriodPValue, 1e-10)  // power: a 1.875-fold range over ~6,000 calls a period
        let written = try XCTUnwrap(type.handlingFactors)
        // The fitted scenario's mean handling time in period p (base law's mean × factor p)
        // is the true 120 s × factor p within 99.99 % (cv 0.75 of the lognormal, n_p services).
        var counts = [Int](repeating: 0, count: 4)
        for i in 0..<log.count where log.outcome[i] == .served { counts[Int((log.arrival[i] / 3600).rounded(.down))] += 1 }
        let base = try XCTUnwrap(type.handling)
        for p in 0..<4 {
            let truth = 120 * factors[p]
            XCTAssertLessThanOrEqual(abs(base.mean * written[p] - truth), SampleMoments.z * 0.75 * truth / Double(counts[p]).squareRoot(),
                                     "period \(p)")
        }
        let text = FittedScenario.yaml(fit, name: "tod-fit", source: "trace.csv", targetSeconds: 20, replications: 20)
        XCTAssert(text.contains("service_factor_by_period: ["), text)
        XCTAssertNotNil(try ScenarioLoader.parse(text, file: "tod-fit.yaml").config.callTypes[0].serviceFactorByPeriod)
    }

    func testFactorsNeedADayAndOnePerPeriod() {
        let text = """
            name: bad
            periods: {minutes: 60, count: 2}
            call_types:
              - {name: a, arrivals: {per_hour: 10}, service: {exponential: {mean: 60}}, service_factor_by_period: [1, 0]}
              - {name: b, arrivals: {per_hour: 10}, service: {exponential: {mean: 60}}, service_factor_by_period: [1]}
            agents: [{group: g, count: 3, skills: [a, b]}]
            """
        XCTAssertThrowsError(try ScenarioLoader.parse(text, file: "bad.yaml")) {
            let message = "\($0)"
            XCTAssert(message.contains("call_types[1].service_factor_by_period: must give 2 factors, one per period (got 1)"), message)
            XCTAssert(message.contains("call_types[0].service_factor_by_period[1]: must be in (0, 100] (got 0.0)"), message)
        }
    }
}
