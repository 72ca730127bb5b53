import ContactCenter
import Measures

/// Simulation-based staffing of a day plan: per period, the fewest agents for which the
/// simulated service level of that period (calls counted in the period they arrive; mean
/// over replications) meets the goal, with the IVR, abandonment and carry-over from
/// earlier periods taken into account.
///
/// Procedure (stop rules): periods are settled in time order, each with the earlier ones
/// at their settled values. Period k's candidates are simulated on the day cut after
/// period k+1 (calls of k may be answered in k+1), always with the same seed, so every
/// candidate sees the same callers (common random numbers). From the initial plan's value
/// the search goes down while the goal still holds, or up until it holds, and never above
/// 2 × initial + 10 agents (then that bound is kept and reported as unreachable).
public enum SimulationStaffing {
    public struct Result: Sendable {
        public var plan: [Int]
        /// Periods whose goal no candidate up to the bound reached.
        public var unreachable: [Int]
        /// Candidate evaluations (each `replications` simulated days or part-days).
        public var evaluations: Int
    }

    /// What a period must achieve in simulation: a metric of `PeriodCounters.metrics`
    /// (mean over replications) at least or at most a bound.
    public struct Goal: Sendable {
        public let metric: String
        public let bound: Double
        public let atLeast: Bool
        public init(metric: String, bound: Double, atLeast: Bool) {
            self.metric = metric
            self.bound = bound
            self.atLeast = atLeast
        }
        public static func serviceLevel(_ fraction: Double) -> Goal { Goal(metric: "service_level", bound: fraction, atLeast: true) }
        func met(by value: Double) -> Bool { value.isNaN || (atLeast ? value >= bound : value <= bound) }
    }

    public static func plan(_ config: CenterConfig, initial: [Int], goal fraction: Double, seed: UInt64,
                            replications: Int, jobs: Int) -> Result {
        plan(config, initial: initial, goal: .serviceLevel(fraction), seed: seed, replications: replications, jobs: jobs)
    }

    public static func plan(_ config: CenterConfig, initial: [Int], goal: Goal, seed: UInt64,
                            replications: Int, jobs: Int) -> Result {
        guard let day = config.day else { preconditionFailure("simulation staffing needs a day plan") }
        var plan = initial
        var unreachable: [Int] = []
        var evaluations = 0
        for k in 0..<day.count {
            let arrivals = day.arrivalsPerHour.reduce(0.0) { $0 + $1[k] }
            if arrivals == 0 { plan[k] = 0; continue }
            var cache: [Int: Double] = [:]
            func serviceLevel(_ n: Int) -> Double {
                if let s = cache[n] { return s }
                var candidate = plan
                candidate[k] = n
                let s = periodMetric(goal.metric, config, plan: candidate, through: min(k + 1, day.count - 1), seed: seed,
                                     replications: replications, jobs: jobs)[k]
                evaluations += 1
                cache[n] = s
                return s
            }
            func meets(_ n: Int) -> Bool { goal.met(by: serviceLevel(n)) }
            let bound = 2 * initial[k] + 10
            var n = initial[k]
            if meets(n) {
                while n > 0 && meets(n - 1) { n -= 1 }
            } else {
                while !meets(n) && n < bound { n += 1 }
                if !meets(n) { unreachable.append(k) }
            }
            plan[k] = n
        }
        return Result(plan: plan, unreachable: unreachable, evaluations: evaluations)
    }

    /// Mean simulated service level of each period (NaN where no call entered the queue)
    /// under `plan`, simulating the day up to the end of period `through`.
    public static func periodServiceLevels(_ config: CenterConfig, plan: [Int], through last: Int? = nil,
                                           seed: UInt64, replications: Int, jobs: Int) -> [Double] {
        periodMetric("service_level", config, plan: plan, through: last, seed: seed, replications: replications, jobs: jobs)
    }

    /// Mean over replications of one `PeriodCounters` metric, per period (NaN where undefined).
    public static func periodMetric(_ metric: String, _ config: CenterConfig, plan: [Int], through last: Int? = nil,
                                    seed: UInt64, replications: Int, jobs: Int) -> [Double] {
        guard var day = config.day, config.groups.count == 1 else { preconditionFailure("needs a day plan and one agent group") }
        let end = last ?? (day.count - 1)
        day.agentsByGroup = [Array(plan[0...end])]
        day.arrivalsPerHour = day.arrivalsPerHour.map { Array($0[0...end]) }
        var cut = config
        cut.day = day
        cut.agents = max(1, day.agents.max() ?? 1)
        cut.horizon = .time(warmupSeconds: 0, measuredSeconds: day.lengthSeconds)
        let runs = CenterExperiment(config: cut, seed: seed, replications: replications).run(jobs: jobs).runs
        var out = [Double](repeating: .nan, count: plan.count)
        for k in 0...end {
            let samples = runs.compactMap { run -> Double? in
                let s = run.periods[k].metrics(periodSeconds: day.periodSeconds)[metric]!
                return s.isNaN ? nil : s
            }
            if !samples.isEmpty { out[k] = Tally(samples).mean }
        }
        return out
    }
}
