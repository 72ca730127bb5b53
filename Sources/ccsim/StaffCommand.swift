import ArgumentParser
import ContactCenter
import Experiments
import Foundation
import Measures
import Reporting
import Scenario
import Staffing
import Stochastic

struct StaffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staff",
        abstract: "Agents needed per period (scenario with periods) or for one traffic (formulas, --simulate).",
        discussion: """
            With a scenario that has periods: per period the agents required by Erlang C, \
            Erlang A (callers with patience), square-root staffing and simulation (the fewest \
            agents whose simulated service level of that period meets the goal, with \
            abandonment, the IVR and carry-over), then the simulated service level of each \
            plan; writes Results/<name>/staffing.csv. Formulas use each period's rate-weighted \
            handling time and patience and ignore IVR containment; simulation does not.

            Without a scenario: --calls-per-hour and --aht-seconds give one traffic; the agents \
            for the goal by Erlang C and A, and with --simulate the simulated M/M/n+M beside them.

            Examples: ccsim staff Scenarios/staffing-day.yaml
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

    @Option(help: "Replications per simulated candidate (default: the scenario's, else 5).")
    var replications: Int?

    @Option(help: "Without a scenario: measured calls per replication.")
    var calls: Int = 200_000

    @Option(help: "Without a scenario: warm-up calls per replication.")
    var warmupCalls: Int = 10_000

    @Option(help: "Seed, 0...\(StreamID.maxSeed) (default: the scenario's, else 1).")
    var seed: UInt64?

    @Option(help: "Parallel replications (default: all cores).")
    var jobs: Int = availableCores

    @Option(help: "Results folder (default: Results/<scenario name>).")
    var out: String?

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
        if calls < 1 { throw ValidationError("--calls: must be ≥ 1 (got \(calls))") }
        if warmupCalls < 0 { throw ValidationError("--warmup-calls: must be ≥ 0 (got \(warmupCalls))") }
        if let s = seed, s > StreamID.maxSeed { throw ValidationError("--seed: must be in 0...\(StreamID.maxSeed) (got \(s))") }
        if jobs < 1 { throw ValidationError("--jobs: must be ≥ 1 (got \(jobs))") }
    }

    func run() throws {
        if let scenario { try staffDay(scenario) } else { try staffOneTraffic() }
    }

    /// The goal: an ASA bound, an abandonment cap, or else the service level.
    func goal(target: Double, fraction: Double) -> (formula: StaffingGoal, simulated: SimulationStaffing.Goal, text: String) {
        if let a = asaSeconds {
            return (.averageSpeedOfAnswer(seconds: a), .init(metric: "asa_seconds", bound: a, atLeast: false),
                    "ASA at most \(fixed(a, 1)) s")
        }
        if let a = abandonRate {
            return (.abandonRate(fraction: a), .init(metric: "abandon_rate", bound: a, atLeast: false),
                    "abandonment at most \(fixed(100 * a, 1)) %")
        }
        return (.serviceLevel(targetSeconds: target, fraction: fraction), .serviceLevel(fraction),
                "\(fixed(100 * fraction, 1)) % answered within \(fixed(target, 0)) s")
    }

    /// A failed formula: bad input (exit 2) or no answer (exit 1).
    func fail(_ error: StaffingError) -> ExitCode {
        printError("ccsim staff: \(error)")
        if case .invalidInput = error { return ExitCodes.badInput }
        return ExitCodes.runtimeFailure
    }

    // MARK: - A day of periods

    func staffDay(_ file: String) throws {
        let (scenario, bytes) = try loadScenarioOrExit(file)
        let config = scenario.variants[0].config
        guard let day = config.day else {
            printError("\(file): staffing by period needs periods: (a day in periods); without them, use --calls-per-hour")
            throw ExitCodes.badInput
        }
        let target = targetSeconds ?? config.serviceLevelTargetSeconds
        let fraction = serviceLevel ?? scenario.serviceLevelGoal ?? 0.8
        let goal = self.goal(target: target, fraction: fraction)
        var requirements: [PeriodRequirement] = []
        do {
            for k in 0..<day.count {
                let traffic = try periodTraffic(config, day: day, period: k)
                if abandonRate != nil, traffic != nil, traffic?.patienceSeconds == nil {
                    printError("ccsim staff: --abandon-rate needs callers with patience (every call type's patience:)")
                    throw ExitCodes.badInput
                }
                requirements.append(try PeriodPlanner.requirement(traffic, goal: goal.formula, maxOccupancy: maxOccupancy))
            }
        } catch let error as StaffingError {
            throw fail(error)
        }
        let erlangC = requirements.map(\.erlangC)
        let erlangA = requirements.map { $0.erlangA ?? $0.erlangC }
        let root = requirements.map(\.squareRoot)
        let hasPatience = requirements.allSatisfy { $0.offeredLoadErlangs == 0 || $0.erlangA != nil }
        let seed = self.seed ?? scenario.seed
        let replications = self.replications ?? scenario.replications

        var simulated: [Int]?
        var unreachable: [Int] = []
        var levels: [[Double]] = []
        if !noSimulation && config.groups.count > 1 {
            printError("\(file): the simulated plan sizes one pool of agents, and this scenario has \(config.groups.count) groups "
                + "(\(config.groups.map(\.name).joined(separator: ", "))); use --no-simulation for the pooled Erlang plans")
            throw ExitCodes.badInput
        }
        if !noSimulation {
            let result = SimulationStaffing.plan(config, initial: hasPatience ? erlangA : erlangC, goal: goal.simulated, seed: seed,
                                                 replications: replications, jobs: jobs)
            simulated = result.plan
            unreachable = result.unreachable
            for plan in [erlangC, erlangA, root, result.plan] {
                levels.append(SimulationStaffing.periodServiceLevels(config, plan: plan, seed: seed,
                                                                     replications: replications, jobs: jobs))
            }
        }
        var plans: [(name: String, agents: [Int])] = [("erlang_c", erlangC)]
        if hasPatience { plans.append(("erlang_a", erlangA)) }
        plans.append(("square_root", root))
        if let simulated { plans.append(("simulated", simulated)) }
        let table = StaffingFiles.Table(
            labels: (0..<day.count).map(day.label), loads: requirements.map(\.offeredLoadErlangs), plans: plans,
            serviceLevels: levels.isEmpty ? [] : (hasPatience ? levels : [levels[0], levels[2], levels[3]]),
            scheduled: (simulated ?? (hasPatience ? erlangA : erlangC)).map { scheduledAgents(required: $0, shrinkage: shrinkage) },
            periodHours: day.periodSeconds / 3600)
        let directory = out ?? "Results/\(scenario.name)"
        var provenance = RunProvenance(scenarioFile: file, scenarioSHA256: SHA256.hex(bytes), ccsimVersion: CCSimVersion.string,
                                       gslVersion: GSL.version, createdUTC: ISO8601DateFormatter().string(from: Date()),
                                       serviceLevelTargetSeconds: target)
        provenance.serviceLevelGoal = fraction
        let manifest = ResultsFiles.manifestJSON(
            RunSummary(scenario: scenario.name, seed: seed, replications: replications, variants: []), provenance)
        let files = [(path: directory + "/staffing.csv", contents: StaffingFiles.csv(table)),
                     (path: directory + "/manifest.json", contents: manifest.rendered() + "\n")]
        do { try AtomicFiles.write(files) } catch {
            printError("ccsim staff: \(error)")
            throw ExitCodes.runtimeFailure
        }
        print("\(scenario.name): agents required per period for \(goal.text)"
            + (maxOccupancy.map { ", occupancy ≤ \(fixed(100 * $0, 0)) %" } ?? "")
            + (shrinkage > 0 ? ", shrinkage \(fixed(100 * shrinkage, 1)) %" : ""))
        print("")
        print(StaffingFiles.render(table, goal: fraction))
        print("")
        if simulated != nil {
            print("simulated: fewest agents whose simulated \(goal.simulated.metric) of the period (mean of \(replications) days, "
                + "seed \(seed)) meets the goal; periods settled in time order with common random numbers; "
                + "SL columns: each plan's simulated day (* below the service-level goal).")
            if !unreachable.isEmpty {
                print("goal not reached within the search bound in: " + unreachable.map(day.label).joined(separator: ", "))
            }
        }
        print("scheduled = required (simulated plan if any) ÷ (1 − shrinkage), rounded up.")
        print("wrote " + files.map(\.path).joined(separator: ", ") + "; ccsim plot \(directory) draws the plan")
    }

    /// One period's traffic for the formulas: total rate, rate-weighted handling time and
    /// (when every call type has one) rate-weighted mean patience; nil without calls.
    func periodTraffic(_ config: CenterConfig, day: DayPlan, period k: Int) throws -> Traffic? {
        let rates = config.callTypes.indices.map { day.arrivalsPerHour[$0][k] }
        let total = rates.reduce(0, +)
        guard total > 0 else { return nil }
        let aht = zip(config.callTypes, rates).reduce(0.0) { $0 + $1.1 * $1.0.serviceSeconds.mean } / total
        let patient = config.callTypes.allSatisfy { $0.patienceSeconds != nil }
        let patience = patient ? zip(config.callTypes, rates).reduce(0.0) { $0 + $1.1 * $1.0.patienceSeconds!.mean } / total : nil
        return try Traffic(callsPerHour: total, ahtSeconds: aht, patienceSeconds: patience)
    }

    // MARK: - One traffic (formulas, optionally simulated)

    func staffOneTraffic() throws {
        let target = targetSeconds ?? 20
        let fraction = serviceLevel ?? 0.8
        let traffic: Traffic
        var needC: Int?
        var needA: Int?
        let goal = self.goal(target: target, fraction: fraction)
        do {
            traffic = try Traffic(callsPerHour: callsPerHour!, ahtSeconds: ahtSeconds!, patienceSeconds: patienceSeconds)
            needC = try Staffing.requiredAgents(traffic, goal: goal.formula, model: .erlangC, maxOccupancy: maxOccupancy).agents
            if traffic.patienceSeconds != nil {
                needA = try Staffing.requiredAgents(traffic, goal: goal.formula, model: .erlangA, maxOccupancy: maxOccupancy).agents
            }
        } catch let error as StaffingError {
            throw fail(error)
        }
        guard let reference = needC ?? needA else {
            printError("ccsim staff: --abandon-rate needs --patience-seconds")
            throw ExitCodes.badInput
        }
        let load = traffic.offeredLoadErlangs
        print("Offered load \(fixed(load, 2)) Erlangs (\(fixed(callsPerHour!, 1)) calls/h × \(fixed(ahtSeconds!, 1)) s); "
            + "goal \(goal.text)"
            + (maxOccupancy.map { ", occupancy ≤ \(fixed(100 * $0, 0)) %" } ?? "") + ".")
        let answers = [needC.map { ("Erlang C", $0) }, needA.map { ("Erlang A", $0) }].compactMap { $0 }
        print("Agents required: " + answers.map { "\($0.0) \($0.1)" }.joined(separator: ", ") + "."
            + (shrinkage > 0 ? " Scheduled with \(fixed(100 * shrinkage, 1)) % shrinkage: "
                + answers.map { "\($0.0) \(scheduledAgents(required: $0.1, shrinkage: shrinkage))" }.joined(separator: ", ") + "." : ""))
        print("")

        // Rows around each formula's answer; a "…" row marks a gap between the two blocks.
        var levels = Set((max(1, reference - around))...(reference + around))
        if let a = needA { levels.formUnion((max(1, a - around))...(a + around)) }
        var header = ["agents", "C SL", "C ASA s"]
        if needA != nil { header += ["A SL", "A ASA s", "A aband"] }
        if simulate { header += ["sim SL", "sim ASA s"] + (needA != nil ? ["sim aband"] : []) }
        var table = TextTable(header: header)
        var previous: Int?
        for n in levels.sorted() {
            if let p = previous, n > p + 1 { table.add(["…"] + Array(repeating: "", count: header.count - 1)) }
            previous = n
            var row = ["\(n)"]
            if let c = try? Erlang.c(traffic, agents: n, targetSeconds: target) {
                row += [fixed(c.serviceLevel, 3), fixed(c.asaSeconds, 1)]
            } else {
                row += ["unstable", "-"]
            }
            if needA != nil {
                if let a = try? Erlang.a(traffic, agents: n, targetSeconds: target) {
                    row += [fixed(a.serviceLevel, 3), fixed(a.asaSeconds, 1), fixed(a.abandonRate, 3)]
                } else {
                    row += ["overloaded", "-", "-"]
                }
            }
            if simulate { row += simulatedCells(agents: n, load: load, target: target, withPatience: needA != nil) }
            table.add(row)
        }
        print(table.rendered())
        if simulate {
            print("")
            print("sim: \(replications ?? 5) replications × \(calls) calls after \(warmupCalls) warm-up calls, seed \(seed ?? 1); "
                + "± is the 95 % Student t half-width.")
        }
    }

    func simulatedCells(agents: Int, load: Double, target: Double, withPatience: Bool) -> [String] {
        let patience = patienceSeconds.flatMap { $0.isFinite ? Distribution.exponential(mean: $0) : nil }
        if patience == nil && load >= Double(agents) {
            return ["unstable", "-"] + (withPatience ? ["-"] : [])
        }
        let config = CenterConfig(
            callTypes: [CallType(name: "calls", arrivalsPerHour: callsPerHour!,
                                 serviceSeconds: .exponential(mean: ahtSeconds!), patienceSeconds: patience)],
            agents: agents, serviceLevelTargetSeconds: target,
            horizon: .calls(warmupCalls: warmupCalls, measuredCalls: calls))
        let result = CenterExperiment(config: config, seed: seed ?? 1, replications: replications ?? 5).run(jobs: jobs)
        func cell(_ metric: String, _ digits: Int) -> String {
            let ci = result.interval(metric)
            return "\(fixed(ci.mean, digits)) ±\(fixed(ci.halfWidth, digits))"
        }
        return [cell("service_level", 3), cell("asa_seconds", 1)] + (withPatience ? [cell("abandon_rate", 3)] : [])
    }
}
