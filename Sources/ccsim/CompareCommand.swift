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

    @Argument(help: "Scenario file with variants (YAML).")
    var scenario: String

    @Option(help: "Replications (overrides the scenario's).")
    var replications: Int?

    @Option(help: "Seed, 0...\(StreamID.maxSeed) (overrides the scenario's).")
    var seed: UInt64?

    @Option(help: "Parallel replications (default: all cores).")
    var jobs: Int = availableCores

    @Option(help: "Results folder (default: Results/<scenario name>).")
    var out: String?

    @Flag(help: "Print summary.json to standard output instead of the table.")
    var json = false

    func validate() throws {
        if let r = replications, !(2...ScenarioLimits.maxReplications).contains(r) {
            throw ValidationError("--replications: must be in 2...\(ScenarioLimits.maxReplications) (got \(r))")
        }
        if let s = seed, s > StreamID.maxSeed { throw ValidationError("--seed: must be in 0...\(StreamID.maxSeed) (got \(s))") }
        if jobs < 1 { throw ValidationError("--jobs: must be ≥ 1 (got \(jobs))") }
    }

    func run() throws {
        var (scenario, bytes) = try loadScenarioOrExit(self.scenario)
        guard scenario.variants.count >= 2 else {
            printError("\(self.scenario): compare needs at least two variants (declare them under variants:)")
            throw ExitCodes.badInput
        }
        if let replications { scenario.replications = replications }
        if let seed { scenario.seed = seed }
        let summary = execute(scenario, jobs: jobs, differences: true)
        let written = try writeResults(summary, scenarioFile: self.scenario, bytes: bytes, out: out)
        if json {
            print(ResultsFiles.summaryJSON(summary).rendered())
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
    }
}
