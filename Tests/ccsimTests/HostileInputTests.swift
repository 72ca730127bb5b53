import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest

/// Issue 27: names from a scenario, a call log or a received results folder are data in
/// every file and tool they reach. Each payload would create a file `pwned-N` in the
/// scratch folder if gnuplot, dot or a shell ran it (backquotes, `system`, `$()`, `;`,
/// newline commands, a pipe as output); they go through compare, sweep over words, plot,
/// report, run --trace, fit, backtest, staff and schedule, then every file written must
/// parse (CSV by RFC 4180 with rectangular rows, JSON, SVG as XML, the report strictly,
/// the fitted scenario by `ccsim validate`) and no `pwned-N` may exist.
final class HostileInputTests: XCTestCase {
    var scratch: URL!

    override func setUpWithError() throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("ccsim-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: scratch) }

    func path(_ name: String) -> String { scratch.appendingPathComponent(name).path }

    /// A YAML double-quoted scalar of any text (control characters as \x escapes).
    func yaml(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case _ where c.value < 0x20: out += String(format: "\\x%02X", c.value)
            default: out.unicodeScalars.append(c)
            }
        }
        return out + "\""
    }

    /// The payloads, each naming its own marker file.
    func payloads() -> [String] {
        let p = { (k: Int) in self.path("pwned-\(k)") }
        return [
            "q`touch \(p(1))`",
            "x\"; system(\"touch \(p(2))\"); \"\r\nset output '|touch \(p(3))'\u{0}",
            "$(touch \(p(4)));a",
            "n`touch \(p(5))`;touch \(p(6))",
            "w\"; system(\"touch \(p(7))\"); \"\n!touch \(p(8))",
            "<touch \(p(9))",
            "s`touch \(p(10))`\"; system(\"touch \(p(11))\")\r\n",
            "|touch \(p(12))",
        ]
    }

    /// A day with an IVR: two call types, an agent group, two menu leaves (the sweep's
    /// words: the menu's fallback), two variants and two outbound campaigns, all named by
    /// payloads; `shifts` instead adds a shift template named by one (and no campaigns).
    func scenario(shifts: Bool) -> String {
        let n = payloads().map(yaml)
        var text = """
            name: hostile
            seed: 5
            replications: 3
            periods: {minutes: 30, count: 3, opening: "09:00"}
            service_level: {target_seconds: 20}
            intents:
              - {name: \(n[0]), skill: general, service: {exponential: {mean: 200}}}
            call_types:
              - name: \(n[0])
                arrivals: {per_hour_by_period: [200, 300, 150]}
                intents: {\(n[0]): 1}
                patience: {exponential: {mean: 180}}
              - name: \(n[1])
                arrivals: {per_hour_by_period: [100, 150, 80]}
                intents: {\(n[0]): 1}
                patience: {exponential: {mean: 180}}
            agents:
              - group: \(n[2])
                count_by_period: [20, 30, 15]
                skills: [general]
            ivr:
              start: welcome
              nodes:
                welcome:
                  menu:
                    intro_seconds: 3
                    options: [{label: \(n[7]), seconds: 3, to: \(n[3])}, {label: b, seconds: 3, to: \(n[4])}]
                    fallback: \(n[3])
                \(n[3]): {transfer: {skill: general}}
                \(n[4]): {transfer: {skill: general}}

            """
        if shifts {
            text += """
                shifts:
                  templates:
                    - {name: \(n[6]), start: {from: "09:00", to: "09:30", every_minutes: 30}, length_hours: 1, cost_per_hour: 20}

                """
        } else {
            // Two outbound campaigns named by payloads (per-campaign metric names, the
            // sweep's blending frontier with payload variants and swept words).
            text = text.replacingOccurrences(of: "    skills: [general]\n",
                                             with: "    skills: [general]\n    outbound: [\(n[6]), \(n[7])]\n")
            text += """
                campaigns:
                  - {name: \(n[6]), list: {size: 30}, outcomes: {connect: 0.5}, talk: {exponential: {mean: 60}}}
                  - {name: \(n[7]), list: {size: 30}, outcomes: {connect: 0.5}, talk: {exponential: {mean: 60}},
                     dialer: {predictive: {ratio: 1.5}}}
                variants:
                  - name: \(n[2])
                  - name: \(n[5])
                    set: {ivr.nodes.welcome.menu.intro_seconds: 6}
                sweep:
                  ivr.nodes.welcome.menu.fallback: {values: [\(n[3]), \(n[4])]}

                """
        }
        return text
    }

    func testHostileNamesNeverRunAndEveryFileParses() throws {
        let file = path("hostile.yaml"), roster = path("roster.yaml")
        try scenario(shifts: false).write(toFile: file, atomically: true, encoding: .utf8)
        try scenario(shifts: true).write(toFile: roster, atomically: true, encoding: .utf8)
        let variant = payloads()[2]
        let steps: [[String]] = [
            ["compare", file, "--out", path("compare")], ["plot", path("compare")], ["report", path("compare")],
            ["sweep", file, "--out", path("sweep")], ["plot", path("sweep")], ["report", path("sweep")],
            ["run", file, "--out", path("run"), "--trace", path("trace.csv"), "--trace-replications", "3"],
            ["fit", path("trace.csv"), "--variant", variant, "--seconds-from", "09:00", "--out", path("fit")], ["report", path("fit")],
            ["validate", path("fit/scenario.yaml")],
            ["backtest", path("trace.csv"), path("fit/scenario.yaml"), "--variant", variant, "--seconds-from", "09:00",
             "--replications", "3", "--out", path("backtest")], ["report", path("backtest")],
            ["staff", roster, "--out", path("staff")], ["plot", path("staff")], ["report", path("staff")],
            ["schedule", roster, "--requirement", "erlang-c", "--fresh-days", "10", "--out", path("schedule")], ["report", path("schedule")],
        ]
        for arguments in steps {
            let r = try ccsim(arguments)
            XCTAssertEqual(r.status, 0, "ccsim \(arguments.prefix(2).joined(separator: " ")): \(r.stderr)")
        }
        let entries = try FileManager.default.contentsOfDirectory(atPath: scratch.path)
        XCTAssertEqual(entries.filter { $0.hasPrefix("pwned") }, [], "a name ran as code")
        XCTAssertFalse(FileManager.default.fileExists(atPath: FileManager.default.currentDirectoryPath + "/pwned-1"))
        var checked = 0
        for folder in ["compare", "sweep", "run", "fit", "backtest", "staff", "schedule"] {
            let files = FileManager.default.enumerator(atPath: path(folder))?.compactMap { $0 as? String } ?? []
            for name in files {
                let full = path(folder) + "/" + name
                guard [".csv", ".json", ".svg", ".html"].contains(where: name.hasSuffix) else { continue }
                let data = try Data(contentsOf: URL(fileURLWithPath: full), options: .mappedIfSafe)
                if name.hasSuffix(".csv") {
                    let rows = rfc4180(String(decoding: data, as: UTF8.self))
                    XCTAssertTrue(rows.allSatisfy { $0.count == rows[0].count }, "\(folder)/\(name): rows of unequal length")
                } else if name.hasSuffix(".json") {
                    XCTAssertNoThrow(try JSONSerialization.jsonObject(with: data), "\(folder)/\(name)")
                } else if name.hasSuffix(".svg") {
                    XCTAssertTrue(XMLParser(data: data).parse(), "\(folder)/\(name): not well-formed")
                } else if name == "report.html" {
                    try assertStrictHTML(String(decoding: data, as: UTF8.self), scratch: scratch)
                } else { continue }
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 60)
        XCTAssertTrue(FileManager.default.fileExists(atPath: path("sweep/plots/sweep-frontier.svg")), "the frontier, drawn with payload names")
        let summary = try String(contentsOfFile: path("compare/summary.csv"), encoding: .utf8)
        XCTAssertTrue(summary.contains(".outbound_completed"), "per-campaign figures under payload names")
        // A results folder received from elsewhere: its own plots/*.gp are never run.
        try FileManager.default.createDirectory(atPath: path("compare/plots"), withIntermediateDirectories: true)
        try "system \"touch \(path("pwned-13"))\"\n".write(toFile: path("compare/plots/waits.gp"), atomically: true, encoding: .utf8)
        let inside = try runProcess(ccsimExecutable().path, ["report", "."], in: URL(fileURLWithPath: path("compare")))
        XCTAssertEqual(inside.status, 0, inside.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("pwned-13")))
    }

    /// An edited manifest (the scenario name a gnuplot payload) is refused by plot and
    /// report, and a call log's 1 MB call type is refused with its line and column, the
    /// message short, nothing written.
    func testEditedManifestAndHugeNamesAreRefused() throws {
        let file = path("hostile.yaml")
        try scenario(shifts: false).write(toFile: file, atomically: true, encoding: .utf8)
        XCTAssertEqual(try ccsim(["run", file, "--out", path("run"), "--trace", path("trace.csv"), "--trace-replications", "2"]).status, 0)
        let manifest = try String(contentsOfFile: path("run/manifest.json"), encoding: .utf8)
        try manifest.replacingOccurrences(of: "\"scenario\": \"hostile\"", with: "\"scenario\": \"`touch \(path("pwned-20"))`\"")
            .write(toFile: path("run/manifest.json"), atomically: true, encoding: .utf8)
        for command in ["plot", "report"] {
            let r = try ccsim([command, path("run")])
            XCTAssertNotEqual(r.status, 0)
            XCTAssertTrue(r.stderr.contains("was edited after ccsim wrote it"), r.stderr)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("pwned-20")))
        var lines = try String(contentsOfFile: path("trace.csv"), encoding: .utf8).split(separator: "\n").map(String.init)
        var fields = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        fields[4] = String(repeating: "B", count: 1_000_000) + "`touch \(path("pwned-21"))`"
        lines[1] = fields.joined(separator: ",")
        try (lines.joined(separator: "\n") + "\n").write(toFile: path("huge.csv"), atomically: true, encoding: .utf8)
        let r = try ccsim(["fit", path("huge.csv"), "--variant", payloads()[2], "--seconds-from", "09:00", "--out", path("fit")])
        XCTAssertEqual(r.status, 2, r.stderr)
        XCTAssertTrue(r.stderr.contains("line 2, column 5 (call_type): a name of 1000"), String(r.stderr.prefix(500)))
        XCTAssertLessThan(r.stderr.utf8.count, 2_000)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("fit")))
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("pwned-21")))
        // A log whose file name holds a newline and a key: the key stays in a comment.
        let named = path("log\ncost_per_hour: 9\r\nseed: 4\n.csv")
        try FileManager.default.copyItem(atPath: path("trace.csv"), toPath: named)
        let fit = try ccsim(["fit", named, "--variant", payloads()[2], "--seconds-from", "09:00", "--name", "named", "--out", path("named")])
        XCTAssertEqual(fit.status, 0, fit.stderr)
        let yaml = try String(contentsOfFile: path("named/scenario.yaml"), encoding: .utf8)
        XCTAssertFalse(yaml.split(separator: "\n").contains { $0.hasPrefix("seed: 4") || $0.hasPrefix("cost_per_hour") }, yaml)
        XCTAssertEqual(try ccsim(["validate", path("named/scenario.yaml")]).status, 0)
        // A log where every caller abandoned: placeholders, said on stderr and in fit.md.
        let trace = try String(contentsOfFile: path("trace.csv"), encoding: .utf8).split(separator: "\n").map(String.init)
        let outcome = try XCTUnwrap(trace[0].split(separator: ",").firstIndex(of: "outcome"))
        let abandoned = trace.enumerated().filter { k, line in
            k == 0 || line.split(separator: ",", omittingEmptySubsequences: false)[outcome] == "abandoned"
        }.map(\.element)
        try (abandoned.joined(separator: "\n") + "\n").write(toFile: path("abandoned.csv"), atomically: true, encoding: .utf8)
        let all = try ccsim(["fit", path("abandoned.csv"), "--variant", payloads()[2], "--seconds-from", "09:00", "--out", path("abandoned")])
        XCTAssertEqual(all.status, 0, all.stderr)
        XCTAssertTrue(all.stderr.contains("warning: the log names no agents: the agents written are a placeholder"), all.stderr)
        XCTAssertTrue(all.stderr.contains("no served call with a duration in the log; handling written as 1 s"), all.stderr)
        XCTAssertTrue(try String(contentsOfFile: path("abandoned/fit.md"), encoding: .utf8).contains("## Warnings"))
    }

    /// Refused before any damage, each with exit 2 and a message (issue 27's list): a
    /// browser extension's folder (manifest.json, background.js, src/) as --out; an empty
    /// --out; shard records with a count past any run's; IVR announcements of 1e308 s; a
    /// call log arrival of 10^23 s; a roster template with hundreds of millions of columns;
    /// shards of another build; a 200,000-character value quoted in a message.
    func testRefusalsBeforeAnyDamage() throws {
        let day = try writeSmallDayScenario(in: scratch, replications: 2)
        let ext = path("extension")
        try FileManager.default.createDirectory(atPath: ext + "/src", withIntermediateDirectories: true)
        try "{\"manifest_version\": 3, \"name\": \"x\"}".write(toFile: ext + "/manifest.json", atomically: true, encoding: .utf8)
        try "chrome.runtime;".write(toFile: ext + "/background.js", atomically: true, encoding: .utf8)
        var r = try ccsim(["run", day, "--out", ext])
        XCTAssertEqual(r.status, 2, r.stderr)
        XCTAssertTrue(r.stderr.contains("its manifest.json is not ccsim's"), r.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: ext).sorted(), ["background.js", "manifest.json", "src"])
        r = try ccsim(["run", day, "--out", ""])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("--out '': an empty folder name"), r.stderr)

        // Shards: one forged count; one of another build (its manifest re-hashed as ccsim would).
        for i in 0..<2 { XCTAssertEqual(try ccsim(["run", day, "--shard", "\(i)/2", "--out", path("s\(i)")]).status, 0) }
        let records = path("s1/records.csv")
        let text = try String(contentsOfFile: records, encoding: .utf8)
        var rows = text.split(separator: "\n").map(String.init)
        var cells = rows[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        cells[2] = "9223372036854775000"
        rows[1] = cells.joined(separator: ",")
        try (rows.joined(separator: "\n") + "\n").write(toFile: records, atomically: true, encoding: .utf8)
        try rehash(path("s1"), replacing: ("", ""), file: "records.csv")
        r = try ccsim(["merge", path("s0"), path("s1"), "--out", path("merged")])
        XCTAssertEqual(r.status, 2, r.stderr)
        XCTAssertTrue(r.stderr.contains("not a count in 0...1099511627776"), r.stderr)
        try text.write(toFile: records, atomically: true, encoding: .utf8)
        let version = try XCTUnwrap(try ccsim(["--version"]).stdout.split(separator: "\n").first.map(String.init))
        XCTAssertTrue(version.contains("(build "), version)
        try rehash(path("s1"), replacing: (version, version.replacingOccurrences(of: "(build ", with: "(build 0")), file: "records.csv")
        r = try ccsim(["merge", path("s0"), path("s1"), "--out", path("merged")])
        XCTAssertEqual(r.status, 2, r.stderr)
        XCTAssertTrue(r.stderr.contains("ccsim_version differs"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("merged")))

        // Durations that would sum past the largest double; a log time past any day.
        let ivr = try String(contentsOfFile: day, encoding: .utf8).replacingOccurrences(of: "agents:\n", with: """
            ivr:
              start: a
              nodes:
                a: {announcement: {seconds: 1e308, next: b}}
                b: {announcement: {seconds: 1e308, next: c}}
                c: {transfer: {skill: general}}
            agents:

            """).replacingOccurrences(of: "    patience:", with: "    intents: {i: 1}\n    patience:")
            .replacingOccurrences(of: "    service: {exponential: {mean: 240}}\n", with: "")
            .replacingOccurrences(of: "call_types:", with: "intents: [{name: i, skill: general, service: {exponential: {mean: 240}}}]\ncall_types:")
        try ivr.write(toFile: path("ivr.yaml"), atomically: true, encoding: .utf8)
        r = try ccsim(["run", path("ivr.yaml"), "--out", path("ivr")])
        XCTAssertEqual(r.status, 2, r.stderr)
        XCTAssertTrue(r.stderr.contains("ivr.nodes.a.seconds: has a mean of 1e+308 s"), r.stderr)
        XCTAssertEqual(try ccsim(["run", day, "--out", path("t"), "--trace", path("trace.csv"), "--trace-replications", "2"]).status, 0)
        var log = try String(contentsOfFile: path("trace.csv"), encoding: .utf8).split(separator: "\n").map(String.init)
        var fields = log[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        fields[7] = "99999999999999999999999"
        log[1] = fields.joined(separator: ",")
        try (log.joined(separator: "\n") + "\n").write(toFile: path("far.csv"), atomically: true, encoding: .utf8)
        for command in [["fit", path("far.csv"), "--variant", "plan", "--out", path("far-fit")],
                        ["backtest", path("far.csv"), day, "--variant", "plan", "--out", path("far-backtest")]] {
            r = try ccsim(command)
            XCTAssertEqual(r.status, 2, r.stderr)
            XCTAssertTrue(r.stderr.contains("line 2, column 8 (arrival_seconds): cannot read the time"), r.stderr)
        }

        // A roster of 1-minute starts and three 1-minute breaks anywhere: counted, not built.
        let roster = try String(contentsOfFile: day, encoding: .utf8).replacingOccurrences(of: "variants:", with: """
            shifts:
              templates:
                - name: any
                  start: {from: "09:00", to: "10:00", every_minutes: 1}
                  length_hours: 1.5
                  breaks:
                    - {minutes: 1, paid: true, after_minutes: [1, 30], every_minutes: 1}
                    - {minutes: 1, paid: true, after_minutes: [31, 60], every_minutes: 1}
                    - {minutes: 1, paid: true, after_minutes: [61, 88], every_minutes: 1}
            variants:
            """)
        try roster.write(toFile: path("roster.yaml"), atomically: true, encoding: .utf8)
        r = try ccsim(["schedule", path("roster.yaml"), "--out", path("roster")])
        XCTAssertEqual(r.status, 2, r.stderr)
        XCTAssertTrue(r.stderr.contains("ways to start and place its breaks; at most 50000"), r.stderr)

        let key = String(repeating: "k", count: 200_000)
        try (try String(contentsOfFile: day, encoding: .utf8).replacingOccurrences(of: "seed: 5", with: "seed: \(key)")).write(toFile: path("key.yaml"), atomically: true, encoding: .utf8)
        r = try ccsim(["validate", path("key.yaml")])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("seed: must be a finite number (got kkk"), String(r.stderr.prefix(600)))
        XCTAssertLessThan(r.stderr.utf8.count, 4_000)
        r = try ccsim(["compare", day, "--baseline", String(key.prefix(100_000)), "--out", path("b")])  // one argument: < 128 KiB
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("characters not shown"), String(r.stderr.prefix(600)))
        XCTAssertLessThan(r.stderr.utf8.count, 4_000)
    }

    /// Rewrites `folder`'s manifest as ccsim would after an edit: `replacing` in its text,
    /// `file`'s new SHA-256 listed, and manifest_sha256 of the rest (sha256sum).
    func rehash(_ folder: String, replacing: (String, String), file: String) throws {
        func sha256(_ path: String) throws -> String {
            String(try runProcess("/usr/bin/sha256sum", [path], in: scratch).stdout.prefix(64))
        }
        var lines = try String(contentsOfFile: folder + "/manifest.json", encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            .map(String.init)
        let digest = try sha256(folder + "/" + file)
        lines = lines.map { line in
            var line = replacing.0.isEmpty ? line : line.replacingOccurrences(of: replacing.0, with: replacing.1)
            if line.hasPrefix("    \"\(file)\": \"") { line = "    \"\(file)\": \"\(digest)\"" + (line.hasSuffix(",") ? "," : "") }
            return line
        }
        let k = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("  \"manifest_sha256\": ") })
        var rest = lines
        rest.remove(at: k)
        try rest.joined(separator: "\n").write(toFile: path("rest.json"), atomically: true, encoding: .utf8)
        lines[k] = "  \"manifest_sha256\": \"\(try sha256(path("rest.json")))\","
        try lines.joined(separator: "\n").write(toFile: folder + "/manifest.json", atomically: true, encoding: .utf8)
    }

    /// RFC 4180 rows (quoted fields may hold commas, quotes, CR and LF).
    func rfc4180(_ text: String) -> [[String]] {
        var rows: [[String]] = [], fields: [String] = [], field = "", quoted = false, pendingQuote = false
        for c in text.unicodeScalars {
            if quoted {
                if pendingQuote {
                    pendingQuote = false
                    if c == "\"" { field.unicodeScalars.append(c); continue }
                    quoted = false
                } else if c == "\"" { pendingQuote = true; continue } else { field.unicodeScalars.append(c); continue }
            }
            switch c {
            case "\"": quoted = true
            case ",": fields.append(field); field = ""
            case "\n": fields.append(field); rows.append(fields); fields = []; field = ""
            default: field.unicodeScalars.append(c)
            }
        }
        if !field.isEmpty || !fields.isEmpty { fields.append(field); rows.append(fields) }
        return rows
    }
}
