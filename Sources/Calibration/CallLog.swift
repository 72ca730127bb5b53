import ScenarioFiles

/// A call log read into columns (one entry per kept call), every time in seconds after
/// midnight of the call's own day (of its arrival), NaN when the step did not happen.
///
/// Normalised on reading (`CallLogReader`): the queue entry is `queue_start`, else the IVR
/// exit, else the arrival (a call the log shows answered or abandoned entered the agents'
/// queue); a served call's wait ends at its service start, an abandoned call's at
/// `queue_end`. Rows that cannot be used are counted in `dropped` by reason.
public struct CallLog: Sendable {
    /// Day number of each call (days since 2000-01-01, or the log's own index).
    public var day: [Int32] = []
    /// Index into `callTypes`; −1: the log gives no class for this call.
    public var callType: [Int32] = []
    public var arrival: [Double] = []
    public var ivrExit: [Double] = []
    public var queueEntry: [Double] = []
    /// Served: service start; abandoned: when he hung up; else NaN.
    public var queueExit: [Double] = []
    public var serviceStart: [Double] = []
    public var serviceEnd: [Double] = []
    public var outcome: [LogOutcome] = []
    /// Index into `agents`; −1 when not recorded.
    public var agent: [Int32] = []

    public var callTypes: [String] = []
    public var agents: [String] = []
    /// Whether days are calendar dates (weekdays known) or a plain index.
    public var calendarDays = true
    /// Rows read (data lines, header excluded).
    public var rowsRead = 0
    /// Reason → rows dropped for it (each row counted once, first reason found).
    public var dropped: [String: Int] = [:]
    /// The first rows skipped as unreadable (`LogLayout.skipBadRows`): "line L, column C
    /// (name): message".
    public var skippedExamples: [String] = []
    /// Abandonments without a queue start, read as hang-ups in the IVR (`ivrOnly`).
    public var abandonedInIVR = 0
    /// Rows kept whose times were moved by at most the skew allowance.
    public var skewCorrected = 0
    /// Which optional steps the log records.
    public var hasIVR = false
    public var hasAgents = false
    public var hasServiceEnd = false

    public init() {}

    public var count: Int { arrival.count }

    /// Calls arriving on each day, ascending by day.
    public var days: [Int32] { Array(Set(day)).sorted() }

    public static func weekday(ofDay day: Int32) -> Int {
        // 2000-01-01 was a Saturday; 0 = Monday … 6 = Sunday.
        Int(((Int(day) + 5) % 7 + 7) % 7)
    }

    public static let weekdayNames = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

    mutating func drop(_ reason: String) { dropped[reason, default: 0] += 1 }

    /// The start of every `dropped` reason of a row skipped as unreadable.
    public static let skippedReasonPrefix = "skipped, cannot be read: "

    mutating func append(day: Int32, callType: Int32, arrival: Double, ivrExit: Double, queueEntry: Double, queueExit: Double,
                         serviceStart: Double, serviceEnd: Double, outcome: LogOutcome, agent: Int32) {
        self.day.append(day)
        self.callType.append(callType)
        self.arrival.append(arrival)
        self.ivrExit.append(ivrExit)
        self.queueEntry.append(queueEntry)
        self.queueExit.append(queueExit)
        self.serviceStart.append(serviceStart)
        self.serviceEnd.append(serviceEnd)
        self.outcome.append(outcome)
        self.agent.append(agent)
    }

    /// Keeps the calls for which `keep` is true (indices into the arrays).
    func filtered(_ keep: (Int) -> Bool) -> CallLog {
        var out = self
        let kept = (0..<count).filter(keep)
        out.day = kept.map { day[$0] }
        out.callType = kept.map { callType[$0] }
        out.arrival = kept.map { arrival[$0] }
        out.ivrExit = kept.map { ivrExit[$0] }
        out.queueEntry = kept.map { queueEntry[$0] }
        out.queueExit = kept.map { queueExit[$0] }
        out.serviceStart = kept.map { serviceStart[$0] }
        out.serviceEnd = kept.map { serviceEnd[$0] }
        out.outcome = kept.map { outcome[$0] }
        out.agent = kept.map { agent[$0] }
        return out
    }
}

/// A problem with the log's text, at its line (1-based, the header is line 1) and column
/// (1-based field number, with the header's name).
public struct LogProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var column: Int?
    public var columnName: String?
    public var message: String

    public init(line: Int, column: Int? = nil, columnName: String? = nil, message: String) {
        self.line = line
        self.column = column
        self.columnName = columnName
        self.message = message
    }

    public var description: String {
        if let column, let columnName { return "line \(line), column \(column) (\(columnName)): \(message)" }
        return "line \(line): \(message)"
    }
}

/// All the problems found (up to a bound), reported together; nothing is written.
public struct LogError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var problems: [LogProblem]
    /// Problems beyond the ones listed.
    public var more: Int

    public var description: String {
        var lines = problems.map { "\(file):\($0)" }
        if more > 0 { lines.append("… and \(more) more problems of the same kinds") }
        return lines.joined(separator: "\n")
    }
}
