/// A working day in periods (e.g. 08:00–20:00 in 30-minute periods): Poisson arrival rates
/// and scheduled agents that are constant within a period. Each replication is one day:
/// the center opens empty at time 0, stops accepting calls at the end of the last period,
/// and the agents of the last period serve (or callers abandon) what is left.
public struct DayPlan: Sendable, Equatable {
    public var periodSeconds: Double
    /// Clock time of the opening, in minutes after midnight (labels only).
    public var openingMinute: Int
    /// [call type][period] → Poisson arrival rate (calls per hour).
    public var arrivalsPerHour: [[Double]]
    /// [agent group][period] → scheduled agents. At a period's start, agents who leave
    /// finish the call in hand first; agents who arrive take waiting calls at once.
    public var agentsByGroup: [[Int]]
    /// [agent group][period] → fractional staffing: the share s ∈ [0, 1) of the period an
    /// extra agent is present for, from its start (a head count of 7.4 is 7 agents for the
    /// whole period and an 8th for its first 40 %: he then leaves like any agent whose shift
    /// ends, finishing his call). Empty: whole agents only.
    public var partialAgentShareByGroup: [[Double]] = []
    /// Several days in one run (`spanning(days:…)`): periods per 24 hours, and of them the
    /// open ones (from the opening); nil: one day, every period open.
    public var calendarDay: CalendarDay?
    /// Over several days: each day's factor on its rates (weekday effects), as given.
    public var dayFactors: [Double] = []
    /// Over several days with day types: each day's type name ("" for the plan's own day).
    public var dayTypes: [String] = []
    /// Daily busyness: every rate of a day is multiplied by B ~ Gamma(shape, scale 1/shape)
    /// (mean 1, coefficient of variation 1/√shape); nil: B = 1. Over several days each day
    /// draws its own B.
    public var busynessShape: Double?

    /// One agent group scheduled by `agents` ([period] → agents).
    public init(periodSeconds: Double, openingMinute: Int = 0, arrivalsPerHour: [[Double]], agents: [Int],
                busynessShape: Double? = nil) {
        self.init(periodSeconds: periodSeconds, openingMinute: openingMinute, arrivalsPerHour: arrivalsPerHour,
                  agentsByGroup: [agents], busynessShape: busynessShape)
    }

    public init(periodSeconds: Double, openingMinute: Int = 0, arrivalsPerHour: [[Double]], agentsByGroup: [[Int]],
                busynessShape: Double? = nil) {
        self.periodSeconds = periodSeconds
        self.openingMinute = openingMinute
        self.arrivalsPerHour = arrivalsPerHour
        self.agentsByGroup = agentsByGroup
        self.busynessShape = busynessShape
    }

    /// [period] → scheduled agents of all groups.
    public var agents: [Int] {
        (0..<count).map { k in agentsByGroup.reduce(0) { $0 + ($1.indices.contains(k) ? $1[k] : 0) } }
    }

    /// The share of period k an extra agent of group g is present for (0: none).
    public func partialAgentShare(group g: Int, period k: Int) -> Double {
        partialAgentShareByGroup.indices.contains(g) && partialAgentShareByGroup[g].indices.contains(k)
            ? partialAgentShareByGroup[g][k] : 0
    }

    /// [period] → scheduled agents of all groups, fractional staffing included (7.4).
    public var staffedAgents: [Double] {
        (0..<count).map { k in
            agentsByGroup.indices.reduce(0.0) { total, g in
                total + Double(agentsByGroup[g].indices.contains(k) ? agentsByGroup[g][k] : 0) + partialAgentShare(group: g, period: k)
            }
        }
    }

    /// Agent-seconds group g is scheduled for over the day (fractional staffing included).
    public func staffedAgentSeconds(group g: Int) -> Double {
        agentsByGroup[g].indices.reduce(0.0) { $0 + (Double(agentsByGroup[g][$1]) + partialAgentShare(group: g, period: $1)) * periodSeconds }
    }

    public var count: Int { agentsByGroup.first?.count ?? 0 }
    public var lengthSeconds: Double { periodSeconds * Double(count) }

