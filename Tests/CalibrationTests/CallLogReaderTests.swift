import Calibration
import ScenarioFiles
import XCTest

/// The log reader: formats, normalisation, drops by reason, and problems with line and column.
final class CallLogReaderTests: XCTestCase {
    static let layout = LogLayout(
        columns: [.date: ["date"], .arrival: ["vru_entry"], .ivrExit: ["vru_exit"], .queueStart: ["q_start"],
                  .queueEnd: ["q_exit"], .serviceStart: ["ser_start"], .serviceEnd: ["ser_exit"], .outcome: ["outcome"],
                  .callType: ["type", "priority"], .agent: ["server"]],
        outcomeCodes: ["AGENT": .served, "HANG": .abandoned, "VRU": .ivrOnly, "PHANTOM": .ignore],
        never: ["0:00:00"], skewSeconds: 5)

    static let header = "date,vru_entry,vru_exit,q_start,q_exit,ser_start,ser_exit,outcome,type,priority,server"

    func parse(_ rows: [String], layout: LogLayout = layout) throws -> CallLog {
        try CallLogReader.parse(bytes: Array(([Self.header] + rows).joined(separator: "\n").utf8), file: "log.csv", layout: layout)
    }

    func testClockTimesDatesQuotesAndSentinels() throws {
        let log = try parse([
            "990301,7:00:05,7:00:20,7:00:20,7:00:31,7:00:31,7:03:00,AGENT,PS,2,\"ANNA, B\"",
            "990301,7:01:00.5,7:01:10,7:01:10,7:02:40,0:00:00,0:00:00,HANG,PS,1,NO_SERVER",
            "990302,23:59:50,24:00:10,0:00:00,0:00:00,0:00:00,0:00:00,VRU,,,",
        ])
        XCTAssertEqual(log.count, 3)
        XCTAssertEqual(log.day[0], civilDay(1999, 3, 1))
        XCTAssertEqual(log.day[2] - log.day[0], 1)
        XCTAssertEqual(CallLog.weekdayNames[CallLog.weekday(ofDay: log.day[0])], "monday")
        XCTAssertEqual(log.arrival[0], 7 * 3600 + 5)
        XCTAssertEqual(log.queueEntry[0], 7 * 3600 + 20)
        XCTAssertEqual(log.queueExit[0], 7 * 3600 + 31)  // a served call's wait ends at its service start
        XCTAssertEqual(log.serviceEnd[0] - log.serviceStart[0], 149)
        XCTAssertEqual(log.agents, ["ANNA, B", "NO_SERVER"])
        XCTAssertEqual(log.callTypes, ["PS-2", "PS-1"])
        XCTAssertEqual(log.arrival[1], 7 * 3600 + 60.5)
        XCTAssertEqual(log.queueExit[1], 7 * 3600 + 160)
        XCTAssert(log.serviceStart[1].isNaN)
        XCTAssertEqual(log.outcome.map(\.rawValue), ["served", "abandoned", "ivr_only"])
        XCTAssertEqual(log.callType[2], -1)  // no class recorded
        XCTAssertEqual(log.ivrExit[2], 24 * 3600 + 10)  // past midnight: the day of the arrival goes on
        XCTAssert(log.queueEntry[2].isNaN)
    }

    func civilDay(_ y: Int, _ m: Int, _ d: Int) -> Int32 {
        // 2000-01-01 is day 0; a Saturday.
        let known: [String: Int32] = ["1999-03-01": -306, "2000-01-01": 0, "2024-02-29": 8825]
        return known[String(format: "%04d-%02d-%02d", y, m, d)]!
    }

    func testCalendarArithmetic() {
        XCTAssertEqual(civilDate(0), "2000-01-01")
        XCTAssertEqual(civilDate(-306), "1999-03-01")
        XCTAssertEqual(civilDate(8825), "2024-02-29")
        XCTAssertEqual(CallLog.weekdayNames[CallLog.weekday(ofDay: 0)], "saturday")
        XCTAssertEqual(CallLog.weekdayNames[CallLog.weekday(ofDay: 8825)], "thursday")
        XCTAssertEqual(CallLog.weekdayNames[CallLog.weekday(ofDay: -306)], "monday")
    }

    func testISOTimestampsTabsAndSeconds() throws {
        let text = "start\tleft\tcode\n2024-02-29T09:00:00Z\t2024-02-29 09:05:30\tok\n2024-02-29 23:58:00\t2024-03-01T00:01:00\tok\n"
        let layout = LogLayout(columns: [.arrival: ["start"], .queueEnd: ["left"], .outcome: ["code"]], outcomeCodes: ["ok": .abandoned])
        let log = try CallLogReader.parse(bytes: Array(text.utf8), file: "t.tsv", layout: layout)
        XCTAssertEqual(log.day, [8825, 8825])
        XCTAssert(log.calendarDays)
        XCTAssertEqual(log.queueExit[0] - log.arrival[0], 330)
        XCTAssertEqual(log.queueExit[1] - log.arrival[1], 180)  // across midnight
        let seconds = try CallLogReader.parse(bytes: Array("a,b,o\n12.5,40,x\n".utf8), file: "s.csv",
                                              layout: LogLayout(columns: [.arrival: ["a"], .queueEnd: ["b"], .outcome: ["o"]],
                                                                outcomeCodes: ["x": .abandoned]))
        XCTAssertEqual(seconds.arrival, [12.5])
        XCTAssertEqual(seconds.queueExit, [40])
        XCTAssertFalse(seconds.calendarDays)
    }

