import ArgumentParser
import ContactCenter
import Experiments
import Foundation
import Reporting
import Rostering
import Scenario
import Staffing
import Stochastic

/// `ccsim schedule SCENARIO`: from requirement to roster. The requirement per period (the
/// simulated plan of `ccsim staff`, or Erlang A or C) is covered at least cost by the
/// scenario's shift templates (integer program, GLPK); the roster is then repaired by
/// simulation: its coverage is simulated on fresh days (common random numbers), the
/// requirement of each period that misses the goal is raised by one, and the program is
/// solved again, until every period meets the goal; then people are taken off one at a
/// time while every period still meets it. Erlang C's requirement is repaired the same way,
/// and the cheaper of the two repaired rosters that meet the goal is the answer.
struct ScheduleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule",
        abstract: "Build a roster from the scenario's shifts: templates, repaired by simulation.",
        discussion: """
            Needs periods: and shifts: (templates with start times, length, breaks, cost per \
            hour; Scenarios/README.md). Prints the Erlang C, Erlang A and repaired rosters side \
            by side (cost, paid hours, people, periods meeting the goal on fresh days) and writes \
            schedule.csv (template, start, breaks, people) and coverage.csv (per period: \
            required, scheduled, simulated service level with its 95 % interval).

            Example: ccsim schedule Scenarios/staffing-day.yaml
            """
    )

    enum Requirement: String, ExpressibleByArgument, CaseIterable {
        case simulated
        case erlangA = "erlang-a"
        case erlangC = "erlang-c"
    }

    @Argument(help: "A scenario with periods: and shifts:.")
    var scenario: String

    @Option(help: "The requirement the first roster covers: simulated (ccsim staff's plan), erlang-a or erlang-c.")
    var requirement: Requirement = .simulated

    @Option(help: "Fresh days every roster is simulated on.")
    var freshDays: Int = 200

    @Option(help: "Most solve-and-simulate rounds of the repair.")
    var maxRounds: Int = 20

    @Option(help: "GLPK's time limit per solve (seconds); the best roster found by then is used and said (none found: the relaxation rounded up greedily).")
    var solverSeconds: Double = 10

    @Option(help: "Stop a solve once its cost is proven within this fraction of the optimum (0: prove optimality).")
    var mipGap: Double = 0.005

    @Option(help: "Most trims tried after the repair: one person off a shift while every period still meets the goal.")
    var maxTrims: Int = 40

    @Option(help: "Seed, 0...\(StreamID.maxSeed) (default: the scenario's).")
    var seed: UInt64?

    @Option(help: "Parallel replications (default: all cores).")
    var jobs: Int = availableCores

    @Option(help: "Results folder (default: Results/<scenario name>-schedule).")
    var out: String?

    func validate() throws {
        if freshDays < 2 { throw ValidationError("--fresh-days: must be at least 2 (got \(freshDays))") }
        if maxRounds < 1 { throw ValidationError("--max-rounds: must be at least 1 (got \(maxRounds))") }
        if maxTrims < 0 { throw ValidationError("--max-trims: must be at least 0 (got \(maxTrims))") }
        if !(solverSeconds > 0) { throw ValidationError("--solver-seconds: must be positive (got \(solverSeconds))") }
        if !(mipGap >= 0 && mipGap < 1) { throw ValidationError("--mip-gap: must be in [0, 1) (got \(mipGap))") }
        if jobs < 1 { throw ValidationError("--jobs: must be at least 1 (got \(jobs))") }
    }

    func run() throws {
        let started = Date()
        let (scenario, bytes) = try loadScenarioOrExit(self.scenario)
        let config = scenario.variants[0].config
        guard let day = config.day, let shifts = scenario.shifts else {
            printError("\(self.scenario): scheduling needs periods: (a day in periods) and shifts: (shift templates)")
            throw ExitCodes.badInput
        }
        guard config.groups.count == 1 else {
            printError("\(self.scenario): a roster staffs one pool of agents, and this scenario has \(config.groups.count) groups")
            throw ExitCodes.badInput
        }
        let templates = shifts.templates, factors = shifts.factors, days = factors.count
        let target = config.serviceLevelTargetSeconds, fraction = scenario.serviceLevelGoal ?? 0.8
        let goal = SimulatedStaffingGoal(metric: .serviceLevel, bound: fraction, onShareOfDays: scenario.serviceLevelOnShareOfDays,
                                         precision: 0.01)
        let seed = self.seed ?? scenario.seed
        let periodMinutes = day.periodSeconds / 60
        // Each day of the horizon: the scenario's day with its volume × the day's factor.
        let dayConfigs = factors.map { f -> CenterConfig in
            var c = config
            c.day!.arrivalsPerHour = day.arrivalsPerHour.map { $0.map { $0 * f } }
            return c
        }
        // Requirements by the formulas, and by simulation when asked (once per distinct day).
        var erlangC: [[Int]] = [], erlangA: [[Int]] = []
        do {
            for c in dayConfigs {
                var dayC: [Int] = [], dayA: [Int] = []
                for k in 0..<day.count {
                    let r = try PeriodPlanner.requirement(try dayTraffic(c, day: c.day!, period: k),
                                                          goal: .serviceLevel(targetSeconds: target, fraction: fraction), maxOccupancy: nil)
                    dayC.append(r.erlangC)
                    dayA.append(r.erlangA ?? r.erlangC)
                }
                erlangC.append(dayC)
                erlangA.append(dayA)
            }
        } catch let error as StaffingError {
            printError("ccsim schedule: \(error)")
            throw ExitCodes.runtimeFailure
        }
        var required: [[Int]]
        var simulatedPlanDays = 0
        switch requirement {
        case .erlangC: required = erlangC
        case .erlangA: required = erlangA
        case .simulated:
            var byFactor: [Double: [Int]] = [:]
            required = []
            for (d, f) in factors.enumerated() {
                if byFactor[f] == nil {
                    let plan = DayStaffing.run(dayConfigs[d], initial: erlangA[d], formulaPlans: [], goal: goal,
                                               options: .init(seed: seed, daysPerBatch: scenario.replications, minDays: 100, maxDays: 2000, jobs: jobs),
                                               minFreshDays: freshDays)
                    byFactor[f] = plan.plans.last!.agents
                    simulatedPlanDays += plan.selection.candidateDays
                }
                required.append(byFactor[f]!)
            }
        }
        let daysOff = days > 1 && shifts.daysOff > 0 ? (count: shifts.daysOff, consecutive: shifts.consecutiveDaysOff) : nil
        func solve(_ need: [[Int]]) throws -> Roster {
            do {
                return try ShiftScheduler.solve(requiredByDay: need.map { $0.map(Double.init) }, periodMinutes: periodMinutes,
                                                templates: templates, daysOff: daysOff, timeLimitSeconds: solverSeconds, mipGap: mipGap)
            } catch let error as RosterError {
                printError("\(self.scenario): shifts: \(error)")
                throw ExitCodes.badInput
            }
        }
        /// [day][period] → the roster's goal estimate on the fresh days (only `onlyDays`
        /// simulated; the others taken from `previous`).
        func evaluate(_ roster: Roster, onlyDays: [Int]? = nil, previous: [[GoalEstimate?]]? = nil) -> [[GoalEstimate?]] {
            let simulate = onlyDays ?? Array(0..<days)
            let configs = simulate.map { PlanValidation.staffed(dayConfigs[$0], coverage: roster.coverage(day: $0)) }
            let fresh = PlanValidation.evaluate(configs: configs, goal: goal, seed: seed, days: freshDays, jobs: jobs)
            var out = previous ?? Array(repeating: [], count: days)
            for (i, d) in simulate.enumerated() { out[d] = fresh[i] }
            return out
        }
        func missing(_ estimates: [[GoalEstimate?]]) -> [(day: Int, period: Int)] {
            estimates.indices.flatMap { d in estimates[d].indices.filter { k in estimates[d][k].map { !goal.isMet(by: $0) } ?? false }.map { (d, $0) } }
        }
        func meeting(_ estimates: [[GoalEstimate?]]) -> Int {
            estimates.reduce(0) { $0 + $1.filter { e in e.map(goal.isMet) ?? true }.count }
        }
        /// Repair from the requirement `first`: raise the requirement where the simulated
        /// roster misses, solve again; then trim.
        func repair(from first: [[Int]], start: String) throws -> RepairedRoster {
            var result = RepairedRoster(start: start, need: first, roster: try solve(first))
            result.estimates = evaluate(result.roster)
            while result.rounds < maxRounds {
                let miss = missing(result.estimates)
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
            var trialsLeft = missing(result.estimates).isEmpty ? maxTrims : 0
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
                if missing(trialEstimates).isEmpty {
                    result.roster = trial
                    result.estimates = trialEstimates
                    result.trims += 1
                    failed.removeAll()
                } else {
                    failed.insert(p)
                }
            }
            return result
        }
        let cRoster = try solve(erlangC), aRoster = try solve(erlangA)
        // The chosen requirement repaired, and (unless it is Erlang C's) Erlang C's repaired
        // the same way: the answer is the cheaper of those meeting the goal everywhere (else
        // the one missing it least), so it never costs more than Erlang C's roster made to
        // meet the goal by the same procedure.
        var repairs = [try repair(from: required, start: requirement.rawValue)]
        if requirement != .erlangC { repairs.append(try repair(from: erlangC, start: Requirement.erlangC.rawValue)) }
        let chosen = repairs.indices.min { a, b in
            (missing(repairs[a].estimates).count, repairs[a].roster.cost) < (missing(repairs[b].estimates).count, repairs[b].roster.cost)
        }!
        let best = repairs[chosen]
        let roster = best.roster, estimates = best.estimates, need = best.need
        let rounds = repairs.reduce(0) { $0 + $1.rounds }, solves = 2 + repairs.reduce(0) { $0 + $1.solves }
        let cEstimates = evaluate(cRoster), aEstimates = evaluate(aRoster)
        let seconds = Date().timeIntervalSince(started)

        // Files.
        let label = { (k: Int) in day.label(k) }
        func clock(_ minutes: Double) -> String {
            let m = day.openingMinute + Int(minutes.rounded())
            return String(format: "%02d:%02d", (m / 60) % 24, m % 60)
        }
        var schedule = "template,start,breaks," + (days > 1 ? "days," : "") + "people,paid_hours_each,cost_each\n"
        for (p, pattern) in roster.patterns.enumerated() where roster.people[p] > 0 {
            let t = templates[pattern.template]
            let breaks = zip(pattern.breakStartMinutes, t.breaks).map { "\(clock(pattern.startMinutes + $0))+\(Int($1.minutes))" }
            let worked = roster.workDays[p].map { $0 ? "1" : "0" }.joined()
            schedule += "\(t.name),\(clock(pattern.startMinutes)),\(breaks.joined(separator: " ")),"
                + (days > 1 ? "\(worked)," : "") + "\(roster.people[p]),"
                + "\(JSON.format(pattern.paidHours)),\(JSON.format(pattern.cost))\n"
        }
        var coverage = "day,period,start,erlang_c,erlang_a,required,scheduled,service_level,service_level_ci_low,service_level_ci_high,meets\n"
        for d in 0..<days {
            let scheduled = roster.coverage(day: d)
            for k in 0..<day.count {
                let e = estimates[d][k]
                coverage += "\(d + 1),\(k),\(label(k)),\(erlangC[d][k]),\(erlangA[d][k]),\(need[d][k]),\(JSON.format(scheduled[k])),"
                    + (e.map { "\(JSON.format($0.value)),\(JSON.format($0.low)),\(JSON.format($0.high)),\(goal.isMet(by: $0) ? 1 : 0)" } ?? ",,,")
                    + "\n"
            }
        }
        let directory = out ?? "Results/\(scenario.name)-schedule"
        var provenance = Invocation.provenance(command: "schedule", scenarioFile: self.scenario, bytes: bytes, serviceLevelTargetSeconds: target)
        provenance.serviceLevelGoal = fraction
        var rows: [(String, Roster, [[GoalEstimate?]])] = [("Erlang C", cRoster, cEstimates), ("Erlang A", aRoster, aEstimates)]
        for r in repairs { rows.append(("\(r.start), repaired", r.roster, r.estimates)) }
        var fields = Manifest.fields(scenario: scenario.name, seed: seed, replications: freshDays, provenance)
        fields["rosters"] = .object(Dictionary(uniqueKeysWithValues: (rows + [("repaired", roster, estimates)]).map { name, r, e in
            (name, JSON.object(["cost": .number(r.cost), "paid_hours": .number(r.paidHours), "people": .integer(r.headcount),
                                "lp_bound": r.lowerBound.map(JSON.number) ?? .null,
                                "periods_meeting_goal": .integer(meeting(e)), "solver_status": .string(r.status.rawValue)]))
        }))
        fields["horizon_days"] = .integer(days)
        fields["repair"] = .object(["rounds": .integer(rounds), "solves": .integer(solves), "fresh_days": .integer(freshDays),
                                    "trims": .integer(best.trims), "trim_trials": .integer(best.trimTrials),
                                    "requirement": .string(requirement.rawValue), "chosen": .string("\(best.start), repaired"),
                                    "seconds": .number((seconds * 10).rounded() / 10)])
        let written: [String]
        do {
            written = try Manifest.publish(directory, files: [(name: "schedule.csv", contents: schedule), (name: "coverage.csv", contents: coverage)],
                                           fields: fields)
        } catch {
            printError("ccsim schedule: \(error)")
            throw ExitCodes.runtimeFailure
        }

        // The comparison.
        let horizon = days == 1 ? "the day" : "\(days) days (volume × \(factors.map { fixed($0, 2) }.joined(separator: ", "))"
            + (daysOff.map { ", \($0.count) days off each" + ($0.consecutive ? " in a row" : "") } ?? "") + ")"
        print("\(scenario.name): rosters for \(fixed(100 * fraction, 1)) % answered within \(fixed(target, 0)) s in every period of "
            + "\(horizon), each simulated on the same \(freshDays) fresh days (seed \(seed))")
        print("")
        var table = TextTable(header: ["roster", "cost", "paid hours", "people", "periods meeting the goal", "solver", "above the LP bound"])
        for (name, r, e) in rows {
            // (A trimmed roster is below the requirement the bound was computed for: no gap.)
            let gap = r.status == .trimmed ? "-" : r.lowerBound.map { $0 > 0 ? fixed(100 * (r.cost / $0 - 1), 1) + " %" : "-" } ?? "-"
            table.add([name, fixed(r.cost, 0), fixed(r.paidHours, 1), "\(r.headcount)", "\(meeting(e)) of \(days * day.count)",
                       r.status.rawValue, gap])
        }
        print(table.rendered())
        print("")
        for r in repairs {
            let stillMissing = missing(r.estimates)
            print("\(r.start), repaired: covered at least cost by the templates (GLPK), then \(r.rounds) round(s) of simulate-and-solve "
                + "(\(r.solves) solve(s)): each period missing the goal on the fresh days got one more agent of requirement; "
                + (stillMissing.isEmpty ? "every period meets it" : "still missing after \(maxRounds) rounds: "
                    + stillMissing.map { (days > 1 ? "day \($0.day + 1) " : "") + label($0.period) }.joined(separator: ", "))
                + "; then \(r.trims) person(s) taken off by simulation (\(r.trimTrials) trial(s), each on the same fresh days).")
        }
        if requirement == .simulated { print("the simulated requirement took \(simulatedPlanDays) candidate-days.") }
        let others = repairs.indices.filter { $0 != chosen }.map { "\(repairs[$0].start), repaired: \(fixed(repairs[$0].roster.cost, 0))" }
        print("the roster: \(best.start), repaired (cost \(fixed(roster.cost, 0))"
            + (others.isEmpty ? "" : "; " + others.joined(separator: "; ")) + "), in schedule.csv and coverage.csv.")
        // Its tightest period, with the interval (every period's is in coverage.csv).
        let periodsWithEstimates = (0..<days).flatMap { d in (0..<day.count).compactMap { k in estimates[d][k].map { (d, k, $0) } } }
        if let (d, k, e) = periodsWithEstimates.min(by: { $0.2.value < $1.2.value }) {
            let what = scenario.serviceLevelOnShareOfDays == nil ? "service level" : "share of days meeting \(fixed(100 * fraction, 1)) %"
            print("its tightest period: " + (days > 1 ? "day \(d + 1) " : "") + "\(label(k)), \(what) \(fixed(100 * e.value, 1)) % "
                + "(95 % interval \(fixed(100 * e.low, 1))–\(fixed(100 * e.high, 1)) %, \(e.days) fresh days).")
        }
        print("scheduled in \(fixed(seconds, 1)) s on \(jobs) thread(s); breaks and fractions of a period are simulated as "
            + "fractional staffing (an agent present for the first part of the period).")
        print("wrote " + written.joined(separator: ", "))
    }
}

