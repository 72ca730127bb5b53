import Calibration
import Reporting
import ScenarioFiles
import XCTest

/// What a real month showed: a call type that is under 2 % of every agent's calls (so no
/// team has it as a skill) and one that only the weekend has. The fitted scenario must
/// serve every type it lists (it was refused: "no group serves ..."), each joining the team
/// that served its calls, said in fit.md.
final class RareTypeTests: XCTestCase {
    /// Five weekdays (2026-03-02 … 06) and a Saturday: retail served by agents a and b (100
    /// calls a day), business by c and d (60), one PE call a day, served by a (1 % of his
    /// calls) or, on Wednesday, by c; on Saturday only SAT calls, served by c.
    static func log() throws -> CallLog {
        var rows = ["date,arrival,queue_start,service_start,service_end,outcome,type,agent"]
        func clock(_ s: Int) -> String { String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) }
        func call(_ date: String, _ at: Int, _ type: String, _ agent: String, wait: Int = 5) {
            rows.append("\(date),\(clock(at)),\(clock(at)),\(clock(at + wait)),\(clock(at + wait + 150)),OK,\(type),\(agent)")
        }
        for day in 2...6 {
            let date = String(format: "2026-03-%02d", day)
            for i in 0..<100 { call(date, 9 * 3600 + 60 * i + 7, "retail", i % 2 == 0 ? "a" : "b") }
            for i in 0..<60 { call(date, 9 * 3600 + 100 * i + 13, "business", i % 2 == 0 ? "c" : "d") }
            call(date, 10 * 3600 + 29, "PE", day == 4 ? "c" : "a")
        }
        for i in 0..<5 { call("2026-03-07", 9 * 3600 + 300 * i, "SAT", "c") }
        let layout = LogLayout(columns: [.date: ["date"], .arrival: ["arrival"], .queueStart: ["queue_start"], .serviceStart: ["service_start"],
                                         .serviceEnd: ["service_end"], .outcome: ["outcome"], .callType: ["type"], .agent: ["agent"]],
                               outcomeCodes: ["OK": .served])
        return try CallLogReader.parse(bytes: Array((rows.joined(separator: "\n") + "\n").utf8), file: "month.csv", layout: layout)
    }

    func testEveryTypeIsServedByTheTeamsThatServedIt() throws {
        let log = try Self.log()
        let layout = LogLayout(columns: [:], outcomeCodes: [:])
        let fit = try CenterFit(log: log, layout: layout, options: CenterFit.Options())
        XCTAssertEqual(fit.dayType, "weekdays")
        let agents = try XCTUnwrap(fit.agents)
        // a and b (retail) take PE and, as the largest team (first of two of 2 agents), SAT; c and d (business) take PE.
        XCTAssertEqual(agents.teams.map(\.skills), [["retail", "PE", "SAT"], ["business", "PE"]])
        XCTAssertEqual(agents.teams.map(\.agents), [["a", "b"], ["c", "d"]])
        // PE: 5 served calls, 4 by a's team (80 %), 1 by c's (20 %, the joining share): both teams take it.
        let pe = try XCTUnwrap(agents.joinedTypes.first { $0.type == "PE" })
        XCTAssertEqual(pe.served, 5)
        XCTAssertEqual(pe.servedByTeam, [4, 1])
        // SAT: no call on the fitted weekdays; it joins the team with most agents.
        let sat = try XCTUnwrap(agents.joinedTypes.first { $0.type == "SAT" })
        XCTAssertEqual(sat.served, 0)
        XCTAssertEqual(sat.teams.count, 1)
        // The scenario validates (SAT with no call all day: a valid zero rate), and fit.md says how each type is served.
        let yaml = FittedScenario.yaml(fit, name: "month", source: "month.csv", targetSeconds: 20, replications: 10)
        let scenario = try ScenarioLoader.parse(yaml, file: "scenario.yaml")
        let groups = scenario.variants[0].config.groups
        for type in ["retail", "business", "PE", "SAT"] {
            XCTAssertTrue(groups.contains { $0.skills?.contains(type) == true }, "\(type) is served: \(groups.map(\.skills))")
        }
        let md = FitFiles.files(fit, scenarioYAML: yaml, scenarioName: "month", source: "month.csv").first { $0.name == "fit.md" }!.contents
        XCTAssertTrue(md.contains("Call type PE is no agent's skill (under 2 % of every agent's calls): its 5 served calls were taken by "), md)
        XCTAssertTrue(md.contains("Call type SAT is no agent's skill (under 2 % of every agent's calls): no call of it was served on the "
                                  + "fitted days: it joined the largest team, "), md)
    }
}
