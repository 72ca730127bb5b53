import ContactCenter
import Experiments
import Staffing

/// `ccsim staff SCENARIO` on a day of periods: each period's agents by the formulas on its
/// traffic (`CenterConfig.formulaRequirements`: Erlang C, Erlang A when every caller has
/// patience, the square-root rule), then, unless only the formulas are asked for, the
/// simulated plan and every plan held against the same fresh days (`DayStaffing`).
public struct StaffDay: Sendable {
    public let requirements: [PeriodRequirement]
    /// The formula plans in report order: erlang_c, erlang_a (callers with patience),
    /// square_root.
    public let formulaPlans: [(name: String, agents: [Int])]
    /// The simulated plan and the out-of-sample check (nil: formulas only).
    public let simulation: DayStaffing?
    /// The plan to staff with: the simulated one (repaired), else Erlang A's (Erlang C's
    /// when some caller has no patience).
    public let agents: [Int]

    /// Plans the day of `config` (which has a day plan) for `goal`; `simulation` nil: the
    /// formulas only. Throws `StaffingError` for a goal the formulas cannot meet or bad
    /// input, `WorkflowError` when the simulation is asked of several groups (it sizes one
    /// pool).
    public static func plan(_ config: CenterConfig, goal: (formula: StaffingGoal, simulated: SimulatedStaffingGoal), maxOccupancy: Double?,
                            simulation: SimulationStaffing.Options?, minFreshDays: Int,
                            progress: (PlanningProgress) -> Void = { _ in }) throws -> StaffDay {
        if simulation != nil && config.groups.count > 1 {
            throw WorkflowError("the simulated plan sizes one pool of agents, and this scenario has \(config.groups.count) groups "
                + "(\(config.groups.map(\.name).joined(separator: ", "))); use --no-simulation for the pooled Erlang plans")
        }
        let requirements = try config.formulaRequirements(goal: goal.formula, maxOccupancy: maxOccupancy)
        let erlangC = requirements.map(\.erlangC)
        let hasPatience = requirements.allSatisfy { $0.offeredLoadErlangs == 0 || $0.erlangA != nil }
        let erlangA = requirements.map { $0.erlangA ?? $0.erlangC }
        var plans: [(name: String, agents: [Int])] = [("erlang_c", erlangC)]
        if hasPatience { plans.append(("erlang_a", erlangA)) }
        plans.append(("square_root", requirements.map(\.squareRoot)))
        let initial = hasPatience ? erlangA : erlangC
        let simulated = simulation.map {
            DayStaffing.run(config, initial: initial, formulaPlans: plans, goal: goal.simulated, options: $0, minFreshDays: minFreshDays,
                            progress: progress)
        }
        return StaffDay(requirements: requirements, formulaPlans: plans, simulation: simulated,
                        agents: simulated?.plans.last?.agents ?? initial)
    }
}
