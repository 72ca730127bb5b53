import ArgumentParser
import Experiments
import Foundation
import Measures
import Reporting
import ScenarioFiles
import Staffing

struct StaffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staff",
        abstract: "Agents needed per period (scenario with periods) or for one traffic (formulas, --simulate).",
        discussion: """
            With a scenario that has periods: per period the agents required by Erlang C, \
            Erlang A (callers with patience), square-root staffing and simulation, then every \
            plan held against the same fresh simulated days; writes Results/<name>/staffing.csv. \
            Formulas use each period's rate-weighted handling time and patience and ignore IVR \
            containment; simulation does not.

            The simulated goal is the expected service level (ASA, abandonment) of each period \
            over days, busyness included (a ratio of sums over days), or with --on-share-of-days \
            the goal on at least that share of days. Periods are settled in time order, all \
            candidates on the same days; each candidate gets --min-days days, then batches of \
            --replications, until its 95 % interval lies on one side of the goal, or its \
            half-width is down to --precision or --max-days are used ("too close to call", \
            decided on the estimate). The day's busyness factor serves as a control variate. \
            The plan is then simulated on \
            fresh days (as many as the selection used, at least --fresh-days) with the formula \
            plans; a period that misses there gets one more agent until none misses.

            Without a scenario: --calls-per-hour and --aht-seconds give one traffic; the agents \
            for the goal by Erlang C and A, and with --simulate the simulated M/M/n+M beside them \
            and the agents simulation requires (decided and checked the same way, on replications).

            With several channels, --channel-goal adds a goal per channel (chat.service_level=0.9 in \
            every period; email.within_due_rate=0.95 over a plan of several days, by adding agents \
            to every open period). A scenario with days: is planned period by period over all \
            its days (nights closed).

            With --ports P and a scenario with an IVR: per variant the IVR ports for at most a \
            share P of busy signals, by Erlang B on the IVR load simulated with no port limit, \
            then the blocking simulated with those ports.

            Examples: ccsim staff Scenarios/staffing-day.yaml
                      ccsim staff Scenarios/bank-hotline.yaml --ports 0.005
                      ccsim staff Scenarios/staffing-day.yaml --on-share-of-days 0.9
                      ccsim staff --calls-per-hour 6000 --aht-seconds 180 --patience-seconds 120 --simulate
            """
    )

    @Argument(help: "A scenario with periods (optional; otherwise give --calls-per-hour and --aht-seconds).")
    var scenario: String?

    @Option(help: "Arrival rate (calls per hour).")
    var callsPerHour: Double?

    @Option(help: "Average handle time (seconds).")
    var ahtSeconds: Double?

    @Option(help: "Mean patience (seconds); omit for infinitely patient callers.")
    var patienceSeconds: Double?

    @Option(help: "Service-level target time in seconds (default: the scenario's, else 20).")
    var targetSeconds: Double?

    @Option(help: "Service-level goal, the fraction answered within the target (default: the scenario's, else 0.8).")
    var serviceLevel: Double?

    @Option(help: "Goal: average speed of answer at most this many seconds (instead of a service level).")
    var asaSeconds: Double?

    @Option(help: "Goal: abandonment at most this fraction (Erlang A; instead of a service level).")
    var abandonRate: Double?

    @Option(help: "Share of paid time lost to breaks, training, absence: scheduled = required ÷ (1 − shrinkage).")
    var shrinkage: Double = 0

    @Option(help: "Occupancy cap (e.g. 0.85): at least load ÷ cap agents.")
    var maxOccupancy: Double?

    @Option(help: "Rows shown below and above the required staffing levels (without a scenario).")
    var around: Int = 2

    @Flag(help: "Without a scenario: simulate every row next to the formulas.")
    var simulate = false

    @Flag(help: "With a scenario: formulas only, no simulation-based plan.")
    var noSimulation = false

    @Option(help: "With a scenario that has an IVR: the IVR ports for at most this share of busy signals (e.g. 0.005), by Erlang B on each variant's simulated IVR load, checked by simulation.")
    var ports: Double?

    @Option(name: .customLong("channel-goal"), help: ChannelGoals.help)
    var channelGoals: [String] = []

    @Option(help: "Chance goal: the goal must hold on at least this share of days (default: the scenario's service_level.on_share_of_days; else the expected value over days).")
    var onShareOfDays: Double?

    @Option(help: "Decide a candidate on its estimate once its 95 % half-width is at most this (default 0.01 for the service level; a tenth of the bound, at most 0.01 or 1 s, for abandonment and the ASA; 0.02 for a share of days).")
    var precision: Double?

    @Option(help: "Days (replications) simulated at a time per candidate, the first batch too (default: the scenario's replications, else 5).")
    var replications: Int?

    @Option(help: "Fewest days a candidate is decided on (default 100 with a scenario; without one, --replications).")
    var minDays: Int?

    @Option(help: "Most days (replications) one candidate may use.")
    var maxDays: Int = 2000

    @Option(help: "Fresh days the plans are checked on: at least this many, and at least as many as the selection used.")
    var freshDays: Int = 200

    @Option(help: "Without a scenario: measured calls per replication.")
    var calls: Int = 200_000

    @Option(help: "Without a scenario: warm-up calls per replication.")
    var warmupCalls: Int = 10_000

    @Option(help: "Seed, 0...\(ScenarioLimits.maxSeed) (default: the scenario's, else 1).")
    var seed: UInt64?

    @Option(help: "Parallel replications (default: all cores).")
    var jobs: Int = availableCores

    @Option(help: "Results folder (default: Results/<scenario name>-staff).")
    var out: String?

    @Flag(help: forceHelp)
    var force = false

    @Flag(help: "No progress lines on standard error.")
    var quiet = false

    @Flag(help: "Print the plan per period as JSON (staffing.csv's rows, with the files written) instead of the table (a day of periods).")
    var json = false

    @Option(help: "With a day and outbound campaigns: add agents to every period of the campaigns' windows (alike) until the day's outbound completions reach this many on average, on the fresh days.")
    var outboundCompletions: Double?

    @Option(help: "With a day: write the scenario with the chosen plan (the simulated one, else Erlang A's, else C's) as the agents' count_by_period to this file, for what-ifs (its comments are not kept).")
    var writeScenario: String?

    func validate() throws {
        if scenario == nil && (callsPerHour == nil || ahtSeconds == nil) {
            throw ValidationError("give a scenario with periods, or --calls-per-hour and --aht-seconds")
        }
        if scenario != nil && (callsPerHour != nil || ahtSeconds != nil || patienceSeconds != nil) {
            throw ValidationError("--calls-per-hour, --aht-seconds and --patience-seconds are for staffing without a scenario")
        }
        if asaSeconds != nil && abandonRate != nil { throw ValidationError("give one goal: --asa-seconds or --abandon-rate") }
        if let a = asaSeconds, !(a > 0 && a.isFinite) { throw ValidationError("--asa-seconds: must be positive (got \(a))") }
        if let a = abandonRate, !(a > 0 && a < 1) { throw ValidationError("--abandon-rate: must be in (0, 1) (got \(a))") }
        if !(shrinkage >= 0 && shrinkage < 1) { throw ValidationError("--shrinkage: must be in [0, 1) (got \(shrinkage))") }
        if let o = maxOccupancy, !(o > 0 && o <= 1) { throw ValidationError("--max-occupancy: must be in (0, 1] (got \(o))") }
        if !(0...20).contains(around) { throw ValidationError("--around: must be in 0...20 (got \(around))") }
        if let r = replications, r < 2 { throw ValidationError("--replications: must be ≥ 2 for a confidence interval (got \(r))") }
        if let p = onShareOfDays, !(p > 0 && p < 1) { throw ValidationError("--on-share-of-days: must be in (0, 1) (got \(p))") }
        if let p = precision, !(p > 0 && p.isFinite) { throw ValidationError("--precision: must be positive (got \(p))") }
        if let m = minDays, !(2...maxDays).contains(m) { throw ValidationError("--min-days: must be in 2...--max-days (got \(m))") }
        if maxDays < max(2, replications ?? 2) {
            throw ValidationError("--max-days: must be ≥ 2 and ≥ --replications (got \(maxDays))")
        }
        if freshDays < 2 { throw ValidationError("--fresh-days: must be ≥ 2 (got \(freshDays))") }
        if let n = outboundCompletions, !(n > 0 && n <= 1e7) {
            throw ValidationError("--outbound-completions: must be in (0, 10000000] completions a day (got \(n))")
        }
        if calls < 1 { throw ValidationError("--calls: must be ≥ 1 (got \(calls))") }
        if warmupCalls < 0 { throw ValidationError("--warmup-calls: must be ≥ 0 (got \(warmupCalls))") }
        if let s = seed, s > ScenarioLimits.maxSeed { throw ValidationError("--seed: must be in 0...\(ScenarioLimits.maxSeed) (got \(s))") }
        if jobs < 1 { throw ValidationError("--jobs: must be ≥ 1 (got \(jobs))") }
        if !channelGoals.isEmpty && (scenario == nil || noSimulation || ports != nil) {
            throw ValidationError("--channel-goal: applies to the simulated plan of a scenario with several channels")
        }
        for text in channelGoals { _ = try ChannelGoals.parse(text, onShareOfDays: nil) }

        if let p = ports {
            guard p > 0 && p < 1 else { throw ValidationError("--ports: a share of busy signals in (0, 1) (got \(p))") }
            guard scenario != nil else { throw ValidationError("--ports: needs a scenario with an IVR") }
        }
    }

    func run() throws {
        try refuseUnwritableResults(out, command: "staff", force: force)
        if let scenario, let ports { return try staffPorts(scenario, blocking: ports) }
        if let scenario { try staffDay(scenario) } else { try staffOneTraffic() }
    }

    /// The goal: an ASA bound, an abandonment cap, or else the service level; for the
    /// formulas and for simulation (expected over days, or on a share of days).
    func goal(target: Double, fraction: Double, onShareOfDays share: Double?) -> (formula: StaffingGoal, simulated: SimulatedStaffingGoal) {
        if let a = asaSeconds {
            return (.averageSpeedOfAnswer(seconds: a),
                    SimulatedStaffingGoal(metric: .asaSeconds, bound: a, onShareOfDays: share, precision: precision))
        }
        if let a = abandonRate {
            return (.abandonRate(fraction: a), SimulatedStaffingGoal(metric: .abandonRate, bound: a, onShareOfDays: share, precision: precision))
        }
        return (.serviceLevel(targetSeconds: target, fraction: fraction),
                SimulatedStaffingGoal(metric: .serviceLevel, bound: fraction, onShareOfDays: share, precision: precision))
    }

    /// "80.0 % answered within 20 s", "ASA at most 30.0 s", "abandonment at most 5.0 %".
    func goalText(target: Double, fraction: Double) -> String {
        if let a = asaSeconds { return "ASA at most \(fixed(a, 1)) s" }
        if let a = abandonRate { return "abandonment at most \(fixed(100 * a, 1)) %" }
        return "\(fixed(100 * fraction, 1)) % answered within \(fixed(target, 0)) s"
    }

    /// What the simulated goal asks of each period (of one traffic: of the calls of a
    /// replication), in words.
    func simulatedGoalText(_ goal: SimulatedStaffingGoal, target: Double, oneTraffic: Bool = false) -> String {
        func name(_ g: SimulatedStaffingGoal) -> String {
            let target = g.channel == nil ? " (\(fixed(target, 0)) s)" : " (each type's target)"
            let metric = g.metric == .serviceLevel ? "service level" + target : g.metric == .asaSeconds ? "ASA" : "abandonment"
            return (g.channel.map { $0.rawValue + " " } ?? "") + metric
        }
        func bound(_ g: SimulatedStaffingGoal) -> String {
            (g.atLeast ? "≥ " : "≤ ") + (g.metric == .asaSeconds ? fixed(g.bound, 1) + " s" : fixed(100 * g.bound, 1) + " %")
        }
        let further = goal.further.map { ", and the \(name($0)) \(bound($0))" }.joined()
        if let p = goal.onShareOfDays {
            return oneTraffic ? "chance goal: a replication's \(name(goal)) \(bound(goal)) in at least \(fixed(100 * p, 1)) % of replications"
                : "chance goal: the day's \(name(goal)) of the period \(bound(goal))\(further) on at least \(fixed(100 * p, 1)) % of days (each)"
        }
        return oneTraffic ? "expected goal: the \(name(goal)) over replications (ratio of sums) \(bound(goal))"
            : "expected goal: the \(name(goal)) of the period over days (busyness included; ratio of sums over days) \(bound(goal))\(further)"
    }

    /// A failed formula: bad input (exit 2) or no answer (exit 1).
    func fail(_ error: StaffingError) -> ExitCode {
        printError("ccsim staff: \(error)")
        if case .invalidInput = error { return ExitCodes.badInput }
        return ExitCodes.runtimeFailure
    }
}
