import ContactCenter
import Measures

/// Staffing plans held against days they were not chosen on: every plan is simulated on
/// the same whole fresh days (replications `firstFreshDay + j`: substream 2^40 + j, far
/// from the days 0, 1, … that selections and `ccsim run` use), and each period's goal
/// estimate is computed from those days only.
///
/// The simulated plan is then repaired: each period whose estimate misses the goal gets
/// one more agent, and every period is checked again on the same days, until none misses
/// (agents only ever added, so the repair cannot undo an earlier period's fix).
public enum PlanValidation {
    public static let firstFreshDay: UInt64 = 1 << 40

    public struct Result: Sendable {
        /// The repaired plan (the selected one plus `added`).
        public var plan: [Int]
        /// Agents added per period by the repair.
        public var added: [Int]
        /// Per plan, in the order given (the repaired plan first), per period: the goal's
        /// estimate on the fresh days (nil: no call offered in the period on any day).
        public var estimates: [[GoalEstimate?]]
        public var freshDays: Int
        /// Rounds of the repair (1: nothing to repair).
        public var rounds: Int
        /// Periods still missing when the repair reached its bound (2 × selected + 10).
        public var stillMissing: [Int]
    }

    /// Simulates `selected` and `others` on `freshDays` fresh whole days, repairs `selected`.
    public static func validate(_ config: CenterConfig, selected: [Int], others: [[Int]], goal: SimulatedStaffingGoal,
                                seed: UInt64, freshDays: Int, jobs: Int) -> Result {
        precondition(freshDays >= 2, "an interval needs at least 2 days")
        var plan = selected
        var estimates = evaluate(config, plans: [plan] + others, goal: goal, seed: seed, days: freshDays, jobs: jobs)
        var rounds = 1
        while true {
            let missing = plan.indices.filter { k in estimates[0][k].map { !goal.isMet(by: $0) } ?? false }
            let repairable = missing.filter { plan[$0] < 2 * selected[$0] + 10 }
            if repairable.isEmpty {
                return Result(plan: plan, added: zip(plan, selected).map { $0 - $1 }, estimates: estimates,
                              freshDays: freshDays, rounds: rounds, stillMissing: missing)
            }
            for k in repairable { plan[k] += 1 }
            estimates[0] = evaluate(config, plans: [plan], goal: goal, seed: seed, days: freshDays, jobs: jobs)[0]
            rounds += 1
        }
    }

    /// Per plan, per period: the goal's estimate over fresh days 0..<days (nil: no calls),
    /// with its 95 % (or `level`) interval.
    public static func evaluate(_ config: CenterConfig, plans: [[Int]], goal: SimulatedStaffingGoal, seed: UInt64,
                                days: Int, jobs: Int, level: Double = 0.95) -> [[GoalEstimate?]] {
        evaluate(configs: plans.map { staffed(config, plan: $0) }, goal: goal, seed: seed, days: days, jobs: jobs, level: level)
    }

    /// `evaluate` for day configurations already staffed (e.g. by a roster's coverage,
    /// `staffed(_:coverage:)`).
    public static func evaluate(configs: [CenterConfig], goal: SimulatedStaffingGoal, seed: UInt64,
                                days: Int, jobs: Int, level: Double = 0.95) -> [[GoalEstimate?]] {
        let observed = runReplications(count: days, jobs: jobs) { d in
            configs.map { c in
                let day = CenterModel.simulate(c, seed: seed, replication: firstFreshDay + UInt64(d))
                return day.periods.indices.map { goal.observation(day, period: $0) }
            }
        }
        return configs.indices.map { p in
            (0..<(configs[p].day?.count ?? 0)).map { k in
                let samples = observed.map { $0[p][k] }
                return samples.allSatisfy { $0.denominator == 0 } ? nil : goal.estimate(samples, level: level)
            }
        }
    }

    /// `config` with its one agent group present `coverage[k]` agents in period k, fractions
    /// by the rule of fractional staffing (`DayPlan.partialAgentShareByGroup`: 7.5 = 7
    /// agents and an 8th for the first half of the period).
    public static func staffed(_ config: CenterConfig, coverage: [Double]) -> CenterConfig {
        let whole = coverage.map { Int(($0 + 1e-9).rounded(.down)) }
        var c = staffed(config, plan: whole)
        let shares = zip(coverage, whole).map { max(0, $0 - Double($1)) < 1e-9 ? 0 : $0 - Double($1) }
        c.day!.partialAgentShareByGroup = shares.contains { $0 > 0 } ? [shares] : []
        c.agents = max(1, whole.max().map { $0 + 1 } ?? 1)
        return c
    }

    /// `config` with its one agent group scheduled by `plan`.
    public static func staffed(_ config: CenterConfig, plan: [Int]) -> CenterConfig {
        guard var day = config.day, config.groups.count == 1 else { preconditionFailure("needs a day plan and one agent group") }
        day.agentsByGroup = [plan]
        var c = config
        c.day = day
        c.agents = max(1, plan.max() ?? 1)
        return c
    }
}
