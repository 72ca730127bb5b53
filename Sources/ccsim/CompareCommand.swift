import ArgumentParser
import Experiments
import Reporting
import Scenario
import Stochastic

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Run every variant of a scenario on the same random numbers and compare them.",
        discussion: """
            Runs the variants declared under variants: with common random numbers \
            (replication r of every variant uses the same streams), writes each variant's \
            metrics and the paired differences variant − baseline (the first variant) to \
            Results/<name>/summary.json, and prints them side by side. A difference marked \
            * has a 95 % paired interval that excludes 0.

            Example: ccsim compare Scenarios/bank-hotline.yaml
            """
    )

    @OptionGroup var options: ScenarioRunOptions
    @OptionGroup var tracing: TraceOptions

    func run() throws {
        let (scenario, bytes) = try options.load()
        guard scenario.variants.count >= 2 else {
            printError("\(options.scenario): compare needs at least two variants (declare them under variants:)")
            throw ExitCodes.badInput
        }
        try tracing.check(scenario)
        let execution = execute(scenario, jobs: options.jobs, differences: true)
        let summary = execution.summary
        let written = try writeResults(execution, command: "compare", scenario: scenario, scenarioFile: options.scenario,
                                       bytes: bytes, out: options.out)
            + tracing.write(scenario, jobs: options.jobs)
        if options.json {
            print(ResultsFiles.summaryJSON(summary).rendered())
            try refuseTruncation([summary], allowed: options.allowTruncation)
            return
        }
        print("\(scenario.name): \(scenario.variants.count) variants × \(scenario.replications) replications, "
            + "seed \(scenario.seed), common random numbers; baseline \(summary.baseline)")
        print("")
        print(ResultsFiles.comparisonTable(summary))
        print("")
        print("mean ± 95 % half-width over replications; Δ: paired difference from \(summary.baseline); "
            + "* the difference's interval excludes 0")
        if let goal = scenario.serviceLevelGoal {
            for name in summary.variantOrder {
                if let sl = summary.variants[name]?.metrics["service_level"] {
                    print("\(name): " + goalSentence(sl, goal: goal, targetSeconds: scenario.config.serviceLevelTargetSeconds))
                }
            }
        }
        print("wrote " + written.joined(separator: ", "))
        try refuseTruncation([summary], allowed: options.allowTruncation)
    }
}
