import ContactCenter
import Yams

/// `days:` as written: how many days, each day's factor, and day types (a weekend with its
/// own intraday profile and staffing).
struct DaysReading {
    var count: Int
    var factors: [Double] = []
    /// Each day's type name (empty: every day is the plan's own day).
    var pattern: [String] = []
    var types: [DayTypeReading] = []
}

/// One `days.types.<name>`: its factor, and the rates and head counts it replaces, by
/// call type and group name (resolved once they are read).
struct DayTypeReading {
    var name: String
    var factor = 1.0
    var rates: [(name: String, path: String, node: Node, values: [Double])] = []
    var counts: [(name: String, path: String, node: Node, values: [Double])] = []
}

extension ScenarioSchema {
    /// `days: N`, or `{count: N, arrivals_factor: [f1, …, fN], pattern: [type, …],
    /// types: {name: {arrivals_factor: f, per_hour_by_period: {call type: [...]},
    /// count_by_period: {group: [...]}}}}`: the day in periods repeated over N days of 24
    /// hours (nights between them), day d of type `pattern[d]` with that type's rates and
    /// head counts (the plan's own where the type gives none), × its factor and the day's.
    static func readDays(_ node: Node, periodCount: Int?, diagnostics: Diagnostics) -> DaysReading? {
        guard let periodCount else {
            diagnostics.report("days", "needs periods: (the day that repeats)", at: node)
            return nil
        }
        if case .scalar = node {
            guard let count = NodeValue.integer(node, path: "days", diagnostics: diagnostics) else { return nil }
            return checkedCount(count, node: node, diagnostics: diagnostics).map { DaysReading(count: $0) }
        }
        guard let r = MappingReader(node, path: "days", allowedKeys: ["count", "arrivals_factor", "pattern", "types"], diagnostics: diagnostics),
              let written = r.integer("count", required: true, what: "the number of days"),
              let count = checkedCount(written, node: node, diagnostics: diagnostics) else { return nil }
        var days = DaysReading(count: count)
        var ok = true
        if let list = r.value("arrivals_factor") {
            days.factors = numbers(list, path: "days.arrivals_factor", count: count, what: "factors, one per day", diagnostics: diagnostics) ?? []
            ok = ok && days.factors.count == count
        }
        if let list = r.value("types") {
            guard case .mapping(let m) = list, !m.isEmpty else {
                diagnostics.report("days.types", "must map day type names to {arrivals_factor, per_hour_by_period, count_by_period} (got \(shown(list)))", at: list)
                return nil
            }
            for (key, body) in m {
                guard let name = key.string, let type = readDayType(name, body, periodCount: periodCount, diagnostics: diagnostics) else {
                    ok = false
                    continue
                }
                days.types.append(type)
            }
        }
        if let list = r.value("pattern"), let items = NodeValue.sequence(list, path: "days.pattern", what: "a day type per day", diagnostics: diagnostics) {
            let names = days.types.map(\.name)
            for (d, item) in items.enumerated() {
                guard let name = NodeValue.string(item, path: element("days.pattern", d), diagnostics: diagnostics) else { ok = false; continue }
                if !names.contains(name) {
                    diagnostics.report(element("days.pattern", d), "no day type is named \"\(name)\"\(Suggestion.hint(for: name, in: names))", at: item)
                    ok = false
                }
                days.pattern.append(name)
            }
            if items.count != count {
                diagnostics.report("days.pattern", "must give \(count) day types, one per day (got \(items.count))", at: list)
                ok = false
            }
        }
        if r.has("types") != r.has("pattern") {
            r.report(r.has("types") ? "types" : "pattern", "day types need both types: (what each one is) and pattern: (which day is which)")
            ok = false
        }
        return ok ? days : nil
    }

    private static func checkedCount(_ count: Int, node: Node, diagnostics: Diagnostics) -> Int? {
        guard (1...366).contains(count) else {
            diagnostics.report("days", "must be in 1...366 days (got \(count))", at: node)
            return nil
        }
        return count
    }

