import ContactCenter

/// A day's simulated staffing, end to end: the selection (`SimulationStaffing.select`),
/// then every plan — the simulated one and the formulas' — held against the same fresh
/// days, with the simulated plan repaired where it misses there (`PlanValidation`).
public struct DayStaffing: Sendable {
    /// Named plans in the order given, the simulated plan (repaired) last.
    public var plans: [(name: String, agents: [Int])]
    /// Per plan (same order), per period: the goal's estimate on the fresh days.
    public var outOfSample: [[GoalEstimate?]]
    public var selection: SimulationStaffing.Selection
    public var validation: PlanValidation.Result

    /// Fresh days: as many as the selection's most demanding candidate used, at least `minFreshDays`.
    /// `progress` hears of each period settled and of the check on fresh days.
    public static func run(_ config: CenterConfig, initial: [Int], formulaPlans: [(name: String, agents: [Int])],
                           goal: SimulatedStaffingGoal, options: SimulationStaffing.Options,
                           minFreshDays: Int = 200, progress: (PlanningProgress) -> Void = { _ in }) -> DayStaffing {
        let selection = SimulationStaffing.select(config, initial: initial, goal: goal, options: options, progress: progress)
        let freshDays = max(minFreshDays, selection.daysUsed)
        progress(.checkingPlans(plans: formulaPlans.count + 1, freshDays: freshDays))
        let validation = PlanValidation.validate(config, selected: selection.plan, others: formulaPlans.map(\.agents), goal: goal,
                                                 seed: options.seed, freshDays: freshDays, jobs: options.jobs)
        return DayStaffing(plans: formulaPlans + [("simulated", validation.plan)],
                           outOfSample: Array(validation.estimates.dropFirst()) + [validation.estimates[0]],
                           selection: selection, validation: validation)
    }
}