    func testSkewIsCorrectedWithinTheAllowanceAndEveryDropIsCounted() throws {
        let log = try parse([
            "990301,7:00:05,7:00:20,7:00:17,7:00:31,7:00:31,7:03:00,AGENT,PS,1,A",   // queue start 3 s early: corrected
            "990301,7:00:05,7:00:20,7:00:10,7:00:31,7:00:31,7:03:00,AGENT,PS,1,A",   // 10 s early: out of order
            "990301,7:00:05,7:00:20,7:00:20,7:00:31,7:00:31,7:03:00,PHANTOM,PS,1,A",
            "990301,,7:00:20,7:00:20,7:00:31,7:00:31,7:03:00,AGENT,PS,1,A",
            "990301,7:00:05,7:00:20,7:00:20,7:00:31,0:00:00,0:00:00,AGENT,PS,1,A",
            "990301,7:00:05,7:00:20,7:00:20,0:00:00,0:00:00,0:00:00,HANG,PS,1,A",
            "990301,7:00:05,7:00:20,7:00:20,7:00:31,7:00:31,7:00:30,AGENT,PS,1,A",
        ])
        XCTAssertEqual(log.count, 1)
        XCTAssertEqual(log.queueEntry[0], 7 * 3600 + 20)
        XCTAssertEqual(log.skewCorrected, 1)
        XCTAssertEqual(log.rowsRead, 7)
        XCTAssertEqual(log.dropped, [
            "times out of order (queue start before IVR exit)": 1, "outcome code mapped to ignore": 1, "no arrival time": 1,
            "served without a service start": 1, "abandoned without the time he hung up": 1,
            "times out of order (service end before service start)": 1,
        ])
    }

    func testProblemsNameTheLineAndColumnAndStopTheRead() {
        func problems(_ rows: [String], header: String = CallLogReaderTests.header, layout: LogLayout = CallLogReaderTests.layout) -> String {
            do {
                _ = try CallLogReader.parse(bytes: Array(([header] + rows).joined(separator: "\n").utf8), file: "log.csv", layout: layout)
                return "no error"
            } catch { return "\(error)" }
        }
        let bad = problems([
            "990301,7:00:05,7:00:20,7:00:20,7:00:31,7:00:31,7:03:00,AGENT,PS,1,A",
            "990301,7:00:05,7:00:20,7:0x:20,7:00:31,7:00:31,7:03:00,AGENT,PS,1,A",
            "990301,7:00:05,7:00:20,7:00:20,7:00:31,7:00:31,7:03:00,TRANSFER,PS,1,A",
            "990301,7:00:05,7:00:20",
            "991399,7:00:05,7:00:20,7:00:20,7:00:31,7:00:31,7:03:00,AGENT,PS,1,A",
        ])
        XCTAssert(bad.contains("log.csv:line 3, column 4 (q_start): cannot read the time \"7:0x:20\""), bad)
        XCTAssert(bad.contains("log.csv:line 4, column 8 (outcome): outcome code \"TRANSFER\" is not mapped (the map has \"AGENT\", \"HANG\", \"PHANTOM\", \"VRU\")"), bad)
        XCTAssert(bad.contains("log.csv:line 5: has 3 fields, the header has 11"), bad)
        XCTAssert(bad.contains("log.csv:line 6, column 1 (date): cannot read the date \"991399\""), bad)
        let missing = problems([], header: "date,vru_entry,outcome")
        XCTAssert(missing.contains("line 1: no column is named \"vru_exit\" (role ivr_exit); the header has date, vru_entry, outcome"), missing)
        let unmapped = problems(["1,2"], header: "a,b", layout: LogLayout(columns: [:], outcomeCodes: [:]))
        XCTAssert(unmapped.contains("the column map must name the arrival column"), unmapped)
        XCTAssert(problems([], header: "x,y", layout: LogLayout(columns: [.arrival: ["x"], .outcome: ["y"]], outcomeCodes: ["a": .served]))
                    .contains("no call is left to fit"))
        var noMap = ""
        do { _ = try CallLogReader.parse(bytes: Array("a,b\n1,2\n".utf8), file: "x.csv", layout: nil) } catch { noMap = "\(error)" }
        XCTAssert(noMap.contains("not ccsim's trace layout: give a column map (--columns MAP.yaml)"), noMap)
    }

    func testATraceOfSeveralVariantsNeedsOneNamed() throws {
        let header = "replication,variant,call,attempt,call_type,intent,measured,arrival_seconds,ivr_exit_seconds,ivr_outcome,"
            + "queue_entry_seconds,answer_seconds,abandon_seconds,group,agent,service_start_seconds,service_end_seconds,"
            + "wrap_up_end_seconds,handed_on_seconds,callback_attempts,outcome"
        let rows = ["0,static,0,0,a,a,1,1.5,,,1.5,1.5,,g,0,1.5,100,100,,0,answered",
                    "0,dynamic,0,0,a,a,1,1.5,,,1.5,2.5,,g,0,2.5,90,90,,0,answered"]
        let bytes = Array(([header] + rows).joined(separator: "\n").utf8)
        XCTAssertThrowsError(try CallLogReader.parse(bytes: bytes, file: "t.csv", layout: nil)) {
            XCTAssert("\($0)".contains("the trace has several variants (static, dynamic): choose one with --variant"), "\($0)")
        }
        let dynamic = try CallLogReader.parse(bytes: bytes, file: "t.csv", layout: nil, variant: "dynamic")
        XCTAssertEqual(dynamic.count, 1)
        XCTAssertEqual(dynamic.serviceStart, [2.5])
        XCTAssertEqual(dynamic.agents, ["g-0"])
        XCTAssertFalse(dynamic.calendarDays)
    }
}
