import ArgumentParser
import Calibration
import ScenarioFiles

/// How `fit` and `backtest` read a call log: a column map file, or the same map given as
/// flags (`--column arrival=vru_entry --outcome served=AGENT,AGENT2 …`), or nothing for a
/// ccsim trace.
struct LogOptions: ParsableArguments {
    @Option(help: "The column map (YAML); not needed for a ccsim trace.")
    var columns: String?

    @Option(name: .customLong("column"), help: ArgumentHelp(
        "A role's column instead of a map file, ROLE=NAME (call_type and agent: NAME,NAME…); repeatable.",
        valueName: "role=name"))
    var columnFlags: [String] = []

    @Option(name: .customLong("outcome"), help: ArgumentHelp(
        "An outcome class's codes instead of a map file, CLASS=CODE,CODE… (served, abandoned, ivr_only, ignore); repeatable.",
        valueName: "class=codes"))
    var outcomeFlags: [String] = []

    @Option(name: .customLong("never"), help: "A value meaning \"did not happen\" (e.g. 0:00:00); repeatable.")
    var neverFlags: [String] = []

    enum BadRows: String, ExpressibleByArgument, CaseIterable { case error, skip }

    @Option(help: ArgumentHelp("Rows that cannot be read (wrong number of fields, an unmapped outcome code, an unreadable date or "
        + "time): error (stop, naming line and column) or skip (drop, count by reason in fit.md and the manifest, warn); "
        + "default: the map's bad_rows, else error.", valueName: "error|skip"))
    var badRows: BadRows?

    @Option(help: ArgumentHelp("The log's weekend, weekday names or short names (fri,sat): those days never share a day type with "
        + "working days (default: the data decide, by the day-type tests in fit.md).", valueName: "days"))
    var weekend: String?

    /// `--weekend` as weekdays (0 = Monday); nil without it.
    var weekendDays: Set<Int>? {
        weekend.map { Set($0.split(separator: ",").compactMap { DayGrouping.weekdays(named: String($0).trimmingCharacters(in: .whitespaces)) }.joined()) }
    }

    @Option(help: "With a ccsim trace of several variants: the variant to read.")
    var variant: String?

    @Option(help: ArgumentHelp("The clock time of second 0 for times written in seconds (a ccsim trace: its scenario's opening).",
                               valueName: "HH:MM"))
    var secondsFrom: String?

    func validate() throws {
        if columns != nil && !(columnFlags.isEmpty && outcomeFlags.isEmpty && neverFlags.isEmpty) {
            throw ValidationError("give the column map either as --columns FILE or as --column/--outcome/--never flags, not both")
        }
        for flag in columnFlags + outcomeFlags where !flag.contains("=") {
            throw ValidationError("--column and --outcome take NAME=VALUE (got \(flag))")
        }
        if let weekend {
            for item in weekend.split(separator: ",", omittingEmptySubsequences: false)
            where DayGrouping.weekdays(named: String(item).trimmingCharacters(in: .whitespaces)) == nil {
                throw ValidationError("--weekend: \"\(item)\" is not a weekday (give names such as fri,sat or friday,saturday)")
            }
        }
        if let secondsFrom, Self.clockSeconds(secondsFrom) == nil {
            throw ValidationError("--seconds-from must be a clock time HH:MM (got \(secondsFrom))")
        }
    }

    static func clockSeconds(_ text: String) -> Double? { ClockTime.minutes(text, hoursBelow: 24).map { Double($0 * 60) } }

    /// The log at `path` read through the map: its bytes (for the manifest's digest), the
    /// layout and the calls. A bad map or log is reported (line and column, key path) and
    /// exits 2.
    func read(_ path: String) throws -> (bytes: [UInt8], layout: LogLayout?, log: CallLog) {
        do {
            let layout = try self.layout()
            let bytes = try ScenarioLoader.readBytes(path)
            let log = try CallLogReader.parse(bytes: bytes, file: path, layout: layout, variant: variant)
            let skipped = log.dropped.filter { $0.key.hasPrefix(CallLog.skippedReasonPrefix) }.values.reduce(0, +)
            if skipped > 0 {
                printError("warning: \(path): \(skipped) row(s) of \(log.rowsRead) skipped as unreadable (--bad-rows skip): "
                    + log.skippedExamples.joined(separator: "; ") + (skipped > log.skippedExamples.count ? "; …" : ""))
            }
            return (bytes, layout, log)
        } catch let error as ScenarioError {
            printError(error.description)
            throw ExitCodes.badInput
        } catch let error as LogError {
            printError(error.description)
            throw ExitCodes.badInput
        }
    }

    /// The layout of the map file or flags (checked as a map file is: key paths in the
    /// messages), or of a ccsim trace; with `--seconds-from`.
    func layout() throws -> LogLayout? {
        var layout = try mapped()
        if let secondsFrom, let s = Self.clockSeconds(secondsFrom) {
            if layout == nil { layout = .ccsimTrace }
            layout!.secondsFrom = s
        }
        if let badRows {
            if layout == nil { layout = .ccsimTrace }
            layout!.skipBadRows = badRows == .skip
        }
        return layout
    }

    private func mapped() throws -> LogLayout? {
        if let columns { return try LogColumnsReader.load(file: columns) }
        guard !(columnFlags.isEmpty && outcomeFlags.isEmpty) else { return nil }
        func quoted(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
        func pairs(_ flags: [String]) -> String {
            flags.map { flag -> String in
                let parts = flag.split(separator: "=", maxSplits: 1).map(String.init)
                let values = parts.count > 1 ? parts[1].split(separator: ",").map { quoted(String($0)) } : []
                return "\(quoted(parts[0])): " + (values.count == 1 ? values[0] : "[\(values.joined(separator: ", "))]")
            }.joined(separator: ", ")
        }
        var yaml = "columns: {\(pairs(columnFlags))}\noutcomes: {\(pairs(outcomeFlags))}\n"
        if !neverFlags.isEmpty { yaml += "never: [\(neverFlags.map(quoted).joined(separator: ", "))]\n" }
        return try LogColumnsReader.parse(yaml, file: "--column/--outcome")
    }
}
