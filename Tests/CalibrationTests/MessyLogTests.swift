import Calibration
import ScenarioFiles
import Foundation
import XCTest

/// A switch-like log written from the known center's trace by a generator that adds what
/// real logs have: calendar dates with weekends and a holiday missing, clock times, a
/// sentinel for "never queued", phantom records, calls outside opening hours, classes
/// recorded only for calls that queued, queue starts a few seconds before the IVR exit,
/// and rows whose clocks disagree beyond the allowance. The documented numbers of rows are
/// dropped by reason, and the fit equals the clean trace's.
final class MessyLogTests: XCTestCase {
    static let map = LogLayout(
        columns: [.date: ["date"], .arrival: ["vru_entry"], .ivrExit: ["vru_exit"], .queueStart: ["q_start"],
                  .queueEnd: ["q_exit"], .serviceStart: ["ser_start"], .serviceEnd: ["ser_exit"], .outcome: ["outcome"],
                  .callType: ["type"], .agent: ["server"]],
        outcomeCodes: ["AGENT": .served, "HANG": .abandoned, "VRU": .ivrOnly, "PHANTOM": .ignore],
        never: ["0:00:00"], skewSeconds: 5, openingSeconds: 8 * 3600, closingSeconds: 14 * 3600)

    struct Messy { var text: String; var phantoms = 0, outOfHours = 0, skewed = 0, outOfOrder = 0 }

    /// The trace's rows as the switch would write them: day r is the r-th working day from
    /// Monday 2026-03-02, skipping weekends and Friday 2026-03-13 (a holiday).
    static func messy(from trace: [UInt8]) -> Messy {
        let lines = String(decoding: trace, as: UTF8.self).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let h = lines[0]
        func c(_ name: String) -> Int { h.firstIndex(of: name)! }
        var workingDays: [(Int, Int, Int)] = []
        var day = 1  // March 2026; the 1st is a Sunday
        while workingDays.count < 40 {
            let weekday = (day + 5) % 7  // 0 = Monday: March 2 2026 is a Monday
            if weekday < 5 && day != 13 { workingDays.append((2026, 3 + (day - 1) / 31, (day - 1) % 31 + 1)) }
            day += 1
        }
        func date(_ r: Int) -> String { let (y, m, d) = workingDays[r]; return String(format: "%02d%02d%02d", y % 100, m, d) }
        func clock(_ field: String) -> String {
            guard let s = Double(field) else { return "0:00:00" }
            let t = 8 * 3600 + s
            let hours = Int(t / 3600), minutes = Int(t.truncatingRemainder(dividingBy: 3600) / 60)
            return String(format: "%d:%02d:%06.3f", hours, minutes, t - Double(hours * 3600 + minutes * 60))
        }
        var m = Messy(text: "date,vru_entry,vru_exit,q_start,q_exit,ser_start,ser_exit,outcome,type,server\n")
        var out: [String] = []
        for (k, row) in lines.dropFirst().enumerated() {
            let r = Int(row[c("replication")])!
            let outcome = row[c("outcome")]
            let code = outcome == "answered" ? "AGENT" : outcome == "abandoned" ? "HANG" : "VRU"
            let queued = code != "VRU"
            var qStart = clock(row[c("queue_entry_seconds")])
            if queued && k % 31 == 0 {
                // The queue's clock runs 2 s behind the IVR's: within the allowance.
                qStart = clock(String(Double(row[c("queue_entry_seconds")])! - 2)); m.skewed += 1
            }
            let server = row[c("group")].isEmpty ? "" : "\(row[c("group")])#\(row[c("agent")])"
            out.append([date(r), clock(row[c("arrival_seconds")]), clock(row[c("ivr_exit_seconds")]), qStart,
                        clock(row[c("abandon_seconds")]), clock(row[c("service_start_seconds")]), clock(row[c("service_end_seconds")]),
                        code, queued ? row[c("call_type")] : "", server].joined(separator: ","))
            if k % 300 == 0 {
                out.append([date(r), "9:15:00", "9:15:30", "0:00:00", "0:00:00", "0:00:00", "0:00:00", "PHANTOM", "", ""].joined(separator: ","))
                m.phantoms += 1
                out.append([date(r), "3:10:00", "3:10:40", "3:10:40", "3:10:45", "3:10:45", "3:12:00", "AGENT", "retail", "night#1"].joined(separator: ","))
                m.outOfHours += 1
            }
            if k % 1000 == 1 {
                out.append([date(r), "9:20:00", "9:21:00", "9:20:30", "9:22:00", "9:22:00", "9:25:00", "AGENT", "retail", "x#1"].joined(separator: ","))
                m.outOfOrder += 1
            }
        }
        m.text += out.joined(separator: "\n") + "\n"
        return m
    }

