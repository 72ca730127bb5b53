import ArgumentParser
import ScenarioFiles

/// `run` and `compare`: replications to a precision (`PrecisionRuns`).
struct PrecisionOptions: ParsableArguments {
    @Option(help: "Simulate batches of the scenario's replications until every headline rate's 95 % half-width (and, in compare, every paired difference's) is at most P (0.01 = 1 point); overrides the scenario's precision:.")
    var precision: Double?

    @Option(help: "With a precision: the most replications to simulate (default: the scenario's, else \(RunPrecision.defaultMaxReplications)).")
    var maxReplications: Int?

    func validate() throws {
        if let p = precision, !(p > 0 && p < 1) { throw ValidationError("--precision: must be in (0, 1): a rate's half-width, 0.01 = 1 point (got \(p))") }
        if let m = maxReplications, !(2...ScenarioLimits.maxReplications).contains(m) {
            throw ValidationError("--max-replications: must be in 2...\(ScenarioLimits.maxReplications) (got \(m))")
        }
    }

    /// The precision asked for: `--precision`, else the scenario's `precision:` unless
    /// `--replications` fixed the number; nil: exactly the replications. Exits 2 when the
    /// most replications allowed are fewer than one batch.
    func resolve(_ scenario: Scenario, replicationsGiven: Bool) throws -> RunPrecision? {
        var goal: RunPrecision
        if let precision {
            goal = RunPrecision(halfWidth: precision, maxReplications: scenario.precision?.maxReplications ?? RunPrecision.defaultMaxReplications)
        } else if let declared = scenario.precision, !replicationsGiven {
            goal = declared
        } else {
            if maxReplications != nil { throw ValidationError("--max-replications: needs a precision (--precision, or precision: in the scenario)") }
            return nil
        }
        if let maxReplications { goal.maxReplications = maxReplications }
        if goal.maxReplications < scenario.replications {
            throw ValidationError("--max-replications: must be at least one batch of \(scenario.replications) replications "
                + "(got \(goal.maxReplications))")
        }
        return goal
    }
}
