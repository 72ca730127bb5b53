import ContactCenter
import Rostering
import Yams

/// `shifts:` (for `ccsim schedule`): the shift templates people may work.
///
/// ```yaml
/// shifts:
///   templates:
///     - name: full
///       start: {from: "08:00", to: "12:00", every_minutes: 30}
///       length_hours: 8.5
///       cost_per_hour: 25
///       breaks:
///         - {minutes: 15, paid: true, after_minutes: [90, 150]}
///         - {minutes: 30, paid: false, after_minutes: [210, 300]}
///       max_people: 80
/// ```
/// A break starts between the two `after_minutes` (after the shift's start) on a grid of
/// `every_minutes` (default 15). Start times are clock times within the day's periods.
/// For a week: `horizon_days: 7`, `days_off: {count: 2, consecutive: true}` and
/// `day_factors: [1, 1, 1, 1, 1.1, 0.7, 0.5]` (each day's volume relative to the scenario's day).
enum ShiftsReader {
    static func read(_ node: Node, day: DayPlan?, diagnostics: Diagnostics) -> ShiftsSpec? {
        guard let r = MappingReader(node, path: "shifts", allowedKeys: ["templates", "horizon_days", "days_off", "day_factors"],
                                    diagnostics: diagnostics) else { return nil }
        var spec = ShiftsSpec(templates: [])
        var ok = true
        if let h = r.integer("horizon_days") {
            if (1...14).contains(h) { spec.horizonDays = h } else { r.report("horizon_days", "must be in 1...14 (got \(h))"); ok = false }
        }
        if let d = r.value("days_off"), let m = MappingReader(d, path: "shifts.days_off", allowedKeys: ["count", "consecutive"],
                                                              diagnostics: diagnostics) {
            if let c = m.integer("count", required: true, what: "days off per horizon") {
                if c >= 0 && c < spec.horizonDays { spec.daysOff = c } else {
                    m.report("count", "must be in 0...\(spec.horizonDays - 1), fewer than horizon_days (got \(c))"); ok = false
                }
            } else { ok = false }
            if let v = m.value("consecutive") {
                if case .scalar(let s) = v, ["true", "false"].contains(s.string) { spec.consecutiveDaysOff = s.string == "true" } else {
                    m.report("consecutive", "must be true or false"); ok = false
                }
            }
        } else if r.has("days_off") { ok = false }
        if let f = r.value("day_factors"), let items = NodeValue.sequence(f, path: "shifts.day_factors", what: "volume factors", diagnostics: diagnostics) {
            let factors = items.enumerated().compactMap { NodeValue.number($1, path: element("shifts.day_factors", $0), diagnostics: diagnostics) }
            if factors.count != items.count { ok = false } else if factors.count != spec.horizonDays || factors.contains(where: { !($0 >= 0) }) {
                r.report("day_factors", "must give \(spec.horizonDays) factors ≥ 0, one per day of horizon_days (got \(factors))"); ok = false
            } else { spec.dayFactors = factors }
        } else if r.has("day_factors") { ok = false }
        guard let day else {
            diagnostics.report("shifts", "needs periods: (a day in periods) to schedule", at: node)
            return nil
        }
        guard let list = r.required("templates", "a list of shift templates {name, start, length_hours, breaks}"),
              let items = NodeValue.sequence(list, path: "shifts.templates", what: "shift templates", diagnostics: diagnostics)
        else { return nil }
        if items.isEmpty { r.report("templates", "must list at least one shift template (got none)"); return nil }
        var templates: [ShiftTemplate] = []
        var names = Set<String>()
        for (i, item) in items.enumerated() {
            let path = element("shifts.templates", i)
            guard let t = MappingReader(item, path: path, allowedKeys: ["name", "start", "length_hours", "cost_per_hour", "breaks",
                                                                         "min_people", "max_people"], diagnostics: diagnostics)
            else { continue }
            var ok = true
            let name = t.string("name", required: true, what: "the template's name")
            if let name, !names.insert(name).inserted { t.report("name", "repeats another template's name (got \"\(name)\")"); ok = false }
            let starts = t.required("start", "{from: HH:MM, to: HH:MM, every_minutes: M} (clock times of the day)")
                .flatMap { readStarts($0, path: child(path, "start"), day: day, diagnostics: diagnostics) }
            if starts == nil { ok = false }
            var length: Double?
            if let hours = t.number("length_hours", required: true, what: "the shift's length in hours") {
                if hours > 0 && hours <= 24 { length = hours * 60 } else { t.report("length_hours", "must be in (0, 24] (got \(hours))"); ok = false }
            } else { ok = false }
            var cost = 1.0
            if let c = t.number("cost_per_hour") {
                if c >= 0 { cost = c } else { t.report("cost_per_hour", "must be ≥ 0 (got \(c))"); ok = false }
            }
            var minPeople = 0, maxPeople: Int?
            if let m = t.integer("min_people") { if m >= 0 { minPeople = m } else { t.report("min_people", "must be ≥ 0 (got \(m))"); ok = false } }
            if let m = t.integer("max_people") {
                if m >= minPeople { maxPeople = m } else { t.report("max_people", "must be ≥ min_people (\(minPeople)) (got \(m))"); ok = false }
            }
            var breaks: [ShiftBreak] = []
            if let b = t.value("breaks"), let list = NodeValue.sequence(b, path: child(path, "breaks"), what: "breaks", diagnostics: diagnostics) {
                for (j, item) in list.enumerated() {
                    if let one = readBreak(item, path: element(child(path, "breaks"), j), shiftMinutes: length, diagnostics: diagnostics) {
                        breaks.append(one)
                    } else { ok = false }
                }
            }
            guard ok, let name, let starts, let length else { continue }
            let template = ShiftTemplate(name: name, startMinutes: starts, lengthMinutes: length, costPerHour: cost, breaks: breaks,
                                         minPeople: minPeople, maxPeople: maxPeople)
            let columns = ShiftPattern.count(template)
            if columns > Double(ShiftPattern.maximumColumns) {
                diagnostics.report(path, "has \(columns < 1e15 ? String(Int(columns)) : "\(columns)") ways to start and place its breaks; at most "
                    + "\(ShiftPattern.maximumColumns) can be scheduled: fewer starts (every_minutes) or break positions", at: item)
                continue
            }
            if ShiftPattern.all([template], periods: day.count, periodMinutes: day.periodSeconds / 60).isEmpty {
                diagnostics.report(child(path, "breaks"), "leave no way to place every break in order within the shift", at: item)
                continue
            }
            templates.append(template)
        }
        spec.templates = templates
        return ok && templates.count == items.count ? spec : nil
    }

