import Calibration
import ContactCenter
import Experiments
import Foundation
import Reporting
import ScenarioFiles
import Stochastic

/// The closed loop's known center: two call types with their own teams, a day of 12
/// half hours with busyness, lognormal handling, exponential (retail) and piecewise
/// (business) patience, a plain IVR delay with IVR patience, after-call work for one team,
/// agents per period. Simulated with `--trace` semantics (`CallTraces` + `TraceFile`).
enum KnownCenter {
    static let retailRates: [Double] = [300, 420, 540, 600, 600, 540, 480, 480, 540, 480, 360, 240]
    static let businessRates: [Double] = [60, 90, 120, 120, 120, 90, 90, 90, 120, 90, 60, 30]
    static let retailAgents: [Double] = [22, 30, 38, 42, 42, 38, 34, 34, 38, 34, 26, 18]
    static let businessAgents: [Double] = [8, 11, 14, 14, 14, 11, 11, 11, 14, 11, 8, 5]
    static let businessPatience = Distribution.piecewiseExponential(breaks: [60, 180], means: [1200, 200, 600])

    static func yaml(days: Int, seed: Int = 7) -> String {
        """
        name: known-center
        seed: \(seed)
        replications: \(days)
        service_level: {target_seconds: 20}
        periods: {minutes: 30, count: 12, opening: "08:00"}
        busyness: {shape: 40}
        call_types:
          - name: retail
            arrivals: {per_hour_by_period: \(retailRates)}
            service: {lognormal: {mean: 240, sd: 180}}
            patience: {exponential: {mean: 300}}
            ivr_patience: {exponential: {mean: 900}}
          - name: business
            arrivals: {per_hour_by_period: \(businessRates)}
            service: {lognormal: {mean: 360, sd: 200}}
            patience: {piecewise_exponential: {breaks: [60, 180], means: [1200, 200, 600]}}
            ivr_patience: {exponential: {mean: 900}}
        agents:
          - group: retail_team
            count_by_period: \(retailAgents.map { Int($0) })
            skills: [retail]
            after_call_work: {exponential: {mean: 20}}
          - group: business_team
            count_by_period: \(businessAgents.map { Int($0) })
            skills: [business]
        ivr:
          start: welcome
          nodes:
            welcome: {announcement: {seconds: {lognormal: {mean: 45, sd: 15}}, next: queue}}
            queue: {transfer: {skill: any}}
        """
    }

    /// The trace of `days` simulated days as ccsim writes it (CSV bytes).
    static func trace(days: Int, seed: Int = 7) throws -> [UInt8] {
        let scenario = try ScenarioLoader.parse(yaml(days: days, seed: seed), file: "known-center.yaml")
        let traces = CallTraces.record([("base", scenario.config)], seed: scenario.seed, replications: days, jobs: availableCores)
        let config = scenario.config
        return Array(TraceFile.csv(traces, config: config).utf8)
    }

    /// 30 days, read once for the tests that share them.
    nonisolated(unsafe) static var cached: [UInt8]?
    static let lock = NSLock()
    static func thirtyDays() throws -> [UInt8] {
        lock.lock(); defer { lock.unlock() }
        if let cached { return cached }
        let bytes = try trace(days: 30)
        cached = bytes
        return bytes
    }
}
