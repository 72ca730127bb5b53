import Foundation
import ScenarioFiles

/// Reads a CSV or TSV call log (header line, one row per call) through a `LogLayout` into
/// a `CallLog`. Fields may be double-quoted ("" inside quotes is a quote). Problems with
/// the text (a missing column, an unmapped outcome code, a time that cannot be read, a
/// row with the wrong number of fields) are errors naming line and column, all reported
/// together (`LogError`) — or, with `LogLayout.skipBadRows`, rows dropped and counted by
/// reason with the first lines kept as examples (`CallLog.skippedExamples`); rows that are
/// readable but unusable are dropped and counted by reason (`CallLog.dropped`).
///
/// An abandonment whose queue start the log leaves empty (when it records queue starts)
/// never reached the queue: it is a hang-up in the IVR (`ivrOnly`, at the IVR exit or else
/// the queue end), which the fit counts as IVR patience.
///
/// Times: `h:mm:ss` or `h:mm` (fractions of a second allowed, hours up to 47 for calls
/// past midnight), seconds as a plain number (after the clock time `LogLayout.secondsFrom`),
/// or ISO timestamps `YYYY-MM-DD hh:mm:ss` /
/// `YYYY-MM-DDThh:mm:ss[Z]` (their date is the call's day; a later date counts whole days on).
public enum CallLogReader {
    /// Problems listed before "… and N more".
    public static let maxProblems = 20
    /// Times written as plain seconds are at most this (about 31 years): a larger number is
    /// a misread column, and would not fit the day's periods.
    public static let maximumSeconds = 1e9
    /// Longest call type or agent name read (characters): names become scenario keys,
    /// file rows and figure labels.
    public static let maximumNameCharacters = 200
    /// Skipped rows quoted as examples (`LogLayout.skipBadRows`).
    public static let maxSkippedExamples = 5
    /// Characters of a field quoted in a message.
    static let quotedCharacters = 80

    /// `layout` nil: the log must be a ccsim trace (recognised by its header). `variant`:
    /// with a trace of several variants, the one to read.
    public static func parse(bytes: [UInt8], file: String, layout: LogLayout?, variant: String? = nil) throws -> CallLog {
        var reader = CallLogPass(bytes: bytes, file: file)
        try reader.run(layout: layout, variant: variant)
        return reader.log
    }
}

/// The bytes a call log's fields are split and read by.
enum LogByte {
    static let quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")
    static let space = UInt8(ascii: " "), colon = UInt8(ascii: ":"), dash = UInt8(ascii: "-"), dot = UInt8(ascii: ".")
    static let zero = UInt8(ascii: "0"), nine = UInt8(ascii: "9")
}

/// One pass over a call log's bytes (`CallLogReader.parse`).
struct CallLogPass {
    let bytes: [UInt8]
    let file: String
    var log = CallLog()
    var problems: [LogProblem] = []
    var moreProblems = 0
    var delimiter = UInt8(ascii: ",")
    var header: [String] = []
    var lineNumber = 0
    var position = 0
    /// Field ranges of the current row (reused).
    var fields: [Range<Int>] = []
    /// Unquoted copies of quoted fields of the current row, by field index.
    var unquoted: [Int: [UInt8]] = [:]
    var dateFormat: LogLayout.DateFormat?
    /// Added to times written as plain seconds (`LogLayout.secondsFrom`).
    var secondsFrom = 0.0
    var callTypeIndex: [String: Int32] = [:]
    var agentIndex: [String: Int32] = [:]
    var skipBadRows = false

    init(bytes: [UInt8], file: String) {
        self.bytes = bytes
        self.file = file
    }

    /// A row that cannot be read: an error, or with `skipBadRows` a row dropped for
    /// `reason` (its line and message kept among the first examples).
    mutating func rowProblem(_ line: Int, _ column: Int?, _ message: String, reason: String) {
        guard skipBadRows else { return problem(line, column, message) }
        log.drop(CallLog.skippedReasonPrefix + reason)
        if log.skippedExamples.count < CallLogReader.maxSkippedExamples {
            log.skippedExamples.append(LogProblem(line: line, column: column.map { $0 + 1 }, columnName: column.map { header[$0] },
                                                  message: message).description)
        }
    }

    mutating func problem(_ line: Int, _ column: Int?, _ message: String) {
        if problems.count < CallLogReader.maxProblems {
            problems.append(LogProblem(line: line, column: column.map { $0 + 1 }, columnName: column.map { header[$0] },
                                       message: message))
        } else {
            moreProblems += 1
        }
    }

    func fail() -> LogError { LogError(file: file, problems: problems, more: moreProblems) }

    // MARK: Lines and fields

