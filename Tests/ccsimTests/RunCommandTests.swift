import Foundation
import XCTest

/// `ccsim run` and `ccsim validate` end to end, through the built executable.
final class RunCommandTests: XCTestCase {
    var scratch: URL!

    override func setUpWithError() throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("ccsim-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: scratch) }

    /// The example, with a shorter horizon so that a debug build runs it quickly.
    func scenario(calls: Int = 40_000, replications: Int = 5) throws -> String {
        let text = """
            name: erlang-a-100
            seed: 1
            replications: \(replications)
            horizon: {warmup_calls: 2000, calls: \(calls)}
            service_level: {target_seconds: 20, goal: 0.8}
            call_types:
              - name: retail
                arrivals: {per_hour: 6000}
                service: {exponential: {mean: 180}}
                patience: {exponential: {mean: 120}}
            agents:
              - group: general
                count: 310
                skills: [retail]
            """
        let path = scratch.appendingPathComponent("example.yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    /// summary.json and summary.csv are byte-identical for --jobs 1, 2 and 3.
    func testResultsAreByteIdenticalForAnyJobs() throws {
        let file = try scenario(calls: 5_000, replications: 4)
        var outputs: [String] = []
        for jobs in [1, 2, 3] {
            let out = scratch.appendingPathComponent("jobs\(jobs)").path
            let r = try ccsim(["run", file, "--jobs", "\(jobs)", "--out", out])
            XCTAssertEqual(r.status, 0, r.stderr)
            outputs.append(try read(out + "/summary.json") + read(out + "/summary.csv"))
            XCTAssertTrue(FileManager.default.fileExists(atPath: out + "/manifest.json"))
        }
        XCTAssertEqual(outputs[0], outputs[1])
        XCTAssertEqual(outputs[0], outputs[2])
    }

    /// `--trace`: one row per call of the first 2 replications with the documented header;
    /// summary.json is byte-identical with and without it and for any --jobs; the measured
    /// rows each end once, answered (with group and agent) or abandoned. Tracing more replications than run exits 2
    /// before anything is written.
    func testTraceWritesOneRowPerCallAndChangesNoResult() throws {
        let file = try scenario(calls: 2_000, replications: 3)
        let plain = scratch.appendingPathComponent("plain").path, traced = scratch.appendingPathComponent("traced").path
        let trace = scratch.appendingPathComponent("calls.csv").path
        XCTAssertEqual(try ccsim(["run", file, "--out", plain]).status, 0)
        let r = try ccsim(["run", file, "--out", traced, "--trace", trace, "--trace-replications", "2", "--jobs", "1"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(try read(traced + "/summary.json"), try read(plain + "/summary.json"))
        let rows = try read(trace).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        XCTAssertEqual(rows[0].joined(separator: ","), "replication,variant,call,attempt,call_type,intent,measured,arrival_seconds,"
            + "ivr_exit_seconds,ivr_outcome,queue_entry_seconds,answer_seconds,abandon_seconds,group,agent,service_start_seconds,"
            + "service_end_seconds,wrap_up_end_seconds,handed_on_seconds,callback_attempts,outcome,skill,handed_on_by_group")
        let body = rows.dropFirst()
        XCTAssertEqual(Set(body.map { $0[0] }), ["0", "1"])
        XCTAssertEqual(body.filter { $0[0] == "0" }.count, 2_000 + 2_000)  // warm-up and measured calls, no redials
        let measured = body.filter { $0[0] == "0" && $0[6] == "1" }
        XCTAssertEqual(measured.count, 2_000)
        let answered = measured.filter { $0[20] == "answered" }, abandoned = measured.filter { $0[20] == "abandoned" }
        XCTAssertEqual(answered.count + abandoned.count, 2_000)  // every call ends answered or abandoned
        XCTAssertTrue(answered.allSatisfy { !$0[11].isEmpty && $0[12].isEmpty && $0[13] == "general" && !$0[14].isEmpty
                && $0[21] == "retail" && $0[22].isEmpty })
        XCTAssertTrue(abandoned.allSatisfy { $0[11].isEmpty && !$0[12].isEmpty && $0[13].isEmpty })
        XCTAssertEqual(try ccsim(["run", file, "--out", traced, "--trace", trace + "2", "--jobs", "2",
                                  "--trace-replications", "2"]).status, 0)
        XCTAssertEqual(try read(trace + "2"), try read(trace))

        let refused = scratch.appendingPathComponent("refused").path
        let bad = try ccsim(["run", file, "--out", refused, "--trace", trace + "3", "--trace-replications", "4"])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.contains("--trace-replications: must be at most the replications run (3; got 4)"), bad.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: refused))
        XCTAssertFalse(FileManager.default.fileExists(atPath: trace + "3"))
    }

    /// One run = one folder state: a run into a folder of earlier results (with figures
    /// drawn from them) leaves only its own; a folder that is not a results folder is
    /// refused before any work (exit 2, untouched).
    func testResultsFolderIsReplacedAsAWhole() throws {
        let file = try scenario(calls: 1_000, replications: 2)
        let out = scratch.appendingPathComponent("results").path
        XCTAssertEqual(try ccsim(["run", file, "--out", out, "--seed", "9"]).status, 0)
        XCTAssertEqual(try ccsim(["plot", out]).status, 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: out + "/plots/waits.svg"))
        XCTAssertEqual(try ccsim(["run", file, "--out", out]).status, 0)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out).sorted(),
                       ["manifest.json", "replications.csv", "summary.csv", "summary.json", "waits.csv"])
        let home = scratch.appendingPathComponent("someone").path
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        try "keep".write(toFile: home + "/notes.txt", atomically: true, encoding: .utf8)
        let refused = try ccsim(["run", file, "--out", home])
        XCTAssertEqual(refused.status, 2)
        XCTAssertTrue(refused.stderr.contains("exists and is not a ccsim results folder (no ccsim manifest.json)"), refused.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: home), ["notes.txt"])
    }

    /// Leftovers of a run that died (its new folder beside the results, a temporary file
    /// inside them) are removed by the next run, which publishes its own results
    /// (the interruption itself: ReportingTests' ResultsFolderTests).
    func testNextRunRemovesADeadRunsLeftovers() throws {
        let file = try scenario(calls: 1_000, replications: 2)
        let out = scratch.appendingPathComponent("results").path
        XCTAssertEqual(try ccsim(["run", file, "--out", out, "--seed", "1"]).status, 0)
        let before = try read(out + "/summary.json")
        let exited = Process()
        exited.executableURL = URL(fileURLWithPath: "/bin/true")
        try exited.run()
        exited.waitUntilExit()
        let dead = exited.processIdentifier
        let leftover = scratch.appendingPathComponent(".results.new-\(dead)").path
        try FileManager.default.createDirectory(atPath: leftover, withIntermediateDirectories: false)
        try "{}".write(toFile: leftover + "/manifest.json", atomically: false, encoding: .utf8)
        try "partial".write(toFile: out + "/.summary.json.tmp-\(dead)", atomically: false, encoding: .utf8)
        XCTAssertEqual(try ccsim(["run", file, "--out", out, "--seed", "3"]).status, 0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: leftover))
        XCTAssertNotEqual(try read(out + "/summary.json"), before)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out).sorted(),
                       ["manifest.json", "replications.csv", "summary.csv", "summary.json", "waits.csv"])
    }

    /// Control variates (the default) on a day with busyness (20 days): summary.json says so and
    /// lists the controls; every estimate but the arrivals' carries the plain half-width it
    /// replaced and the replications factor (plain ÷ controlled half-width)²; the arrivals
    /// are the plain run's; the service level's interval (overall and per period) is
    /// narrower; the results do not depend on --jobs; `--no-control-variates` gives the
    /// plain estimates, and so do 19 days (below `ControlVariates.minimumReplications`),
    /// even with `--control-variates`, and days without busyness unless asked.
    /// (The estimator's arithmetic:
    /// MeasuresTests; its coverage: RatioEstimatorCoverageTests.)
    func testControlVariates() throws {
        let file = try writeSmallDayScenario(in: scratch, replications: 20)
        func summary(_ extra: [String], _ name: String, of scenarioFile: String? = nil) throws -> [String: Any] {
            let out = scratch.appendingPathComponent(name).path
            let r = try ccsim(["run", scenarioFile ?? file, "--out", out] + extra)
            XCTAssertEqual(r.status, 0, r.stderr)
            return try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json"))) as! [String: Any]
        }
        func metrics(_ s: [String: Any]) -> [String: [String: Any]] {
            ((s["variants"] as! [String: Any])["plan"] as! [String: Any])["metrics"] as! [String: [String: Any]]
        }
        let plain = try summary(["--no-control-variates"], "plain"), controlled = try summary(["--jobs", "1"], "cv")
        XCTAssertEqual(plain["estimator"] as? String, "ratio")
        XCTAssertNil(plain["control_variates"])
        XCTAssertEqual(controlled["estimator"] as? String, "ratio_with_control_variates")
        XCTAssertEqual(controlled["control_variates"] as? [String], ["busyness", "offered"])
        let (p, c) = (metrics(plain), metrics(controlled))
        XCTAssertEqual(c["offered"]!["mean"] as? Double, p["offered"]!["mean"] as? Double)
        XCTAssertNil(c["offered"]!["plain_half_width"])
        for name in ["service_level", "abandon_rate", "asa_seconds", "occupancy"] {
            let plainHalfWidth = p[name]!["half_width"] as! Double, halfWidth = c[name]!["half_width"] as! Double
            XCTAssertEqual(c[name]!["plain_half_width"] as? Double, plainHalfWidth, name)
            XCTAssertEqual(c[name]!["replications_factor"] as! Double, (plainHalfWidth / halfWidth) * (plainHalfWidth / halfWidth),
                           accuracy: 1e-9, name)
        }
        XCTAssertLessThan(c["service_level"]!["half_width"] as! Double, p["service_level"]!["half_width"] as! Double)
        let periods = ((controlled["variants"] as! [String: Any])["plan"] as! [String: Any])["periods"] as! [[String: Any]]
        for period in periods {
            let sl = (period["metrics"] as! [String: [String: Any]])["service_level"]!
            XCTAssertLessThan(sl["half_width"] as! Double, sl["plain_half_width"] as! Double)
        }
        let again = scratch.appendingPathComponent("cv2").path
        XCTAssertEqual(try ccsim(["run", file, "--out", again, "--control-variates", "--jobs", "2"]).status, 0)
        XCTAssertEqual(try read(again + "/summary.json"), try read(scratch.appendingPathComponent("cv").path + "/summary.json"))
        let few = try summary(["--control-variates", "--replications", "19"], "few")
        XCTAssertEqual(few["estimator"] as? String, "ratio")
        XCTAssertNil(metrics(few)["service_level"]!["plain_half_width"])
        // Without busyness: the arrivals of a time window are a control only when asked;
        // a horizon of calls has none (its arrivals are fixed), so the estimates stay plain.
        let steady = try scenario(calls: 2_000, replications: 20)
        XCTAssertEqual(try summary(["--control-variates"], "calls", of: steady)["estimator"] as? String, "ratio")
        try String(contentsOfFile: steady, encoding: .utf8)
            .replacingOccurrences(of: "{warmup_calls: 2000, calls: 2000}", with: "{warmup_seconds: 300, seconds: 1200}")
            .write(toFile: steady, atomically: true, encoding: .utf8)
        for (extra, estimator) in [([String](), "ratio"), (["--control-variates"], "ratio_with_control_variates")] {
            XCTAssertEqual(try summary(extra, "steady\(extra.count)", of: steady)["estimator"] as? String, estimator, extra.description)
        }
    }

    /// `--precision`: batches of the scenario's replications (5) until every headline rate's
    /// half-width (and each paired difference's) is within P; the results are those of a
    /// run of that many replications byte for byte, whatever --jobs; the manifest and the
    /// output say how many and why it stopped; --max-replications stops it short (and
    /// says so); a scenario's precision: is used unless --replications fixes the number;
    /// shards refuse --precision (exit 2).
    func testPrecision() throws {
        let file = try writeSmallDayScenario(in: scratch, replications: 5)
        let out = scratch.appendingPathComponent("p").path
        let r = try ccsim(["compare", file, "--out", out, "--precision", "0.05", "--jobs", "1"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/manifest.json"))) as! [String: Any]
        let precision = manifest["precision"] as! [String: Any]
        let n = precision["replications"] as! Int
        XCTAssertEqual(precision["reached"] as? Bool, true)
        XCTAssertEqual(precision["batch"] as? Int, 5)
        XCTAssertEqual(n % 5, 0)
        XCTAssertGreaterThan(n, 5, "one batch is not enough for ±5 points here")
        XCTAssertLessThanOrEqual((precision["widest"] as! [String: Any])["half_width"] as! Double, 0.05)
        XCTAssertTrue(r.stdout.contains("precision: every headline rate within ±5.00 points after \(n) replications (batches of 5)"), r.stdout)
        XCTAssertTrue(r.stdout.contains("verdict: more vs plan: better on service level (+"), r.stdout)  // more agents
        // The same as a run of n replications (and the batch before it did not reach the precision).
        let fixed = scratch.appendingPathComponent("fixed").path
        XCTAssertEqual(try ccsim(["compare", file, "--out", fixed, "--replications", "\(n)", "--jobs", "2"]).status, 0)
        XCTAssertEqual(try read(out + "/summary.json"), try read(fixed + "/summary.json"))
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: fixed + "/summary.json"))) as! [String: Any]
        XCTAssertEqual(summary["replications"] as? Int, n)
        // Stopped short by --max-replications.
        let short = try ccsim(["run", file, "--out", scratch.appendingPathComponent("short").path, "--precision", "0.001",
                               "--max-replications", "12"])
        XCTAssertEqual(short.status, 0, short.stderr)
        XCTAssertTrue(short.stdout.contains("precision NOT reached: stopped at 10 replications (--max-replications 12) (batches of 5)"),
                      short.stdout)
        // A scenario's precision: (and --replications setting it aside).
        let declared = scratch.appendingPathComponent("declared.yaml").path
        try (try read(file)).replacingOccurrences(of: "replications: 5\n", with: "replications: 5\nprecision: {half_width: 0.05}\n")
            .write(toFile: declared, atomically: true, encoding: .utf8)
        let fromFile = try ccsim(["compare", declared, "--out", scratch.appendingPathComponent("d").path])
        XCTAssertTrue(fromFile.stdout.contains("after \(n) replications"), fromFile.stdout)
        let setAside = try ccsim(["compare", declared, "--out", scratch.appendingPathComponent("e").path, "--replications", "10"])
        XCTAssertFalse(setAside.stdout.contains("precision"), setAside.stdout)
        XCTAssertTrue(setAside.stdout.contains("10 replications"), setAside.stdout)
        // Refused: with shards; --max-replications without a precision; a bad precision: block.
        let sharded = try ccsim(["run", file, "--precision", "0.05", "--shard", "0/2", "--out", scratch.appendingPathComponent("s").path])
        XCTAssertEqual(sharded.status, 2)
        XCTAssertTrue(sharded.stderr.contains("--precision: shards run a fixed number of replications"), sharded.stderr)
        XCTAssertEqual(try ccsim(["run", file, "--max-replications", "50"]).status, 2)
        try (try read(file)).replacingOccurrences(of: "replications: 5\n", with: "replications: 5\nprecision: {half_width: 2, max_replications: 3}\n")
            .write(toFile: declared, atomically: true, encoding: .utf8)
        let bad = try ccsim(["run", declared])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.contains("precision.half_width: must be in (0, 1)"), bad.stderr)
    }

    /// The shipped staffing day's first 20 days (seed 11) are light: a warning says how far their
    /// mean arrivals are from what the rates give (once: both variants see the same days);
    /// on 200 days (the same seed) they are not, and nothing is said.
    func testLightSampleIsFlagged() throws {
        let file = CheckCommandTests.repository.appendingPathComponent("Scenarios/staffing-day.yaml").path
        let light = try ccsim(["run", file, "--replications", "20", "--out", scratch.appendingPathComponent("l").path])
        XCTAssertEqual(light.status, 0, light.stderr)
        let warning = "warning: base: the 20 simulated replications average 7246 arrivals against the 7981 the rates give "
            + "(-9.2 %, -2.6 standard errors): the figures describe lighter days than the scenario's"
        XCTAssertTrue(light.stderr.contains(warning), light.stderr)
        XCTAssertEqual(light.stderr.components(separatedBy: "simulated replications average").count - 1, 1)
        let more = try ccsim(["run", file, "--replications", "200", "--out", scratch.appendingPathComponent("m").path])
        XCTAssertEqual(more.status, 0, more.stderr)
        XCTAssertFalse(more.stderr.contains("simulated replications average"), more.stderr)
    }

    /// Each command keeps to its own default folder: run (Results/<name>), staff
    /// (-staff) and the planned scenario staff writes (named <name>-planned) leave each
    /// other's files alone; staff refuses run's folder as --out before any work (exit 2),
    /// and replaces it with --force.
    func testCommandsKeepTheirOwnFolders() throws {
        let file = try writeSmallDayScenario(in: scratch, replications: 3)
        let binary = ccsimExecutable().path
        func ccsimHere(_ arguments: [String]) throws -> Outcome { try runProcess(binary, arguments, in: scratch) }
        func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: scratch.appendingPathComponent(path).path) }
        XCTAssertEqual(try ccsimHere(["run", file]).status, 0)
        let staff = try ccsimHere(["staff", file, "--no-simulation", "--write-scenario", "planned.yaml"])
        XCTAssertEqual(staff.status, 0, staff.stderr)
        XCTAssertTrue(exists("Results/small-day/summary.json") && exists("Results/small-day-staff/staffing.csv"))
        XCTAssertTrue(staff.stdout.contains("named small-day-planned"), staff.stdout)
        XCTAssertEqual(try ccsimHere(["run", "planned.yaml"]).status, 0)
        XCTAssertTrue(exists("Results/small-day-planned/summary.json") && exists("Results/small-day/summary.json"))
        let refused = try ccsimHere(["staff", file, "--out", "Results/small-day"])
        XCTAssertEqual(refused.status, 2)
        XCTAssertTrue(refused.stderr.contains("--out Results/small-day: holds the results of `ccsim run`, another command's: not replaced "
                                              + "(--force replaces them)"), refused.stderr)
        XCTAssertTrue(exists("Results/small-day/summary.json"))
        XCTAssertEqual(try ccsimHere(["staff", file, "--no-simulation", "--out", "Results/small-day", "--force"]).status, 0)
        XCTAssertTrue(exists("Results/small-day/staffing.csv") && !exists("Results/small-day/summary.json"))
        // staff --json: the plan per period as JSON on standard output.
        let json = try ccsimHere(["staff", file, "--no-simulation", "--json", "--out", "Results/small-day-staff"])
        XCTAssertEqual(json.status, 0, json.stderr)
        let plan = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        let periods = plan["periods"] as! [[String: Any]]
        XCTAssertEqual(periods.map { $0["start"] as? String }, ["09:00", "09:30", "10:00"])
        XCTAssertTrue(periods.allSatisfy { ($0["erlang_a"] as? Int).map { $0 > 0 } ?? false }, "\(periods)")
        // run and compare share a folder.
        XCTAssertEqual(try ccsimHere(["compare", file, "--out", "Results/small-day-planned"]).status, 0)
    }

    /// The example agrees with Erlang A (P(wait) 0.2629, SL 0.9862, abandonment 0.01182,
    /// ASA 1.382 s) inside the 99.99 % interval over its 10 replications (t quantile with 9
    /// degrees of freedom: 6.5937; from the 95 % half-width, whose t is 2.2622).
    func testExampleAgreesWithErlangA() throws {
        let file = try scenario(replications: 10)
        let r = try ccsim(["run", file, "--json", "--out", scratch.appendingPathComponent("r").path])
        XCTAssertEqual(r.status, 0, r.stderr)
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        let metrics = ((json["variants"] as! [String: Any])["base"] as! [String: Any])["metrics"] as! [String: [String: Double]]
        let widen = 6.5937 / 2.2622
        for (metric, erlangA) in [("p_wait", 0.26293), ("service_level", 0.98621), ("abandon_rate", 0.011825),
                                  ("asa_seconds", 1.3819), ("occupancy", 0.95630)] {
            let m = metrics[metric]!
            XCTAssertEqual(m["mean"]!, erlangA, accuracy: widen * m["half_width"]!, metric)
            XCTAssertEqual(m["n"], 10)
        }
        XCTAssertEqual(json["scenario"] as? String, "erlang-a-100")
    }

    /// manifest.json says which command made the folder, with every argument, from which
    /// commit, when, and lists each file with its SHA-256 (what `plot` checks).
    func testManifestRecordsTheCommandAndItsFiles() throws {
        let file = try scenario(calls: 1_000, replications: 2)
        let out = scratch.appendingPathComponent("m").path
        XCTAssertEqual(try ccsim(["run", file, "--out", out, "--seed", "7"]).status, 0)
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/manifest.json"))) as! [String: Any]
        XCTAssertEqual(manifest["command"] as? String, "run")
        XCTAssertEqual(manifest["arguments"] as? [String], ["run", file, "--out", out, "--seed", "7"])
        XCTAssertEqual(manifest["seed"] as? Int, 7)
        XCTAssertEqual(manifest["replications"] as? Int, 2)
        for key in ["scenario_sha256", "ccsim_version", "gsl_version", "started_utc", "finished_utc"] {
            XCTAssertNotNil(manifest[key] as? String, key)
        }
        // Built in a checkout (as `make test` does): its commit, 40 hex digits, then -dirty
        // when tracked files differ; built elsewhere: none.
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while folder.path != "/" && !FileManager.default.fileExists(atPath: folder.appendingPathComponent(".git").path) {
            folder = folder.deletingLastPathComponent()
        }
        if folder.path == "/" {
            XCTAssertNil(manifest["git_commit"])
        } else {
            let commit = try XCTUnwrap(manifest["git_commit"] as? String)
            XCTAssertTrue(commit.prefix(40).allSatisfy(\.isHexDigit) && [40, 46].contains(commit.count), commit)
        }
        let files = try XCTUnwrap(manifest["files"] as? [String: String])
        XCTAssertEqual(files.keys.sorted(), ["replications.csv", "summary.csv", "summary.json", "waits.csv"])
        XCTAssertTrue(files.values.allSatisfy { $0.count == 64 })
    }

    /// replications.csv holds every replication's numerator and denominator of every
    /// metric (and of every period's); summing them in replication order and dividing
    /// reproduces each mean of summary.json bit for bit, and each paired difference too.
    func testReplicationsFileReproducesTheSummary() throws {
        let file = try writeSmallDayScenario(in: scratch, replications: 4)
        let out = scratch.appendingPathComponent("day").path
        let r = try ccsim(["compare", file, "--out", out])
        XCTAssertEqual(r.status, 0, r.stderr)
        var sums: [String: (numerator: Double, denominator: Double)] = [:]  // "variant|period|metric"
        let lines = try read(out + "/replications.csv").split(separator: "\n")
        XCTAssertEqual(lines.first, "variant,point,replication,period,metric,numerator,denominator")
        var replicationsSeen = Set<String>()
        for line in lines.dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            XCTAssertEqual(f.count, 7, String(line))
            let key = "\(f[0])|\(f[3])|\(f[4])"
            let s = sums[key] ?? (0, 0)
            sums[key] = (s.numerator + Double(f[5])!, s.denominator + Double(f[6])!)
            replicationsSeen.insert(f[2])
        }
        XCTAssertEqual(replicationsSeen, ["0", "1", "2", "3"])
        let summary = try JSONDecoder().decode(SummaryFile.self, from: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json")))
        XCTAssertEqual(summary.estimator, "ratio")
        func ratio(_ key: String) -> Double? {
            sums[key].map { $0.denominator > 0 ? $0.numerator / $0.denominator : .nan }
        }
        var checked = 0
        for (variant, v) in summary.variants {
            for (metric, m) in v.metrics {
                let recomputed = try XCTUnwrap(ratio("\(variant)||\(metric)"), "\(variant) \(metric)")
                XCTAssertEqual((m.mean ?? .nan).bitPattern, recomputed.bitPattern, "\(variant) \(metric)")
                checked += 1
            }
            XCTAssertEqual(v.periods?.count, 3)
            for p in v.periods ?? [] {
                for (metric, m) in p.metrics {
                    let recomputed = try XCTUnwrap(ratio("\(variant)|\(p.period)|\(metric)"), "\(variant) \(p.period) \(metric)")
                    XCTAssertEqual((m.mean ?? .nan).bitPattern, recomputed.bitPattern, "\(variant) period \(p.period) \(metric)")
                    checked += 1
                }
            }
        }
        for (metric, d) in summary.differences?["more-minus-plan"] ?? [:] {
            let difference = ratio("more||\(metric)")! - ratio("plan||\(metric)")!
            XCTAssertEqual((d.mean ?? .nan).bitPattern, difference.bitPattern, "more − plan \(metric)")
            checked += 1
        }
        XCTAssertGreaterThanOrEqual(checked, 2 * (15 + 3 * 9) + 15)  // day metrics, periods, differences
    }

    struct SummaryFile: Decodable {
        struct Figure: Decodable { let mean: Double? }
        struct Period: Decodable { let period: Int; let metrics: [String: Figure] }
        struct Variant: Decodable { let metrics: [String: Figure]; let periods: [Period]? }
        let estimator: String
        let variants: [String: Variant]
        let differences: [String: [String: Figure]]?
    }

    /// A run whose replications reach horizon.max_simulated_seconds before their calls
    /// ended exits 1, says how much never happened, and its summary.json says so
    /// (truncated, stop_reason, completed vs requested calls); with --allow-truncation it
    /// exits 0 with a warning. validate warns beforehand.
    func testTruncatedRunExitsOneUnlessAllowed() throws {
        let text = """
            name: too-long
            seed: 1
            replications: 2
            horizon: {warmup_calls: 0, calls: 1000, max_simulated_seconds: 36000}
            call_types:
              - name: rare
                arrivals: {per_hour: 60}
                service: {exponential: {mean: 30}}
            agents:
              - group: general
                count: 2
                skills: [rare]
            """
        let file = scratch.appendingPathComponent("long.yaml").path
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let out = scratch.appendingPathComponent("long").path
        let cut = try ccsim(["run", file, "--out", out])
        XCTAssertEqual(cut.status, 1, cut.stderr)
        XCTAssertTrue(cut.stderr.contains("runs stopped at horizon.max_simulated_seconds before their calls ended: base: 2 of 2 "
            + "replications ("), cut.stderr)
        XCTAssertTrue(cut.stderr.contains("--allow-truncation"), cut.stderr)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json"))) as! [String: Any]
        XCTAssertEqual(json["truncated"] as? Bool, true)
        let base = (json["variants"] as! [String: Any])["base"] as! [String: Any]
        XCTAssertEqual(base["truncated"] as? Bool, true)
        XCTAssertEqual(base["stop_reason"] as? String, "time_cap")
        XCTAssertEqual(base["requested_calls"] as? Int, 2_000)
        let completed = try XCTUnwrap(base["completed_calls"] as? Int)
        XCTAssertTrue((1_000..<1_400).contains(completed), "\(completed)")  // about 600 calls in 10 h per replication
        let allowed = try ccsim(["run", file, "--out", out, "--allow-truncation"])
        XCTAssertEqual(allowed.status, 0, allowed.stderr)
        XCTAssertTrue(allowed.stderr.contains("warning: runs stopped at horizon.max_simulated_seconds"), allowed.stderr)
        let validate = try ccsim(["validate", file])
        XCTAssertEqual(validate.status, 0, validate.stderr)
        XCTAssertTrue(validate.stderr.contains("warning: \(file): horizon.max_simulated_seconds: the 1000 calls asked for "
            + "arrive in about 60000 s of simulated time"), validate.stderr)
        let fine = try ccsim(["run", try scenario(calls: 1_000, replications: 2), "--out", out, "--json"])
        XCTAssertEqual(fine.status, 0, fine.stderr)
        XCTAssertTrue(fine.stdout.contains("\"stop_reason\": \"completed\"") && fine.stdout.contains("\"requested_calls\": 2000"),
                      fine.stdout)
    }

    func testTableAndFilesForHumans() throws {
        let file = try scenario(calls: 3_000, replications: 3)
        let out = scratch.appendingPathComponent("human").path
        let r = try ccsim(["run", file, "--out", out])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("service_level"))
        XCTAssertTrue(r.stdout.contains("wrote \(out)/summary.json, \(out)/summary.csv, \(out)/replications.csv, \(out)/waits.csv, "
            + "\(out)/manifest.json"), r.stdout)
        XCTAssertEqual(r.stderr, "")  // no progress line when stderr is not a terminal
        let csv = try read(out + "/summary.csv")
        XCTAssertTrue(csv.hasPrefix("variant,point,metric,mean,ci_low,ci_high,half_width,n,p_value,holm_significant\nbase,,abandon_rate,"), csv)
    }

    /// A broken scenario: exit 2, every problem on stderr, nothing on stdout, no files.
    func testBrokenScenarioWritesNothing() throws {
        let path = scratch.appendingPathComponent("broken.yaml").path
        try "name: x\nseed: -4\nhorizon: {calls: 10}\ncall_types: []\nagents: []\n".write(toFile: path, atomically: true, encoding: .utf8)
        let out = scratch.appendingPathComponent("never").path
        let r = try ccsim(["run", path, "--out", out])
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(r.stdout, "")
        XCTAssertEqual(r.stderr.split(separator: "\n").count, 3, r.stderr)
        XCTAssertTrue(r.stderr.contains("\(path):2: seed: must be in 0...2147483647 (got -4)"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
    }

    func testValidateReportsEveryFile() throws {
        let good = try scenario()
        let bad = scratch.appendingPathComponent("bad.yaml").path
        try "name: y\nhorizon: {calls: 10}\ncall_type: []\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let ok = try ccsim(["validate", good])
        XCTAssertEqual(ok.status, 0)
        XCTAssertTrue(ok.stdout.contains("ok — 1 call type, 310 agents, offered load 300 Erlangs"), ok.stdout)
        let both = try ccsim(["validate", good, bad])
        XCTAssertEqual(both.status, 2)
        XCTAssertTrue(both.stderr.contains("call_type: unknown key (did you mean 'call_types'?)"), both.stderr)
        XCTAssertTrue(both.stderr.contains("call_types: is required"))
        XCTAssertTrue(both.stderr.contains("agents: is required"))
        // A valid file with an IVR loop: a warning on stderr, still exit 0.
        let depth = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Scenarios/ivr-depth.yaml")
            .standardizedFileURL.path
        let warned = try ccsim(["validate", depth])
        XCTAssertEqual(warned.status, 0)
        XCTAssertTrue(warned.stderr.contains("warning: \(depth): ivr.nodes.level5: is in a loop callers can go round (level5, level4, "
                                             + "level3, level2, level1)"), warned.stderr)
    }

    func testOverridesAreValidated() throws {
        let file = try scenario()
        for args in [["--replications", "1"], ["--seed", "4294967296"], ["--jobs", "0"]] {
            let r = try ccsim(["run", file] + args)
            XCTAssertEqual(r.status, 2, "\(args)")
        }
    }

    var bankHotline: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Scenarios/bank-hotline.yaml")
            .standardized.path
    }

    /// compare: the side-by-side table, differences in summary.json, byte-identical files
    /// for --jobs 1 and 2.
    func testCompareBankHotline() throws {
        var outputs: [String] = []
        for jobs in [1, 2] {
            let out = scratch.appendingPathComponent("compare\(jobs)").path
            let r = try ccsim(["compare", bankHotline, "--replications", "2", "--jobs", "\(jobs)", "--out", out])
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertTrue(r.stdout.contains("Δ vs static"), r.stdout)
            XCTAssertTrue(r.stdout.contains("mean_ivr s"), r.stdout)
            outputs.append(try read(out + "/summary.json") + read(out + "/summary.csv"))
        }
        XCTAssertEqual(outputs[0], outputs[1])
        let json = try JSONSerialization.jsonObject(with: Data(outputs[0].prefix { $0 != "\u{0}" }
            .components(separatedBy: "variant,point")[0].utf8)) as! [String: Any]
        XCTAssertEqual(json["baseline"] as? String, "static")
        let differences = json["differences"] as! [String: Any]
        XCTAssertEqual(Set(differences.keys), ["dynamic-minus-static", "dynamic-accurate-minus-static", "speech-minus-static",
                                               "speech-dynamic-minus-static", "bot-minus-static"])
        XCTAssertEqual(json["comparison"] as? String, "baseline")
        XCTAssertTrue(outputs[0].contains("dynamic-minus-static,,transfer_rate,"))
        let transfer = (differences["dynamic-minus-static"] as! [String: Any])["transfer_rate"] as! [String: Any]
        XCTAssertNotNil(transfer["p_value"] as? Double)
        XCTAssertNotNil(transfer["holm_significant"] as? Bool)
    }

    /// --baseline NAME compares every other variant with NAME; --all-pairs every pair
    /// (later − earlier); the footer counts the differences Holm's correction ran over and
    /// how many survive; a wrong name is refused with a suggestion (exit 2).
    func testCompareBaselineAndAllPairs() throws {
        let out = scratch.appendingPathComponent("pairs").path
        let chosen = try ccsim(["compare", bankHotline, "--replications", "2", "--out", out, "--baseline", "dynamic"])
        XCTAssertEqual(chosen.status, 0, chosen.stderr)
        XCTAssertTrue(chosen.stdout.contains("baseline dynamic"), chosen.stdout)
        var json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json"))) as! [String: Any]
        XCTAssertEqual(Set((json["differences"] as! [String: Any]).keys), ["static-minus-dynamic", "dynamic-accurate-minus-dynamic",
                                                                           "speech-minus-dynamic", "speech-dynamic-minus-dynamic",
                                                                           "bot-minus-dynamic"])

        let all = try ccsim(["compare", bankHotline, "--replications", "2", "--out", out, "--all-pairs"])
        XCTAssertEqual(all.status, 0, all.stderr)
        json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json"))) as! [String: Any]
        // Every later − earlier pair of the 6 variants: 15.
        let names = ["static", "dynamic", "dynamic-accurate", "speech", "speech-dynamic", "bot"]
        XCTAssertEqual(Set((json["differences"] as! [String: Any]).keys),
                       Set(names.indices.flatMap { j in (0..<j).map { "\(names[j])-minus-\(names[$0])" } }))
        XCTAssertNil(json["baseline"])
        XCTAssertEqual(json["comparison"] as? String, "all_pairs")
        let family = try XCTUnwrap((json["holm"] as? [String: Any])?["family_size"] as? Int)
        // The family is every difference of the run: those in the table and the others (by period, type, group) in summary.csv.
        XCTAssertTrue(all.stdout.contains("* survives Holm's correction over all \(family) differences of the run"), all.stdout)
        let split = try XCTUnwrap(matches(of: "; ([0-9]+) shown, the other ([0-9]+) in summary.csv\\)", in: all.stdout).first, all.stdout)
        XCTAssertEqual(Int(split[0])! + Int(split[1])!, family)
        XCTAssertLessThan(Int(split[0])!, family)
        XCTAssertTrue(all.stdout.contains("Δ vs dynamic"), all.stdout)

        let wrong = try ccsim(["compare", bankHotline, "--baseline", "dynamc"])
        XCTAssertEqual(wrong.status, 2)
        XCTAssertTrue(wrong.stderr.contains("--baseline: no variant is named \"dynamc\" (did you mean 'dynamic'?)"), wrong.stderr)
        XCTAssertEqual(try ccsim(["compare", bankHotline, "--baseline", "static", "--all-pairs"]).status, 2)
    }

    func checkedScenario(promptSeconds: Double = 5) throws -> String {
        try writeCheckedScenario(in: scratch, promptSeconds: promptSeconds)
    }

    /// staff --ports: per variant the fewest ports with Erlang B(N, simulated IVR load) ≤
    /// the target (checked here with the printed load: N meets it, N − 1 does not), and the
    /// blocking simulated with them; a scenario without an IVR is refused (exit 2).
    func testStaffPortsByErlangBOnTheSimulatedLoad() throws {
        let r = try ccsim(["staff", bankHotline, "--ports", "0.005", "--replications", "4"])
        XCTAssertEqual(r.status, 0, r.stderr)
        func erlangB(_ n: Int, _ a: Double) -> Double { (1...n).reduce(1.0) { b, k in a * b / (Double(k) + a * b) } }
        for variant in ["static", "dynamic", "dynamic-accurate"] {
            let row = try XCTUnwrap(r.stdout.split(separator: "\n").first { $0.hasPrefix(variant + " ") }, r.stdout)
            let cells = row.split(separator: " ", omittingEmptySubsequences: true)
            let load = try XCTUnwrap(Double(cells[1])), ports = try XCTUnwrap(Int(cells[3]))
            XCTAssertLessThanOrEqual(erlangB(ports, load), 0.005, String(row))
            XCTAssertGreaterThan(erlangB(ports - 1, load), 0.005, String(row))
        }
        let refused = try ccsim(["staff", try scenario(), "--ports", "0.01"])
        XCTAssertEqual(refused.status, 2)
        XCTAssertTrue(refused.stderr.contains("--ports needs an IVR"), refused.stderr)
    }

    func testCompareNeedsVariants() throws {
        let r = try ccsim(["compare", try scenario()])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("compare needs at least two variants"))
    }

    /// sweep: one row per point × variant × metric; --param replaces the file's grid;
    /// results identical for --jobs 1 and 2; plot draws SVG and PNG files.
    func testSweepAndPlot() throws {
        let file = try checkedScenario()
        var outputs: [String] = []
        for jobs in [1, 2] {
            let out = scratch.appendingPathComponent("sweep\(jobs)").path
            let r = try ccsim(["sweep", file, "--param", "agents.all.count=10,12,14", "--param", "ivr.nodes.main.menu.intro_seconds=3,9",
                               "--replications", "2", "--jobs", "\(jobs)", "--out", out])
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertTrue(r.stdout.contains("6 points × 1 variant(s)"), r.stdout)
            outputs.append(try read(out + "/sweep.csv"))
        }
        XCTAssertEqual(outputs[0], outputs[1])
        let rows = outputs[0].split(separator: "\n")
        XCTAssertEqual(rows[0], "point,agents.all.count,agents.all.count:axis,ivr.nodes.main.menu.intro_seconds,"
                       + "ivr.nodes.main.menu.intro_seconds:axis,variant,metric,mean,ci_low,ci_high,half_width,n")
        let metricsPerVariant = rows.dropFirst().filter { $0.hasPrefix("0,") }.count
        XCTAssertEqual(rows.count - 1, 6 * metricsPerVariant)
        // A 6 s longer intro lengthens the IVR by at most 6 s (callers who hang up earlier pay
        // less), and by exactly the same amount at every staffing level: agents do not touch
        // the IVR, and common random numbers give every point the same callers.
        func ivr(_ point: Int) -> Double {
            Double(rows.first { $0.hasPrefix("\(point),") && $0.contains(",mean_ivr_seconds,") }!.split(separator: ",")[7])!
        }
        let longer = ivr(1) - ivr(0)
        XCTAssertTrue(longer > 0 && longer <= 6, "\(longer)")
        for agents in 1..<3 {
            XCTAssertEqual(ivr(2 * agents), ivr(0))
            XCTAssertEqual(ivr(2 * agents + 1), ivr(1))
        }

        let plot = try ccsim(["plot", scratch.appendingPathComponent("sweep1").path,
                              "--templates", URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                                  .appendingPathComponent("../../plots").standardized.path])
        XCTAssertEqual(plot.status, 0, plot.stderr)
        let svg = scratch.appendingPathComponent("sweep1/plots/sweep-service_level.svg").path
        XCTAssertTrue(try read(svg).contains("<svg"))
        let png = try Data(contentsOf: scratch.appendingPathComponent("sweep1/plots/sweep-mean_ivr_seconds.png"))
        XCTAssertEqual(Array(png.prefix(4)), [0x89, 0x50, 0x4E, 0x47])
    }

    func testSweepRejectsAWrongPath() throws {
        let r = try ccsim(["sweep", try checkedScenario(), "--param", "agents.al.count=10,12"])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("sweep.agents.al: no list item is named \"al\" (did you mean 'all'?)"), r.stderr)
        let none = try ccsim(["sweep", try checkedScenario()])
        XCTAssertEqual(none.status, 2)
        XCTAssertTrue(none.stderr.contains("no sweep: block"))
    }

    /// Found by fuzzing: calls left waiting when the day ends with nobody to serve them (a
    /// last period without agents, callers without patience) are reported, not dropped:
    /// a warning, the `unfinished` metric, and per period in intervals.csv.
    func testUnfinishedCallsAreReported() throws {
        let path = scratch.appendingPathComponent("zero-last.yaml").path
        try """
            name: zero-last
            replications: 3
            periods: {minutes: 30, count: 3}
            call_types:
              - name: general
                arrivals: {per_hour_by_period: [100, 100, 40]}
                service: {exponential: {mean: 180}}
            agents: [{group: all, count_by_period: [8, 8, 0], skills: [general]}]
            """.write(toFile: path, atomically: true, encoding: .utf8)
        let out = scratch.appendingPathComponent("zero-last").path
        let r = try ccsim(["run", path, "--out", out])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("were still waiting when the run ended, with no agent left to serve them"), r.stderr)
        XCTAssertTrue(r.stdout.contains("unfinished"), r.stdout)
        XCTAssertTrue(try read(out + "/summary.json").contains("\"unfinished\""))
        let rows = try read(out + "/intervals.csv").split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let column = rows[0].firstIndex(of: "unfinished")!
        XCTAssertEqual(rows[3][1], "2")  // the last period: every call of it is left
        XCTAssertEqual(Double(rows[3][column])!, Double(rows[3][rows[0].firstIndex(of: "offered")!])!)
        XCTAssertEqual(Double(rows[1][column])!, 0)
        // A day that serves everyone says nothing of it.
        let fine = try ccsim(["run", try checkedScenario(), "--out", scratch.appendingPathComponent("fine").path])
        XCTAssertFalse(fine.stderr.contains("still waiting") || fine.stdout.contains("unfinished"), fine.stdout + fine.stderr)
    }

    /// staff with a day: per-period plan with the Erlang and simulated columns, staffing.csv,
    /// and each simulated period meeting the goal.
    func testStaffADay() throws {
        let path = scratch.appendingPathComponent("day.yaml").path
        try """
            name: day
            seed: 3
            replications: 4
            periods: {minutes: 30, count: 4, opening: "09:00"}
            service_level: {target_seconds: 20, goal: 0.8}
            call_types:
              - name: general
                arrivals: {per_hour_by_period: [100, 200, 150, 0]}
                service: {exponential: {mean: 180}}
                patience: {exponential: {mean: 120}}
            agents: [{group: all, count_by_period: [6, 10, 8, 2], skills: [general]}]
            """.write(toFile: path, atomically: true, encoding: .utf8)
        let out = scratch.appendingPathComponent("staff").path
        let r = try ccsim(["staff", path, "--shrinkage", "0.25", "--out", out])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("Erlang C") && r.stdout.contains("simulated") && r.stdout.contains("09:30"), r.stdout)
        XCTAssertTrue(r.stdout.contains("expected goal: the service level (20 s) of the period over days"), r.stdout)
        XCTAssertTrue(r.stdout.contains("out of sample: every plan simulated on the same 200 fresh days"), r.stdout)
        // Progress on standard error: each period as it is settled, then the check on fresh days.
        let progress = r.stderr.split(separator: "\n").filter { $0.hasPrefix("staff: ") }
        XCTAssertTrue(progress.first?.hasPrefix("staff: 09:00 settled: ") ?? false, r.stderr)
        XCTAssertTrue(progress.contains { $0.hasPrefix("staff: holding 4 plan(s) against 200 fresh days · ") }, r.stderr)
        let csv = try read(out + "/staffing.csv").split(separator: "\n")
        let header = csv[0].split(separator: ",").map(String.init)
        XCTAssertEqual(Array(header.prefix(11)), ["period", "start", "load_erlangs", "erlang_c", "erlang_a", "square_root",
                                                  "simulated", "scheduled", "selection_days", "selection_decision",
                                                  "repair_added_agents"])
        XCTAssertEqual(header.count, 11 + 4 * 3)  // value, low, high of each plan on the fresh days
        let simulatedSL = header.firstIndex(of: "service_level_simulated")!
        XCTAssertEqual(csv.count, 5)
        for line in csv.dropFirst(1).prefix(3) {  // periods with calls meet the goal on the fresh days
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            XCTAssertGreaterThanOrEqual(Double(cells[simulatedSL])!, 0.8, String(line))
            XCTAssertGreaterThanOrEqual(Int(cells[8])!, 100, String(line))  // at least 100 days per decision
            XCTAssertEqual(Int(cells[7])!, Int((Double(cells[6])! / 0.75 - 1e-9).rounded(.up)))  // shrinkage
        }
        XCTAssertTrue(csv[4].hasPrefix("3,10:30,0,0,0,0,0,0"), String(csv[4]))  // no calls, no agents
        // Independently of staff's own check: the plan written into the scenario, run by
        // `ccsim run` on 400 other days (seed 97), meets the goal in every period with calls
        // up to the selection's precision (1 point), each at α = 1e-4 (mean + 2 half-widths
        // of the 95 % interval ≈ 3.9 standard errors; Tests/README.md's budget).
        let planned = scratch.appendingPathComponent("planned.yaml").path
        XCTAssertEqual(try ccsim(["staff", path, "--out", scratch.appendingPathComponent("w").path, "--write-scenario", planned]).status, 0)
        let check = scratch.appendingPathComponent("check").path
        XCTAssertEqual(try ccsim(["run", planned, "--seed", "97", "--replications", "400", "--out", check]).status, 0)
        let intervals = try read(check + "/intervals.csv").split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let (sl, low) = (intervals[0].firstIndex(of: "service_level")!, intervals[0].firstIndex(of: "service_level_ci_low")!)
        for row in intervals.dropFirst().prefix(3) {
            let mean = Double(row[sl])!, halfWidth = mean - Double(row[low])!
            XCTAssertGreaterThanOrEqual(mean + 2 * halfWidth, 0.8 - 0.01, "period \(row[1]) on fresh days: \(mean) ± \(halfWidth)")
        }
        // Same plan, same figures, byte for byte, on one thread.
        let oneThread = scratch.appendingPathComponent("staff-1").path
        let quiet = try ccsim(["staff", path, "--shrinkage", "0.25", "--out", oneThread, "--jobs", "1", "--quiet"])
        XCTAssertEqual(quiet.status, 0)
        XCTAssertFalse(quiet.stderr.contains("staff: "), quiet.stderr)
        XCTAssertEqual(try read(oneThread + "/staffing.csv"), try read(out + "/staffing.csv"))
        let manifest = try read(out + "/manifest.json")
        XCTAssertTrue(manifest.contains("\"fresh_days\": 200") && manifest.contains("\"staffing_goal\""), manifest)

        // A chance goal from the command line, said in the output and the CSV's columns.
        let chance = try ccsim(["staff", path, "--on-share-of-days", "0.75", "--max-days", "200", "--out", out])
        XCTAssertEqual(chance.status, 0, chance.stderr)
        XCTAssertTrue(chance.stdout.contains("on at least 75.0 % of days"), chance.stdout)
        XCTAssertTrue(try read(out + "/staffing.csv").contains("share_of_days_meeting_simulated_low"))
        let bad = try ccsim(["staff", path, "--on-share-of-days", "1.5"])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.contains("--on-share-of-days: must be in (0, 1) (got 1.5)"), bad.stderr)
        let noDay = try ccsim(["staff", try scenario()])
        XCTAssertEqual(noDay.status, 2)
        XCTAssertTrue(noDay.stderr.contains("needs periods:"))
    }
}
