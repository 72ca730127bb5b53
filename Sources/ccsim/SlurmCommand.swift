import ArgumentParser
import Foundation
import Reporting
import ScenarioFiles

struct SlurmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slurm",
        abstract: "Write (and with --submit, submit) a Slurm job array that runs a scenario in shards and merges them.",
        discussion: """
            Writes into FOLDER (default Results/<name>.slurm/): shards.sbatch, a job array of \
            N tasks each running `ccsim COMMAND SCENARIO --shard-from-env` into \
            FOLDER/shard-I-of-N (log in FOLDER/logs/shard-I.out); shards.list, the shard folders \
            one per line; merge.sbatch, which runs ccsim merge --shard-list FOLDER/shards.list \
            into the results folder (default Results/<name>, a sweep's Results/<name>-sweep); and submit.sh, which \
            submits the array and then the merge with --dependency=afterok on it. --submit \
            calls sbatch itself and prints the job ids. A failed task is re-run on its own \
            with sbatch --array=I FOLDER/shards.sbatch: it writes the same shard. The same \
            command runs on AWS Batch (AWS_BATCH_JOB_ARRAY_INDEX) or Kubernetes Indexed Jobs \
            (JOB_COMPLETION_INDEX) with --shard-count N (README, "Scaling out"). Every value \
            written into a script is shell-quoted; --partition, --time and the folders (which \
            sbatch reads from #SBATCH lines) are refused when they hold control characters, \
            spaces or quotes.

            Example: ccsim slurm Scenarios/ivr-depth.yaml --shards 4 --command sweep --submit
                     ccsim slurm Scenarios/routing-policies.yaml --shards 8 -- --all-pairs
            """
    )

    @Argument(help: "Scenario file (YAML).")
    var scenario: String

    @Option(help: "Number of shards (array tasks).")
    var shards: Int

    @Option(help: "run, compare or sweep (default: sweep with a sweep: block, compare with variants, else run).")
    var command: String?

    @Option(help: "Folder for the scripts, logs and shards (default: Results/<name>.slurm).")
    var folder: String?

    @Option(help: "Results folder the merge writes (default: Results/<name>, a sweep's Results/<name>-sweep).")
    var out: String?

    @Option(help: "Slurm partition (default: the cluster's default).")
    var partition: String?

    @Option(help: "Time limit per task, as Slurm takes it (e.g. 30:00, 2:00:00).")
    var time: String?

    @Option(help: "CPUs per task (each shard runs that many replications in parallel).")
    var cpusPerTask = 1

    @Flag(help: "Submit the array and the merge with sbatch and print their job ids.")
    var submit = false

    @Argument(parsing: .postTerminator, help: "Further options for the command after --, e.g. -- --replications 200 --all-pairs.")
    var extra: [String] = []

    func validate() throws {
        if !(1...100_000).contains(shards) { throw ValidationError("--shards: must be in 1...100000 (got \(shards))") }
        if cpusPerTask < 1 { throw ValidationError("--cpus-per-task: must be ≥ 1 (got \(cpusPerTask))") }
        if let command, !["run", "compare", "sweep"].contains(command) {
            throw ValidationError("--command: run, compare or sweep (got \(command))")
        }
        for word in extra where ["--shard", "--shard-from-env", "--shard-count", "--out", "--jobs", "--trace"].contains(word) {
            throw ValidationError("\(word): set by the scripts, not after --")
        }
        for word in extra + [scenario] + [out, folder].compactMap({ $0 }) where word.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw ValidationError("\(word.debugDescription.prefix(200)): holds a control character (newline, CR, …); refused in a script")
        }
        if let partition, partition.isEmpty || !partition.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "_.,-".contains($0)) }) {
            throw ValidationError("--partition: letters, digits and _ . , - only (got \(partition.debugDescription.prefix(200)))")
        }
        if let time, time.isEmpty || !time.allSatisfy({ $0.isASCII && ($0.isNumber || ":-".contains($0)) }) {
            throw ValidationError("--time: as Slurm takes it, e.g. 30:00, 2:00:00 or 1-12:00:00 (got \(time.debugDescription.prefix(200)))")
        }
    }

    func run() throws {
        let (loaded, _) = try loadScenarioOrExit(scenario)
        let command = self.command ?? (loaded.sweep != nil ? "sweep" : (loaded.variants.count > 1 ? "compare" : "run"))
        let folder = PathParts.absolute(self.folder ?? "Results/\(loaded.name).slurm")
        let results = PathParts.absolute(resultsFolder(out, name: loaded.name, suffix: command == "sweep" ? "-sweep" : ""))
        // sbatch reads #SBATCH lines itself (no shell): paths written there hold no blank or quote.
        for (option, path) in [("--folder", folder), ("the current folder", FileManager.default.currentDirectoryPath)]
            where path.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0 == " " || $0 == "\"" || $0 == "'" || $0 == "\\" || $0 == "\t" }) {
            printError("ccsim slurm: \(option) \(path.debugDescription.prefix(200)) holds a space, quote, backslash or control "
                + "character, which #SBATCH lines cannot carry; choose another folder")
            throw ExitCodes.badInput
        }
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? PathParts.absolute(CommandLine.arguments[0])
        let quoted = ([executable, command, PathParts.absolute(scenario)] + extra).map(shellQuoted).joined(separator: " ")
        var header = ["#SBATCH --chdir=\(shellQuoted(FileManager.default.currentDirectoryPath))"]
        if let partition { header.append("#SBATCH --partition=\(partition)") }
        if let time { header.append("#SBATCH --time=\(time)") }
        let shardsScript = """
            #!/bin/bash
            # ccsim shards of \(loaded.name): one array task per shard (re-run one: sbatch --array=I \(folder)/shards.sbatch).
            #SBATCH --job-name=ccsim-\(loaded.name)
            #SBATCH --array=0-\(shards - 1)
            #SBATCH --cpus-per-task=\(cpusPerTask)
            #SBATCH --output=\(folder)/logs/shard-%a.out
            \(header.joined(separator: "\n"))
            set -euo pipefail
            exec \(quoted) --shard-from-env --shard-count \(shards) --jobs \(cpusPerTask) \\
              --out \(shellQuoted(folder))/shard-"$SLURM_ARRAY_TASK_ID"-of-\(shards)

            """
        // The shard folders go in a file, not on merge's command line: 100,000 of them would pass
        // Slurm's script size (4 MB) and the kernel's argument limit.
        let shardList = (0..<shards).map { "\(folder)/shard-\($0)-of-\(shards)\n" }.joined()
        let mergeScript = """
            #!/bin/bash
            # ccsim merge of \(loaded.name): after every shard succeeded (submit.sh: --dependency=afterok).
            #SBATCH --job-name=ccsim-\(loaded.name)-merge
            #SBATCH --output=\(folder)/logs/merge.out
            \(header.joined(separator: "\n"))
            set -euo pipefail
            exec \(shellQuoted(executable)) merge --shard-list \(shellQuoted(folder + "/shards.list")) --out \(shellQuoted(results))

            """
        let submitScript = """
            #!/bin/bash
            # Submits the shards of \(loaded.name) as a job array, then their merge once all succeeded.
            set -euo pipefail
            array=$(sbatch --parsable \(shellQuoted(folder + "/shards.sbatch")))
            merge=$(sbatch --parsable --dependency=afterok:"${array%%;*}" \(shellQuoted(folder + "/merge.sbatch")))
            echo "shards: job ${array%%;*} (array 0-\(shards - 1)); merge: job ${merge%%;*}; results in "\(shellQuoted(results))

            """
        do {
            try FileManager.default.createDirectory(atPath: folder + "/logs", withIntermediateDirectories: true)
            for (name, text) in [("shards.list", shardList), ("shards.sbatch", shardsScript), ("merge.sbatch", mergeScript),
                                 ("submit.sh", submitScript)] {
                try AtomicFiles.write([(path: folder + "/" + name, contents: text)])
                if name != "shards.list" { chmod(folder + "/" + name, 0o755) }
            }
        } catch {
            printError("ccsim slurm: \(folder): \(error)")
            throw ExitCodes.runtimeFailure
        }
        print("wrote \(folder)/shards.sbatch (\(shards) array tasks: ccsim \(command) --shard-from-env), \(folder)/shards.list, "
            + "\(folder)/merge.sbatch, \(folder)/submit.sh")
        guard submit else {
            print("submit with: bash \(folder)/submit.sh")
            return
        }
        let array = try sbatch(["--parsable", folder + "/shards.sbatch"])
        let merge = try sbatch(["--parsable", "--dependency=afterok:\(array)", folder + "/merge.sbatch"])
        print("submitted: shards job \(array) (array 0-\(shards - 1)), merge job \(merge); results in \(results)")
    }

    /// Runs sbatch and returns the job id it printed (`--parsable`: "id" or "id;cluster").
    func sbatch(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sbatch"] + arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do { try process.run() } catch {
            printError("ccsim slurm: cannot run sbatch (\(error)); is Slurm installed?")
            throw ExitCodes.runtimeFailure
        }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let problem = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let id = text.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
        guard process.terminationStatus == 0, !id.isEmpty, id.allSatisfy(\.isNumber) else {
            printError("ccsim slurm: sbatch \(arguments.joined(separator: " ")) failed: \(problem.trimmingCharacters(in: .whitespacesAndNewlines))")
            throw ExitCodes.runtimeFailure
        }
        return id
    }
}

/// `word` quoted for bash when it holds anything but letters, digits and `/._-=:,+@%`.
func shellQuoted(_ word: String) -> String {
    let safe = word.allSatisfy { $0.isLetter || $0.isNumber || "/._-=:,+@%".contains($0) }
    return safe && !word.isEmpty ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
}