    /// Splits the next line into `fields`; false at the end of the text.
    mutating func nextRow() -> Bool {
        fields.removeAll(keepingCapacity: true)
        unquoted.removeAll(keepingCapacity: true)
        guard position < bytes.count else { return false }
        lineNumber += 1
        var start = position
        var i = position
        while true {
            if i < bytes.count && bytes[i] == LogByte.quote && i == start {
                // A quoted field: up to the closing LogByte.quote not followed by another.
                var text: [UInt8] = []
                var j = i + 1
                while j < bytes.count {
                    if bytes[j] == LogByte.quote {
                        if j + 1 < bytes.count && bytes[j + 1] == LogByte.quote { text.append(LogByte.quote); j += 2; continue }
                        break
                    }
                    text.append(bytes[j]); j += 1
                }
                unquoted[fields.count] = text
                i = min(j + 1, bytes.count)
                while i < bytes.count && bytes[i] != delimiter && bytes[i] != LogByte.newline { i += 1 }
            } else {
                while i < bytes.count && bytes[i] != delimiter && bytes[i] != LogByte.newline { i += 1 }
            }
            var end = i
            if end > start && (i >= bytes.count || bytes[i] == LogByte.newline) && bytes[end - 1] == LogByte.carriageReturn { end -= 1 }
            fields.append(start..<end)
            if i >= bytes.count || bytes[i] == LogByte.newline {
                position = i + 1
                return true
            }
            i += 1
            start = i
        }
    }

    /// The bytes of field `k`, without surrounding spaces.
    func field(_ k: Int) -> ArraySlice<UInt8> {
        if let text = unquoted[k] { return LogByte.trimmed(text[...]) }
        return LogByte.trimmed(bytes[fields[k]])
    }

    func string(_ k: Int) -> String { String(decoding: field(k), as: UTF8.self) }
    /// A field as quoted in a message: its first `quotedCharacters` characters.
    func excerpt(_ k: Int) -> String {
        let f = field(k)
        let head = String(decoding: f.prefix(4 * CallLogReader.quotedCharacters), as: UTF8.self)
        return head.count > CallLogReader.quotedCharacters || f.count > 4 * CallLogReader.quotedCharacters
            ? String(head.prefix(CallLogReader.quotedCharacters)) + "… (\(f.count) bytes)" : head
    }

    // MARK: The pass

