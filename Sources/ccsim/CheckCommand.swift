import ArgumentParser
import Experiments
import Foundation
import Reporting
import Scenario

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Compare scenarios' pinned figures with their baselines (for CI).",
        discussion: """
            Runs each scenario that has a check: block with its own seed and replications \
            and compares the metrics it names with Results/baselines/<name>.json: a metric \
            passes when it moved no more than its tolerance (absolute, relative, or ci: k = \
            k times the baseline's 95 % half-width). Prints a table and exits 1 if any \
            figure failed. --update rewrites the baselines and says which figures changed.

            Example: ccsim check            (every Scenarios/*.yaml with a check: block)
                     ccsim check --update Scenarios/bank-hotline.yaml
            """
    )

    @Argument(help: "Scenario files (default: every Scenarios/*.yaml with a check: block).")
    var scenarios: [String] = []

    @Flag(help: "Rewrite the baselines from this run instead of comparing.")
    var update = false

    @Option(help: "Folder of baseline files.")
    var baselines = "Results/baselines"

    @Option(help: "Parallel replications (default: all cores).")
    var jobs: Int = availableCores

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
        for (_, var scenario, spec) in loaded {
            if let only = spec.variants { scenario.variants = scenario.variants.filter { only.contains($0.name) } }
            let summary = execute(scenario, jobs: jobs, differences: false).summary
            let now = Baseline(summary, metrics: spec.metrics.map(\.name), variants: spec.variants)
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
            let tolerances = spec.metrics.map { m -> (name: String, allowed: (MetricSummary) -> Double) in
                switch m.tolerance {
                case .absolute(let x): return (m.name, { _ in x })
                case .relative(let r): return (m.name, { abs($0.mean) * r })
                case .ciWidened(let k): return (m.name, { k * $0.halfWidth })
                }
            }
            rows += BaselineCheck.compare(now, baseline: previous, tolerances: tolerances).map { (scenario.name, $0) }
        }
        if update { return }
        print(ResultsFiles.checkTable(rows))
        let failed = rows.filter { !$0.verdict.passed }
        if failed.isEmpty {
            print("check passed: \(rows.count) figures of \(loaded.count) scenario(s) within tolerance")
        } else {
            let names = Set(failed.map { "\($0.scenario) \($0.verdict.metric)" }).sorted().joined(separator: ", ")
            printError("check FAILED: \(failed.count) of \(rows.count) figures moved beyond tolerance (\(names))")
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
                let old = previous.variants[variant]?[metric]
                if old?.mean != m.mean && !(old?.mean.isNaN == true && m.mean.isNaN) {
                    changed.append("\(variant).\(metric) \(old.map { JSON.format($0.mean) } ?? "-") → \(JSON.format(m.mean))")
                }
            }
        }
        print("\(path): " + (changed.isEmpty ? "unchanged" : "updated: " + changed.joined(separator: "; ")))
    }
}
