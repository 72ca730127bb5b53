import ArgumentParser
import Experiments
import Foundation
import Reporting
import Rostering
import ScenarioFiles
import Staffing

/// `ccsim schedule SCENARIO`: from requirement to roster (`RosterPlanning`, the files by
/// `ScheduleFiles`): parses, plans, writes, prints the rosters side by side.
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
                     ccsim schedule Scenarios/staffing-day.yaml --requirement Results/staffing-day-staff \\
                       --write-scenario roster.yaml
            """
    )

    @Argument(help: "A scenario with periods: and shifts:.")
    var scenario: String

    @Option(help: ArgumentHelp("The requirement the first roster covers: simulated (planned here as ccsim staff plans), erlang-a, "
        + "erlang-c, or the staffing.csv (or its folder) ccsim staff wrote for this scenario (its simulated plan, reused).",
                               valueName: "rule-or-staffing.csv"))
    var requirement = RosterPlanning.Requirement.simulated.rawValue

    @Option(help: ArgumentHelp("Write the roster as a scenario (its agents per period, breaks as shares of a period) to run "
        + "what-ifs on; over several days one file per day (<name>-day<d>.yaml).", valueName: "file.yaml"))
    var writeScenario: String?

    @Option(name: .customLong("channel-goal"), help: ChannelGoals.help)
    var channelGoals: [String] = []

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

    @Option(help: "Seed, 0...\(ScenarioLimits.maxSeed) (default: the scenario's).")
    var seed: UInt64?

    @Option(help: "Parallel replications (default: all cores).")
    var jobs: Int = availableCores

    @Option(help: "Results folder (default: Results/<scenario name>-schedule).")
    var out: String?

    @Flag(help: forceHelp)
    var force = false

    @Flag(help: "No progress lines on standard error.")
    var quiet = false

    @Flag(help: "Print the results as JSON (the CSV files' rows, the files written) instead of the tables.")
    var json = false

    func validate() throws {
        if freshDays < 2 { throw ValidationError("--fresh-days: must be at least 2 (got \(freshDays))") }
        if maxRounds < 1 { throw ValidationError("--max-rounds: must be at least 1 (got \(maxRounds))") }
        if maxTrims < 0 { throw ValidationError("--max-trims: must be at least 0 (got \(maxTrims))") }
        if !(solverSeconds > 0) { throw ValidationError("--solver-seconds: must be positive (got \(solverSeconds))") }
        if !(mipGap >= 0 && mipGap < 1) { throw ValidationError("--mip-gap: must be in [0, 1) (got \(mipGap))") }
        if jobs < 1 { throw ValidationError("--jobs: must be at least 1 (got \(jobs))") }
        for text in channelGoals { _ = try ChannelGoals.parse(text, onShareOfDays: nil) }
    }

    func run() throws {
        let started = Date()
        try refuseUnwritableResults(out, command: "schedule", force: force)
        let (scenario, bytes) = try loadScenarioOrExit(self.scenario)
        let directory = resultsFolder(out, name: scenario.name, suffix: "-schedule")
        try refuseUnwritableResults(directory, command: "schedule", force: force, explicit: out != nil)
        try refuseUnwritableScenario(writeScenario, reading: self.scenario)
        let config = scenario.variants[0].config
        if let days = config.day?.days, days > 1 {
            printError("\(self.scenario): a roster covers one day, and this scenario runs \(days) days (days:); remove days: (ccsim staff "
                + "plans the days' periods)")
            throw ExitCodes.badInput
        }
        guard let day = config.day, let shifts = scenario.shifts else {
            printError("\(self.scenario): scheduling needs periods: (a day in periods) and shifts: (shift templates)")
            throw ExitCodes.badInput
        }
        guard config.groups.count == 1 else {
            printError("\(self.scenario): a roster staffs one pool of agents, and this scenario has \(config.groups.count) groups")
            throw ExitCodes.badInput
        }
        let target = config.serviceLevelTargetSeconds, fraction = scenario.serviceLevelGoal ?? 0.8
        var goal = SimulatedStaffingGoal(metric: .serviceLevel, bound: fraction, onShareOfDays: scenario.serviceLevelOnShareOfDays,
                                         precision: 0.01)
        let channelGoals = try ChannelGoals.read(self.channelGoals, config: config, onShareOfDays: goal.onShareOfDays, command: "schedule")
        if channelGoals.emailWithinDue != nil {
            printError("ccsim schedule: --channel-goal email.within_due_rate: a roster covers one day's periods; size e-mail over several "
                + "days with ccsim staff")
            throw ExitCodes.badInput
        }
        goal.further = channelGoals.period
        let seed = self.seed ?? scenario.seed
        let factors = shifts.factors, days = factors.count
        let (requirement, staffPlan) = try requirementSource(scenario: scenario, bytes: bytes, labels: (0..<day.count).map(day.label),
                                                             dayFactors: factors)
        let daysOff = days > 1 && shifts.daysOff > 0 ? (count: shifts.daysOff, consecutive: shifts.consecutiveDaysOff) : nil
        var options = RosterPlanning.Options()
        options.requirement = requirement
        options.staffPlan = staffPlan
        options.freshDays = freshDays
        options.maxRounds = maxRounds
        options.maxTrims = maxTrims
        options.solverSeconds = solverSeconds
        options.mipGap = mipGap
        options.seed = seed
        options.daysPerBatch = scenario.replications
        options.jobs = jobs
        let plan: RosterPlanning.Result
        do {
            let lines = PlanningProgressLines(command: "schedule", quiet: quiet, label: day.label)
            plan = try RosterPlanning.plan(config, shifts: .init(templates: shifts.templates, dayFactors: factors, daysOff: daysOff),
                                           goal: goal, options: options, progress: { lines($0) })
        } catch let error as StaffingError {
            printError("ccsim schedule: \(error)")
            throw ExitCodes.runtimeFailure
        } catch let error as RosterError {
            printError("\(self.scenario): shifts: \(error)")
            throw ExitCodes.badInput
        }
        let seconds = Date().timeIntervalSince(started)

        // Files.
        let label = { (k: Int) in day.label(k) }
        func clock(_ minutes: Double) -> String {
            let m = day.openingMinute + Int(minutes.rounded())
            return String(format: "%02d:%02d", (m / 60) % 24, m % 60)
        }
        let answer = plan.answer
        var provenance = Invocation.provenance(command: "schedule", scenarioFile: self.scenario, bytes: bytes, serviceLevelTargetSeconds: target)
        provenance.serviceLevelGoal = fraction
        var fields = Manifest.fields(scenario: scenario.name, seed: seed, replications: freshDays, provenance)
        fields.merge(ScheduleFiles.manifestFields(plan, requirement: requirement, freshDays: freshDays, seconds: seconds)) { $1 }
        let files = [
            (name: "schedule.csv", contents: ScheduleFiles.scheduleCSV(answer.roster, templates: shifts.templates, clock: clock)),
            (name: "coverage.csv", contents: ScheduleFiles.coverageCSV(plan, labels: (0..<day.count).map(label))),
        ]
        let written: [String]
        do {
            written = try Manifest.publish(directory, files: files, fields: fields, force: force)
        } catch {
            printError("ccsim schedule: \(error)")
            throw ExitCodes.runtimeFailure
        }

        var scenarioFiles: [String] = []
        if writeScenario != nil {
            // Each day's shifts, in the scenario's comments (a template's name quoted as a JSON string: one line, whatever it holds).
            func shiftsWorked(day d: Int) -> [String] {
                let r = answer.roster
                return r.patterns.indices.filter { r.people[$0] > 0 && r.workDays[$0][d] }.map { p in
                    let pattern = r.patterns[p], t = shifts.templates[pattern.template]
                    let breaks = zip(pattern.breakStartMinutes, t.breaks).map { "\(clock(pattern.startMinutes + $0))+\(Int($1.minutes)) min" }
                    return "\(JSON.string(t.name).rendered()) from \(clock(pattern.startMinutes))"
                        + (breaks.isEmpty ? "" : ", breaks at " + breaks.joined(separator: ", ")) + ": \(r.people[p]) people"
                }
            }
            do {
                scenarioFiles = try (0..<days).flatMap { d in
                    try writeRosterScenario(plan, scenario: scenario, bytes: bytes, day: d, dayFactors: factors, shifts: shiftsWorked(day: d))
                }
            } catch {
                printError("ccsim schedule: --write-scenario: \(error)")
                throw ExitCodes.runtimeFailure
            }
        }
        if json {
            print(JSON.object(["scenario": .string(scenario.name), "roster": .string(answer.name), "rosters": fields["rosters"] ?? .null,
                               "schedule": CSV.records(files[0].contents), "coverage": CSV.records(files[1].contents),
                               "files": .array((written + scenarioFiles).map { .string($0) })]).rendered())
            return
        }
        // The comparison.
        let horizon = days == 1 ? "the day" : "\(days) days (volume × \(factors.map { fixed($0, 2) }.joined(separator: ", "))"
            + (daysOff.map { ", \($0.count) days off each" + ($0.consecutive ? " in a row" : "") } ?? "") + ")"
        let further = goal.further.map { ", \($0.name) \($0.atLeast ? "≥" : "≤") " + ($0.metric == .asaSeconds ? fixed($0.bound, 1) + " s" : fixed(100 * $0.bound, 1) + " %") }
        print("\(scenario.name): rosters for \(fixed(100 * fraction, 1)) % answered within \(fixed(target, 0)) s\(further.joined()) in every period of "
            + "\(horizon), each simulated on the same \(freshDays) fresh days (seed \(seed))")
        print("")
        var table = TextTable(header: ["roster", "cost", "paid hours", "people", "periods meeting the goal", "solver", "above the LP bound"])
        for row in plan.rosters {
            let r = row.roster
            // (A trimmed roster is below the requirement the bound was computed for: no gap.)
            let gap = r.status == .trimmed ? "-" : r.lowerBound.map { $0 > 0 ? fixed(100 * (r.cost / $0 - 1), 1) + " %" : "-" } ?? "-"
            table.add([row.name, fixed(r.cost, 0), fixed(r.paidHours, 1), "\(r.headcount)", "\(plan.meeting(row.estimates)) of \(days * day.count)",
                       r.status.rawValue, gap])
        }
        print(table.rendered())
        print("")
        func cells(_ list: [(day: Int, period: Int)]) -> String {
            list.prefix(12).map { (days > 1 ? "day \($0.day + 1) " : "") + label($0.period) }.joined(separator: ", ")
                + (list.count > 12 ? ", … (\(list.count))" : "")
        }
        for r in plan.repairs {
            let stillMissing = plan.missing(r.estimates)
            let undecided = RosterPlanning.undecided(r.estimates, goal: plan.goal)
            let verdict = !stillMissing.isEmpty ? "still missing after \(maxRounds) rounds: " + cells(stillMissing)
                : undecided.isEmpty ? "every period meets it"
                : "every period's estimate meets it, but \(undecided.count) period(s) are too close to call on \(freshDays) fresh days "
                    + "(the 95 % interval holds the goal: " + cells(undecided) + "; give more --fresh-days to decide)"
            print("\(r.name): covered at least cost by the templates (GLPK), then \(r.rounds) round(s) of simulate-and-solve "
                + "(\(r.solves) solve(s)): each period missing the goal on the fresh days got one more agent of requirement; "
                + verdict
                + "; then \(r.trims) person(s) taken off by simulation (\(r.trimTrials) trial(s), each on the same fresh days).")
        }
        if requirement == .simulated { print("the simulated requirement took \(plan.simulatedPlanDays) candidate-days.") }
        let others = plan.repairs.indices.filter { $0 != plan.chosen }.map { "\(plan.repairs[$0].name): \(fixed(plan.repairs[$0].roster.cost, 0))" }
        print("the roster: \(answer.name) (cost \(fixed(answer.roster.cost, 0))"
            + (others.isEmpty ? "" : "; " + others.joined(separator: "; ")) + "), in schedule.csv and coverage.csv.")
        // Its tightest period, with the interval (every period's is in coverage.csv).
        let periodsWithEstimates = (0..<days).flatMap { d in (0..<day.count).compactMap { k in answer.estimates[d][k].map { (d, k, $0) } } }
        // Per part of the goal (the center's, then each channel's): its tightest period.
        for (i, part) in goal.parts.enumerated() {
            let estimates = periodsWithEstimates.map { ($0.0, $0.1, i == 0 ? $0.2 : $0.2.further[i - 1]) }.filter { !$0.2.value.isNaN }
            // (The lowest share or service level; the highest ASA or abandonment.)
            let worst = part.atLeast || part.onShareOfDays != nil
            guard let (d, k, e) = estimates.min(by: { worst ? $0.2.value < $1.2.value : $0.2.value > $1.2.value }) else { continue }
            let seconds = part.metric == .asaSeconds && part.onShareOfDays == nil
            let show: (Double) -> String = { seconds ? fixed($0, 1) + " s" : fixed(100 * $0, 1) + " %" }
            let what = (part.channel.map { $0.rawValue + " " } ?? "")
                + (part.onShareOfDays == nil ? ["service_level": "service level", "asa_seconds": "ASA", "abandon_rate": "abandonment"][part.metric.name]!
                    : "share of days meeting \(show(part.bound))")
            print("its tightest period" + (i == 0 ? "" : " for \(part.name)") + ": " + (days > 1 ? "day \(d + 1) " : "")
                + "\(label(k)), \(what) \(show(e.value)) (95 % interval \(show(e.low))–\(show(e.high)), \(e.days) fresh days).")
        }
        print("scheduled in \(fixed(seconds, 1)) s on \(jobs) thread(s); breaks and fractions of a period are simulated as "
            + "fractional staffing (an agent present for the first part of the period).")
        print("wrote " + written.joined(separator: ", "))
        if !scenarioFiles.isEmpty {
            print("wrote " + scenarioFiles.joined(separator: ", ") + ": the roster as a scenario (agents per period, breaks as shares of a "
                + "period); ccsim run or compare runs what-ifs on it (its results: Results/\(scenario.name)-roster"
                + (days > 1 ? "-day<d>" : "") + ")")
        }
    }
}

extension RosterPlanning.Requirement: ExpressibleByArgument {}
