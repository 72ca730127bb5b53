import Calibration
import ScenarioFiles

/// `ccsim fit LOG`'s work: the center fitted to a call log (`CenterFit`) and the scenario
/// it writes (`FittedScenario.yaml`), which must validate as any scenario does.
public enum LogFit {
    /// The fitted scenario failed validation: a defect of the fit, not of the log.
    public struct InvalidScenario: Error, CustomStringConvertible {
        public let error: ScenarioError
        public var description: String { "the fitted scenario does not validate (please report this):\n\(error)" }
    }

    /// Fits `log` (read with `layout`) and writes the scenario `name` (`source`: the log's
    /// file name, for its comments). Throws `DayTypes.Unknown` for a day type the log
    /// lacks, `InvalidScenario` when the written scenario does not validate.
    public static func fit(_ log: CallLog, layout: LogLayout, options: CenterFit.Options, name: String, source: String,
                           targetSeconds: Double, replications: Int) throws -> (fit: CenterFit, scenarioYAML: String) {
        let fit = try CenterFit(log: log, layout: layout, options: options)
        let yaml = FittedScenario.yaml(fit, name: name, source: source, targetSeconds: targetSeconds, replications: replications)
        do {
            _ = try ScenarioLoader.parse(yaml, file: "scenario.yaml")
        } catch let error as ScenarioError {
            throw InvalidScenario(error: error)
        }
        return (fit, yaml)
    }
}
