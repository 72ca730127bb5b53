import Foundation
import Yams

/// Reads a call log's column map (`ccsim fit LOG --columns MAP.yaml`; Scenarios/README.md,
/// "Call logs"):
///
/// ```yaml
/// columns: {date: date, arrival: vru_entry, ivr_exit: vru_exit, queue_start: q_start,
///           queue_end: q_exit, service_start: ser_start, service_end: ser_exit,
///           outcome: outcome, call_type: [type, priority], agent: server}
/// outcomes: {served: [AGENT], abandoned: [HANG], ivr_only: [VRU], ignore: [PHANTOM]}
/// never: ["0:00:00"]            # values meaning "did not happen"
/// date_format: YYMMDD           # YYMMDD, YYYYMMDD, YYYY-MM-DD or index; default: detected
/// delimiter: ","                # "," ";" or "\t"; default: detected from the header
/// skew_seconds: 5               # clocks may disagree by this much
/// hours: {opening: "07:00", closing: "24:00"}   # default: detected
/// seconds_from: "08:00"         # the clock time of second 0, for times written in seconds
/// bad_rows: skip                # rows that cannot be read: error (default) or skip (counted)
/// ```
public enum LogColumnsReader {
    public static let keys = ["columns", "outcomes", "never", "date_format", "delimiter", "skew_seconds", "hours", "seconds_from",
                              "bad_rows"]

    public static func load(file: String) throws -> LogLayout {
        let bytes = try ScenarioLoader.readBytes(file)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw ScenarioError(file: file, problems: [ScenarioProblem(path: "", message: "is not UTF-8 text")])
        }
        return try parse(text, file: file)
    }

    public static func parse(_ text: String, file: String) throws -> LogLayout {
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch {
            throw ScenarioError(file: file, problems: [ScenarioProblem(path: "", message: "YAML syntax error: \(error)")])
        }
        guard let root else {
            throw ScenarioError(file: file, problems: [ScenarioProblem(path: "", message: "is empty: a column map has columns: and outcomes:")])
        }
        let diagnostics = Diagnostics()
        let layout = read(root, diagnostics: diagnostics)
        guard diagnostics.problems.isEmpty, let layout else {
            throw ScenarioError(file: file, problems: diagnostics.problems.isEmpty
                                ? [ScenarioProblem(path: "", message: "is not a column map")] : diagnostics.problems)
        }
        return layout
    }

    static func read(_ root: Node, diagnostics: Diagnostics) -> LogLayout? {
        guard let top = MappingReader(root, path: "", allowedKeys: keys, diagnostics: diagnostics) else { return nil }
        var columns: [LogLayout.Role: [String]] = [:]
        let roles = LogLayout.Role.allCases.map(\.rawValue)
        if let node = top.required("columns", "the log's column for each role (\(roles.joined(separator: ", ")))"),
           let r = MappingReader(node, path: "columns", allowedKeys: roles, diagnostics: diagnostics) {
            for (key, value) in r.pairs {
                let role = LogLayout.Role(rawValue: key)!
                let path = child("columns", key)
                if case .sequence(let items) = value {
                    guard role == .callType || role == .agent else {
                        diagnostics.report(path, "must name one column (only call_type and agent may combine several)", at: value)
                        continue
                    }
                    let names = items.enumerated().compactMap { NodeValue.string($1, path: element(path, $0), diagnostics: diagnostics) }
                    if names.isEmpty { diagnostics.report(path, "must name at least one column (got none)", at: value) }
                    columns[role] = names
                } else if let name = NodeValue.string(value, path: path, diagnostics: diagnostics) {
                    columns[role] = [name]
                }
            }
            for role in [LogLayout.Role.arrival, .outcome] where columns[role] == nil && !r.has(role.rawValue) {
                diagnostics.report(child("columns", role.rawValue), "is required: the header name of the \(role.rawValue) column", at: node)
            }
        }
        var codes: [String: LogOutcome] = [:]
        if let node = top.required("outcomes", "outcome codes per class: {served: [...], abandoned: [...], ivr_only: [...], ignore: [...]}"),
           let r = MappingReader(node, path: "outcomes", allowedKeys: LogOutcome.allCases.map(\.rawValue), diagnostics: diagnostics) {
            for (key, value) in r.pairs {
                let path = child("outcomes", key)
                let items: [Node]
                if case .sequence(let s) = value { items = Array(s) } else { items = [value] }
                for (i, item) in items.enumerated() {
                    guard let code = NodeValue.string(item, path: element(path, i), diagnostics: diagnostics) else { continue }
                    if let other = codes[code] {
                        diagnostics.report(element(path, i), "code \"\(code)\" is already mapped to \(other.rawValue)", at: item)
                    }
                    codes[code] = LogOutcome(rawValue: key)!
                }
            }
            if codes.isEmpty { diagnostics.report("outcomes", "must map at least one code", at: node) }
        }
        var layout = LogLayout(columns: columns, outcomeCodes: codes)
        if let node = top.value("never") {
            let items: [Node]
            if case .sequence(let s) = node { items = Array(s) } else { items = [node] }
            layout.never = Set(items.enumerated().compactMap { NodeValue.string($1, path: element("never", $0), diagnostics: diagnostics) })
        }
        if let f = top.string("date_format") {
            if let format = LogLayout.DateFormat(rawValue: f) { layout.dateFormat = format } else {
                top.report("date_format", "must be one of \(LogLayout.DateFormat.allCases.map(\.rawValue).joined(separator: ", ")) (got \(f))")
            }
        }
        if let d = top.string("delimiter") {
            switch d {
            case ",": layout.delimiter = UInt8(ascii: ",")
            case ";": layout.delimiter = UInt8(ascii: ";")
            case "\t", "\\t", "tab": layout.delimiter = 9
            default: top.report("delimiter", "must be \",\", \";\" or \"\\t\" (got \(d))")
            }
        }
        if let s = top.number("skew_seconds") {
            if s >= 0 && s <= 3600 { layout.skewSeconds = s } else { top.report("skew_seconds", "must be in [0, 3600] (got \(s))") }
        }
        /// A clock time HH:MM (hours up to 48) as seconds after midnight.
        func clock(_ r: MappingReader, _ key: String) -> Double? {
            guard let text = r.string(key, required: true, what: "a clock time HH:MM") else { return nil }
            guard let minute = ClockTime.minutes(text, hoursBelow: 49) else {
                r.report(key, "must be a clock time HH:MM (got \(text))")
                return nil
            }
            return Double(minute * 60)
        }
        if top.has("seconds_from"), let s = clock(top, "seconds_from") { layout.secondsFrom = s }
        if let b = top.string("bad_rows") {
            if ["error", "skip"].contains(b) { layout.skipBadRows = b == "skip" } else { top.report("bad_rows", "must be error or skip (got \(b))") }
        }
        if let h = top.value("hours"), let r = MappingReader(h, path: "hours", allowedKeys: ["opening", "closing"], diagnostics: diagnostics) {
            let opening = clock(r, "opening"), closing = clock(r, "closing")
            if let opening, let closing {
                if closing > opening { layout.openingSeconds = opening; layout.closingSeconds = closing } else {
                    r.report("closing", "must be after the opening (got \(ClockTime.text(seconds: closing)) ≤ \(ClockTime.text(seconds: opening)))")
                }
            }
        }
        return layout
    }
}
