import ContactCenter
import Measures

/// Simulation-based staffing: the fewest agents whose simulated figure meets a
/// `SimulatedStaffingGoal`, decided on as many simulated days as the decision needs, then
/// held against days it was not chosen on.
///
/// **Selection** (`select`, a day plan): periods are settled in time order, each with the
/// earlier ones at their settled values. Candidate n of period k is simulated on days
/// paused at the start of k (`DayCheckpoint`: the settled part of a day is simulated once
/// per day, not once per candidate), with n agents in k and in k + 1 the initial plan's
/// agents corrected as n corrects period k's (initial[k+1] + n − initial[k]), the day
/// closed after k + 1 (calls of k may be answered in k + 1). Day d is
/// substream d for every candidate (common random numbers). The search starts at the
/// initial plan's value plus the previous period's correction of it, goes down while
/// the goal is met, or up until it is, never above 2 × initial + 10 agents (then the
/// period is reported unreachable).
///
/// **Sequential decisions** (`search`): a candidate gets days in batches until the goal's
/// decision is clear — its 95 % interval lies on one side of the bound — or the interval's
/// half-width is down to the goal's precision, or `maxDays` are used; then it is decided
/// on its estimate and reported "too close to call" (`SimulatedStaffingGoal.decision`).
///
/// **Out of sample** (`validate`): see `PlanValidation`.
public enum SimulationStaffing {
    public struct Options: Sendable {
        public var seed: UInt64
        /// Days (or replications) simulated at a time for a candidate, the first batch too.
        public var daysPerBatch: Int
        /// No decision on fewer days: a day's service level is skewed (a busy day fails
        /// badly, most days pass), and an interval from a few days is too often fooled by
        /// a run of quiet ones.
        public var minDays: Int
        /// No candidate gets more days; it is then decided on its estimate.
        public var maxDays: Int
        public var jobs: Int

        public init(seed: UInt64, daysPerBatch: Int = 20, minDays: Int = 100, maxDays: Int = 2000, jobs: Int = availableCores) {
            precondition(daysPerBatch >= 2 && minDays >= 2 && maxDays >= daysPerBatch, "batches of at least 2 days, within maxDays")
            self.seed = seed
            self.daysPerBatch = daysPerBatch
            self.minDays = minDays
            self.maxDays = maxDays
            self.jobs = jobs
        }
    }

    /// How one period (or one traffic) was settled.
    public struct Choice: Sendable, Equatable {
        public var agents: Int
        /// The decision for `agents`.
        public var decision: GoalDecision
        /// false: no candidate up to the search bound met the goal (`agents` is the bound).
        public var reachable: Bool
        /// Candidates simulated, the most days any of them needed, and the candidate-days
        /// simulated in all.
        public var candidates: Int
        public var days: Int
        public var candidateDays: Int
    }

    public struct Selection: Sendable {
        public var plan: [Int]
        /// Per period, how it was settled (nil: no call is offered in the period).
        public var periods: [Choice?]
        /// Periods whose goal no candidate up to the search bound reached.
        public var unreachable: [Int] { periods.indices.filter { periods[$0].map { !$0.reachable } ?? false } }
        /// The most days any candidate used (the selection used days 0..<daysUsed).
        public var daysUsed: Int { periods.compactMap { $0?.days }.max() ?? 0 }
        /// Candidates decided, and (period, candidate, day) continuations simulated (each
        /// two periods of a day from a checkpoint).
        public var candidates: Int { periods.compactMap { $0?.candidates }.reduce(0, +) }
        public var candidateDays: Int { periods.compactMap { $0?.candidateDays }.reduce(0, +) }
    }