    /// `{from: "08:00", to: "12:00", every_minutes: 30}` (or `at: "08:00"`): minutes after opening.
    static func readStarts(_ node: Node, path: String, day: DayPlan, diagnostics: Diagnostics) -> [Double]? {
        guard let r = MappingReader(node, path: path, allowedKeys: ["from", "to", "every_minutes", "at"], diagnostics: diagnostics)
        else { return nil }
        let opening = Double(day.openingMinute), close = opening + day.lengthSeconds / 60
        func clock(_ key: String) -> Double? {
            guard let text = r.string(key) else { return nil }
            guard let clockMinute = ClockTime.minutes(text, hoursBelow: 48) else {
                r.report(key, "must be a clock time HH:MM (got \(text))")
                return nil
            }
            let minute = Double(clockMinute)
            guard minute >= opening && minute < close else {
                r.report(key, "must be within the day's periods, \(day.label(0))–\(clockText(close)) (got \(text))")
                return nil
            }
            return minute - opening
        }
        if r.has("at") {
            if r.has("from") || r.has("to") { r.report("at", "give at, or from and to, not both") }
            return clock("at").map { [$0] }
        }
        guard let from = clock("from") else {
            if !r.has("from") { r.report("from", "is required: the earliest start (HH:MM), or give at:") }
            return nil
        }
        let to = r.has("to") ? clock("to") : from
        guard let to else { return nil }
        guard to >= from else { r.report("to", "must not be before from"); return nil }
        let step = r.number("every_minutes") ?? day.periodSeconds / 60
        guard step > 0 else { r.report("every_minutes", "must be positive (got \(step))"); return nil }
        guard (to - from) / step < Double(ShiftPattern.maximumStarts) else {
            r.report("every_minutes", "gives more than \(ShiftPattern.maximumStarts) start times (got \(step) minutes over \(to - from))")
            return nil
        }
        return stride(from: from, through: to + 1e-9, by: step).map { $0 }
    }

