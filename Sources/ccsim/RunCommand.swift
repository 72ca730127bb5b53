import ArgumentParser
import Experiments
import Foundation
import Reporting
import ScenarioFiles

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a scenario's replications and write Results/<name>/.",
        discussion: """
            Writes summary.json, summary.csv, replications.csv, waits.csv and manifest.json \
            (as one folder state) to Results/<scenario name>/ or --out, and prints each \
            metric over replications (ratio of sums) with its 95 % delta-method half-width. \
            Results are byte-identical for any --jobs. A run cut short by \
            horizon.max_simulated_seconds exits 1 unless --allow-truncation. \
            --trace FILE adds one CSV row per call of the first --trace-replications \
            replications (who answered it when, how it ended). --precision P (or the \
            scenario's precision:) runs batches of its replications until every headline \
            rate's 95 % half-width is at most P. From 20 replications on, the estimates are \
            corrected by the day's busyness and arrivals (control variates; \
            --no-control-variates: the plain estimates).

            Example: ccsim run Scenarios/erlang-a-100.yaml --replications 10 --jobs 2
            Example: ccsim run Scenarios/bank-hotline.yaml --trace calls.csv
            """
    )

    @OptionGroup var options: ScenarioRunOptions
    @OptionGroup var tracing: TraceOptions
    @OptionGroup var sharding: ShardOptions
    @OptionGroup var precision: PrecisionOptions

    func run() throws {
        let (scenario, bytes) = try options.load(command: "run")
        let goal = try precision.resolve(scenario, replicationsGiven: options.replications != nil)
        if let shard = try sharding.resolve() {
            try tracing.refuseWithShards()
            try precisionForShards(precision, goal: goal, scenario: scenario)
            try runShard(shard, command: "run", options: ["command": .string("run"), "control_variates": .bool(options.controlVariates(scenario))], scenario: scenario, bytes: bytes,
                         scenarioFile: options.scenario, configs: scenario.variants.map(\.config), jobs: options.jobs, out: options.out)
            return
        }
        let (execution, ran, written) = try executeAndWrite(scenario, command: "run", bytes: bytes, options: options, precision: goal,
                                                            tracing: tracing)
        try Self.report(execution.summary, scenario: ran, written: written, json: options.json,
                        allowTruncation: options.allowTruncation)
    }

    /// Prints the run's table (or summary.json), the files written, and refuses truncation.
    static func report(_ summary: RunSummary, scenario: Scenario, written: [String], json: Bool, allowTruncation: Bool) throws {
        if json {
            print(ResultsFiles.summaryJSON(summary).rendered())
            try refuseTruncation([summary], allowed: allowTruncation)
            return
        }
        print("\(scenario.name): \(scenario.replications) replications, seed \(scenario.seed), "
            + (summary.controlVariates ? "control variates (busyness, arrivals), " : "")
            + "\(scenario.variants.count == 1 ? "" : "\(scenario.variants.count) variants, ")"
            + "offered load \(fixed(scenario.config.offeredLoadErlangs, 2)) Erlangs on \(scenario.config.agents) agents")
        for name in summary.variantOrder {
            if summary.variantOrder.count > 1 { print("\nvariant \(name)") }
            let variant = summary.variants[name]!
            print(ResultsFiles.table(variant))
            if let goal = scenario.serviceLevelGoal, let sl = variant.serviceLevel {
                print(goalSentence(sl, goal: goal, targetSeconds: scenario.config.serviceLevelTargetSeconds))
            }
        }
        print("wrote " + written.joined(separator: ", "))
        try refuseTruncation([summary], allowed: allowTruncation)
    }
}

/// "service level 98.6 % (±0.12) meets the goal 80.0 % (answered within 20 s)", judged on the CI.
func goalSentence(_ sl: MetricSummary, goal: Double, targetSeconds: Double) -> String {
    let verdict = sl.ciLow >= goal ? "meets" : (sl.ciHigh < goal ? "misses" : "is not distinguishable from")
    let digits = ResultsFiles.supportedDigits(100 * sl.halfWidth)
    return "service level \(fixed(100 * sl.mean, digits)) % (±\(fixed(100 * sl.halfWidth, digits))) \(verdict) the goal "
        + "\(fixed(100 * goal, 1)) % (answered within \(fixed(targetSeconds, 0)) s)"
}
