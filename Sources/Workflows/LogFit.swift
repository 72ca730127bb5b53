import Calibration
import ContactCenter
import Experiments
import Measures
import ScenarioFiles

/// `ccsim fit LOG`'s work: the center fitted to a call log (`CenterFit`) and the scenario
/// it writes (`FittedScenario.yaml`), which must validate as any scenario does.
///
/// Agents not ready while present (`AgentsOnDuty.Team.notReady`) are a candidate
/// explanation of a log whose callers wait although agents are there; with `.test` (the
/// default) both scenarios — presence only, and presence with the not-ready spells as
/// `absence:` — replay each fitted day of the log with its own volume and agents
/// (`Backtest`, per day), and the one whose service level and P(wait) follow the log more
/// closely (the smaller |mean bias| of the two, in points, summed) is written.
public enum LogFit {
    /// The fitted scenario failed validation: a defect of the fit, not of the log.
    public struct InvalidScenario: Error, CustomStringConvertible {
        public let error: ScenarioError
        public var description: String { "the fitted scenario does not validate (please report this):\n\(error)" }
    }

    public enum NotReadyMode: String, Sendable, CaseIterable {
        /// Both candidates replayed against the log; the closer is written.
        case test
        /// The not-ready spells written as absence whenever a team has them.
        case always
        /// Presence only.
        case never
    }

    /// Fits `log` (read with `layout`) and writes the scenario `name` (`source`: the log's
    /// file name, for its comments). Throws `DayTypes.Unknown` for a day type the log
    /// lacks, `InvalidScenario` when a written scenario does not validate.
    public static func fit(_ log: CallLog, layout: LogLayout, options: CenterFit.Options, name: String, source: String,
                           targetSeconds: Double, replications: Int, notReady: NotReadyMode = .test, replicationsPerDay: Int = 4,
                           jobs: Int = availableCores, progress: (String) -> Void = { _ in })
        throws -> (fit: CenterFit, scenarioYAML: String, notReadyTest: NotReadyTest?) {
        let fit = try CenterFit(log: log, layout: layout, options: options)
        func written(_ withNotReady: Bool) throws -> (yaml: String, scenario: Scenario) {
            let yaml = FittedScenario.yaml(fit, name: name, source: source, targetSeconds: targetSeconds, replications: replications,
                                           notReady: withNotReady)
            do { return (yaml, try ScenarioLoader.parse(yaml, file: "scenario.yaml")) } catch let error as ScenarioError {
                throw InvalidScenario(error: error)
            }
        }
        let hasSpells = fit.agents?.teams.contains { $0.notReady != nil } ?? false
        switch (notReady, hasSpells) {
        case (.never, _), (_, false): return (fit, try written(false).yaml, nil)
        case (.always, true): return (fit, try written(true).yaml, nil)
        case (.test, true): break
        }
        let candidates = [try written(false), try written(true)]
        var backtestOptions = Backtest.Options()
        backtestOptions.dayType = fit.dayType
        backtestOptions.weekend = options.weekend
        backtestOptions.perDay = true
        backtestOptions.perDayReplications = replicationsPerDay
        backtestOptions.jobs = jobs
        backtestOptions.idleGapSeconds = options.idleGapSeconds
        var tested: [NotReadyTest.Candidate] = []
        var days = 0
        for (k, c) in candidates.enumerated() {
            progress("replaying the log's \(fit.arrivals.days.count) days " + (k == 0 ? "with presence only" : "with not-ready spells"))
            let b = try Backtest.run(log: fit.log, config: c.scenario.config, seed: c.scenario.seed, replications: 2, options: backtestOptions)
            days = b.days.count
            tested.append(.init(name: k == 0 ? "presence only" : "not ready while present",
                                serviceLevelBias: b.perDayBias[Metric.serviceLevel.name], pWaitBias: b.perDayBias[Metric.pWait.name]))
        }
        let chosen = tested[1].score < tested[0].score ? 1 : 0
        return (fit, candidates[chosen].yaml, NotReadyTest(candidates: tested, chosen: chosen, days: days, replicationsPerDay: replicationsPerDay))
    }
}