    /// `count` numbers at `path` (nil, said, when the list is not that).
    private static func numbers(_ node: Node, path: String, count: Int, what: String, diagnostics: Diagnostics) -> [Double]? {
        guard let items = NodeValue.sequence(node, path: path, what: what, diagnostics: diagnostics) else { return nil }
        guard items.count == count else {
            diagnostics.report(path, "must give \(count) \(what) (got \(items.count))", at: node)
            return nil
        }
        let values = items.enumerated().compactMap { NodeValue.number($1, path: element(path, $0), diagnostics: diagnostics) }
        return values.count == count ? values : nil
    }

    private static func readDayType(_ name: String, _ node: Node, periodCount n: Int, diagnostics: Diagnostics) -> DayTypeReading? {
        let path = child("days.types", name)
        guard let r = MappingReader(node, path: path, allowedKeys: ["arrivals_factor", "per_hour_by_period", "count_by_period"],
                                    diagnostics: diagnostics) else { return nil }
        var type = DayTypeReading(name: name)
        var ok = true
        if let f = r.number("arrivals_factor") {
            if f >= 0 && f <= 100 { type.factor = f } else { r.report("arrivals_factor", "must be in [0, 100] (got \(f))"); ok = false }
        }
        for (key, what) in [("per_hour_by_period", "rates per hour, one per period"), ("count_by_period", "head counts, one per period")] {
            guard let list = r.value(key) else { continue }
            let listPath = child(path, key)
            guard case .mapping(let m) = list else {
                diagnostics.report(listPath, "must map \(key == "per_hour_by_period" ? "call type" : "group") names to \(what) (got \(shown(list)))", at: list)
                ok = false
                continue
            }
            for (k, v) in m {
                let owner = k.string ?? "?", p = child(listPath, owner)
                guard let values = numbers(v, path: p, count: n, what: what, diagnostics: diagnostics) else { ok = false; continue }
                let bound = key == "per_hour_by_period" ? ScenarioLimits.maxRatePerHour : Double(ScenarioLimits.maxAgents)
                if let bad = values.firstIndex(where: { !($0 >= 0 && $0 <= bound) }) {
                    diagnostics.report(element(p, bad), "must be in [0, \(Int(bound))] (got \(values[bad]))", at: v)
                    ok = false
                    continue
                }
                if key == "per_hour_by_period" { type.rates.append((owner, p, v, values)) } else { type.counts.append((owner, p, v, values)) }
            }
        }
        return ok ? type : nil
    }

    /// Each day's variant of the plan (nil: the plan's own day) from the day types, with
    /// call types and groups resolved by name; every group's capacity raised to the most
    /// agents any day type schedules.
    static func dayVariants(_ days: DaysReading, config: inout CenterConfig, diagnostics: Diagnostics, root: Node) -> [DayVariant?] {
        guard !days.pattern.isEmpty, let day = config.day else { return [] }
        let typeNames = config.callTypes.map(\.name), groupNames = config.groups.map(\.name)
        var variants: [String: DayVariant] = [:]
        for type in days.types {
            var rates = day.arrivalsPerHour
            var counts = day.agentsByGroup
            var shares = day.partialAgentShareByGroup
            for given in type.rates {
                guard let i = typeNames.firstIndex(of: given.name) else {
                    diagnostics.report(given.path, "no call type is named \"\(given.name)\"\(Suggestion.hint(for: given.name, in: typeNames))", at: given.node)
                    continue
                }
                rates[i] = given.values
            }
            for given in type.counts {
                guard let g = groupNames.firstIndex(of: given.name) else {
                    diagnostics.report(given.path, "no group is named \"\(given.name)\"\(Suggestion.hint(for: given.name, in: groupNames))", at: given.node)
                    continue
                }
                counts[g] = given.values.map { Int(($0 + 1e-9).rounded(.down)) }
                let fractions = zip(given.values, counts[g]).map { max(0, $0 - Double($1)) < 1e-9 ? 0 : $0 - Double($1) }
                if fractions.contains(where: { $0 > 0 }) && shares.isEmpty { shares = counts.map { $0.map { _ in 0 } } }
                if !shares.isEmpty { shares[g] = fractions }
                config.groups[g].agents = max(config.groups[g].agents, given.values.map { Int($0.rounded(.up)) }.max() ?? 0)
            }
            variants[type.name] = DayVariant(name: type.name, arrivalsPerHour: rates.map { $0.map { $0 * type.factor } },
                                             agentsByGroup: counts, partialAgentShareByGroup: shares)
        }
        return days.pattern.map { variants[$0] }
    }
}