    /// "08:00" for period k ("d2 08:00" over several days).
    public func label(_ k: Int) -> String {
        let minute = openingMinute + Int((Double(k) * periodSeconds / 60).rounded())
        let h = (minute / 60) % 24, m = minute % 60
        let clock = (h < 10 ? "0" : "") + "\(h):" + (m < 10 ? "0" : "") + "\(m)"
        return calendarDay == nil ? clock : "d\(day(ofPeriod: k) + 1) " + clock
    }

    /// The number of days the plan spans (1 without `calendarDay`).
    public var days: Int { calendarDay?.days ?? 1 }

    /// The day (0, 1, …) period k belongs to (its night included).
    @inline(__always)
    public func day(ofPeriod k: Int) -> Int { calendarDay.map { k / $0.periodsPerDay } ?? 0 }

    /// Whether the center is open in period k (false: a night period of a plan over days).
    @inline(__always)
    public func isOpen(_ k: Int) -> Bool { calendarDay.map { k % $0.periodsPerDay < $0.openPeriods } ?? true }

    /// This one-day plan over `days` consecutive days of 24 hours: day d opens at
    /// d × 86,400 s with the same periods, its rates × `dayFactors[d]` (1 when not given);
    /// between the close and the next opening the night's periods have no agents and no
    /// arrivals, but for call types with a `nightArrivalsPerHour` rate (e-mail written at
    /// night). The plan ends at the last day's close. Needs whole periods in 24 hours
    /// (`problems` of the result say so otherwise).
    ///
    /// `byDay[d]` (a day type, `DayVariant`), when given, replaces day d's rates and head
    /// counts by its own (its rates × the day's factor too).
    public func spanning(days: Int, nightArrivalsPerHour: [Double] = [], dayFactors: [Double] = [], byDay: [DayVariant?] = [])
        -> DayPlan {
        let perDay = Int((86_400 / periodSeconds).rounded())
        guard days > 1, calendarDay == nil else { return self }
        let layout = CalendarDay(periodsPerDay: perDay, openPeriods: count, days: days)
        func variant(_ d: Int) -> DayVariant? { byDay.indices.contains(d) ? byDay[d] : nil }
        var plan = self
        plan.arrivalsPerHour = arrivalsPerHour.enumerated().map { i, rates in
            let factored = (0..<days).map { d in
                (variant(d)?.arrivalsPerHour[i] ?? rates).map { $0 * (dayFactors.indices.contains(d) ? dayFactors[d] : 1) }
            }
            return layout.spread(byDay: factored, night: nightArrivalsPerHour.indices.contains(i) ? nightArrivalsPerHour[i] : 0)
        }
        plan.agentsByGroup = agentsByGroup.enumerated().map { g, counts in
            layout.spread(byDay: (0..<days).map { variant($0)?.agentsByGroup[g] ?? counts }, night: 0)
        }
        // Fractions of an agent: kept when the day or a day type has some.
        let hasShares = !partialAgentShareByGroup.isEmpty || byDay.contains { $0.map { !$0.partialAgentShareByGroup.isEmpty } ?? false }
        plan.partialAgentShareByGroup = !hasShares ? [] : agentsByGroup.indices.map { g in
            let none = Array(repeating: 0.0, count: count)
            return layout.spread(byDay: (0..<days).map { d in
                if let v = variant(d) { return v.partialAgentShareByGroup.isEmpty ? none : v.partialAgentShareByGroup[g] }
                return partialAgentShareByGroup.isEmpty ? none : partialAgentShareByGroup[g]
            }, night: 0)
        }
        plan.calendarDay = layout
        plan.dayFactors = dayFactors
        plan.dayTypes = (0..<days).map { variant($0)?.name ?? "" }
        return plan
    }

