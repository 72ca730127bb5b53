/// What a long planning computation (`SimulationStaffing.select`, `DayStaffing.run`,
/// `RosterPlanning.plan`) has just done, for a progress line: the caller decides whether
/// and how to say it.
public enum PlanningProgress: Sendable, Equatable {
    /// Period `period` of the day is settled at `agents`, after `days` simulated days for
    /// its last candidate.
    case periodSettled(period: Int, agents: Int, days: Int)
    /// Every plan (`plans` of them) is being held against `freshDays` fresh days.
    case checkingPlans(plans: Int, freshDays: Int)
    /// A roster from requirement `start` was simulated after `round` repair rounds;
    /// `missing` periods miss the goal on the fresh days.
    case rosterRound(start: String, round: Int, missing: Int)
    /// Trimming the roster from requirement `start`: `trims` people taken off after
    /// `trials` trials.
    case rosterTrimmed(start: String, trims: Int, trials: Int)
}
