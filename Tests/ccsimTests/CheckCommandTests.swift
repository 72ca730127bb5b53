import Foundation
import XCTest

/// `ccsim check` end to end: exact reproduction, movement within noise, explicit
/// tolerances, and the shipped bank scenario against its committed baseline.
final class CheckCommandTests: XCTestCase {
    var scratch: URL!

    override func setUpWithError() throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("ccsim-check-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: scratch) }

    func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    func checkedScenario(promptSeconds: Double = 5) throws -> String {
        try writeCheckedScenario(in: scratch, promptSeconds: promptSeconds)
    }

    /// An unchanged model passes; doubling a prompt's seconds fails with a table naming
    /// the scenario and the metric; baselines are identical for --jobs 1 and 2.
    func testCheckCatchesAChangedModel() throws {
        let baselines = scratch.appendingPathComponent("baselines").path
        let file = try checkedScenario()
        let missing = try ccsim(["check", file, "--baselines", baselines])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stdout.contains("no baseline"), missing.stdout)

        let created = try ccsim(["check", file, "--update", "--baselines", baselines, "--jobs", "1"])
        XCTAssertEqual(created.status, 0, created.stderr)
        XCTAssertTrue(created.stdout.contains("checked.json: created"))
        let first = try read(baselines + "/checked.json")
        let again = try ccsim(["check", file, "--update", "--baselines", baselines, "--jobs", "2"])
        XCTAssertTrue(again.stdout.contains("checked.json: unchanged"), again.stdout)
        XCTAssertEqual(try read(baselines + "/checked.json"), first)

        let unchanged = try ccsim(["check", file, "--baselines", baselines, "--exact"])
        XCTAssertEqual(unchanged.status, 0, unchanged.stderr + unchanged.stdout)
        XCTAssertTrue(unchanged.stdout.contains("check passed: 3 figures of 1 scenario(s); 3 reproduced exactly; digest identical for checked"),
                      unchanged.stdout)
        let json = try ccsim(["check", file, "--baselines", baselines, "--exact", "--json"])
        XCTAssertEqual(json.status, 0, json.stderr)
        let verdicts = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        XCTAssertEqual(verdicts["passed"] as? Bool, true)
        let figures = verdicts["figures"] as! [[String: Any]]
        XCTAssertEqual(figures.count, 3)
        XCTAssertTrue(figures.allSatisfy { $0["outcome"] as? String == "exact" && $0["scenario"] as? String == "checked" })

        // Another scenario's baseline under this name pins nothing: it fails, saying so.
        try first.replacingOccurrences(of: "\"scenario\": \"checked\"", with: "\"scenario\": \"other\"")
            .write(toFile: baselines + "/checked.json", atomically: true, encoding: .utf8)
        let foreign = try ccsim(["check", file, "--baselines", baselines])
        XCTAssertEqual(foreign.status, 1)
        XCTAssertTrue(foreign.stdout.contains("baseline is of scenario other"), foreign.stdout)
        try first.write(toFile: baselines + "/checked.json", atomically: true, encoding: .utf8)

        _ = try checkedScenario(promptSeconds: 10)  // the model broken on purpose
        let junit = scratch.appendingPathComponent("check.xml").path
        let broken = try ccsim(["check", file, "--baselines", baselines, "--junit", junit])
        XCTAssertEqual(broken.status, 1)
        // The JUnit report: one test case per pinned figure, the moved one a failure naming
        // the baseline, the new value and the allowance (well-formed XML: read back by
        // Python's parser).
        let script = """
            import sys, xml.dom.minidom as m
            d = m.parse(sys.argv[1])
            for c in d.getElementsByTagName("testcase"):
                f = c.getElementsByTagName("failure")
                print(c.getAttribute("classname"), c.getAttribute("name"), f[0].getAttribute("message") if f else "passed")
            """
        let parsed = try runProcess("/usr/bin/python3", ["-c", script, junit], in: scratch)
        XCTAssertEqual(parsed.status, 0, parsed.stderr)
        let lines = parsed.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 3, parsed.stdout)
        let failed = lines.first { $0.hasPrefix("checked base.mean_ivr_seconds moved beyond what is allowed: baseline ") } ?? ""
        XCTAssertTrue(failed.contains(", now ") && failed.contains("allowed ±"), parsed.stdout)
        XCTAssertTrue(broken.stdout.contains("checked") && broken.stdout.contains("mean_ivr_seconds"), broken.stdout)
        XCTAssertTrue(broken.stdout.contains("FAIL"))
        XCTAssertTrue(broken.stderr.contains("check FAILED"), broken.stderr)
        XCTAssertTrue(broken.stderr.contains("checked mean_ivr_seconds"), broken.stderr)
    }

    func testCheckRefusesAFileWithoutCheckBlock() throws {
        let file = scratch.appendingPathComponent("plain.yaml").path
        try """
            name: plain
            horizon: {warmup_calls: 10, calls: 100}
            call_types: [{name: a, arrivals: {per_hour: 60}, service: {exponential: {mean: 60}}}]
            agents: [{group: g, count: 2, skills: [a]}]
            """.write(toFile: file, atomically: true, encoding: .utf8)
        let r = try ccsim(["check", file])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("has no check: block"))
    }

    /// The acceptance check, in a copy of the shipped bank scenario and its
    /// committed baseline, without --exact (the default tolerance, 3·√2 standard errors):
    /// unchanged, it is reproduced exactly; one agent fewer (92 → 91: service level about
    /// −4 points) fails; the welcome announcement 1 s longer fails (mean IVR time +1 s,
    /// far beyond its noise).
    func testBankScenarioCheckCatchesSmallChanges() throws {
        let original = try read(Self.repository.appendingPathComponent("Scenarios/bank-hotline.yaml").path)
        let baselines = scratch.appendingPathComponent("baselines").path
        try FileManager.default.createDirectory(atPath: baselines, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.repository.appendingPathComponent("Results/baselines/bank-hotline.json").path,
                                         toPath: baselines + "/bank-hotline.json")
        let file = scratch.appendingPathComponent("bank-hotline.yaml").path
        func check(_ text: String) throws -> Outcome {
            try text.write(toFile: file, atomically: true, encoding: .utf8)
            return try ccsim(["check", file, "--baselines", baselines])
        }
        let same = try check(original)
        XCTAssertEqual(same.status, 0, same.stdout + same.stderr)
        XCTAssertTrue(same.stdout.contains("reproduced exactly; digest identical for bank-hotline"), same.stdout)

        XCTAssertTrue(original.contains("    count: 92\n"))
        let fewer = try check(original.replacingOccurrences(of: "    count: 92\n", with: "    count: 91\n"))
        XCTAssertEqual(fewer.status, 1, fewer.stdout)
        XCTAssertTrue(fewer.stderr.contains("bank-hotline service_level"), fewer.stderr)

        XCTAssertTrue(original.contains("announcement: {seconds: 15, next: language}"))
        let longer = try check(original.replacingOccurrences(of: "announcement: {seconds: 15, next: language}",
                                                             with: "announcement: {seconds: 16, next: language}"))
        XCTAssertEqual(longer.status, 1, longer.stdout)
        XCTAssertTrue(longer.stderr.contains("bank-hotline mean_ivr_seconds"), longer.stderr)
    }
}
