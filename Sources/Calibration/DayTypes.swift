/// The log's days grouped into day types. Calendar dates: weekdays grouped by tested
/// similarity of volume and intraday profile (`DayGrouping`; e.g. `sunday-thursday`,
/// `friday`, `saturday` for a center with a Friday–Saturday weekend), or the fixed
/// `weekdays` (Monday–Friday), `saturday`, `sunday` when there are too few days to test;
/// `all` for a plain day index. Dates inside the log's range without any call are listed
/// apart (`daysWithoutData`: holidays or gaps in the data, skipped, never counted as
/// zero-volume days).
public struct DayTypes: Sendable {
    public var types: [(name: String, days: [Int32])]
    public var daysWithoutData: [Int32]
    /// How the calendar's weekdays were grouped, with the tests (nil: a day index).
    public var grouping: DayGrouping?
    let log: CallLog

    /// `weekend`: weekdays (0 = Monday) that never share a type with working days.
    public init(_ log: CallLog, weekend: Set<Int>? = nil) {
        self.log = log
        let days = log.days
        if log.calendarDays {
            let index = Dictionary(uniqueKeysWithValues: days.enumerated().map { ($1, $0) })
            var totals = [Double](repeating: 0, count: days.count)
            var profiles = [[Double]](repeating: [Double](repeating: 0, count: 48), count: days.count)
            for i in 0..<log.count {
                let k = index[log.day[i]]!
                totals[k] += 1
                profiles[k][min(47, max(0, Int(log.arrival[i] / 3600)))] += 1
            }
            let grouping = DayGrouping(days: days, totals: totals, profiles: profiles, weekend: weekend)
            self.grouping = grouping
            types = grouping.groups.map { group in (group.name, days.filter { group.weekdays.contains(CallLog.weekday(ofDay: $0)) }) }
            let present = Set(days)
            daysWithoutData = days.first.map { first in (first...days.last!).filter { !present.contains($0) } } ?? []
        } else {
            types = [("all", days)]
            daysWithoutData = []
            grouping = nil
        }
    }

    public struct Unknown: Error, CustomStringConvertible {
        public let description: String
    }

    /// The days of `wanted`: a type's name, `all`, or any weekdays by name (`weekdays`,
    /// `weekend`, `friday`, `sunday-thursday`, `friday+saturday`: a type another log's
    /// grouping named); nil: the type with the most days.
    public func choose(_ wanted: String?) throws -> (name: String, days: [Int32]) {
        guard let wanted else { return types.max { $0.days.count < $1.days.count }! }
        if wanted == "all" { return ("all", log.days) }
        if let t = types.first(where: { $0.name == wanted }) { return t }
        if log.calendarDays, let weekdays = DayGrouping.weekdays(named: wanted) {
            let days = log.days.filter { weekdays.contains(CallLog.weekday(ofDay: $0)) }
            if !days.isEmpty { return (wanted, days) }
        }
        let listed = types.map { "\($0.name) (\($0.days.count) days)" }.joined(separator: ", ")
        throw Unknown(description: "no day of type \"\(wanted)\" in the log (it has \(listed)"
                      + (log.calendarDays ? "; weekday names, runs such as sunday-thursday, lists such as friday+saturday and all are "
                         + "accepted too)" : "; all)"))
    }
}
