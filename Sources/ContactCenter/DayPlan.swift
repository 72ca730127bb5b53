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
    /// Daily busyness: every rate of a day is multiplied by B ~ Gamma(shape, scale 1/shape)
    /// (mean 1, coefficient of variation 1/√shape); nil: B = 1.
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

    /// "08:00" for period k.
    public func label(_ k: Int) -> String {
        let minute = openingMinute + Int((Double(k) * periodSeconds / 60).rounded())
        let h = (minute / 60) % 24, m = minute % 60
        return (h < 10 ? "0" : "") + "\(h):" + (m < 10 ? "0" : "") + "\(m)"
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
        return out
    }
}
