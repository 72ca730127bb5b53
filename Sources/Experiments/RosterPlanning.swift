import ContactCenter
import Foundation
import Rostering
import Staffing

/// From requirement to roster (`ccsim schedule`): the requirement per period and day (the
/// simulated plan of `DayStaffing`, or Erlang A or C) is covered at least cost by shift
/// templates (`ShiftScheduler`, GLPK); the roster is then repaired by simulation: its
/// coverage is simulated on fresh days (common random numbers, `PlanValidation`), each
/// period that misses the goal gets one more agent of requirement and the program is
/// solved again, until every period meets the goal; then people are taken off one at a
/// time while every period still meets it. Erlang C's requirement is repaired the same
/// way, and the cheaper repaired roster meeting the goal everywhere is the answer: it
/// never costs more than Erlang C's roster brought to the goal by the same procedure.
public enum RosterPlanning {
    public enum Requirement: String, Sendable, CaseIterable {
        case simulated
        case erlangA = "erlang-a"
        case erlangC = "erlang-c"
        /// `Options.staffPlan`: a plan `ccsim staff` computed (its staffing.csv).
        case staffPlan = "staff-plan"
    }

    public struct Options: Sendable {
        /// The requirement the first roster covers.
        public var requirement = Requirement.simulated
        public var freshDays = 200
        /// Most solve-and-simulate rounds of a repair, and trims tried after it.
        public var maxRounds = 20
        public var maxTrims = 40
        /// GLPK's time limit per solve and its relative gap tolerance.
        public var solverSeconds = 10.0
        public var mipGap = 0.005
        public var seed: UInt64 = 0
        /// Days per batch of the simulated requirement (the scenario's replications).
        public var daysPerBatch = 20
        public var jobs = 1
        /// [period] → agents, the requirement of every day when `requirement` is `.staffPlan`
        /// (a plan for the scenario's day: every day's volume factor must be 1).
        public var staffPlan: [Int]?
        public init() {}
    }

    /// The shifts: templates, and over several days each day's volume factor and the days
    /// off per person (`nil`: every day worked).
    public struct Shifts: Sendable {
        public var templates: [ShiftTemplate]
        public var dayFactors: [Double]
        public var daysOff: (count: Int, consecutive: Bool)?
        public init(templates: [ShiftTemplate], dayFactors: [Double], daysOff: (count: Int, consecutive: Bool)?) {
            self.templates = templates
            self.dayFactors = dayFactors
            self.daysOff = daysOff
        }
    }

    /// A roster and its goal estimates on the fresh days.
    public struct Evaluated: Sendable {
        public let name: String
        public let roster: Roster
        /// [day][period] → the estimate (nil: no call in the period).
        public let estimates: [[GoalEstimate?]]
    }

    /// A roster repaired by simulation from a first requirement, and what the repair did.
    public struct Repaired: Sendable {
        /// The first requirement (simulated, erlang-a, erlang-c).
        public let start: Requirement
        /// [day][period] → the requirement last solved for.
        public internal(set) var need: [[Int]]
        public internal(set) var roster: Roster
        /// [day][period] → the roster's goal estimate on the fresh days.
        public internal(set) var estimates: [[GoalEstimate?]] = []
        public internal(set) var rounds = 1, solves = 1, trims = 0, trimTrials = 0
        public var name: String { "\(start.rawValue), repaired" }
    }

    public struct Result: Sendable {
        public let goal: SimulatedStaffingGoal
        /// [day][period] → Erlang C's and Erlang A's requirements.
        public let erlangC: [[Int]], erlangA: [[Int]]
        /// Erlang C's and Erlang A's rosters as solved.
        public let formulaRosters: [Evaluated]
        /// The chosen requirement's repair, then (unless it is Erlang C's) Erlang C's.
        public let repairs: [Repaired]
        /// Index in `repairs` of the answer.
        public let chosen: Int
        /// Candidate-days the simulated requirement took (0: not simulated).
        public let simulatedPlanDays: Int
        public var answer: Repaired { repairs[chosen] }
        /// Every roster: the formulas', then the repaired ones.
        public var rosters: [Evaluated] {
            formulaRosters + repairs.map { Evaluated(name: $0.name, roster: $0.roster, estimates: $0.estimates) }
        }

        /// The (day, period) cells whose estimate misses the goal.
        public func missing(_ estimates: [[GoalEstimate?]]) -> [(day: Int, period: Int)] {
            RosterPlanning.missing(estimates, goal: goal)
        }

        /// Periods meeting the goal (a period without calls meets it).
        public func meeting(_ estimates: [[GoalEstimate?]]) -> Int {
            estimates.reduce(0) { $0 + $1.filter { e in e.map(goal.isMet) ?? true }.count }
        }
    }

