/// What a staffing level must achieve.
public enum StaffingGoal: Sendable, Equatable {
    /// At least `fraction` of calls answered within `targetSeconds`
    /// (`QueueMetrics.serviceLevel`: over all arrivals, abandoners count as misses).
    case serviceLevel(targetSeconds: Double, fraction: Double)
    /// Average speed of answer at most `seconds`.
    case averageSpeedOfAnswer(seconds: Double)
    /// Abandonment probability at most `fraction` (Erlang C: no abandonment, so any stable staffing).
    case abandonRate(fraction: Double)
}

/// Which formula a staffing answer comes from.
public enum ErlangModel: Sendable, Equatable {
    case erlangC
    case erlangA
}

extension Traffic {
    /// The fewest agents meeting `goal` on this traffic (and `maxOccupancy`, when given)
    /// under `model`. Every criterion improves monotonically with the number of agents, so
    /// the answer is found by doubling then bisection. - Complexity: O(log n) formula
    /// evaluations.
    public func requiredAgents(goal: StaffingGoal, model: ErlangModel, maxOccupancy: Double? = nil,
                               limit: Int = 1_000_000) throws -> (agents: Int, metrics: QueueMetrics) {
        let traffic = self
        let target: Double
        switch goal {
        case .serviceLevel(let t, let fraction):
            try checkTarget(t)
            guard fraction >= 0 && fraction < 1 else {
                throw StaffingError.invalidInput(["service-level: must be in [0, 1) (got \(fraction))"])
            }
            target = t
        case .averageSpeedOfAnswer(let seconds):
            guard seconds.isFinite && seconds > 0 else {
                throw StaffingError.invalidInput(["asa-seconds: must be a positive number (got \(seconds))"])
            }
            target = 0
        case .abandonRate(let fraction):
            guard fraction > 0 && fraction < 1 else {
                throw StaffingError.invalidInput(["abandon-rate: must be in (0, 1) (got \(fraction))"])
            }
            // Erlang C (or Erlang A without patience) has no abandonment: the answer is the
            // smallest stable staffing.
            target = 0
        }
        if let cap = maxOccupancy, !(cap > 0 && cap <= 1) {
            throw StaffingError.invalidInput(["max-occupancy: must be in (0, 1] (got \(cap))"])
        }
        let load = traffic.offeredLoadErlangs
        // Erlang A with infinitely patient callers is Erlang C.
        let usesErlangC = model == .erlangC || traffic.patienceSeconds == nil

        func evaluate(_ n: Int) throws -> QueueMetrics? {
            let m: QueueMetrics
            if usesErlangC {
                if load >= Double(n) { return nil }
                m = try Erlang.c(traffic, agents: n, targetSeconds: target)
            } else {
                do {
                    m = try Erlang.a(traffic, agents: n, targetSeconds: target)
                } catch StaffingError.queueTooLongForExactSum {
                    return nil  // an astronomically long queue meets no goal
                }
            }
            let meets: Bool
            switch goal {
            case .serviceLevel(_, let fraction): meets = m.serviceLevel >= fraction
            case .averageSpeedOfAnswer(let seconds): meets = m.asaSeconds <= seconds
            case .abandonRate(let fraction): meets = m.abandonRate <= fraction
            }
            let occupancyOK = maxOccupancy.map { m.occupancy <= $0 } ?? true
            return meets && occupancyOK ? m : nil
        }

        var low = usesErlangC ? max(1, Int(load.rounded(.down)) + 1) : 1
        if let found = try evaluate(low) { return (low, found) }
        var step = 1
        var high = low + step
        var best: QueueMetrics?
        while true {
            guard high <= limit else {
                throw StaffingError.goalUnreachable("no staffing up to \(limit) agents meets the goal")
            }
            if let m = try evaluate(high) { best = m; break }
            low = high
            step *= 2
            high = low + step
        }
        // Invariant: low fails, high meets.
        while high - low > 1 {
            let mid = low + (high - low) / 2
            if let m = try evaluate(mid) { high = mid; best = m } else { low = mid }
        }
        return (high, best!)
    }
}