    /// Settles the plan of `config`'s day (one agent group) period by period; `initial`
    /// gives the starting candidate of each period and the agents of the period after it;
    /// `progress` hears of each period settled.
    public static func select(_ config: CenterConfig, initial: [Int], goal: SimulatedStaffingGoal,
                              options: Options, progress: (PlanningProgress) -> Void = { _ in }) -> Selection {
        guard let day = config.day, config.groups.count == 1 else { preconditionFailure("needs a day plan and one agent group") }
        precondition(initial.count == day.count, "one initial head count per period")
        let pool = DayPool(config: config, seed: options.seed, capacity: options.maxDays)
        var plan = initial
        var periods: [Choice?] = []
        var correction = 0
        for k in 0..<day.count {
            if !day.isOpen(k) || day.arrivalsPerHour.allSatisfy({ $0[k] == 0 }) {
                plan[k] = 0
                periods.append(nil)
                continue
            }
            let settled = plan
            // Start where the last settled period's correction of the initial plan points.
            let start = max(0, initial[k] + correction)
            let choice = search(initial: start, highest: 2 * initial[k] + 10, goal: goal, options: options) { n, d in
                // The next period gets the same correction of its initial value as candidate n.
                let next = k + 1 < initial.count ? [max(0, initial[k + 1] + n - initial[k])] : []
                return goal.observation(pool.continuation(day: d, period: k, settled: settled, agents: [n] + next), period: k)
            }
            plan[k] = choice.agents
            correction = choice.agents - initial[k]
            periods.append(choice)
            progress(.periodSettled(period: k, agents: choice.agents, days: choice.days))
        }
        return Selection(plan: plan, periods: periods)
    }

    /// The fewest agents from `lowest`…`highest` meeting the goal, starting at `initial`
    /// and moving one agent at a time; `observe(n, d)` simulates candidate n on day d
    /// (called in parallel for different days; day d must mean the same random numbers
    /// for every n).
    public static func search(initial: Int, lowest: Int = 0, highest: Int, goal: SimulatedStaffingGoal, options: Options,
                              observe: @escaping @Sendable (Int, Int) -> DayObservation) -> Choice {
        var samples: [Int: [DayObservation]] = [:]
        var decisions: [Int: GoalDecision] = [:]
        /// Candidate n's decision on at least `minimum` days (more as the decision needs).
        func decide(_ n: Int, onAtLeast minimum: Int = 0) -> GoalDecision {
            if let known = decisions[n], known.estimate.days >= minimum { return known }
            var days = samples[n] ?? []
            let floor = min(options.maxDays, max(minimum, options.minDays))
            while true {
                if days.count >= floor, let d = goal.decision(days, maxDays: options.maxDays) {
                    samples[n] = days
                    decisions[n] = d
                    return d
                }
                let start = days.count
                let more = min(max(options.daysPerBatch, floor - start), options.maxDays - start)
                days += runReplications(count: more, jobs: options.jobs) { j in observe(n, start + j) }
            }
        }
        var n = max(lowest, min(initial, highest))
        if decide(n).meets {
            while n > lowest && decide(n - 1).meets { n -= 1 }
        } else {
            while !decide(n).meets && n < highest { n += 1 }
        }
        // A "meets" on few (perhaps lucky) days does not outweigh a "misses" of one agent
        // fewer on more days: n must also meet on as many days as n − 1 failed on.
        while decide(n).meets, n > lowest, let below = decisions[n - 1], !below.meets,
              decisions[n]!.estimate.days < below.estimate.days {
            if !decide(n, onAtLeast: below.estimate.days).meets && n < highest {
                n += 1
                while !decide(n).meets && n < highest { n += 1 }
            }
        }
        return Choice(agents: n, decision: decide(n), reachable: decide(n).meets, candidates: decisions.count, days: samples.values.map(\.count).max() ?? 0,
                      candidateDays: samples.values.map(\.count).reduce(0, +))
    }
}

/// The simulated days of a selection, each kept paused at the start of the last period
/// it was asked for, so later periods continue it instead of simulating it again.
/// Day d is replication (substream) d. Days are created and advanced on demand; a day is
/// touched by one thread at a time (`runReplications` gives each index to one worker).
final class DayPool: @unchecked Sendable {
    private let config: CenterConfig
    private let seed: UInt64
    private let days: UnsafeMutableBufferPointer<DayCheckpoint?>

    init(config: CenterConfig, seed: UInt64, capacity: Int) {
        self.config = config
        self.seed = seed
        days = .allocate(capacity: capacity)
        days.initialize(repeating: nil)
    }

    deinit {
        days.deinitialize()
        days.deallocate()
    }

    /// Day d continued from the start of `period` (the earlier periods with `settled`
    /// agents) with `agents[j]` agents in period `period + j`, closed after the last.
    func continuation(day d: Int, period: Int, settled: [Int], agents: [Int]) -> CenterCounters {
        var checkpoint = days[d] ?? DayCheckpoint(config: config, seed: seed, replication: UInt64(d))
        precondition(checkpoint.period <= period, "periods are settled in time order")
        while checkpoint.period < period { checkpoint.advance(agents: settled[checkpoint.period]) }
        days[d] = checkpoint
        return checkpoint.finish(agents: agents)
    }
}
