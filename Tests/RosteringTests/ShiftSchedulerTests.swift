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

    /// A week of the shipped day's templates (8.5-hour full-timers with three breaks, 6-hour
    /// part-timers with one; starts every 30 minutes), Erlang C's requirement of the shipped
    /// day scaled by day (× 1, 1, 1, 1, 1.1, 0.7, 0.5), two days off in a row: 3,892
    /// columns, more than GLPK's search settles in a second. The roster (the dive's at
    /// worst) is within 3 % of the relaxation's bound (greedy rounding alone: 6.4 % above),
    /// covers every period of every day, and everyone works 5 days.
    func testLargeWeekWithinThreePercentOfTheBound() throws {
        let full = ShiftTemplate(name: "full", startMinutes: stride(from: 0.0, through: 210, by: 30).map { $0 }, lengthMinutes: 510,
                                 costPerHour: 24, breaks: [
                                    ShiftBreak(minutes: 15, paid: true, earliestMinutes: 90, latestMinutes: 150, stepMinutes: 15),
                                    ShiftBreak(minutes: 30, paid: false, earliestMinutes: 210, latestMinutes: 300, stepMinutes: 15),
                                    ShiftBreak(minutes: 15, paid: true, earliestMinutes: 360, latestMinutes: 420, stepMinutes: 15)])
        let part = ShiftTemplate(name: "part", startMinutes: stride(from: 0.0, through: 360, by: 30).map { $0 }, lengthMinutes: 360,
                                 costPerHour: 26, breaks: [ShiftBreak(minutes: 15, paid: true, earliestMinutes: 120, latestMinutes: 210,
                                                                      stepMinutes: 15)])
        let day: [Double] = [27, 39, 54, 65, 73, 77, 73, 65, 54, 50, 54, 62, 69, 73, 69, 62, 54, 46, 39, 35, 29, 25, 21, 15]
        let need = [1, 1, 1, 1, 1.1, 0.7, 0.5].map { f in day.map { ($0 * f).rounded(.up) } }
        let roster = try ShiftScheduler.solve(requiredByDay: need, periodMinutes: 30, templates: [full, part], daysOff: (2, true),
                                              timeLimitSeconds: 1)
        XCTAssertGreaterThan(roster.patterns.count, 3_000)
        let bound = try XCTUnwrap(roster.lowerBound)
        XCTAssertLessThanOrEqual(roster.cost, 1.03 * bound, "\(roster.status)")
        for d in 0..<7 {
            let covered = roster.coverage(day: d)
            XCTAssertTrue(need[d].indices.allSatisfy { covered[$0] >= need[d][$0] - 1e-9 }, "day \(d)")
        }
        XCTAssertTrue(roster.workDays.indices.filter { roster.people[$0] > 0 }.allSatisfy { roster.workDays[$0].filter { $0 }.count == 5 })
    }

    /// Redundant people come off a roster, the dearest column (per unit of coverage) first:
    /// need [1, 1]; an early 1-period shift (cost 1) and a 2-period shift (cost 1.5) both
    /// staffed: the early one is redundant. A template's min_people is kept.
    func testRedundantPeopleComeOff() {
        let early = ShiftTemplate(name: "early", startMinutes: [0], lengthMinutes: 60, costPerHour: 1)
        let long = ShiftTemplate(name: "long", startMinutes: [0], lengthMinutes: 120, costPerHour: 0.75)
        let patterns = ShiftPattern.all([early, long], periods: 2, periodMinutes: 60)
        var cover = CoverProblem(patterns: patterns, workDays: [[true], [true]], required: [1, 1], periods: 2, templates: [early, long])
        XCTAssertEqual(cover.withoutRedundantPeople([1, 1]), [0, 1])
        XCTAssertEqual(cover.withoutRedundantPeople([2, 3]), [0, 1])
        XCTAssertEqual(cover.cost([0, 1]), 1.5)
        var kept = early
        kept.minPeople = 1
        cover = CoverProblem(patterns: patterns, workDays: [[true], [true]], required: [1, 1], periods: 2, templates: [kept, long])
        XCTAssertEqual(cover.withoutRedundantPeople([1, 1]), [1, 1])
        XCTAssertFalse(cover.respectsTemplateBounds([0, 1]))
    }
}
