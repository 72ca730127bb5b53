import ArgumentParser
import ContactCenter
import Experiments
import Measures
import Reporting
import Staffing
import Stochastic

struct StaffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staff",
        abstract: "Agents needed for a service-level goal: Erlang C, Erlang A and (--simulate) the simulated M/M/n+M.",
        discussion: """
            Finds the fewest agents whose service level (answered within --target-seconds \
            ÷ all arrivals) reaches --service-level under Erlang C and, with \
            --patience-seconds, Erlang A; then prints both formulas around those staffing \
            levels. With --simulate, each row also shows the simulated center (Poisson \
            arrivals, exponential handling and patience, FIFO) with 95 % confidence \
            intervals over --replications independent replications.

            Example: ccsim staff --calls-per-hour 6000 --aht-seconds 180 --patience-seconds 120 \
            --target-seconds 20 --service-level 0.8 --simulate
            """
    )

    @Option(help: "Arrival rate (calls per hour).")
    var callsPerHour: Double

    @Option(help: "Average handle time (seconds).")
    var ahtSeconds: Double

    @Option(help: "Mean patience (seconds); omit for infinitely patient callers.")
    var patienceSeconds: Double?

    @Option(help: "Service-level target time (seconds).")
    var targetSeconds: Double = 20

    @Option(help: "Service-level goal: the fraction answered within the target.")
    var serviceLevel: Double = 0.8

    @Option(help: "Rows shown below and above the required staffing levels.")
    var around: Int = 2

    @Flag(help: "Simulate every row and show it next to the formulas.")
    var simulate = false

    @Option(help: "Replications per simulated row.")
    var replications: Int = 5

    @Option(help: "Measured calls per replication (after --warmup-calls).")
    var calls: Int = 200_000

    @Option(help: "Warm-up calls per replication, not measured.")
    var warmupCalls: Int = 10_000

    @Option(help: "Seed (0...\(StreamID.maxSeed)).")
    var seed: UInt64 = 1

    @Option(help: "Parallel replications (default: all cores).")
    var jobs: Int = availableCores

    func validate() throws {
        if !(0...20).contains(around) { throw ValidationError("--around: must be in 0...20 (got \(around))") }
        if replications < 2 { throw ValidationError("--replications: must be ≥ 2 for a confidence interval (got \(replications))") }
        if calls < 1 { throw ValidationError("--calls: must be ≥ 1 (got \(calls))") }
        if warmupCalls < 0 { throw ValidationError("--warmup-calls: must be ≥ 0 (got \(warmupCalls))") }
        if seed > StreamID.maxSeed { throw ValidationError("--seed: must be in 0...\(StreamID.maxSeed) (got \(seed))") }
        if jobs < 1 { throw ValidationError("--jobs: must be ≥ 1 (got \(jobs))") }
    }

    func run() throws {
        let traffic: Traffic
        let needC: Int
        var needA: Int?
        do {
            traffic = try Traffic(callsPerHour: callsPerHour, ahtSeconds: ahtSeconds, patienceSeconds: patienceSeconds)
            let goal = StaffingGoal.serviceLevel(targetSeconds: targetSeconds, fraction: serviceLevel)
            needC = try Staffing.requiredAgents(traffic, goal: goal, model: .erlangC).agents
            if traffic.patienceSeconds != nil {
                needA = try Staffing.requiredAgents(traffic, goal: goal, model: .erlangA).agents
            }
        } catch let error as StaffingError {
            printError("ccsim staff: \(error)")
            if case .invalidInput = error { throw ExitCodes.badInput }
            throw ExitCodes.runtimeFailure
        }
        let load = traffic.offeredLoadErlangs
        print("Offered load \(fixed(load, 2)) Erlangs (\(fixed(callsPerHour, 1)) calls/h × \(fixed(ahtSeconds, 1)) s); "
            + "goal \(fixed(100 * serviceLevel, 1)) % answered within \(fixed(targetSeconds, 1)) s.")
        print("Agents required: Erlang C \(needC)" + (needA.map { ", Erlang A \($0)" } ?? "") + ".")
        print("")

        // Rows around each formula's answer; a "…" row marks a gap between the two blocks.
        var levels = Set((max(1, needC - around))...(needC + around))
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
            if let c = try? Erlang.c(traffic, agents: n, targetSeconds: targetSeconds) {
                row += [fixed(c.serviceLevel, 3), fixed(c.asaSeconds, 1)]
            } else {
                row += ["unstable", "-"]
            }
            if needA != nil {
                if let a = try? Erlang.a(traffic, agents: n, targetSeconds: targetSeconds) {
                    row += [fixed(a.serviceLevel, 3), fixed(a.asaSeconds, 1), fixed(a.abandonRate, 3)]
                } else {
                    row += ["overloaded", "-", "-"]
                }
            }
            if simulate {
                row += simulatedCells(agents: n, load: load, withPatience: needA != nil)
            }
            table.add(row)
        }
        print(table.rendered())
        if simulate {
            print("")
            print("sim: \(replications) replications × \(calls) calls after \(warmupCalls) warm-up calls, seed \(seed); "
                + "± is the 95 % Student t half-width.")
        }
    }

    func simulatedCells(agents: Int, load: Double, withPatience: Bool) -> [String] {
        let patience = patienceSeconds.flatMap { $0.isFinite ? Distribution.exponential(mean: $0) : nil }
        if patience == nil && load >= Double(agents) {
            return ["unstable", "-"] + (withPatience ? ["-"] : [])
        }
        let config = SingleQueueConfig(
            callTypes: [CallType(name: "calls", arrivalsPerHour: callsPerHour,
                                 serviceSeconds: .exponential(mean: ahtSeconds), patienceSeconds: patience)],
            agents: agents, serviceLevelTargetSeconds: targetSeconds,
            horizon: .calls(warmupCalls: warmupCalls, measuredCalls: calls))
        let result = SingleQueueExperiment(config: config, seed: seed, replications: replications).run(jobs: jobs)
        func cell(_ metric: String, _ digits: Int) -> String {
            let ci = result.interval(metric)
            return "\(fixed(ci.mean, digits)) ±\(fixed(ci.halfWidth, digits))"
        }
        return [cell("service_level", 3), cell("asa_seconds", 1)] + (withPatience ? [cell("abandon_rate", 3)] : [])
    }
}
