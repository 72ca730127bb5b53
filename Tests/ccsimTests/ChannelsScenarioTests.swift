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

    /// A blended team's three days (calls, and e-mail due within 2 hours); staffed for the
    /// calls' service level in every open period, then topped up in every open period until
    /// 99.9 % of e-mail is answered within due over the horizon. Each of the horizon's 12 open
    /// periods is planned (nights left out of the table, kept in staffing.csv), the top-up
    /// reaches the goal on the fresh runs from below it, and the manifest says so; an
    /// e-mail goal on one day, on a roster, or with --write-scenario is refused (exit 2).
    static let week = """
        name: week
        seed: 5
        replications: 10
        periods: {minutes: 60, count: 4, opening: "08:00"}
        days: {count: 3, arrivals_factor: [1.2, 1.0, 0.6]}
        service_level: {target_seconds: 20, goal: 0.8}
        call_types:
          - name: phone
            arrivals: {per_hour_by_period: [100, 160, 160, 100]}
            service: {exponential: {mean: 180}}
            patience: {exponential: {mean: 180}}
          - name: mail
            channel: email
            due_hours: 2
            arrivals: {per_hour: 60}
            service: {exponential: {mean: 600}}
        agents:
          - group: team
            count_by_period: [6, 9, 9, 6]
            skills: [phone, mail]
        """

    func testDaysStaffedWithAnEmailGoal() throws {
        let file = scratch.appendingPathComponent("week.yaml").path
        try Self.week.write(toFile: file, atomically: true, encoding: .utf8)
        let out = scratch.appendingPathComponent("staff").path
        let fast = ["--min-days", "40", "--max-days", "200", "--fresh-days", "100"]
        let staff = try ccsim(["staff", file, "--channel-goal", "email.within_due_rate=0.999", "--out", out] + fast)
        XCTAssertEqual(staff.status, 0, staff.stderr)
        XCTAssertTrue(staff.stdout.contains("\nd3 11:00 "), staff.stdout)
        XCTAssertFalse(staff.stdout.contains("\nd1 12:00 "), "nights are left out of the table")
        XCTAssertTrue(staff.stdout.contains("e-mail: answered within due "), staff.stdout)
        let rows = try String(contentsOfFile: out + "/staffing.csv", encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(rows.count, 1 + 2 * 24 + 4)
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/manifest.json"))) as! [String: Any]
        let email = try XCTUnwrap(manifest["email"] as? [String: Any])
        XCTAssertEqual(email["reached"] as? Bool, true)
        XCTAssertGreaterThanOrEqual(email["within_due_mean"] as! Double, 0.999)
        XCTAssertLessThan(email["within_due_before"] as! Double, 0.999, "the goal binds")
        let added = email["agents_added_per_open_period"] as! Int
        XCTAssertGreaterThan(added, 0)
        let plan = email["plan"] as! [Int]
        XCTAssertEqual(plan.count, 2 * 24 + 4)
        XCTAssertEqual(plan[12], 0, "no agent at night")
        let oneDay = scratch.appendingPathComponent("day.yaml").path
        try Self.week.replacingOccurrences(of: "days: {count: 3, arrivals_factor: [1.2, 1.0, 0.6]}\n", with: "")
            .write(toFile: oneDay, atomically: true, encoding: .utf8)
        let blended = CheckCommandTests.repository.appendingPathComponent("Scenarios/channels-day.yaml").path
        for (days, message) in [(["staff", oneDay], "needs days:"), (["staff", blended], "the scenario's contacts are voice and chat"),
                                (["staff", file, "--write-scenario", scratch.appendingPathComponent("w.yaml").path], "covers 3 days")] {
            let refused = try ccsim(days + ["--channel-goal", "email.within_due_rate=0.9", "--out", scratch.appendingPathComponent("no").path])
            XCTAssertEqual(refused.status, 2, days.joined(separator: " "))
            XCTAssertTrue(refused.stderr.contains(message), refused.stderr)
        }
    }

    /// A week cannot be rostered as a day: refused with the reason (exit 2), nothing written.
    func testWeekIsNotRosteredAsADay() throws {
        let file = CheckCommandTests.repository.appendingPathComponent("Scenarios/channels.yaml").path
        let out = scratch.appendingPathComponent("schedule").path
        let schedule = try ccsim(["schedule", file, "--out", out])
        XCTAssertEqual(schedule.status, 2)
        XCTAssertTrue(schedule.stderr.contains("runs 7 days (days:)"), schedule.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
    }
}
