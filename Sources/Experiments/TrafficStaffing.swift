import ContactCenter

/// Simulation-based staffing of one stationary traffic (`ccsim staff --simulate`): the
/// fewest agents whose simulated figure meets the goal, each candidate decided on as
/// many replications as the decision needs (`SimulationStaffing.search`; replication r
/// is substream r for every candidate), then checked on fresh replications
/// (`PlanValidation.firstFreshDay + j`, as many as the chosen candidate used, at least
/// `minFreshReplications`) and given one more agent while it misses there.
public struct TrafficStaffing: Sendable {
    public var choice: SimulationStaffing.Choice
    /// The agents after the out-of-sample check (choice.agents + added).
    public var agents: Int
    public var added: Int
    /// The goal's estimate for `agents` on the fresh replications.
    public var outOfSample: GoalEstimate
    public var freshReplications: Int

    /// `config` is the traffic with one agent group; its head count is what is searched.
    /// `lowest`: the fewest agents worth simulating (above the load when callers never
    /// abandon: fewer would be unstable).
    public static func run(_ config: CenterConfig, initial: Int, lowest: Int, goal: SimulatedStaffingGoal,
                           options: SimulationStaffing.Options, minFreshReplications: Int) -> TrafficStaffing {
        let seed = options.seed
        @Sendable func staffed(_ n: Int) -> CenterConfig {
            var c = config
            c.agents = n
            return c
        }
        let choice = SimulationStaffing.search(initial: initial, lowest: lowest, highest: 2 * initial + 10, goal: goal,
                                               options: options) { n, r in
            goal.observation(CenterModel.simulate(staffed(n), seed: seed, replication: UInt64(r)))
        }
        let fresh = max(minFreshReplications, choice.days)
        func outOfSample(_ n: Int) -> GoalEstimate {
            goal.estimate(runReplications(count: fresh, jobs: options.jobs) { j in
                goal.observation(CenterModel.simulate(staffed(n), seed: seed, replication: PlanValidation.firstFreshDay + UInt64(j)))
            })
        }
        var agents = choice.agents
        var estimate = outOfSample(agents)
        while !goal.isMet(by: estimate) && agents < 2 * initial + 10 {
            agents += 1
            estimate = outOfSample(agents)
        }
        return TrafficStaffing(choice: choice, agents: agents, added: agents - choice.agents, outOfSample: estimate,
                               freshReplications: fresh)
    }
}
