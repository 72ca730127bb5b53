import Foundation
import XCTest

/// The shipped channels scenario (voice, chat and e-mail over a week): its comparison's
/// files, per-channel figures and report, opened in headless Chromium.
final class ChannelsScenarioTests: XCTestCase {
    var scratch: URL!

    override func setUpWithError() throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("ccsim-channels-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: scratch) }

    func testWeekOfChannelsComparedAndReported() throws {
        let out = scratch.appendingPathComponent("channels").path
        let file = CheckCommandTests.repository.appendingPathComponent("Scenarios/channels.yaml").path
        let run = try ccsim(["compare", file, "--replications", "4", "--out", out])
        XCTAssertEqual(run.status, 0, run.stderr)
        for line in ["voice.service_level", "chat.service_level", "concurrency_mean", "within_due_rate", "backlog_end", "mean_age_hours"] {
            XCTAssertTrue(run.stdout.contains("\n" + line + " ") || run.stdout.contains("\n" + line.replacingOccurrences(of: "_seconds", with: "") + " "),
                          line)
        }
        XCTAssertTrue(run.stdout.contains("verdict: chat-2 vs chat-3: "), run.stdout)
        // A week of 30-minute periods: six days and their nights, then the last day's 24 periods.
        let rows = try String(contentsOfFile: out + "/intervals.csv", encoding: .utf8).split(separator: "\n").dropFirst()
        let chat3 = rows.filter { $0.hasPrefix("chat-3,") }
        XCTAssertEqual(chat3.count, 6 * 48 + 24)
        XCTAssertTrue(chat3.last!.hasPrefix("chat-3,311,d7 19:30,"), String(chat3.last!))
        XCTAssertTrue(chat3[30].hasPrefix("chat-3,30,d1 23:00,0,"), "no calls at night: \(chat3[30])")

        XCTAssertEqual(try ccsim(["plot", out]).status, 0)
        let report = try ccsim(["report", out])
        XCTAssertEqual(report.status, 0, report.stderr)
        let page = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
        try assertStrictHTML(page, scratch: scratch)
        for section in ["verdict", "headline", "channels", "days", "variants", "periods", "waits"] {
            XCTAssertTrue(page.contains("<section id=\"\(section)\">"), section)
        }
        for row in ["voice: service_level", "chat: concurrency_mean", "email: within_due_rate", "email: backlog_end", "day7: backlog_end"] {
            XCTAssertTrue(page.contains(row), row)
        }
        let chromium = try XCTUnwrap(which("chromium"), "headless Chromium is needed: make test-deps installs it")
        let dom = try runProcess(chromium, chromiumFlags + ["--dump-dom", "file://" + out + "/report.html"], in: scratch)
        XCTAssertEqual(dom.status, 0, dom.stderr)
        XCTAssertTrue(dom.stderr.split(separator: "\n").filter { $0.contains(":CONSOLE") }.isEmpty, dom.stderr)
        let figures = matches(of: "<figure data-rendered=\"([0-9]+)x([0-9]+)\"", in: dom.stdout)
        XCTAssertEqual(figures.count, page.components(separatedBy: "<figure>").count - 1)
        for size in figures { XCTAssertTrue(Int(size[0])! > 100 && Int(size[1])! > 50, "figure \(size)") }
    }

    /// A week cannot be staffed or rostered as a day: refused with the reason (exit 2), nothing written.
    func testWeekIsNotPlannedAsADay() throws {
        let file = CheckCommandTests.repository.appendingPathComponent("Scenarios/channels.yaml").path
        let out = scratch.appendingPathComponent("staff").path
        let staff = try ccsim(["staff", file, "--no-simulation", "--out", out])
        XCTAssertEqual(staff.status, 2)
        XCTAssertTrue(staff.stderr.contains("staffing plans one day, and this scenario runs 7 days (days:)"), staff.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
    }
}
