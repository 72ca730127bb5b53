import Foundation
import XCTest

/// `ccsim schedule` on a small day: the repaired roster meets the goal in every period on
/// the fresh days, and its files agree with what it printed.
final class ScheduleCommandTests: XCTestCase {
    var scratch: URL!

    override func setUpWithError() throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("ccsim-schedule-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: scratch) }

    /// Six hours (100–250 calls an hour, AHT 3 min, patience 2 min), 4-hour shifts with a
    /// paid 15-minute break and 2-hour shifts; with or without day-to-day busyness.
    func writeSmallRosterDay(busyness: Bool) throws -> String {
        let path = scratch.appendingPathComponent(busyness ? "day.yaml" : "calm.yaml").path
        try """
            name: \(busyness ? "small-roster" : "calm-roster")
            seed: 5
            replications: 10
            periods: {minutes: 60, count: 6, opening: "09:00"}
            \(busyness ? "busyness: {shape: 25}" : "")
            service_level: {target_seconds: 20, goal: 0.8}
            call_types:
              - name: general
                arrivals: {per_hour_by_period: [100, 200, 250, 200, 150, 100]}
                service: {exponential: {mean: 180}}
                patience: {exponential: {mean: 120}}
            agents: [{group: all, count: 10, skills: [general]}]
            shifts:
              templates:
                - name: four
                  start: {from: "09:00", to: "11:00", every_minutes: 60}
                  length_hours: 4
                  cost_per_hour: 20
                  breaks: [{minutes: 15, paid: true, after_minutes: [90, 150]}]
                - name: two
                  start: {from: "09:00", to: "13:00", every_minutes: 60}
                  length_hours: 2
                  cost_per_hour: 24
            """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// On 2 fresh days nothing can be decided: every interval lies within 0–100 % and the
    /// verdict says which periods are too close to call, not that every period meets the goal.
    func testTooFewFreshDaysAreSaidSo() throws {
        let path = try writeSmallRosterDay(busyness: true)
        let out = scratch.appendingPathComponent("two").path
        let r = try ccsim(["schedule", path, "--requirement", "erlang-c", "--fresh-days", "2", "--out", out])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("too close to call on 2 fresh days"), r.stdout)
        XCTAssertFalse(r.stdout.contains("every period meets it"), r.stdout)
        // --json: the roster and its coverage as JSON.
        let json = try ccsim(["schedule", path, "--requirement", "erlang-c", "--fresh-days", "2", "--out", out, "--json", "--quiet"])
        XCTAssertEqual(json.status, 0, json.stderr)
        let answer = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        XCTAssertEqual((answer["coverage"] as! [[String: Any]]).count, 6)
        XCTAssertFalse((answer["schedule"] as! [[String: Any]]).isEmpty)
        XCTAssertNotNil((answer["rosters"] as? [String: Any])?["Erlang C"])
        let coverage = try String(contentsOfFile: out + "/coverage.csv", encoding: .utf8).split(separator: "\n")
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        for c in ["service_level_ci_low", "service_level_ci_high"] {
            let k = try XCTUnwrap(coverage[0].firstIndex(of: c))
            for row in coverage.dropFirst() { XCTAssertTrue((0...1).contains(Double(row[k]) ?? -1), "\(c) \(row[k])") }
        }
    }

    /// Six hours, 4-hour shifts (a paid 15-minute break) and 2-hour shifts, Erlang C's
    /// requirement repaired on 60 fresh days (seed 5).
    func testSmallDayIsRepairedUntilEveryPeriodMeetsTheGoal() throws {
        let path = try writeSmallRosterDay(busyness: true)
        let out = scratch.appendingPathComponent("out").path
        let rostered = scratch.appendingPathComponent("rostered.yaml").path
        let r = try ccsim(["schedule", path, "--requirement", "erlang-c", "--fresh-days", "60", "--out", out, "--write-scenario", rostered])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("every period meets it"), r.stdout)
        let coverage = try String(contentsOfFile: out + "/coverage.csv", encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = coverage[0]
        func column(_ name: String) -> Int { header.firstIndex(of: name)! }
        XCTAssertEqual(coverage.count, 7)
        for row in coverage.dropFirst() {
            XCTAssertEqual(row[column("meets")], "1", "\(row)")
            // (Trims may take the roster below the last requirement solved for, never below the goal.)
            XCTAssertGreaterThanOrEqual(Double(row[column("required")])!, Double(row[column("erlang_c")])!, "\(row)")
        }
        // schedule.csv: people × cost each adds up to the repaired roster's cost in the manifest.
        let schedule = try String(contentsOfFile: out + "/schedule.csv", encoding: .utf8).split(separator: "\n").dropFirst()
            .map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let cost = schedule.reduce(0.0) { $0 + Double($1[3])! * Double($1[5])! }
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/manifest.json"))) as! [String: Any]
        let repaired = (manifest["rosters"] as! [String: [String: Any]])["repaired"]!
        XCTAssertEqual(cost, (repaired["cost"] as! NSNumber).doubleValue, accuracy: 1e-9)
        XCTAssertEqual(repaired["periods_meeting_goal"] as? Int, 6)
        XCTAssertTrue(schedule.contains { $0[0] == "four" && $0[2].contains("+15") }, "\(schedule)")
        // Independently of schedule's own verdict: the roster written as a scenario (its
        // agents per period, breaks as shares: coverage.csv's scheduled column, its shifts in
        // the header) run by `ccsim run` on 400 other days (seed 97) reaches the goal within
        // what the 60 fresh days could tell (their 95 % interval's width), each period at
        // α = 1e-4 (mean + 2 × the 95 % half-width on the 400 days).
        let scheduled = coverage.dropFirst().map { $0[column("scheduled")] }
        let day = try String(contentsOfFile: rostered, encoding: .utf8)
        XCTAssertTrue(day.contains("count_by_period: [\(scheduled.joined(separator: ", "))]"), day)
        XCTAssertTrue(day.contains("name: \"small-roster-roster\"") && day.contains("#   \"four\" from "), day)
        XCTAssertTrue(scheduled.contains { $0.contains(".") }, "a break is a share of its period: \(scheduled)")
        let check = scratch.appendingPathComponent("check").path
        let run = try ccsim(["run", rostered, "--seed", "97", "--replications", "400", "--out", check])
        XCTAssertEqual(run.status, 0, run.stderr)
        let fresh = try String(contentsOfFile: check + "/intervals.csv", encoding: .utf8).split(separator: "\n")
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let (sl, low) = (fresh[0].firstIndex(of: "service_level")!, fresh[0].firstIndex(of: "service_level_ci_low")!)
        for (k, row) in fresh.dropFirst().enumerated() {
            let mean = Double(row[sl])!, halfWidth = mean - Double(row[low])!
            let width60 = Double(coverage[k + 1][column("service_level_ci_high")])! - Double(coverage[k + 1][column("service_level_ci_low")])!
            XCTAssertGreaterThanOrEqual(mean + 2 * halfWidth, 0.8 - width60, "period \(k): \(mean) ± \(halfWidth) on 400 days")
        }
        // The folder plots and reports.
        XCTAssertEqual(try ccsim(["plot", out]).status, 0)
        let report = try ccsim(["report", out])
        XCTAssertEqual(report.status, 0, report.stderr)
        let page = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
        XCTAssertTrue(page.contains("<section id=\"schedule\">"))
        XCTAssertTrue(page.contains("<details open=\"open\"><summary>The roster: schedule.csv</summary>"), "the roster is shown open")
        // In Chromium: the answer first (the roster, its cost, the periods meeting the goal,
        // the tightest period), the roster's table laid out open, no text under 10 px.
        let chromium = try XCTUnwrap(which("chromium"), "headless Chromium is needed: make test-deps installs it")
        let dom = try runProcess(chromium, chromiumFlags + ["--dump-dom", "file://" + out + "/report.html"], in: scratch)
        XCTAssertEqual(dom.status, 0, dom.stderr)
        let answer = try XCTUnwrap(matches(of: "<p>The roster: ([^<]*)</p>", in: dom.stdout).first?.first, "the roster's verdict")
        XCTAssertTrue(answer.hasPrefix("erlang-c, repaired, cost \(Int((repaired["cost"] as! NSNumber).doubleValue))") && answer.contains("6 of 6 periods meet the goal on 60 fresh days; tightest: "),
                      answer)
        XCTAssertLessThan(dom.stdout.range(of: "<p>The roster: ")!.lowerBound, dom.stdout.range(of: "<summary>The roster: schedule.csv</summary>")!.lowerBound)
        assertReadable(dom.stdout, smallestPixels: 10, page: out)
    }

    /// The same day without day-to-day busyness, from the simulated requirement (60 fresh
    /// days, seed 5): the roster meets the goal in every period and costs no more than
    /// Erlang C's roster (which ignores abandonment: about 13 % dearer here), nor than
    /// either repaired roster (the cheaper is the answer).
    func testRepairedRosterCostsNoMoreThanErlangCs() throws {
        let path = try writeSmallRosterDay(busyness: false)
        let out = scratch.appendingPathComponent("calm").path
        let r = try ccsim(["schedule", path, "--fresh-days", "60", "--out", out])
        XCTAssertEqual(r.status, 0, r.stderr)
        // Progress on standard error: the simulated requirement's periods, each repair round, the trim.
        for line in ["schedule: 09:00 settled: ", "schedule: holding 1 plan(s) against ", "schedule: roster from simulated, round 1: ",
                     "schedule: roster from erlang-c, round 1: ", "schedule: roster from simulated: "] {
            XCTAssertTrue(r.stderr.contains(line), "\(line) in \(r.stderr)")
        }
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/manifest.json"))) as! [String: Any]
        let rosters = manifest["rosters"] as! [String: [String: Any]]
        func cost(_ name: String) -> Double { (rosters[name]!["cost"] as! NSNumber).doubleValue }
        XCTAssertEqual(rosters["repaired"]!["periods_meeting_goal"] as? Int, 6)
        XCTAssertLessThanOrEqual(cost("repaired"), cost("Erlang C"))
        XCTAssertLessThanOrEqual(cost("repaired"), cost("simulated, repaired"))
        XCTAssertLessThanOrEqual(cost("repaired"), cost("erlang-c, repaired"))
        let chosen = (manifest["repair"] as! [String: Any])["chosen"] as! String
        XCTAssertEqual(cost(chosen), cost("repaired"))
        XCTAssertTrue(r.stdout.contains("the roster: \(chosen)"), r.stdout)
    }

    /// A week (tour scheduling): the small day on 7 days, the weekend at half volume, two
    /// days off in a row each: every period of every day meets the goal, and every person
    /// works 5 days.
    func testWeekWithDaysOff() throws {
        let path = scratch.appendingPathComponent("week.yaml").path
        try """
            name: small-week
            seed: 6
            replications: 10
            periods: {minutes: 60, count: 4, opening: "09:00"}
            service_level: {target_seconds: 20, goal: 0.8}
            call_types:
              - name: general
                arrivals: {per_hour_by_period: [100, 200, 200, 100]}
                service: {exponential: {mean: 180}}
                patience: {exponential: {mean: 120}}
            agents: [{group: all, count: 10, skills: [general]}]
            shifts:
              horizon_days: 7
              days_off: {count: 2, consecutive: true}
              day_factors: [1, 1, 1, 1, 1, 0.5, 0.5]
              templates:
                - {name: four, start: {at: "09:00"}, length_hours: 4, cost_per_hour: 20}
                - {name: two, start: {from: "09:00", to: "11:00", every_minutes: 60}, length_hours: 2, cost_per_hour: 24}
            """.write(toFile: path, atomically: true, encoding: .utf8)
        let out = scratch.appendingPathComponent("week").path
        let r = try ccsim(["schedule", path, "--requirement", "erlang-c", "--fresh-days", "40", "--out", out])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("28 of 28") && r.stdout.contains("2 days off each in a row"), r.stdout)
        let schedule = try String(contentsOfFile: out + "/schedule.csv", encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(schedule[0], "template,start,breaks,days,people,paid_hours_each,cost_each")
        for row in schedule.dropFirst() {
            let days = row.split(separator: ",", omittingEmptySubsequences: false)[3]
            XCTAssertEqual(days.count, 7)
            XCTAssertEqual(days.filter { $0 == "1" }.count, 5, String(row))
        }
        let coverage = try String(contentsOfFile: out + "/coverage.csv", encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(coverage.count, 1 + 7 * 4)
        XCTAssertEqual(try ccsim(["report", out]).status, 0)
        // The roster as scenarios, one per day: its people at work that day and the day's volume.
        let written = try ccsim(["schedule", path, "--requirement", "erlang-c", "--fresh-days", "40", "--out", out, "--quiet",
                                 "--write-scenario", scratch.appendingPathComponent("week-roster.yaml").path])
        XCTAssertEqual(written.status, 0, written.stderr)
        for d in 1...7 {
            let file = scratch.appendingPathComponent("week-roster-day\(d).yaml").path
            let text = try String(contentsOfFile: file, encoding: .utf8)
            let rows = coverage.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }.filter { $0[0] == "\(d)" }
            XCTAssertTrue(text.contains("count_by_period: [" + rows.map { String($0[6]) }.joined(separator: ", ") + "]"), text)
            XCTAssertEqual(text.contains("per_hour_by_period: [50, 100, 100, 50]"), d > 5, text)  // (else as written)
            XCTAssertTrue(text.contains("name: \"small-week-roster-day\(d)\""), text)
            let run = try ccsim(["run", file, "--replications", "2", "--out", scratch.appendingPathComponent("day\(d)").path])
            XCTAssertEqual(run.status, 0, run.stderr)
        }
    }

    /// `--requirement` takes the staffing.csv `ccsim staff` wrote for the scenario (its
    /// simulated plan is the first requirement); one planned for another day is refused
    /// before any simulation, as are a missing file and an unwritable --write-scenario.
    func testStaffPlanIsReused() throws {
        let path = try writeSmallRosterDay(busyness: true)
        let staffed = scratch.appendingPathComponent("staffed").path
        let staff = try ccsim(["staff", path, "--quiet", "--out", staffed])
        XCTAssertEqual(staff.status, 0, staff.stderr)
        let plan = try String(contentsOfFile: staffed + "/staffing.csv", encoding: .utf8).split(separator: "\n")
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let simulated = plan.dropFirst().map { $0[plan[0].firstIndex(of: "simulated")!] }
        let out = scratch.appendingPathComponent("from-staff").path
        for given in [staffed, staffed + "/staffing.csv"] {
            let r = try ccsim(["schedule", path, "--requirement", given, "--fresh-days", "20", "--out", out, "--force"])
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertTrue(r.stdout.contains("staff-plan, repaired"), r.stdout)
            XCTAssertFalse(r.stderr.contains("settled"), "the plan is reused, not simulated again: \(r.stderr)")
            XCTAssertTrue(r.stderr.contains("schedule: roster from staff-plan, round 1: "), r.stderr)
            XCTAssertFalse(r.stderr.contains("warning"), r.stderr)
        }
        // The repair starts from the staff plan and only raises it: coverage.csv's requirement
        // (the last one solved for) is never below the plan's agents.
        let coverage = try String(contentsOfFile: out + "/coverage.csv", encoding: .utf8).split(separator: "\n")
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let required = try XCTUnwrap(coverage[0].firstIndex(of: "required"))
        XCTAssertEqual(coverage.count - 1, simulated.count)
        for (row, agents) in zip(coverage.dropFirst(), simulated) {
            XCTAssertGreaterThanOrEqual(Int(row[required])!, Int(agents)!, "\(row) from the plan's \(agents)")
        }
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/manifest.json"))) as! [String: Any]
        XCTAssertNotNil((manifest["rosters"] as! [String: Any])["staff-plan, repaired"], "\(manifest)")

        // Refused, exit 2, nothing written: a plan of other periods, another scenario's plan, no file, a folder to write to.
        let other = scratch.appendingPathComponent("other.csv").path
        try (plan[0].joined(separator: ",") + "\n" + plan[1].joined(separator: ",") + "\n").write(toFile: other, atomically: true, encoding: .utf8)
        let renamed = scratch.appendingPathComponent("renamed.yaml").path
        try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "name: small-roster", with: "name: another")
            .write(toFile: renamed, atomically: true, encoding: .utf8)
        let refused = scratch.appendingPathComponent("refused").path
        for (arguments, message) in [([path, "--requirement", other], "plans 1 periods, and the scenario's day has 6"),
                                     ([renamed, "--requirement", staffed], "was planned for scenario small-roster, and this is another"),
                                     ([path, "--requirement", scratch.appendingPathComponent("none.csv").path], "no such file or folder"),
                                     ([path, "--requirement", "erlang-c", "--write-scenario", scratch.path], "is a folder"),
                                     ([path, "--requirement", "erlang-c", "--write-scenario", path], "is the scenario being read")] {
            let r = try ccsim(["schedule"] + arguments + ["--out", refused])
            XCTAssertEqual(r.status, 2, r.stderr)
            XCTAssertTrue(r.stderr.contains(message), "\(message) in \(r.stderr)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: refused))
        }
    }

    /// The planner's what-if: staff writes the plan into a copy of the scenario, which then
    /// runs with a "5 agents sick" variant.
    func testStaffWritesTheScenarioWithItsPlan() throws {
        let day = try writeSmallDayScenario(in: scratch, replications: 3)
        let written = scratch.appendingPathComponent("planned.yaml").path
        let r = try ccsim(["staff", day, "--no-simulation", "--out", scratch.appendingPathComponent("staff").path, "--write-scenario", written])
        XCTAssertEqual(r.status, 0, r.stderr)
        let csv = try String(contentsOfFile: scratch.appendingPathComponent("staff/staffing.csv").path, encoding: .utf8)
            .split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let erlangA = csv.map { String($0[4]) }
        var text = try String(contentsOfFile: written, encoding: .utf8)
        XCTAssertTrue(text.contains("count_by_period: [" + erlangA.joined(separator: ", ") + "]"), text)
        text = text.replacingOccurrences(of: "\nvariants:", with: "\nvariants:\n- name: five-sick\n  set: {agents.universal.count_by_period: {add: -5}}")
        try text.write(toFile: written, atomically: true, encoding: .utf8)
        let run = try ccsim(["compare", written, "--out", scratch.appendingPathComponent("what-if").path])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("five-sick"), run.stdout)
    }