    mutating func run(layout given: LogLayout?, variant: String?) throws {
        // Header and delimiter.
        let firstLineEnd = bytes.firstIndex(of: LogByte.newline) ?? bytes.count
        let firstLine = bytes[0..<firstLineEnd]
        let tabs = firstLine.filter { $0 == 9 }.count, semicolons = firstLine.filter { $0 == UInt8(ascii: ";") }.count
        let commas = firstLine.filter { $0 == UInt8(ascii: ",") }.count
        delimiter = given?.delimiter ?? (tabs > 0 ? 9 : (semicolons > commas ? UInt8(ascii: ";") : UInt8(ascii: ",")))
        guard nextRow() else {
            problems.append(LogProblem(line: 1, message: "the log is empty (a header line and one row per call expected)"))
            throw fail()
        }
        header = (0..<fields.count).map { string($0) }
        let isTrace = Array(header.prefix(LogLayout.ccsimTraceHeaderStart.count)) == LogLayout.ccsimTraceHeaderStart
        guard let layout = given ?? (isTrace ? LogLayout.ccsimTrace : nil) else {
            problems.append(LogProblem(line: 1, message: "this header is not ccsim's trace layout: give a column map (--columns MAP.yaml); "
                                       + "the header has \(header.joined(separator: ", "))"))
            throw fail()
        }
        dateFormat = layout.dateFormat
        secondsFrom = layout.secondsFrom
        skipBadRows = layout.skipBadRows
        log.calendarDays = layout.dateFormat != .index

        // Columns of each role.
        var index: [LogLayout.Role: [Int]] = [:]
        for role in LogLayout.Role.allCases {
            guard let names = layout.columns[role] else { continue }
            var found: [Int] = []
            for name in names {
                if let k = header.firstIndex(of: name) { found.append(k) } else {
                    problems.append(LogProblem(line: 1, message: "no column is named \"\(name)\" (role \(role.rawValue)); "
                                               + "the header has \(header.joined(separator: ", "))"))
                }
            }
            index[role] = found
        }
        for role in [LogLayout.Role.arrival, .outcome] where layout.columns[role] == nil {
            problems.append(LogProblem(line: 1, message: "the column map must name the \(role.rawValue) column"))
        }
        if !problems.isEmpty { throw fail() }
        func one(_ role: LogLayout.Role) -> Int? { index[role]?.first }
        let dateColumn = one(.date), arrivalColumn = one(.arrival)!, outcomeColumn = one(.outcome)!
        let ivrColumn = one(.ivrExit), queueStartColumn = one(.queueStart), queueEndColumn = one(.queueEnd)
        let serviceStartColumn = one(.serviceStart), serviceEndColumn = one(.serviceEnd)
        let typeColumns = index[.callType] ?? [], agentColumns = index[.agent] ?? []
        log.hasIVR = ivrColumn != nil
        log.hasAgents = !agentColumns.isEmpty
        log.hasServiceEnd = serviceEndColumn != nil
        let variantColumn = isTrace ? header.firstIndex(of: "variant") : nil
        var chosenVariant = variant
        var otherVariants = Set<String>()
        let never = Set(layout.never.map { Array($0.utf8) })
        let skew = layout.skewSeconds

        while nextRow() {
            let line = lineNumber
            if fields.count == 1 && field(0).isEmpty { continue }  // blank line
            guard fields.count == header.count else {
                if skipBadRows { log.rowsRead += 1 }  // (its variant unknown: counted as read, and dropped)
                rowProblem(line, nil, "has \(fields.count) fields, the header has \(header.count)", reason: "wrong number of fields")
                continue
            }
            if let v = variantColumn {
                let name = string(v)
                if chosenVariant == nil { chosenVariant = name }
                if name != chosenVariant { otherVariants.insert(name); continue }
            }
            log.rowsRead += 1
            let code = string(outcomeColumn)
            guard var outcome = layout.outcomeCodes[code] else {
                let known = layout.outcomeCodes.keys.sorted().map { "\"\($0)\"" }.joined(separator: ", ")
                rowProblem(line, outcomeColumn, "outcome code \"\(excerpt(outcomeColumn))\" is not mapped (the map has \(known))",
                           reason: "unmapped outcome code")
                continue
            }
            if outcome == .ignore { log.drop("outcome code mapped to ignore"); continue }
            var day: Int32 = 0
            if let d = dateColumn {
                guard let parsed = parseDate(field(d)) else {
                    rowProblem(line, d, "cannot read the date \"\(excerpt(d))\" (\(dateFormat.map { "expected \($0.rawValue)" } ?? "expected YYMMDD, YYYYMMDD, YYYY-MM-DD or a day number"))",
                               reason: "unreadable date")
                    continue
                }
                day = parsed
            }
            // Arrival (its date, when a timestamp, is the call's day).
            let arrivalField = field(arrivalColumn)
            if arrivalField.isEmpty || never.contains(Array(arrivalField)) { log.drop("no arrival time"); continue }
            guard let (arrivalDay, arrivalSeconds) = parseTime(arrivalField) else {
                rowProblem(line, arrivalColumn, "cannot read the time \"\(excerpt(arrivalColumn))\" (expected h:mm:ss, seconds up to 1e9 or YYYY-MM-DD hh:mm:ss)",
                           reason: "unreadable time")
                continue
            }
            if let arrivalDay {
                if dateColumn != nil && arrivalDay != day {
                    rowProblem(line, arrivalColumn, "the timestamp's date differs from the date column's",
                               reason: "timestamp's date differs from the date column's")
                    continue
                }
                day = arrivalDay
            } else if dateColumn == nil {
                log.calendarDays = false
            }
            guard let ivrExit = time(ivrColumn, line: line, day: day, never: never),
                  let queueStart = time(queueStartColumn, line: line, day: day, never: never),
                  let queueEnd = time(queueEndColumn, line: line, day: day, never: never),
                  let serviceStart0 = time(serviceStartColumn, line: line, day: day, never: never),
                  let serviceEnd = time(serviceEndColumn, line: line, day: day, never: never) else { continue }
            var serviceStart = serviceStart0
            var corrected = false
            /// `later` may precede `earlier` by the skew allowance (then set equal).
            func ordered(_ earlier: Double, _ later: inout Double) -> Bool {
                if earlier.isNaN || later.isNaN || later >= earlier { return true }
                if earlier - later <= skew { later = earlier; corrected = true; return true }
                return false
            }
            var exit = ivrExit
            var entry = queueStart
            let arrival = arrivalSeconds
            guard ordered(arrival, &exit) else { log.drop("times out of order (IVR exit before arrival)"); continue }
            // An abandonment that never reached the queue (the log records queue starts, and
            // this one has none) hung up in the IVR.
            var hungUpInIVR = false
            if outcome == .abandoned && queueStartColumn != nil && queueStart.isNaN {
                outcome = .ivrOnly
                hungUpInIVR = true
            }
            if entry.isNaN && outcome != .ivrOnly { entry = exit.isNaN ? arrival : exit }
            guard ordered(exit.isNaN ? arrival : exit, &entry) else { log.drop("times out of order (queue start before IVR exit)"); continue }
            var queueExit = Double.nan
            switch outcome {
            case .served:
                guard !serviceStart.isNaN else { log.drop("served without a service start"); continue }
                guard ordered(entry, &serviceStart) else { log.drop("times out of order (service start before queue start)"); continue }
                if !serviceEnd.isNaN && serviceEnd < serviceStart { log.drop("times out of order (service end before service start)"); continue }
                queueExit = serviceStart
            case .abandoned:
                guard !queueEnd.isNaN else { log.drop("abandoned without the time he hung up"); continue }
                var end = queueEnd
                guard ordered(entry, &end) else { log.drop("times out of order (queue end before queue start)"); continue }
                queueExit = end
            case .ivrOnly:
                if exit.isNaN && !queueEnd.isNaN {
                    exit = queueEnd
                    guard ordered(arrival, &exit) else { log.drop("times out of order (IVR exit before arrival)"); continue }
                }
                entry = .nan
            case .ignore:
                continue
            }
            guard let type = typeColumns.isEmpty ? 0 : intern(typeColumns, agents: false),
                  let agent = agentColumns.isEmpty ? -1 : intern(agentColumns, agents: true) else { continue }
            if corrected { log.skewCorrected += 1 }
            if hungUpInIVR { log.abandonedInIVR += 1 }
            log.append(day: day, callType: type, arrival: arrival, ivrExit: exit, queueEntry: entry, queueExit: queueExit,
                       serviceStart: outcome == .served ? serviceStart : .nan, serviceEnd: outcome == .served ? serviceEnd : .nan,
                       outcome: outcome, agent: agent)
        }
        if typeColumns.isEmpty { log.callTypes = ["calls"] }
        // A column present but never filled is a step the log does not record.
        log.hasIVR = log.hasIVR && log.ivrExit.contains { !$0.isNaN }
        log.hasAgents = log.hasAgents && log.agent.contains { $0 >= 0 }
        log.hasServiceEnd = log.hasServiceEnd && log.serviceEnd.contains { !$0.isNaN }
        if !otherVariants.isEmpty && variant == nil {
            problems.append(LogProblem(line: 1, message: "the trace has several variants (\(([chosenVariant ?? ""] + otherVariants.sorted()).joined(separator: ", "))): choose one with --variant"))
        }
        if let variant, variantColumn != nil, log.rowsRead == 0 {
            problems.append(LogProblem(line: 1, message: "the trace has no variant named \"\(variant)\" (it has \(otherVariants.sorted().joined(separator: ", ")))"))
        }
        if !problems.isEmpty || moreProblems > 0 { throw fail() }
        if log.count == 0 {
            problems.append(LogProblem(line: lineNumber, message: "no call is left to fit (rows read: \(log.rowsRead); dropped: \(log.dropped))"))
            throw fail()
        }
    }

