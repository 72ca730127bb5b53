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

    /// The blended team's day staffed against each channel's goal (calls 80 % within 20 s,
    /// chats 90 % within 60 s): every period of the repaired plan meets both on the fresh
    /// days (the repair adds agents until it does), said in the table, staffing.csv and the
    /// manifest; plotted; rostered from that plan with coverage.csv giving each goal; and
    /// each mistake in a goal refused (exit 2) before anything is simulated.
    func testBlendedDayStaffedAgainstEachChannel() throws {
        let file = CheckCommandTests.repository.appendingPathComponent("Scenarios/channels-day.yaml").path
        let out = scratch.appendingPathComponent("staff").path
        let fast = ["--min-days", "40", "--max-days", "200", "--replications", "20", "--fresh-days", "60"]
        let staff = try ccsim(["staff", file, "--channel-goal", "voice.service_level=0.8", "--channel-goal", "chat.service_level=0.9",
                               "--out", out] + fast)
        XCTAssertEqual(staff.status, 0, staff.stderr)
        XCTAssertTrue(staff.stdout.contains("voice SL simulated") && staff.stdout.contains("chat SL simulated"), staff.stdout)
        XCTAssertTrue(staff.stdout.contains("and the chat service level (each type's target) ≥ 90.0 %"), staff.stdout)
        let rows = try String(contentsOfFile: out + "/staffing.csv", encoding: .utf8).split(separator: "\n")
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let chat = try XCTUnwrap(rows[0].firstIndex(of: "chat.service_level_simulated"))
        let voice = try XCTUnwrap(rows[0].firstIndex(of: "voice.service_level_simulated"))
        XCTAssertNotNil(rows[0].firstIndex(of: "chat.service_level_erlang_a_low"))
        XCTAssertEqual(rows.count, 13)
        for row in rows.dropFirst() {
            XCTAssertGreaterThanOrEqual(Double(row[chat])!, 0.9, row[1])
            XCTAssertGreaterThanOrEqual(Double(row[voice])!, 0.8, row[1])
        }
        let manifest = try String(contentsOfFile: out + "/manifest.json", encoding: .utf8)
        XCTAssertTrue(manifest.contains("\"further\"") && manifest.contains("\"chat.service_level\""), manifest)
        XCTAssertEqual(try ccsim(["plot", out]).status, 0)

        // The roster from that plan (no second selection), judged on both goals.
        let roster = scratch.appendingPathComponent("roster").path
        let schedule = try ccsim(["schedule", file, "--requirement", out, "--channel-goal", "voice.service_level=0.8",
                                  "--channel-goal", "chat.service_level=0.9", "--fresh-days", "40", "--max-trims", "3", "--out", roster])
        XCTAssertEqual(schedule.status, 0, schedule.stderr)
        XCTAssertTrue(schedule.stdout.contains(", voice.service_level ≥ 80.0 %, chat.service_level ≥ 90.0 % in every period"), schedule.stdout)
        XCTAssertTrue(schedule.stdout.contains("its tightest period for chat.service_level: "), schedule.stdout)
        let coverage = try String(contentsOfFile: roster + "/coverage.csv", encoding: .utf8).split(separator: "\n")
        XCTAssertTrue(coverage[0].hasSuffix(",chat.service_level,chat.service_level_ci_low,chat.service_level_ci_high,meets"),
                      String(coverage[0]))
        XCTAssertEqual(coverage.count, 13)

        // Mistakes, refused before any simulation.
        let oneChannel = CheckCommandTests.repository.appendingPathComponent("Scenarios/staffing-day.yaml").path
        for (arguments, message) in [
            ([file, "--channel-goal", "email.service_level=0.9"], "e-mail is deferred work"),
            ([file, "--channel-goal", "chat.sl=0.9"], "CHANNEL.METRIC=BOUND"),
            ([file, "--channel-goal", "chat.service_level=1.5"], "the bound must be in (0, 1)"),
            ([file, "--no-simulation", "--channel-goal", "chat.service_level=0.9"], "applies to the simulated plan"),
            ([oneChannel, "--channel-goal", "chat.service_level=0.9"], "a channel goal needs several channels"),
        ] {
            let refused = try ccsim(["staff"] + arguments + ["--out", scratch.appendingPathComponent("refused").path])
            XCTAssertEqual(refused.status, 2, arguments.joined(separator: " "))
            XCTAssertTrue(refused.stderr.contains(message), refused.stderr)
            XCTAssertFalse(FileManager.default.fileExists(atPath: scratch.appendingPathComponent("refused").path))
        }
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