    /// `staff --outbound-completions N`: after the inbound plan, agents added alike in the
    /// campaign's window periods (10:00–13:00 of a 09:00–15:00 day) until the day's
    /// completions reach N on the fresh days (a goal of exactly the completions found asks
    /// for the same top-up, one a hair above for more), the goal and the top-up in the
    /// manifest. A goal the list cannot give (400 entries) is said not reached, with the last
    /// addition that still helped, not the search's bound; no campaign: exit 2.
    func testStaffForAnOutboundGoal() throws {
        let path = scratch.appendingPathComponent("blend-day.yaml").path
        try """
            name: blend-day
            seed: 4
            replications: 20
            periods: {minutes: 60, count: 6, opening: "09:00"}
            call_types:
              - {name: calls, arrivals: {per_hour_by_period: [100, 120, 120, 100, 100, 80]}, service: {exponential: {mean: 180}},
                 patience: {exponential: {mean: 120}}}
            agents:
              - {group: pool, count: 8, skills: [calls], outbound: [cards], inbound_reserve: 1}
            campaigns:
              - {name: cards, list: {size: 400}, window: {from: "10:00", to: "14:00"}, outcomes: {connect: 0.5, machine: 0.2},
                 ring: {exponential: {mean: 12}}, talk: {exponential: {mean: 120}}}
            """.write(toFile: path, atomically: true, encoding: .utf8)
        func staff(_ goal: String, _ name: String) throws -> (stdout: String, manifest: [String: Any]) {
            let out = scratch.appendingPathComponent(name).path
            let r = try ccsim(["staff", path, "--outbound-completions", goal, "--out", out, "--quiet"])
            XCTAssertEqual(r.status, 0, r.stderr)
            let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/manifest.json"))) as! [String: Any]
            return (r.stdout, manifest["outbound"] as! [String: Any])
        }
        let (text, outbound) = try staff("330", "reached")
        XCTAssertEqual(outbound["reached"] as? Bool, true)
        XCTAssertEqual(outbound["periods"] as? [String], ["10:00", "11:00", "12:00", "13:00"])
        let added = try XCTUnwrap(outbound["agents_added_per_period"] as? Int)
        XCTAssertGreaterThan(added, 0)
        XCTAssertGreaterThanOrEqual(try XCTUnwrap(outbound["completions_mean"] as? Double), 330)
        XCTAssertTrue(text.contains("outbound: +\(added) agent(s) in each period 10:00–13:00 give "), text)
        let plan = try XCTUnwrap(outbound["plan"] as? [Int])
        let inboundOnly = try staff("1", "inbound")
        XCTAssertEqual(inboundOnly.manifest["agents_added_per_period"] as? Int, 0)
        let base = try XCTUnwrap(inboundOnly.manifest["plan"] as? [Int])
        XCTAssertEqual(zip(plan, base).map { $0 - $1 }, [0, added, added, added, added, 0])
        // A goal of exactly that plan's completions (the same fresh days) asks for the same top-up,
        // and one just above it for more.
        let mean = try XCTUnwrap(outbound["completions_mean"] as? Double)
        XCTAssertEqual(try staff("\(mean)", "same").manifest["agents_added_per_period"] as? Int, added)
        XCTAssertGreaterThan(try XCTUnwrap(try staff("\(mean + 0.01)", "more").manifest["agents_added_per_period"] as? Int), added)
        let unreachable = try staff("1000", "unreachable")
        XCTAssertEqual(unreachable.manifest["reached"] as? Bool, false)
        XCTAssertLessThan(try XCTUnwrap(unreachable.manifest["agents_added_per_period"] as? Int), 50)
        XCTAssertTrue(unreachable.stdout.contains("outbound: NOT REACHED (more agents add no completions"), unreachable.stdout)
        let day = try writeSmallDayScenario(in: scratch, replications: 3)
        let none = try ccsim(["staff", day, "--outbound-completions", "10", "--out", scratch.appendingPathComponent("none").path])
        XCTAssertEqual(none.status, 2)
        XCTAssertTrue(none.stderr.contains("--outbound-completions needs campaigns:"), none.stderr)
    }

    /// staff needs no agents: block for a day of one call type (nor does validate, then).
    func testStaffWithoutAgentsBlock() throws {
        let path = scratch.appendingPathComponent("no-agents.yaml").path
        try """
            name: no-agents
            periods: {minutes: 30, count: 2}
            call_types:
              - {name: general, arrivals: {per_period: [50, 100]}, service: {exponential: {mean: 180}}, patience: {exponential: {mean: 120}}}
            """.write(toFile: path, atomically: true, encoding: .utf8)
        let r = try ccsim(["staff", path, "--no-simulation", "--out", scratch.appendingPathComponent("s").path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("00:30        10.0"), r.stdout)  // 100 calls in 30 minutes × 180 s = 10 Erlangs
        XCTAssertEqual(try ccsim(["run", path]).status, 2)  // a run needs its agents
    }

    /// Without shifts: refused, exit 2, nothing written.
    func testScenarioWithoutShiftsIsRefused() throws {
        let day = try writeSmallDayScenario(in: scratch, replications: 3)
        let out = scratch.appendingPathComponent("none").path
        let r = try ccsim(["schedule", day, "--out", out])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("needs periods: (a day in periods) and shifts:"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
    }
}
