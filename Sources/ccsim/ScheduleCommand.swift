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
/// time while every period still meets it.
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

    @Option(help: "GLPK's time limit per solve (seconds); the best roster found by then is used and said.")
    var solverSeconds: Double = 30

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
        guard let day = config.day, let templates = scenario.shifts else {
            printError("\(self.scenario): scheduling needs periods: (a day in periods) and shifts: (shift templates)")
            throw ExitCodes.badInput
        }
        guard config.groups.count == 1 else {
            printError("\(self.scenario): a roster staffs one pool of agents, and this scenario has \(config.groups.count) groups")
            throw ExitCodes.badInput
        }
        let target = config.serviceLevelTargetSeconds, fraction = scenario.serviceLevelGoal ?? 0.8
        let goal = SimulatedStaffingGoal(metric: .serviceLevel, bound: fraction, onShareOfDays: scenario.serviceLevelOnShareOfDays,
                                         precision: 0.01)
        let seed = self.seed ?? scenario.seed
        let periodMinutes = day.periodSeconds / 60
        // Requirements by the formulas, and by simulation when asked.
        var erlangC: [Int] = [], erlangA: [Int] = []
        do {
            for k in 0..<day.count {
                let r = try PeriodPlanner.requirement(try dayTraffic(config, day: day, period: k),
                                                      goal: .serviceLevel(targetSeconds: target, fraction: fraction), maxOccupancy: nil)
                erlangC.append(r.erlangC)
                erlangA.append(r.erlangA ?? r.erlangC)
            }
        } catch let error as StaffingError {
            printError("ccsim schedule: \(error)")
            throw ExitCodes.runtimeFailure
        }
        var required: [Int]
        var simulatedPlanDays = 0
        switch requirement {
        case .erlangC: required = erlangC
        case .erlangA: required = erlangA
        case .simulated:
            let plan = DayStaffing.run(config, initial: erlangA, formulaPlans: [], goal: goal,
                                       options: .init(seed: seed, daysPerBatch: scenario.replications, minDays: 100, maxDays: 2000, jobs: jobs),
                                       minFreshDays: freshDays)
            required = plan.plans.last!.agents
            simulatedPlanDays = plan.selection.candidateDays
        }
        func solve(_ need: [Int]) throws -> Roster {
            do {
                return try ShiftScheduler.solve(required: need.map(Double.init), periodMinutes: periodMinutes, templates: templates,
                                                timeLimitSeconds: solverSeconds, mipGap: mipGap)
            } catch let error as RosterError {
                printError("\(self.scenario): shifts: \(error)")
                throw ExitCodes.badInput
            }
        }
        func evaluate(_ rosters: [Roster]) -> [[GoalEstimate?]] {
            PlanValidation.evaluate(configs: rosters.map { PlanValidation.staffed(config, coverage: $0.coverage) }, goal: goal,
                                    seed: seed, days: freshDays, jobs: jobs)
        }
        func missing(_ estimates: [GoalEstimate?]) -> [Int] {
            estimates.indices.filter { k in estimates[k].map { !goal.isMet(by: $0) } ?? false }
        }
        let cRoster = try solve(erlangC), aRoster = try solve(erlangA)
        // Repair: raise the requirement where the simulated roster misses, solve again.
        var need = required
        var roster = try solve(need)
        var estimates = evaluate([roster])[0]
        var rounds = 1, solves = 3
        while rounds < maxRounds {
            let miss = missing(estimates)
            if miss.isEmpty { break }
            for k in miss { need[k] += 1 }
            roster = try solve(need)
            solves += 1
            estimates = evaluate([roster])[0]
            rounds += 1
        }
        // Trim: take one person off a shift while every period still meets the goal; try
        // the shifts whose periods have the most room first (the smallest margin of the
        // estimate over the goal among the periods the shift works in), each once per roster.
        var trims = 0, trialsLeft = missing(estimates).isEmpty ? maxTrims : 0
        var failed = Set<Int>()
        while trialsLeft > 0 {
            func margin(_ p: Int) -> Double {
                let worked = (0..<day.count).filter { roster.patterns[p].coverage[$0] > 0 }
                return worked.compactMap { k in estimates[k].map { $0.value - goal.bound } }.min() ?? .infinity
            }
            guard let p = roster.people.indices.filter({ roster.people[$0] > 0 && !failed.contains($0) })
                .max(by: { margin($0) < margin($1) }), margin(p) > 0 else { break }
            let trial = roster.removing(one: p)
            let trialEstimates = evaluate([trial])[0]
            trialsLeft -= 1
            if missing(trialEstimates).isEmpty {
                roster = trial
                estimates = trialEstimates
                trims += 1
                failed.removeAll()
            } else {
                failed.insert(p)
            }
        }
        let trimTrials = (missing(estimates).isEmpty ? maxTrims : 0) - trialsLeft
        let formulaEstimates = evaluate([cRoster, aRoster])
        let seconds = Date().timeIntervalSince(started)

        // Files.
        let label = { (k: Int) in day.label(k) }
        func clock(_ minutes: Double) -> String {
            let m = day.openingMinute + Int(minutes.rounded())
            return String(format: "%02d:%02d", (m / 60) % 24, m % 60)
        }
        var schedule = "template,start,breaks,people,paid_hours_each,cost_each\n"
        for (p, pattern) in roster.patterns.enumerated() where roster.people[p] > 0 {
            let t = templates[pattern.template]
            let breaks = zip(pattern.breakStartMinutes, t.breaks).map { "\(clock(pattern.startMinutes + $0))+\(Int($1.minutes))" }
            schedule += "\(t.name),\(clock(pattern.startMinutes)),\(breaks.joined(separator: " ")),\(roster.people[p]),"
                + "\(JSON.format(pattern.paidHours)),\(JSON.format(pattern.cost))\n"
        }
        var coverage = "period,start,erlang_c,erlang_a,required,scheduled,service_level,service_level_ci_low,service_level_ci_high,meets\n"
        let scheduled = roster.coverage
        for k in 0..<day.count {
            let e = estimates[k]
            coverage += "\(k),\(label(k)),\(erlangC[k]),\(erlangA[k]),\(need[k]),\(JSON.format(scheduled[k])),"
                + (e.map { "\(JSON.format($0.value)),\(JSON.format($0.low)),\(JSON.format($0.high)),\(goal.isMet(by: $0) ? 1 : 0)" } ?? ",,,")
                + "\n"
        }
        let directory = out ?? "Results/\(scenario.name)-schedule"
        var provenance = Invocation.provenance(command: "schedule", scenarioFile: self.scenario, bytes: bytes, serviceLevelTargetSeconds: target)
        provenance.serviceLevelGoal = fraction
        let rows: [(String, Roster, [GoalEstimate?])] = [("Erlang C", cRoster, formulaEstimates[0]), ("Erlang A", aRoster, formulaEstimates[1]),
                                                          ("repaired", roster, estimates)]
        var fields = Manifest.fields(scenario: scenario.name, seed: seed, replications: freshDays, provenance)
        fields["rosters"] = .object(Dictionary(uniqueKeysWithValues: rows.map { name, r, e in
            (name, JSON.object(["cost": .number(r.cost), "paid_hours": .number(r.paidHours), "people": .integer(r.headcount),
                                "periods_meeting_goal": .integer(e.indices.filter { k in e[k].map(goal.isMet) ?? true }.count),
                                "solver_status": .string(r.status.rawValue)]))
        }))
        fields["repair"] = .object(["rounds": .integer(rounds), "solves": .integer(solves), "fresh_days": .integer(freshDays),
                                    "trims": .integer(trims), "trim_trials": .integer(trimTrials),
                                    "requirement": .string(requirement.rawValue), "seconds": .number((seconds * 10).rounded() / 10)])
        let written: [String]
        do {
            written = try Manifest.publish(directory, files: [(name: "schedule.csv", contents: schedule), (name: "coverage.csv", contents: coverage)],
                                           fields: fields)
        } catch {
            printError("ccsim schedule: \(error)")
            throw ExitCodes.runtimeFailure
        }

        // The comparison.
        print("\(scenario.name): rosters for \(fixed(100 * fraction, 1)) % answered within \(fixed(target, 0)) s in every period, "
            + "each simulated on the same \(freshDays) fresh days (seed \(seed))")
        print("")
        var table = TextTable(header: ["roster", "cost", "paid hours", "people", "periods meeting the goal", "solver"])
        for (name, r, e) in rows {
            let meeting = e.indices.filter { k in e[k].map(goal.isMet) ?? true }.count
            table.add([name, fixed(r.cost, 0), fixed(r.paidHours, 1), "\(r.headcount)", "\(meeting) of \(day.count)", r.status.rawValue])
        }
        print(table.rendered())
        print("")
        let stillMissing = missing(estimates)
        print("repaired: the \(requirement.rawValue) requirement covered at least cost by the templates (GLPK), then "
            + "\(rounds) round(s) of simulate-and-solve (\(solves) solves in all"
            + (requirement == .simulated ? "; the simulated requirement took \(simulatedPlanDays) candidate-days" : "")
            + "): each period missing the goal on the fresh days got one more agent of requirement; "
            + (stillMissing.isEmpty ? "every period meets it" : "still missing after \(maxRounds) rounds: "
                + stillMissing.map(label).joined(separator: ", ")) + "; then \(trims) person(s) taken off by simulation "
            + "(\(trimTrials) trial(s), each on the same fresh days).")
        print("scheduled in \(fixed(seconds, 1)) s on \(jobs) thread(s); breaks and fractions of a period are simulated as "
            + "fractional staffing (an agent present for the first part of the period).")
        print("wrote " + written.joined(separator: ", "))
    }
}

/// One period's traffic for the formulas: total rate, rate-weighted handling time and
/// (when every call type has one) rate-weighted mean patience; nil without calls.
func dayTraffic(_ config: CenterConfig, day: DayPlan, period k: Int) throws -> Traffic? {
    let rates = config.callTypes.indices.map { day.arrivalsPerHour[$0][k] }
    let total = rates.reduce(0, +)
    guard total > 0 else { return nil }
    let aht = zip(config.callTypes, rates).reduce(0.0) { $0 + $1.1 * $1.0.serviceSeconds.mean } / total
    let patient = config.callTypes.allSatisfy { $0.patienceSeconds != nil }
    let patience = patient ? zip(config.callTypes, rates).reduce(0.0) { $0 + $1.1 * $1.0.patienceSeconds!.mean } / total : nil
    return try Traffic(callsPerHour: total, ahtSeconds: aht, patienceSeconds: patience)
}
