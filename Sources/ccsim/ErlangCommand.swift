import ArgumentParser
import ContactCenter
import Reporting
import Staffing

struct ErlangCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "erlang",
        abstract: "Erlang B, C or A for one staffing level (formulas, no simulation).",
        discussion: """
            Definitions: p_block is Erlang B's loss probability; p_wait = P(wait > 0); \
            service_level = answered within --target-seconds ÷ all arrivals (Erlang A: \
            abandoners count as misses); asa_seconds = mean wait of answered calls; \
            mean_wait_seconds = mean wait of all calls; occupancy = carried load ÷ agents.

            Example: ccsim erlang c --calls-per-hour 200 --aht-seconds 180 --agents 14 --target-seconds 20
            """
    )

    enum Model: String, ExpressibleByArgument, CaseIterable {
        case b, c, a
    }

    @Argument(help: "Which formula: b (loss), c (delay), a (delay with abandonment).")
    var model: Model

    @Option(help: "Arrival rate (calls per hour).")
    var callsPerHour: Double

    @Option(help: "Average handle time (seconds).")
    var ahtSeconds: Double

    @Option(help: "Number of agents.")
    var agents: Int

    @Option(help: "Mean patience (seconds), for Erlang A.")
    var patienceSeconds: Double?

    @Option(help: "Service-level target (seconds).")
    var targetSeconds: Double = 20

    @Flag(help: "Print one JSON object instead of a table.")
    var json = false

    func validate() throws {
        switch model {
        case .a where patienceSeconds == nil:
            throw ValidationError("erlang a needs --patience-seconds (the mean patience of callers)")
        case .b, .c:
            if patienceSeconds != nil {
                throw ValidationError("--patience-seconds applies to erlang a only")
            }
        default: break
        }
    }

    func run() throws {
        let metrics: QueueMetrics
        do {
            let traffic = try Traffic(callsPerHour: callsPerHour, ahtSeconds: ahtSeconds, patienceSeconds: patienceSeconds)
            switch model {
            case .b: metrics = try Erlang.b(traffic, agents: agents)
            case .c: metrics = try Erlang.c(traffic, agents: agents, targetSeconds: targetSeconds)
            case .a: metrics = try Erlang.a(traffic, agents: agents, targetSeconds: targetSeconds)
            }
        } catch let error as StaffingError {
            printError("ccsim erlang \(model.rawValue): \(error)")
            if case .invalidInput = error { throw ExitCodes.badInput }
            throw ExitCodes.runtimeFailure
        }
        let values = Self.reported(metrics, model: model)
        if json {
            print(JSON.object(values.mapValues { .number($0) }).rendered())
        } else {
            var table = TextTable(header: ["metric", "value"])
            for (key, value) in values.sorted(by: { $0.key < $1.key }) {
                table.add([key, fixed(value, Metric.kind(of: key) == .seconds ? 2 : 4)])
            }
            print(table.rendered())
        }
    }

    /// The keys each model reports (issue contract for `--json`).
    static func reported(_ m: QueueMetrics, model: Model) -> [String: Double] {
        switch model {
        case .b:
            return ["p_block": m.pBlock, Metric.occupancy.name: m.occupancy]
        case .c:
            return [Metric.pWait.name: m.pWait, Metric.serviceLevel.name: m.serviceLevel,
                    Metric.asaSeconds.name: m.asaSeconds, Metric.occupancy.name: m.occupancy]
        case .a:
            return [Metric.pWait.name: m.pWait, Metric.serviceLevel.name: m.serviceLevel, Metric.asaSeconds.name: m.asaSeconds,
                    Metric.occupancy.name: m.occupancy, Metric.abandonRate.name: m.abandonRate,
                    Metric.meanWaitSeconds.name: m.meanWaitSeconds]
        }
    }
}