    func testDroppedRowsAreCountedByReasonAndTheFitIsTheCleanOne() throws {
        let trace = try KnownCenter.trace(days: 10)
        let messy = Self.messy(from: trace)
        let log = try CallLogReader.parse(bytes: Array(messy.text.utf8), file: "switch.csv", layout: Self.map)
        XCTAssertEqual(log.skewCorrected, messy.skewed)
        let fit = try CenterFit(log: log, layout: Self.map, options: CenterFit.Options())
        XCTAssertEqual(fit.dropped, [
            "outcome code mapped to ignore": messy.phantoms,
            "arrival outside the opening hours (declared 08:00–14:00)": messy.outOfHours,
            "times out of order (queue start before IVR exit)": messy.outOfOrder,
        ])
        XCTAssertEqual(fit.dayType, "weekdays")
        XCTAssertEqual(fit.arrivals.days.count, 10)
        // 2026-03-02 … 2026-03-16 (the 10th working day): 2 weekends and the holiday.
        XCTAssertEqual(fit.daysWithoutData.count, 5)
        let clean = try CenterFit(log: try CallLogReader.parse(bytes: trace, file: "trace.csv", layout: nil), layout: .ccsimTrace,
                                  options: CenterFit.Options())
        XCTAssertEqual(fit.openingSeconds, 8 * 3600)
        XCTAssertEqual(clean.openingSeconds, 0)
        // The same estimates (times written to the millisecond and read back: within 1e-9 relative).
        func same(_ a: Double, _ b: Double, _ what: String) { XCTAssertEqual(a, b, accuracy: 1e-9 * max(1, abs(b)), what) }
        for t in 0..<2 {
            XCTAssertEqual(fit.types[t].name, clean.types[t].name)
            same(fit.types[t].handling!.mean, clean.types[t].handling!.mean, "handling")
            same(fit.types[t].patience!.exponentialMean, clean.types[t].patience!.exponentialMean, "patience")
            XCTAssertEqual(fit.types[t].patience!.abandons, clean.types[t].patience!.abandons)
            XCTAssertEqual(fit.types[t].patience!.lawName, clean.types[t].patience!.lawName)
            for p in 0..<12 {
                let messyRate = fit.arrivals.types[t].perHourByPeriod[p], cleanRate = clean.arrivals.types[t].perHourByPeriod[p]
                // Unclassified IVR-only calls are shared by the period's classified shares: within the clean interval.
                XCTAssert(messyRate >= clean.arrivals.types[t].lowByPeriod[p] && messyRate <= clean.arrivals.types[t].highByPeriod[p],
                          "\(fit.types[t].name) period \(p): \(messyRate) vs \(cleanRate)")
            }
        }
        for p in 0..<12 {
            same(fit.arrivals.types.reduce(0) { $0 + $1.perHourByPeriod[p] }, clean.arrivals.types.reduce(0) { $0 + $1.perHourByPeriod[p] },
                 "total arrivals in period \(p)")
        }
        XCTAssertEqual(fit.arrivals.dailyTotals, clean.arrivals.dailyTotals)
        XCTAssertGreaterThan(fit.arrivals.unclassifiedCalls, 0)
        // Kaplan–Meier: times differing in the last bits (clock + 8 h, then back) can reorder a
        // tied hang-up and exit, which moves the estimate by about 1e-6 of itself.
        XCTAssertEqual(fit.ivrDelay!.mean, clean.ivrDelay!.mean, accuracy: 1e-5 * clean.ivrDelay!.mean, "IVR delay")
        for (a, b) in zip(fit.agents!.teams, clean.agents!.teams) {
            XCTAssertEqual(a.skills, b.skills)
            for p in 0..<12 { same(a.onDutyByPeriod[p], b.onDutyByPeriod[p], "agents \(a.name) \(p)") }
        }
    }