    /// Plans the roster of `config`'s day (one agent group) over `shifts.dayFactors.count` days.
    /// - Throws: `StaffingError` (a formula has no answer), `RosterError` (the templates
    ///   cannot cover the requirement: an input error).
    /// `progress` hears of the simulated requirement's periods, each repair round and the trim.
    public static func plan(_ config: CenterConfig, shifts: Shifts, goal: SimulatedStaffingGoal, options: Options,
                            progress: (PlanningProgress) -> Void = { _ in }) throws -> Result {
        guard let day = config.day else { preconditionFailure("a roster needs a day in periods") }
        let days = shifts.dayFactors.count
        // Each day of the horizon: the scenario's day with its volume × the day's factor.
        let dayConfigs = shifts.dayFactors.map { f -> CenterConfig in
            var c = config
            c.day!.arrivalsPerHour = day.arrivalsPerHour.map { $0.map { $0 * f } }
            return c
        }
        // Requirements by the formulas, and by simulation when asked (once per distinct day).
        var erlangC: [[Int]] = [], erlangA: [[Int]] = []
        for c in dayConfigs {
            let requirements = try c.formulaRequirements(
                goal: .serviceLevel(targetSeconds: config.serviceLevelTargetSeconds, fraction: goal.bound), maxOccupancy: nil)
            erlangC.append(requirements.map(\.erlangC))
            erlangA.append(requirements.map { $0.erlangA ?? $0.erlangC })
        }
        var required: [[Int]]
        var simulatedPlanDays = 0
        switch options.requirement {
        case .erlangC: required = erlangC
        case .erlangA: required = erlangA
        case .staffPlan:
            guard let plan = options.staffPlan, plan.count == day.count, shifts.dayFactors.allSatisfy({ $0 == 1 }) else {
                preconditionFailure("a staff plan is one per period of a day whose volume every day of the horizon has")
            }
            required = shifts.dayFactors.map { _ in plan }
        case .simulated:
            var byFactor: [Double: [Int]] = [:]
            required = []
            for (d, f) in shifts.dayFactors.enumerated() {
                if byFactor[f] == nil {
                    let plan = DayStaffing.run(dayConfigs[d], initial: erlangA[d], formulaPlans: [], goal: goal,
                                               options: .init(seed: options.seed, daysPerBatch: options.daysPerBatch, minDays: 100,
                                                              maxDays: 2000, jobs: options.jobs),
                                               minFreshDays: options.freshDays, progress: progress)
                    byFactor[f] = plan.plans.last!.agents
                    simulatedPlanDays += plan.selection.candidateDays
                }
                required.append(byFactor[f]!)
            }
        }
        let periodMinutes = day.periodSeconds / 60
        func solve(_ need: [[Int]]) throws -> Roster {
            try ShiftScheduler.solve(requiredByDay: need.map { $0.map(Double.init) }, periodMinutes: periodMinutes,
                                     templates: shifts.templates, daysOff: days > 1 ? shifts.daysOff : nil,
                                     timeLimitSeconds: options.solverSeconds, mipGap: options.mipGap)
        }
        /// [day][period] → the roster's goal estimate on the fresh days (only `onlyDays`
        /// simulated; the others taken from `previous`).
        func evaluate(_ roster: Roster, onlyDays: [Int]? = nil, previous: [[GoalEstimate?]]? = nil) -> [[GoalEstimate?]] {
            let simulate = onlyDays ?? Array(0..<days)
            let configs = simulate.map { PlanValidation.staffed(dayConfigs[$0], coverage: roster.coverage(day: $0)) }
            let fresh = PlanValidation.evaluate(configs: configs, goal: goal, seed: options.seed, days: options.freshDays, jobs: options.jobs)
            var out = previous ?? Array(repeating: [], count: days)
            for (i, d) in simulate.enumerated() { out[d] = fresh[i] }
            return out
        }
        /// Repair from the requirement `first`: raise the requirement where the simulated
        /// roster misses, solve again; then trim.
        func repair(from first: [[Int]], start: Requirement) throws -> Repaired {
            var result = Repaired(start: start, need: first, roster: try solve(first))
            result.estimates = evaluate(result.roster)
            while result.rounds < options.maxRounds {
                let miss = missing(result.estimates, goal: goal)
                progress(.rosterRound(start: start.rawValue, round: result.rounds, missing: miss.count))
                if miss.isEmpty { break }
                for (d, k) in miss { result.need[d][k] += 1 }
                result.roster = try solve(result.need)
                result.solves += 1
                result.estimates = evaluate(result.roster)
                result.rounds += 1
            }
            // Trim: take one person off a shift while every period still meets the goal; try
            // the shifts whose periods have the most room first (the smallest margin of the
            // estimate over the goal among the periods the shift works in), each once per roster.
            var trialsLeft = missing(result.estimates, goal: goal).isEmpty ? options.maxTrims : 0
            var failed = Set<Int>()
            while trialsLeft > 0 {
                let roster = result.roster, estimates = result.estimates
                func margin(_ p: Int) -> Double {
                    let worked = (0..<days).filter { roster.workDays[p][$0] }.flatMap { d in
                        (0..<day.count).filter { roster.patterns[p].coverage[$0] > 0 }.map { (d, $0) }
                    }
                    return worked.compactMap { d, k in estimates[d][k].map { $0.value - goal.bound } }.min() ?? .infinity
                }
                guard let p = roster.people.indices.filter({ roster.people[$0] > 0 && !failed.contains($0) })
                    .max(by: { margin($0) < margin($1) }), margin(p) > 0 else { break }
                let trial = roster.removing(one: p)
                let trialEstimates = evaluate(trial, onlyDays: (0..<days).filter { roster.workDays[p][$0] }, previous: estimates)
                trialsLeft -= 1
                result.trimTrials += 1
                if missing(trialEstimates, goal: goal).isEmpty {
                    result.roster = trial
                    result.estimates = trialEstimates
                    result.trims += 1
                    failed.removeAll()
                } else {
                    failed.insert(p)
                }
            }
            progress(.rosterTrimmed(start: start.rawValue, trims: result.trims, trials: result.trimTrials))
            return result
        }
        let cRoster = try solve(erlangC), aRoster = try solve(erlangA)
        var repairs = [try repair(from: required, start: options.requirement)]
        if options.requirement != .erlangC { repairs.append(try repair(from: erlangC, start: .erlangC)) }
        // The cheaper of those meeting the goal everywhere (else the one missing it least).
        let chosen = repairs.indices.min { a, b in
            (missing(repairs[a].estimates, goal: goal).count, repairs[a].roster.cost)
                < (missing(repairs[b].estimates, goal: goal).count, repairs[b].roster.cost)
        }!
        return Result(goal: goal, erlangC: erlangC, erlangA: erlangA,
                      formulaRosters: [Evaluated(name: "Erlang C", roster: cRoster, estimates: evaluate(cRoster)),
                                       Evaluated(name: "Erlang A", roster: aRoster, estimates: evaluate(aRoster))],
                      repairs: repairs, chosen: chosen, simulatedPlanDays: simulatedPlanDays)
    }