    var problems: [(path: String, message: String)] {
        var out: [(path: String, message: String)] = []
        if !(periodSeconds > 0 && periodSeconds.isFinite) { out.append(("periods.minutes", "must be positive (got \(periodSeconds / 60))")) }
        if count < 1 { out.append(("periods.count", "must be at least 1 (got \(count))")) }
        for (i, rates) in arrivalsPerHour.enumerated() {
            if rates.count != count {
                out.append(("call_types[\(i)].arrivals.per_hour_by_period", "must give \(count) rates, one per period (got \(rates.count))"))
            }
            for (k, r) in rates.enumerated() where !(r >= 0 && r.isFinite) {
                out.append(("call_types[\(i)].arrivals.per_hour_by_period[\(k)]", "must be a rate ≥ 0 (got \(r))"))
            }
        }
        for (g, counts) in agentsByGroup.enumerated() {
            if counts.count != count { out.append(("agents[\(g)].count_by_period", "must give \(count) head counts (got \(counts.count))")) }
            for (k, n) in counts.enumerated() where n < 0 { out.append(("agents[\(g)].count_by_period[\(k)]", "must be ≥ 0 (got \(n))")) }
        }
        for (g, shares) in partialAgentShareByGroup.enumerated() {
            if shares.count != count { out.append(("agents[\(g)].count_by_period", "must give \(count) head counts (got \(shares.count) fractions)")) }
            for (k, s) in shares.enumerated() where !(s >= 0 && s < 1) {
                out.append(("agents[\(g)].count_by_period[\(k)]", "the fraction of an agent must be in [0, 1) (got \(s))"))
            }
        }
        if let s = busynessShape, !(s > 0 && s.isFinite) { out.append(("busyness.shape", "must be positive (got \(s))")) }
        if let layout = calendarDay {
            if !(1...366).contains(layout.days) { out.append(("days", "must be in 1...366 (got \(layout.days))")) }
            if abs(Double(layout.periodsPerDay) * periodSeconds - 86_400) > 1e-6 || layout.openPeriods > layout.periodsPerDay {
                out.append(("periods", "several days need periods that fill 24 hours and a day of at most 24 hours"))
            }
            if layout.days >= 1 && layout.periodCount != count { out.append(("days", "the plan's periods do not span its days")) }
            for (d, f) in dayFactors.enumerated() where !(f >= 0 && f <= 100) {
                out.append(("days.arrivals_factor[\(d)]", "must be in [0, 100] (got \(f))"))
            }
        }
        return out
    }
}

/// How a plan over several days lays out its periods: `periodsPerDay` per 24 hours, the
/// first `openPeriods` of each open (from the opening), the rest night.
public struct CalendarDay: Sendable, Equatable {
    public var periodsPerDay: Int
    public var openPeriods: Int
    public var days: Int

    /// The plan's periods over all days: (days − 1) × periodsPerDay + openPeriods.
    public var periodCount: Int { (days - 1) * periodsPerDay + openPeriods }

    /// One day's values per open period, repeated each day, `night` in the night periods.
    public func spread<T>(_ row: [T], night: T) -> [T] { spread(byDay: Array(repeating: row, count: days), night: night) }

    /// Each day's own values per open period, `night` in the night periods.
    public func spread<T>(byDay rows: [[T]], night: T) -> [T] {
        (0..<periodCount).map { k in
            let d = k / periodsPerDay, offset = k % periodsPerDay
            return offset < openPeriods && rows[d].indices.contains(offset) ? rows[d][offset] : night
        }
    }
}

/// A day type of a plan over several days (`DayPlan.spanning(…byDay:)`, `days.types` in a
/// scenario): its own rates and head counts per open period, in place of the plan's day.
public struct DayVariant: Sendable, Equatable {
    public var name: String
    /// [call type][open period] → calls per hour (before the day's factor).
    public var arrivalsPerHour: [[Double]]
    /// [agent group][open period] → scheduled agents, and the fractions of an extra agent
    /// (empty: whole agents only; `DayPlan.partialAgentShareByGroup`).
    public var agentsByGroup: [[Int]]
    public var partialAgentShareByGroup: [[Double]] = []

    public init(name: String, arrivalsPerHour: [[Double]], agentsByGroup: [[Int]], partialAgentShareByGroup: [[Double]] = []) {
        self.name = name
        self.arrivalsPerHour = arrivalsPerHour
        self.agentsByGroup = agentsByGroup
        self.partialAgentShareByGroup = partialAgentShareByGroup
    }
}