    /// What a real month showed: a row whose separator became a space and one with an
    /// unreadable time stop the read (line and column named) unless `bad_rows: skip`, which
    /// drops them, counts them by reason and keeps the first as examples; and a hang-up
    /// before the queue (HANG with no queue start) is an IVR hang-up, at the IVR exit or else
    /// the queue end, not a dropped "abandoned without the time he hung up".
    func testUnreadableRowsAreSkippedWhenAskedAndHangUpsBeforeTheQueueAreIVRHangUps() throws {
        let messy = Self.messy(from: try KnownCenter.trace(days: 3))
        var lines = messy.text.split(separator: "\n").map(String.init)
        let date = String(lines[1].prefix { $0 != "," })
        lines[100] = lines[100].replacingOccurrences(of: ",", with: " ", options: [], range: lines[100].range(of: ","))
        var fields = lines[200].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        fields[1] = "9:6x:00"
        lines[200] = fields.joined(separator: ",")
        lines += [[date, "9:30:00", "9:31:10", "0:00:00", "0:00:00", "0:00:00", "0:00:00", "HANG", "", ""].joined(separator: ","),
                  [date, "9:40:00", "0:00:00", "0:00:00", "9:40:50", "0:00:00", "0:00:00", "HANG", "", ""].joined(separator: ",")]
        let text = Array((lines.joined(separator: "\n") + "\n").utf8)
        XCTAssertThrowsError(try CallLogReader.parse(bytes: text, file: "switch.csv", layout: Self.map)) { error in
            let message = "\(error)"
            XCTAssertTrue(message.contains("line 101: has 9 fields, the header has 10"), message)
            XCTAssertTrue(message.contains("line 201, column 2 (vru_entry): cannot read the time \"9:6x:00\""), message)
        }
        var skipping = Self.map
        skipping.skipBadRows = true
        let log = try CallLogReader.parse(bytes: text, file: "switch.csv", layout: skipping)
        XCTAssertEqual(log.dropped[CallLog.skippedReasonPrefix + "wrong number of fields"], 1)
        XCTAssertEqual(log.dropped[CallLog.skippedReasonPrefix + "unreadable time"], 1)
        XCTAssertEqual(log.skippedExamples, ["line 101: has 9 fields, the header has 10",
                                             "line 201, column 2 (vru_entry): cannot read the time \"9:6x:00\" (expected h:mm:ss, "
                                                + "seconds up to 1e9 or YYYY-MM-DD hh:mm:ss)"])
        XCTAssertEqual(log.rowsRead, log.count + log.dropped.values.reduce(0, +), "every row read is kept or dropped")
        // The two hang-ups before the queue: kept, left in the IVR at 9:31:10 and 9:40:50.
        XCTAssertEqual(log.abandonedInIVR, 2)
        XCTAssertNil(log.dropped["abandoned without the time he hung up"])
        let last = log.count - 1
        XCTAssertEqual(log.outcome[last - 1], .ivrOnly)
        XCTAssertEqual(log.outcome[last], .ivrOnly)
        XCTAssertEqual(log.ivrExit[last - 1] - log.arrival[last - 1], 70, accuracy: 1e-9)
        XCTAssertEqual(log.ivrExit[last] - log.arrival[last], 50, accuracy: 1e-9)
        XCTAssertTrue(log.queueEntry[last].isNaN)
        // The map can say it too.
        let mapped = try LogColumnsReader.parse("columns: {arrival: a, outcome: o}\noutcomes: {served: [S]}\nbad_rows: skip\n", file: "m.yaml")
        XCTAssertTrue(mapped.skipBadRows)
        XCTAssertThrowsError(try LogColumnsReader.parse("columns: {arrival: a, outcome: o}\noutcomes: {served: [S]}\nbad_rows: maybe\n",
                                                        file: "m.yaml")) { XCTAssertTrue("\($0)".contains("bad_rows: must be error or skip (got maybe)"), "\($0)") }
    }
}
