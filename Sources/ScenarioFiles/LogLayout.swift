/// How a call log's columns map to what ccsim needs (Scenarios/README.md, "Call logs").
///
/// Each role names one column of the header (`callType` may combine several, joined with
/// "-"). Only `arrival` and `outcome` are required; a role left out is a step the log
/// does not record (no `ivr_exit`: no IVR figures; no `agent`: no agents on duty).
public struct LogLayout: Sendable, Equatable {
    public enum Role: String, CaseIterable, Sendable {
        case date, arrival
        case ivrExit = "ivr_exit", queueStart = "queue_start", queueEnd = "queue_end"
        case serviceStart = "service_start", serviceEnd = "service_end"
        case outcome
        case callType = "call_type"
        case agent
    }

    /// How the `date` column (or the date part of timestamps) is written.
    public enum DateFormat: String, Sendable, CaseIterable {
        /// `YYMMDD` (e.g. 991231 → 1999-12-31, 000105 → 2000-01-05: 50–99 are 19xx).
        case yymmdd = "YYMMDD"
        case yyyymmdd = "YYYYMMDD"
        /// `YYYY-MM-DD`.
        case iso = "YYYY-MM-DD"
        /// A day number (0, 1, 2, …): days without a calendar, as ccsim's own traces
        /// (`replication`); all days are one day type.
        case index
    }

    /// Role → header names (one each; several only for `callType`).
    public var columns: [Role: [String]]
    /// Outcome code (as written) → its class; every code met must be mapped.
    public var outcomeCodes: [String: LogOutcome]
    /// Values that mean "this step did not happen" (e.g. `0:00:00` for "never queued");
    /// an empty field always does.
    public var never: Set<String>
    /// `nil`: detected from the header line (tab, semicolon or comma).
    public var delimiter: UInt8?
    /// `nil`: detected from the first date.
    public var dateFormat: DateFormat?
    /// Times that go backwards by at most this much (IVR exit → queue start → service
    /// start, between a switch's two clocks) are set equal; beyond it the row is
    /// dropped as inconsistent.
    public var skewSeconds: Double
    /// Opening hours as seconds after midnight of the log's clock; `nil`: detected.
    public var openingSeconds: Double?
    public var closingSeconds: Double?
    /// The clock time (seconds after midnight) that second 0 of times written as plain
    /// seconds stands for: a ccsim trace counts from the scenario's opening.
    public var secondsFrom = 0.0
    /// A row that cannot be read (the wrong number of fields, an unmapped outcome code, a
    /// date or time that cannot be read, a name too long): `false` (default) an error that
    /// stops the read, naming line and column; `true` dropped and counted by reason.
    public var skipBadRows = false

    public init(columns: [Role: [String]], outcomeCodes: [String: LogOutcome], never: Set<String> = [],
                delimiter: UInt8? = nil, dateFormat: DateFormat? = nil, skewSeconds: Double = 5,
                openingSeconds: Double? = nil, closingSeconds: Double? = nil) {
        self.columns = columns
        self.outcomeCodes = outcomeCodes
        self.never = never
        self.delimiter = delimiter
        self.dateFormat = dateFormat
        self.skewSeconds = skewSeconds
        self.openingSeconds = openingSeconds
        self.closingSeconds = closingSeconds
    }

    /// ccsim's own `--trace` layout (Reporting's `TraceFile.columns`): the replication is
    /// the day, times are seconds from the opening, `group`/`agent` name the agent.
    /// Redial attempts are calls of their own, as a switch would log them.
    public static let ccsimTrace = LogLayout(
        columns: [
            .date: ["replication"], .arrival: ["arrival_seconds"], .ivrExit: ["ivr_exit_seconds"],
            .queueStart: ["queue_entry_seconds"], .queueEnd: ["abandon_seconds"],
            .serviceStart: ["service_start_seconds"], .serviceEnd: ["service_end_seconds"],
            .outcome: ["outcome"], .callType: ["call_type"], .agent: ["group", "agent"],
        ],
        outcomeCodes: [
            "answered": .served, "called_back": .served,
            "abandoned": .abandoned, "balked": .abandoned, "callback_failed": .abandoned,
            "contained": .ivrOnly, "ivr_abandoned": .ivrOnly, "ivr_disconnected": .ivrOnly, "ivr_step_limit": .ivrOnly,
            "blocked": .ignore, "ivr_blocked": .ignore, "unfinished": .ignore,
        ],
        dateFormat: .index, skewSeconds: 0)

    /// The header of a ccsim trace starts with these columns.
    public static let ccsimTraceHeaderStart = ["replication", "variant", "call", "attempt", "call_type"]
}

/// What became of a logged call.
public enum LogOutcome: String, Sendable, CaseIterable {
    /// An agent served it.
    case served
    /// It left the queue (or balked) unanswered.
    case abandoned
    /// It ended in the IVR: self-served or hung up there.
    case ivrOnly = "ivr_only"
    /// Not a customer call (test calls, phantom records): dropped and counted.
    case ignore
}
