import ArgumentParser
import Experiments
import Foundation
import Reporting
import ScenarioFiles
import Workflows

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Compare scenarios' pinned figures with their baselines (for CI).",
        discussion: """
            Runs each scenario that has a check: block with its own seed and replications \
            and compares the metrics it names with Results/baselines/<name>.json. The same \
            model and seed reproduce every figure bit for bit: first the digest of all \
            pinned figures is compared ("reproduced exactly"). A figure that moved passes \
            only within 3 standard errors of the difference, paired by replication (about \
            3·√2 standard errors of the figure after a deliberate re-roll of the streams, far \
            less when the streams are the same and the model changed; "moved within \
            noise", a warning) or within the tolerance \
            its check: block gives (absolute, relative, or ci: k = k times the baseline's \
            95 % half-width). --exact fails on any change (make test uses it). Prints a \
            table and exits 1 if any figure failed. --update rewrites the baselines and says \
            which figures changed.

            Example: ccsim check --exact    (every Scenarios/*.yaml with a check: block)
                     ccsim check --junit check.xml   (also a JUnit report for a CI server)
                     ccsim check --update Scenarios/bank-hotline.yaml
            """
    )

    @Argument(help: "Scenario files (default: every Scenarios/*.yaml with a check: block).")
    var scenarios: [String] = []

    @Flag(help: "Rewrite the baselines from this run instead of comparing.")
    var update = false

    @Flag(help: "Fail when any pinned figure is not reproduced bit for bit (no tolerance).")
    var exact = false

    @Option(help: "Folder of baseline files.")
    var baselines = "Results/baselines"

    @Option(help: "Parallel replications (default: all cores).")
    var jobs: Int = availableCores

    @Option(help: "Also write the check as a JUnit XML report to this file (one test case per pinned figure), for CI servers.")
    var junit: String?

    @Flag(help: "Print every pinned figure's verdict as JSON instead of the table.")
    var json = false

    func validate() throws {
        if jobs < 1 { throw ValidationError("--jobs: must be ≥ 1 (got \(jobs))") }
    }

    func run() throws {
        let explicit = !scenarios.isEmpty
        var files = scenarios
        if !explicit {
            let listed = (try? FileManager.default.contentsOfDirectory(atPath: "Scenarios")) ?? []
            files = listed.filter { $0.hasSuffix(".yaml") }.sorted().map { "Scenarios/\($0)" }
        }
        var loaded: [(file: String, scenario: Scenario, spec: CheckSpec)] = []
        var bad = false
        for file in files {
            do {
                let scenario = try ScenarioLoader.load(file: file)
                if let spec = scenario.check {
                    loaded.append((file, scenario, spec))
                } else if explicit {
                    printError("\(file): has no check: block (nothing to compare)")
                    bad = true
                }
            } catch let error as ScenarioError {
                printError(error.description)
                bad = true
            }
        }
        if bad { throw ExitCodes.badInput }
        if loaded.isEmpty {
            printError("ccsim check: no scenario with a check: block" + (explicit ? "" : " under Scenarios/"))
            throw ExitCodes.badInput
        }

        var rows: [(scenario: String, verdict: CheckVerdict)] = []
        var exactScenarios: [String] = []  // whose digest matched
        for (_, whole, spec) in loaded {
            let scenario = ScenarioCheck.checked(whole, spec: spec)
            let execution = execute(scenario, jobs: jobs, sampleWarning: false)
            let now = ScenarioCheck.figures(execution.summary, results: execution.replications.map(\.result),
                                            variants: execution.replications.map(\.variant), spec: spec)
            let path = "\(baselines)/\(scenario.name).json"
            let previous: Baseline?
            if FileManager.default.fileExists(atPath: path) {
                do {
                    previous = try Baseline.decode(Data(contentsOf: URL(fileURLWithPath: path)), file: path)
                } catch {
                    printError("\(error)")
                    throw ExitCodes.runtimeFailure
                }
            } else {
                previous = nil
            }
            if update {
                try write(now, to: path, previous: previous)
                continue
            }
            // The digest of every pinned figure first: identical means reproduced exactly.
            if let previous, previous.digest == ResultsFiles.baselineDigest(now) { exactScenarios.append(scenario.name) }
            rows += ScenarioCheck.verdicts(now, baseline: previous, spec: spec, exact: exact).map { (scenario.name, $0) }
        }
        if update { return }
        print(json ? ResultsFiles.checkJSON(rows).rendered() : ResultsFiles.checkTable(rows))
        if let junit {
            do { try AtomicFiles.write([(path: junit, contents: JUnitFile.xml(rows))]) } catch {
                printError("ccsim check: --junit \(junit): \(error)")
                throw ExitCodes.runtimeFailure
            }
        }
        let failed = rows.filter { !$0.verdict.passed }
        let moved = rows.filter { $0.verdict.outcome == .movedWithinNoise || $0.verdict.outcome == .movedWithinTolerance }
        for (scenario, v) in moved {
            printError("warning: \(scenario) \(v.variant) \(v.metric) moved within \(v.outcome == .movedWithinNoise ? "noise" : "its tolerance") "
                + "(not reproduced exactly): if the model changed on purpose, ccsim check --update \(scenario)")
        }
        if failed.isEmpty {
            let exactCount = rows.count - moved.count
            (json ? printError : { print($0) })("check passed: \(rows.count) figures of \(loaded.count) scenario(s); \(exactCount) reproduced exactly"
                + (moved.isEmpty ? "" : ", \(moved.count) moved within noise or tolerance (warnings above)")
                + (exactScenarios.isEmpty ? "" : "; digest identical for " + exactScenarios.joined(separator: ", ")))
        } else {
            let names = Set(failed.map { "\($0.scenario) \($0.verdict.metric)" }).sorted().joined(separator: ", ")
            printError("check FAILED: \(failed.count) of \(rows.count) figures " + (exact ? "not reproduced exactly" : "moved beyond tolerance")
                + " (\(names))")
            throw ExitCodes.runtimeFailure
        }
    }

    /// Writes a baseline and says what changed.
    func write(_ now: Baseline, to path: String, previous: Baseline?) throws {
        do {
            try AtomicFiles.write([(path: path, contents: ResultsFiles.baselineJSON(now).rendered() + "\n")])
        } catch {
            printError("ccsim check: \(error)")
            throw ExitCodes.runtimeFailure
        }
        guard let previous else {
            print("\(path): created")
            return
        }
        var changed: [String] = []
        for (variant, metrics) in now.variants.sorted(by: { $0.key < $1.key }) {
            for (metric, m) in metrics.sorted(by: { $0.key < $1.key }) {
                let old = previous.variants[variant]?[metric]?.summary
                if old?.mean != m.summary.mean && !(old?.mean.isNaN == true && m.summary.mean.isNaN) {
                    changed.append("\(variant).\(metric) \(old.map { JSON.format($0.mean) } ?? "-") → \(JSON.format(m.summary.mean))")
                }
            }
        }
        print("\(path): " + (changed.isEmpty ? "unchanged" : "updated: " + changed.joined(separator: "; ")))
    }
}
