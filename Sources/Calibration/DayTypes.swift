/// The log's days grouped into day types: `weekdays` (Monday–Friday), `saturday`,
/// `sunday` for calendar dates; `all` for a plain day index. Dates inside the log's range
/// without any call are listed apart (`daysWithoutData`: holidays or gaps in the data,
/// skipped, never counted as zero-volume days).
public struct DayTypes: Sendable {
    public var types: [(name: String, days: [Int32])]
    public var daysWithoutData: [Int32]
    let log: CallLog

    public init(_ log: CallLog) {
        self.log = log
        let days = log.days
        if log.calendarDays {
            types = []
            let weekday = days.map { CallLog.weekday(ofDay: $0) }
            for (name, wanted) in [("weekdays", 0..<5), ("saturday", 5..<6), ("sunday", 6..<7)] {
                let list = zip(days, weekday).filter { wanted.contains($0.1) }.map(\.0)
                if !list.isEmpty { types.append((name, list)) }
            }
            let present = Set(days)
            daysWithoutData = days.first.map { first in (first...days.last!).filter { !present.contains($0) } } ?? []
        } else {
            types = [("all", days)]
            daysWithoutData = []
        }
    }

    public struct Unknown: Error, CustomStringConvertible {
        public let description: String
    }

    /// The days of `wanted` (a type, a weekday name, or `all`); nil: the type with the most days.
    public func choose(_ wanted: String?) throws -> (name: String, days: [Int32]) {
        guard let wanted else { return types.max { $0.days.count < $1.days.count }! }
        if wanted == "all" { return ("all", log.days) }
        if let t = types.first(where: { $0.name == wanted }) { return t }
        if log.calendarDays, let w = CallLog.weekdayNames.firstIndex(of: wanted) {
            let days = log.days.filter { CallLog.weekday(ofDay: $0) == w }
            if !days.isEmpty { return (wanted, days) }
        }
        let listed = types.map { "\($0.name) (\($0.days.count) days)" }.joined(separator: ", ")
        throw Unknown(description: "no day of type \"\(wanted)\" in the log (it has \(listed)"
                      + (log.calendarDays ? "; weekday names and all are accepted too)" : "; all)"))
    }
}
