import Foundation
import XCTest

/// `--shard I/N` and `ccsim merge`: the merged folder equals the run on one machine byte
/// for byte, for every subcommand and uneven splits; bad sets of shards are refused.
final class ShardMergeTests: XCTestCase {
    var scratch: URL!

    override func setUpWithError() throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("ccsim-shards-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: scratch) }

    func path(_ name: String) -> String { scratch.appendingPathComponent(name).path }

    func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    /// A day in 3 periods with busyness, redials, two variants: intervals.csv and period records.
    func dayScenario() throws -> String { try writeSmallDayScenario(in: scratch, replications: 5, redial: true) }

    /// Runs `arguments` whole and in N = 1, 2, 3 and 7 shards (even shards with --jobs 1,
    /// odd ones with --jobs 2), merges each set (given in reverse order), and compares
    /// `files` byte for byte.
    func assertMergeEqualsWholeRun(_ arguments: [String], files: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        let whole = path("whole-\(arguments[0])")
        let r = try ccsim(arguments + ["--out", whole])
        XCTAssertEqual(r.status, 0, r.stderr, file: file, line: line)
        for n in [1, 2, 3, 7] {
            var folders: [String] = []
            for i in 0..<n {
                let folder = path("\(arguments[0])-\(i)-of-\(n)")
                let s = try ccsim(arguments + ["--shard", "\(i)/\(n)", "--out", folder, "--jobs", "\(1 + i % 2)"])
                XCTAssertEqual(s.status, 0, s.stderr, file: file, line: line)
                folders.append(folder)
            }
            let merged = path("merged-\(arguments[0])-\(n)")
            let m = try ccsim(["merge"] + folders.reversed() + ["--out", merged])
            XCTAssertEqual(m.status, 0, m.stderr, file: file, line: line)
            for name in files {
                XCTAssertEqual(try read(merged + "/" + name), try read(whole + "/" + name), "\(arguments[0]) N = \(n): \(name)",
                               file: file, line: line)
            }
            let manifest = try read(merged + "/manifest.json")
            XCTAssertTrue(manifest.contains("\"merged\"") && manifest.contains("\"command\": \"merge\""), manifest, file: file, line: line)
        }
    }

    func testRunInShardsEqualsOneMachine() throws {
        let file = path("erlang.yaml")
        try """
            name: erlang-small
            seed: 3
            replications: 6
            horizon: {warmup_calls: 100, calls: 2000}
            call_types: [{name: a, arrivals: {per_hour: 600}, service: {exponential: {mean: 180}}, patience: {exponential: {mean: 120}}}]
            agents: [{group: g, count: 31, skills: [a]}]
            """.write(toFile: file, atomically: true, encoding: .utf8)
        try assertMergeEqualsWholeRun(["run", file], files: ["summary.json", "summary.csv", "replications.csv", "waits.csv"])
    }

    /// With control variates: each record carries its day's busyness, and the shards say
    /// the estimates use them.
    func testCompareOfADayInShardsEqualsOneMachine() throws {
        try assertMergeEqualsWholeRun(["compare", try dayScenario(), "--all-pairs", "--control-variates"],
                                      files: ["summary.json", "summary.csv", "replications.csv", "waits.csv", "intervals.csv"])
    }

    func testSweepInShardsEqualsOneMachine() throws {
        let file = try writeCheckedScenario(in: scratch)
        try assertMergeEqualsWholeRun(["sweep", file, "--param", "agents.all.count=10,12", "--replications", "3"],
                                      files: ["sweep.csv", "sweep-meta.json", "replications.csv"])
    }

    /// Missing, duplicated, foreign (another seed) and corrupt shards are refused with a
    /// message naming them (exit 2), and nothing is written.
    func testMergeRefusesBadShardSets() throws {
        let file = try dayScenario()
        var folders: [String] = []
        for i in 0..<3 {
            folders.append(path("s\(i)"))
            XCTAssertEqual(try ccsim(["run", file, "--shard", "\(i)/3", "--out", folders[i]]).status, 0)
        }
        let out = path("merged")
        func refused(_ shards: [String], _ expected: String) throws {
            let r = try ccsim(["merge"] + shards + ["--out", out])
            XCTAssertEqual(r.status, 2, r.stdout + r.stderr)
            XCTAssertTrue(r.stderr.contains(expected) && r.stderr.contains("nothing written"), r.stderr)
            XCTAssertFalse(FileManager.default.fileExists(atPath: out))
        }
        try refused([folders[0], folders[2]], "missing shard 1 of 3")
        try refused(folders + [folders[1]], "shard 1 of 3 is given twice")
        let foreign = path("foreign")
        XCTAssertEqual(try ccsim(["run", file, "--shard", "1/3", "--seed", "6", "--out", foreign]).status, 0)
        try refused([folders[0], foreign, folders[2]], "is not a shard of the same run")
        let records = folders[2] + "/records.csv"
        try (try read(records)).replacingOccurrences(of: ",1,", with: ",2,").write(toFile: records, atomically: true, encoding: .utf8)
        try refused(folders, "records.csv is not the file this run wrote")
        try refused([path("nowhere")], "not a ccsim results folder")
    }

    /// --shard-from-env: Slurm's array variables, AWS Batch's and Kubernetes' with
    /// --shard-count; a shard outside the count or no variable at all is a usage error.
    func testShardFromEnvironment() throws {
        let file = try dayScenario()
        func shard(_ environment: [String: String], _ extra: [String] = []) throws -> Outcome {
            try ccsim(["run", file, "--shard-from-env", "--out", path("env")] + extra, environment: environment)
        }
        var r = try shard(["SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_COUNT": "4"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("shard 2 of 4"), r.stdout)
        // A task re-run alone (sbatch --array=3: min 3, count 1) with --shard-count is still shard 3.
        r = try shard(["SLURM_ARRAY_TASK_ID": "3", "SLURM_ARRAY_TASK_MIN": "3", "SLURM_ARRAY_TASK_COUNT": "1"], ["--shard-count", "4"])
        XCTAssertTrue(r.stdout.contains("shard 3 of 4"), r.stdout + r.stderr)
        r = try shard(["AWS_BATCH_JOB_ARRAY_INDEX": "1"], ["--shard-count", "2"])
        XCTAssertTrue(r.stdout.contains("shard 1 of 2"), r.stdout + r.stderr)
        r = try shard(["JOB_COMPLETION_INDEX": "0"], ["--shard-count", "5"])
        XCTAssertTrue(r.stdout.contains("shard 0 of 5"), r.stdout + r.stderr)
        r = try shard(["JOB_COMPLETION_INDEX": "0"])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("give --shard-count N"), r.stderr)
        r = try shard(["AWS_BATCH_JOB_ARRAY_INDEX": "7"], ["--shard-count", "2"])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("shard 7 is not in 0..<2"), r.stderr)
        r = try shard([:])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("none of SLURM_ARRAY_TASK_ID"), r.stderr)
        r = try ccsim(["run", file, "--shard", "3/3"])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("--shard: expected I/N with 0 ≤ I < N"), r.stderr)
    }

    /// Without --submit, `ccsim slurm` writes the array (one task per shard, its own log,
    /// the options after --), the merge over every shard folder, and the submit script
    /// chaining them with afterok; options the scripts set are refused after --.
    func testSlurmScripts() throws {
        let file = try dayScenario()
        let folder = path("job")
        let r = try ccsim(["slurm", file, "--shards", "3", "--folder", folder, "--out", path("merged"), "--partition", "short",
                           "--time", "10:00", "--cpus-per-task", "2", "--", "--all-pairs"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let shards = try read(folder + "/shards.sbatch"), merge = try read(folder + "/merge.sbatch"), submit = try read(folder + "/submit.sh")
        for line in ["#SBATCH --array=0-2", "#SBATCH --cpus-per-task=2", "#SBATCH --partition=short", "#SBATCH --time=10:00",
                     "#SBATCH --output=\(folder)/logs/shard-%a.out", " compare \(file) --all-pairs --shard-from-env --shard-count 3 --jobs 2",
                     "--out \(folder)/shard-\"$SLURM_ARRAY_TASK_ID\"-of-3"] {
            XCTAssertTrue(shards.contains(line), "\(line) not in\n\(shards)")
        }
        XCTAssertTrue(merge.contains(" merge --shard-list \(folder)/shards.list --out \(path("merged"))"), merge)
        XCTAssertEqual(try read(folder + "/shards.list"), (0..<3).map { "\(folder)/shard-\($0)-of-3\n" }.joined())
        XCTAssertTrue(submit.contains("--dependency=afterok:"), submit)
        let refused = try ccsim(["slurm", file, "--shards", "3", "--", "--out", "x"])
        XCTAssertEqual(refused.status, 2)
        XCTAssertTrue(refused.stderr.contains("--out: set by the scripts"), refused.stderr)
    }

    /// Values from the command line are data in the scripts: `$(…)` and backquotes in
    /// --out stay text when submit.sh runs (with a fake sbatch); newlines in --partition,
    /// --time, --out or the folder are refused before anything is written; 100,000 shards
    /// keep merge.sbatch small (the folders go to shards.list, read by merge --shard-list).
    func testSlurmScriptsQuoteHostileValues() throws {
        let file = try dayScenario()
        let bin = path("bin")
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        try "#!/bin/sh\necho 4242\n".write(toFile: bin + "/sbatch", atomically: true, encoding: .utf8)
        chmod(bin + "/sbatch", 0o755)
        let hostileOut = path("out $(touch \(path("pwned1")))`touch \(path("pwned2"))`'\"; touch \(path("pwned3"))")
        let folder = path("job")
        var r = try ccsim(["slurm", file, "--shards", "2", "--folder", folder, "--out", hostileOut])
        XCTAssertEqual(r.status, 0, r.stderr)
        let submitted = try runProcess("/bin/bash", [folder + "/submit.sh"], in: scratch,
                                       environment: ["PATH": bin + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "")])
        XCTAssertEqual(submitted.status, 0, submitted.stderr)
        XCTAssertTrue(submitted.stdout.contains("results in \(hostileOut)"), submitted.stdout)
        for k in 1...3 { XCTAssertFalse(FileManager.default.fileExists(atPath: path("pwned\(k)")), "pwned\(k)") }
        let merge = try read(folder + "/merge.sbatch")
        let bash = try runProcess("/bin/bash", ["-n", folder + "/merge.sbatch"], in: scratch)
        XCTAssertEqual(bash.status, 0, bash.stderr + merge)
        for (option, value) in [("--partition", "short\n#SBATCH --wrap=id"), ("--time", "10:00\ntouch x"), ("--out", "a\nb"),
                                ("--folder", path("j\nk")), ("--partition", "a b")] {
            r = try ccsim(["slurm", file, "--shards", "2", "--folder", path("refused"), option, value])
            XCTAssertEqual(r.status, 2, "\(option) \(value.debugDescription): \(r.stderr)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: path("refused")), option)
        }
        r = try ccsim(["slurm", file, "--shards", "100000", "--folder", path("big")])
        XCTAssertEqual(r.status, 0, r.stderr)
        let size = try FileManager.default.attributesOfItem(atPath: path("big") + "/merge.sbatch")[.size] as? Int ?? .max
        XCTAssertLessThan(size, 4096)
        XCTAssertEqual(try read(path("big") + "/shards.list").split(separator: "\n").count, 100_000)
    }
}
