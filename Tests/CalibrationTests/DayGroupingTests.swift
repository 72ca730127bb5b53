import Calibration
import ScenarioFiles
import Stochastic
import XCTest

/// Day types from the data: a month of a center with a Friday–Saturday weekend (Sunday a
/// full working day, Friday a short morning, Saturday a quiet full day) is grouped back
/// into sunday-thursday, friday and saturday; too few days keep the fixed grouping; names
/// and the weekdays they stand for go both ways.
final class DayGroupingTests: XCTestCase {
    /// `weeks` weeks from Sunday 2026-02-01: each day Poisson arrivals at 100 calls an hour
    /// from 08:00 to 17:00 (Friday 08:00–12:00; Saturday 30 an hour), times a Gamma(shape
    /// 50) busyness factor per day (seed 7). Every call served at once (the grouping reads
    /// arrivals only).
    static func month(weeks: Int, saturdayRate: Double = 30) throws -> CallLog {
        let stream = RandomStream(StreamID(seed: 7, purpose: .test, entity: 1), replication: 0)
        var rows = ["date,arrival,outcome"]
        for d in 0..<(7 * weeks) {
            let weekday = (d + 6) % 7  // 0 = Monday; day 0 is a Sunday
            let date = String(format: "2026-%02d-%02d", d < 28 ? 2 : 3, d < 28 ? d + 1 : d - 27)
            let (rate, close) = weekday == 4 ? (100.0, 12.0) : weekday == 5 ? (saturdayRate, 17.0) : (100.0, 17.0)
            let busyness = Distribution.gamma(shape: 50, scale: 1.0 / 50).quantile(stream.uniform())
            var t = 8.0 * 3600
            while true {
                t += -log(1 - stream.uniform()) * 3600 / (rate * busyness)
                if t >= close * 3600 { break }
                rows.append("\(date),\(Int(t / 3600)):\(String(format: "%02d", Int(t) / 60 % 60)):\(String(format: "%02d", Int(t) % 60)),OK")
            }
        }
        let layout = LogLayout(columns: [.date: ["date"], .arrival: ["arrival"], .outcome: ["outcome"]], outcomeCodes: ["OK": .ivrOnly])
        return try CallLogReader.parse(bytes: Array((rows.joined(separator: "\n") + "\n").utf8), file: "month.csv", layout: layout)
    }

    func testAMonthWithAFridaySaturdayWeekendIsGroupedBack() throws {
        let types = DayTypes(try Self.month(weeks: 4))
        XCTAssertEqual(types.types.map(\.name), ["sunday-thursday", "friday", "saturday"])
        XCTAssertEqual(types.types.map(\.days.count), [20, 4, 4])
        let grouping = try XCTUnwrap(types.grouping)
        XCTAssertTrue(grouping.tested)
        // Four merges into sunday-thursday (its 15 % spread of weekday means is noise on 4 days
        // each at busyness cv 0.14), then the closest pair left apart, rejected.
        XCTAssertEqual(grouping.steps.filter(\.merged).count, 4)
        // A day's busyness scales all its hours: given its total they are multinomial, φ ≈ 1.
        XCTAssertLessThan(grouping.dispersion, 1.5)
        let refused = try XCTUnwrap(grouping.steps.last)
        XCTAssertFalse(refused.merged)
        XCTAssertLessThanOrEqual(min(refused.volumePValue, refused.profilePValue), DayGrouping.alpha)
        // The default type is the one with most days; names of another grouping are accepted.
        XCTAssertEqual(try types.choose(nil).name, "sunday-thursday")
        XCTAssertEqual(try types.choose("weekdays").days.count, 20)  // Monday–Friday by name
        XCTAssertEqual(try types.choose("friday+saturday").days.count, 8)
        XCTAssertThrowsError(try types.choose("holidays")) { XCTAssertTrue("\($0)".contains("sunday-thursday (20 days)"), "\($0)") }
        // A Saturday as busy as the working days joins them; a weekend given keeps it apart.
        let busySaturdays = try Self.month(weeks: 4, saturdayRate: 100)
        XCTAssertEqual(DayTypes(busySaturdays).types.map(\.name), ["saturday-thursday", "friday"])
        XCTAssertEqual(DayTypes(busySaturdays, weekend: [4, 5]).types.map(\.name), ["sunday-thursday", "friday", "saturday"])
    }

    func testOneWeekKeepsTheFixedGrouping() throws {
        let types = DayTypes(try Self.month(weeks: 1))
        XCTAssertFalse(try XCTUnwrap(types.grouping).tested)
        XCTAssertEqual(types.types.map(\.name), ["weekdays", "saturday", "sunday"])
    }

    func testNamesAndWeekdays() {
        let cases: [([Int], String)] = [([0, 1, 2, 3, 4], "weekdays"), ([5, 6], "weekend"), ([4], "friday"),
                                        ([0, 1, 2, 3, 6], "sunday-thursday"), ([4, 6], "friday+sunday"), ([0, 1, 2, 3, 4, 5, 6], "monday+tuesday+wednesday+thursday+friday+saturday+sunday")]
        for (days, name) in cases {
            XCTAssertEqual(DayGrouping.name(days), name)
            XCTAssertEqual(DayGrouping.weekdays(named: name), days, name)
        }
        XCTAssertEqual(DayGrouping.weekdays(named: "fri"), [4])
        XCTAssertEqual(DayGrouping.weekdays(named: "saturday-monday"), [0, 5, 6])
        XCTAssertNil(DayGrouping.weekdays(named: "payday"))
    }
}
