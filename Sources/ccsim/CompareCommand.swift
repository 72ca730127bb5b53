import ArgumentParser
import Experiments
import Reporting
import ScenarioFiles

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Run every variant of a scenario on the same random numbers and compare them.",
        discussion: """
            Runs the variants declared under variants: with common random numbers \
            (replication r of every variant uses the same streams), writes each variant's \
            metrics and the paired differences variant − baseline (the first variant, or \
            --baseline NAME; every pair with --all-pairs) to Results/<name>/summary.json, \
            and prints them side by side. A difference marked * survives Holm's correction \
            over every difference shown (family-wise error ≤ 5 %); summary.json and \
            summary.csv give each one's p-value. --precision P (or the scenario's \
            precision:) runs batches until every headline rate and paired difference has a \
            95 % half-width of at most P.

            Example: ccsim compare Scenarios/bank-hotline.yaml
                     ccsim compare Scenarios/routing-policies.yaml --all-pairs
            """
    )

    @OptionGroup var options: ScenarioRunOptions
    @OptionGroup var tracing: TraceOptions
    @OptionGroup var sharding: ShardOptions
    @OptionGroup var precision: PrecisionOptions

    @Option(help: "The variant the others are compared with (default: the first).")
    var baseline: String?

    @Flag(help: "Compare every pair of variants (later − earlier) instead of each with the baseline.")
    var allPairs = false

    func validate() throws {
        if allPairs && baseline != nil { throw ValidationError("--baseline and --all-pairs: give one of them") }
    }

    func run() throws {
        let (scenario, bytes) = try options.load(command: "compare")
        guard scenario.variants.count >= 2 else {
            printError("\(options.scenario): compare needs at least two variants (declare them under variants:)")
            throw ExitCodes.badInput
        }
        if let baseline, !scenario.variants.contains(where: { $0.name == baseline }) {
            let names = scenario.variants.map(\.name)
            printError("--baseline: no variant is named \"\(baseline)\"\(Suggestion.hint(for: baseline, in: names)) "
                + "(variants: \(names.joined(separator: ", ")))")
            throw ExitCodes.badInput
        }
        let pairs: ComparisonPairs = allPairs ? .allPairs : .baseline(baseline ?? scenario.variants[0].name)
        let goal = try precision.resolve(scenario, replicationsGiven: options.replications != nil)
        if let shard = try sharding.resolve() {
            try tracing.refuseWithShards()
            try precisionForShards(precision, goal: goal, scenario: scenario)
            try runShard(shard, command: "compare", options: ["command": .string("compare"), "comparison": .string(Self.text(pairs)),
                                                                     "control_variates": .bool(options.controlVariates(scenario))],
                         scenario: scenario, bytes: bytes, scenarioFile: options.scenario,
                         configs: scenario.variants.map(\.config), jobs: options.jobs, out: options.out)
            return
        }
        let (execution, ran, written) = try executeAndWrite(scenario, command: "compare", bytes: bytes, options: options, precision: goal,
                                                            pairs: pairs, tracing: tracing)
        try Self.report(execution.summary, scenario: ran, written: written, json: options.json,
                        allowTruncation: options.allowTruncation)
    }

    /// `baseline:NAME` or `all_pairs` (a shard's options), and back.
    static func text(_ pairs: ComparisonPairs) -> String {
        if case .baseline(let name) = pairs { return "baseline:" + name }
        return pairs == .allPairs ? "all_pairs" : "none"
    }

    static func pairs(_ text: String) -> ComparisonPairs {
        text.hasPrefix("baseline:") ? .baseline(String(text.dropFirst(9))) : (text == "all_pairs" ? .allPairs : .none)
    }

    /// Prints the comparison table (or summary.json), the files written, and refuses truncation.
    static func report(_ summary: RunSummary, scenario: Scenario, written: [String], json: Bool, allowTruncation: Bool) throws {
        if json {
            print(ResultsFiles.summaryJSON(summary).rendered())
            try refuseTruncation([summary], allowed: allowTruncation)
            return
        }
        print("\(scenario.name): \(scenario.variants.count) variants × \(scenario.replications) replications, "
            + "seed \(scenario.seed), common random numbers" + (summary.controlVariates ? ", control variates (busyness, arrivals)" : "")
            + "; " + (summary.baseline.map { "baseline \($0)" } ?? "every pair"))
        print("")
        print(ResultsFiles.comparisonTable(summary))
        print("")
        print("mean ± 95 % half-width over replications (ratio of sums, delta method); Δ vs A: this variant − A, "
            + "paired by replication")
        print(ResultsFiles.holmFooter(summary))
        for d in summary.differences {
            print("verdict: " + Verdict.sentence(variant: d.variant, baseline: d.baseline, figures: d.metrics.mapValues {
                Verdict.Figure(mean: $0.interval.mean, significant: $0.survivesHolm)
            }))
        }
        if let goal = scenario.serviceLevelGoal {
            for name in summary.variantOrder {
                if let sl = summary.variants[name]?.serviceLevel {
                    print("\(name): " + goalSentence(sl, goal: goal, targetSeconds: scenario.config.serviceLevelTargetSeconds))
                }
            }
        }
        print("wrote " + written.joined(separator: ", "))
        try refuseTruncation([summary], allowed: allowTruncation)
    }
}