/// One period's traffic for the formulas: total rate, rate-weighted handling time (× the
/// type's factor for the period, `service_factor_by_period`) and (when every call type has
/// one) rate-weighted mean patience; nil without calls.
func dayTraffic(_ config: CenterConfig, day: DayPlan, period k: Int) throws -> Traffic? {
    let rates = config.callTypes.indices.map { day.arrivalsPerHour[$0][k] }
    let total = rates.reduce(0, +)
    guard total > 0 else { return nil }
    let aht = zip(config.callTypes, rates).reduce(0.0) {
        $0 + $1.1 * $1.0.serviceSeconds.mean * ($1.0.serviceFactorByPeriod?[k] ?? 1)
    } / total
    let patient = config.callTypes.allSatisfy { $0.patienceSeconds != nil }
    let patience = patient ? zip(config.callTypes, rates).reduce(0.0) { $0 + $1.1 * $1.0.patienceSeconds!.mean } / total : nil
    return try Traffic(callsPerHour: total, ahtSeconds: aht, patienceSeconds: patience)
}

/// A roster repaired by simulation (`ccsim schedule`) from a first requirement, and what the
/// repair did.
struct RepairedRoster {
    /// The first requirement's name (simulated, erlang-a, erlang-c).
    let start: String
    /// [day][period] → the requirement last solved for.
    var need: [[Int]]
    var roster: Roster
    /// [day][period] → the roster's goal estimate on the fresh days.
    var estimates: [[GoalEstimate?]] = []
    var rounds = 1, solves = 1, trims = 0, trimTrials = 0
}