    /// The (day, period) cells whose interval holds the goal's bound (too few days to decide).
    public static func undecided(_ estimates: [[GoalEstimate?]], goal: SimulatedStaffingGoal) -> [(day: Int, period: Int)] {
        estimates.indices.flatMap { d in estimates[d].indices.filter { k in estimates[d][k].map(goal.isUndecided) ?? false }.map { (d, $0) } }
    }

    static func missing(_ estimates: [[GoalEstimate?]], goal: SimulatedStaffingGoal) -> [(day: Int, period: Int)] {
        estimates.indices.flatMap { d in estimates[d].indices.filter { k in estimates[d][k].map { !goal.isMet(by: $0) } ?? false }.map { (d, $0) } }
    }
}

extension CenterConfig {
    /// Period k's traffic for the formulas: total rate, rate-weighted handling time (× the
    /// type's factor for the period, `service_factor_by_period`) and (when every call type
    /// has one) rate-weighted mean patience; nil without calls. Needs a day plan.
    public func formulaTraffic(period k: Int) throws -> Traffic? {
        guard let day else { preconditionFailure("formula traffic by period needs a day plan") }
        let rates = callTypes.indices.map { day.arrivalsPerHour[$0][k] }
        let total = rates.reduce(0, +)
        // (A night of a plan over several days: closed, whatever e-mail is written then.)
        guard total > 0, day.isOpen(k) else { return nil }
        let aht = zip(callTypes, rates).reduce(0.0) {
            $0 + $1.1 * $1.0.serviceSeconds.mean * ($1.0.serviceFactorByPeriod?[k] ?? 1)
        } / total
        let patient = callTypes.allSatisfy { $0.patienceSeconds != nil }
        let patience = patient ? zip(callTypes, rates).reduce(0.0) { $0 + $1.1 * $1.0.patienceSeconds!.mean } / total : nil
        return try Traffic(callsPerHour: total, ahtSeconds: aht, patienceSeconds: patience)
    }

    /// Each period's agents by the formulas (Erlang C, Erlang A, square root) for `goal`
    /// on its `formulaTraffic`. Needs a day plan.
    public func formulaRequirements(goal: StaffingGoal, maxOccupancy: Double?) throws -> [PeriodRequirement] {
        guard let day else { preconditionFailure("formula requirements by period need a day plan") }
        return try (0..<day.count).map { k in try PeriodPlanner.requirement(try formulaTraffic(period: k), goal: goal, maxOccupancy: maxOccupancy) }
    }
}