    /// `{minutes: 30, paid: false, after_minutes: [210, 300], every_minutes: 15}`.
    static func readBreak(_ node: Node, path: String, shiftMinutes: Double?, diagnostics: Diagnostics) -> ShiftBreak? {
        guard let r = MappingReader(node, path: path, allowedKeys: ["minutes", "paid", "after_minutes", "every_minutes"],
                                    diagnostics: diagnostics) else { return nil }
        let minutes = r.number("minutes", required: true, what: "the break's length in minutes")
        var paid = true
        if let p = r.value("paid") {
            if case .scalar(let s) = p, ["true", "false"].contains(s.string) { paid = s.string == "true" } else {
                r.report("paid", "must be true or false")
            }
        }
        var window: [Double]?
        if let w = r.required("after_minutes", "[earliest, latest]: when the break may start, in minutes after the shift's start"),
           let items = NodeValue.sequence(w, path: child(path, "after_minutes"), what: "[earliest, latest]", diagnostics: diagnostics) {
            let values = items.enumerated().compactMap { NodeValue.number($1, path: element(child(path, "after_minutes"), $0), diagnostics: diagnostics) }
            if values.count == 2 && values[0] >= 0 && values[1] >= values[0] { window = values } else if values.count == items.count {
                r.report("after_minutes", "must be [earliest, latest] with 0 ≤ earliest ≤ latest (got \(values))")
            }
        }
        let step = r.number("every_minutes") ?? 15
        if !(step > 0) { r.report("every_minutes", "must be positive (got \(step))"); return nil }
        guard let minutes, let window else { return nil }
        guard (window[1] - window[0]) / step < Double(ShiftPattern.maximumStarts) else {
            r.report("every_minutes", "gives more than \(ShiftPattern.maximumStarts) break starts (got \(step) minutes over \(window[1] - window[0]))")
            return nil
        }
        guard minutes > 0 else { r.report("minutes", "must be positive (got \(minutes))"); return nil }
        if let shift = shiftMinutes, window[1] + minutes > shift {
            r.report("after_minutes", "the latest start leaves the break past the shift's end (\(window[1]) + \(minutes) > \(shift) minutes)")
            return nil
        }
        return ShiftBreak(minutes: minutes, paid: paid, earliestMinutes: window[0], latestMinutes: window[1], stepMinutes: step)
    }

    static func clockText(_ minute: Double) -> String { ClockTime.text(seconds: 60 * minute) }
}

/// The `shifts:` block: templates and the horizon a roster covers.
public struct ShiftsSpec: Sendable, Equatable {
    public var templates: [ShiftTemplate]
    /// Days the roster covers (1: a day; 7: a week of the scenario's day scaled by `dayFactors`).
    public var horizonDays = 1
    /// Days off per person in the horizon, in one block round it when `consecutiveDaysOff`.
    public var daysOff = 0
    public var consecutiveDaysOff = true
    /// [day] → volume relative to the scenario's day (all 1 when not given).
    public var dayFactors: [Double]?

    public init(templates: [ShiftTemplate]) { self.templates = templates }

    /// [day] → its volume factor.
    public var factors: [Double] { dayFactors ?? Array(repeating: 1, count: horizonDays) }
}