    /// Seconds after midnight of `day` in `column` (NaN: empty, a "never" value, or no such
    /// column); nil after reporting a time that cannot be read.
    mutating func time(_ column: Int?, line: Int, day: Int32, never: Set<[UInt8]>) -> Double? {
        guard let column else { return .nan }
        let f = field(column)
        if f.isEmpty || (!never.isEmpty && never.contains(Array(f))) { return .nan }
        guard let (d, s) = parseTime(f) else {
            rowProblem(line, column, "cannot read the time \"\(excerpt(column))\" (expected h:mm:ss, seconds up to 1e9 or "
                       + "YYYY-MM-DD hh:mm:ss)", reason: "unreadable time")
            return nil
        }
        return s + Double((d ?? day) - day) * 86_400
    }

    /// The joined value of several columns ("-"), as an index into the log's call types
    /// (or agents); −1 when all are empty.
    /// Nil (after reporting it) for a name longer than `CallLogReader.maximumNameCharacters`.
    mutating func intern(_ columns: [Int], agents: Bool) -> Int32? {
        if let long = columns.first(where: { field($0).count > 4 * CallLogReader.maximumNameCharacters
                                             || string($0).count > CallLogReader.maximumNameCharacters }) {
            rowProblem(lineNumber, long, "a name of \(string(long).count) characters (\"\(excerpt(long))\"); at most "
                    + "\(CallLogReader.maximumNameCharacters) (a misread column?)", reason: "name too long")
            return nil
        }
        let parts = columns.map { string($0) }
        if parts.allSatisfy(\.isEmpty) { return -1 }
        let name = parts.joined(separator: "-")
        if let k = agents ? agentIndex[name] : callTypeIndex[name] { return k }
        if agents {
            agentIndex[name] = Int32(log.agents.count); log.agents.append(name)
            return Int32(log.agents.count - 1)
        }
        callTypeIndex[name] = Int32(log.callTypes.count); log.callTypes.append(name)
        return Int32(log.callTypes.count - 1)
    }
}
