import XCTest
@testable import Rostering

/// The shift-scheduling integer program on small instances with optima computed by hand.
final class ShiftSchedulerTests: XCTestCase {
    /// Four hours, 2-hour shifts starting on the hour (0, 1, 2 h), 1 per hour, need
    /// [1, 2, 2, 1]: the first and last hours force a shift at 0 and at 2 h, the second
    /// hour one more at 1 h: 3 people, 6 paid hours, coverage exactly the need.
    func testStaggeredShifts() throws {
        let t = ShiftTemplate(name: "two-hours", startMinutes: [0, 60, 120], lengthMinutes: 120)
        let roster = try ShiftScheduler.solve(required: [1, 2, 2, 1], periodMinutes: 60, templates: [t])
        XCTAssertEqual(roster.status, .optimal)
        XCTAssertEqual(roster.people, [1, 1, 1])
        XCTAssertEqual(roster.coverage, [1, 2, 2, 1])
        XCTAssertEqual(roster.cost, 6)
        XCTAssertEqual(roster.paidHours, 6)
    }

    /// A 3-hour shift from opening with an unpaid 30-minute lunch starting 60 or 90 minutes
    /// in, 30-minute periods, one person needed all day: one person leaves his lunch period
    /// uncovered, so two people take lunch in different periods (coverage [2, 2, 1, 1, 2, 2]),
    /// paid 2.5 h each: cost 5 at 1 per hour.
    func testLunchesArePlacedApart() throws {
        let t = ShiftTemplate(name: "three-hours", startMinutes: [0], lengthMinutes: 180,
                              breaks: [ShiftBreak(minutes: 30, paid: false, earliestMinutes: 60, latestMinutes: 90, stepMinutes: 30)])
        let roster = try ShiftScheduler.solve(required: Array(repeating: 1, count: 6), periodMinutes: 30, templates: [t])
        XCTAssertEqual(roster.patterns.map(\.breakStartMinutes), [[60], [90]])
        XCTAssertEqual(roster.people, [1, 1])
        XCTAssertEqual(roster.coverage, [2, 2, 1, 1, 2, 2])
        XCTAssertEqual(roster.cost, 5)
    }

    /// A paid 15-minute break in a 30-minute period leaves half of it worked: need [1, 1]
    /// with 1-hour shifts whose break is 15 minutes in takes two people (2 × 0.5 = 1).
    /// With a cheaper template that works the second period only, one of each is optimal:
    /// cost 1 + 0.25, where two of the first cost 2.
    func testBreaksCountAsPartsOfPeriods() throws {
        let hour = ShiftTemplate(name: "hour", startMinutes: [0], lengthMinutes: 60, costPerHour: 1,
                                 breaks: [ShiftBreak(minutes: 15, paid: true, earliestMinutes: 15, latestMinutes: 15)])
        XCTAssertEqual(ShiftPattern.all([hour], periods: 2, periodMinutes: 30)[0].coverage, [0.5, 1])
        let alone = try ShiftScheduler.solve(required: [1, 1], periodMinutes: 30, templates: [hour])
        XCTAssertEqual(alone.people, [2])
        XCTAssertEqual(alone.cost, 2)
        let half = ShiftTemplate(name: "half", startMinutes: [0], lengthMinutes: 30, costPerHour: 0.5)
        let mixed = try ShiftScheduler.solve(required: [1, 1], periodMinutes: 30, templates: [hour, half])
        XCTAssertEqual(mixed.people, [1, 1])
        XCTAssertEqual(mixed.cost, 1.25)
    }

    /// Bounds on people per template are kept; a period no template covers, and bounds
    /// that cannot be met, are errors that say what to change.
    func testBoundsAndInfeasibility() throws {
        var t = ShiftTemplate(name: "two-hours", startMinutes: [0, 60, 120], lengthMinutes: 120, minPeople: 5)
        XCTAssertEqual(try ShiftScheduler.solve(required: [1, 2, 2, 1], periodMinutes: 60, templates: [t]).headcount, 5)
        t.minPeople = 0
        t.maxPeople = 2
        XCTAssertThrowsError(try ShiftScheduler.solve(required: [1, 2, 2, 1], periodMinutes: 60, templates: [t])) {
            XCTAssertTrue("\($0)".contains("max_people"), "\($0)")
        }
        let morning = ShiftTemplate(name: "morning", startMinutes: [0], lengthMinutes: 120)
        XCTAssertThrowsError(try ShiftScheduler.solve(required: [1, 1, 0, 1], periodMinutes: 60, templates: [morning])) {
            XCTAssertEqual("\($0)", "no shift template covers period(s) 3 that need people: add start times or templates (shifts.templates)")
        }
    }

    /// Tour scheduling: a week of one 1-hour period a day, 1-hour shifts, two consecutive
    /// days off (round the week). One person needed every day: two people suffice (5 + 5
    /// person-days, off-days apart), cost 10. Two needed Monday to Friday and one at the
    /// weekend (12 person-days): three people (e.g. off Sat–Sun, Sun–Mon, Fri–Sat), cost 15.
    func testDaysOffInAWeek() throws {
        let hour = ShiftTemplate(name: "hour", startMinutes: [0], lengthMinutes: 60)
        XCTAssertEqual(ShiftScheduler.workPatterns(days: 7, daysOff: (2, true)).count, 7)
        XCTAssertEqual(ShiftScheduler.workPatterns(days: 7, daysOff: (2, false)).count, 21)
        let flat = try ShiftScheduler.solve(requiredByDay: Array(repeating: [1], count: 7), periodMinutes: 60, templates: [hour],
                                            daysOff: (2, true))
        XCTAssertEqual(flat.headcount, 2)
        XCTAssertEqual(flat.cost, 10)
        XCTAssertTrue((0..<7).allSatisfy { flat.coverage(day: $0)[0] >= 1 })
        let need: [Double] = [2, 2, 2, 2, 2, 1, 1]
        let week = try ShiftScheduler.solve(requiredByDay: need.map { [$0] }, periodMinutes: 60, templates: [hour], daysOff: (2, true))
        XCTAssertEqual(week.status, .optimal)
        XCTAssertEqual(week.headcount, 3)
        XCTAssertEqual(week.cost, 15)
        XCTAssertTrue((0..<7).allSatisfy { week.coverage(day: $0)[0] >= need[$0] })
        XCTAssertTrue(week.workDays.indices.filter { week.people[$0] > 0 }.allSatisfy { week.workDays[$0].filter { $0 }.count == 5 })
    }
}
