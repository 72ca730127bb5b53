import ArgumentParser
import ContactCenter
import Experiments
import Foundation
import Reporting
import Staffing
import Stochastic

/// `ccsim staff --calls-per-hour … --aht-seconds …`: one traffic, formulas and optionally simulation.
extension StaffCommand {
    func staffOneTraffic() throws {
        let target = targetSeconds ?? 20
        let fraction = serviceLevel ?? 0.8
        let traffic: Traffic
        var needC: Int?
        var needA: Int?
        let goal = self.goal(target: target, fraction: fraction, onShareOfDays: onShareOfDays)
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
            + "goal \(goalText(target: target, fraction: fraction))"
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
                + "± is the 95 % half-width (ratio of sums over replications, delta method).")
            printSimulatedRequirement(goal.simulated, initial: needA ?? reference, load: load, target: target)
        }
    }

    /// The agents simulation requires for the goal: candidates decided on replications in
    /// batches, the choice checked on fresh replications (`TrafficStaffing`).
    func printSimulatedRequirement(_ goal: SimulatedStaffingGoal, initial: Int, load: Double, target: Double) {
        let batch = replications ?? 5
        let lowest = patienceSeconds == nil ? Int(load.rounded(.down)) + 1 : 1
        let result = TrafficStaffing.run(trafficConfig(agents: initial, target: target), initial: initial, lowest: lowest,
                                         goal: goal, options: .init(seed: seed ?? 1, daysPerBatch: batch, minDays: minDays ?? batch, maxDays: maxDays, jobs: jobs),
                                         minFreshReplications: batch)
        let e = result.outOfSample, choice = result.choice
        func show(_ x: Double) -> String { goal.metric == .asaSeconds && goal.onShareOfDays == nil ? fixed(x, 1) : fixed(x, 3) }
        print("")
        print("Simulation requires \(result.agents) agents (\(simulatedGoalText(goal, target: target, oneTraffic: true))): "
            + "\(show(e.value)) [\(show(e.low)), \(show(e.high))] on \(result.freshReplications) fresh replications.")
        print("  chosen on up to \(choice.days) replications per candidate (\(choice.candidates) candidates, "
            + (choice.decision.clear ? "a clear decision" : "too close to call: decided on the estimate") + ")"
            + (result.added > 0 ? "; \(result.added) agent(s) added where the fresh replications missed the goal." : ".")
            + (choice.reachable ? "" : " Goal not reached within 2 × \(initial) + 10 agents."))
    }

    /// The one traffic as a model: Poisson arrivals, exponential handling and patience.
    func trafficConfig(agents: Int, target: Double) -> CenterConfig {
        let patience = patienceSeconds.flatMap { $0.isFinite ? Distribution.exponential(mean: $0) : nil }
        return CenterConfig(
            callTypes: [CallType(name: "calls", arrivalsPerHour: callsPerHour!,
                                 serviceSeconds: .exponential(mean: ahtSeconds!), patienceSeconds: patience)],
            agents: agents, serviceLevelTargetSeconds: target,
            horizon: .calls(warmupCalls: warmupCalls, measuredCalls: calls))
    }

    func simulatedCells(agents: Int, load: Double, target: Double, withPatience: Bool) -> [String] {
        if patienceSeconds.map({ !$0.isFinite }) ?? true, load >= Double(agents) {
            return ["unstable", "-"] + (withPatience ? ["-"] : [])
        }
        let config = trafficConfig(agents: agents, target: target)
        let result = CenterExperiment(config: config, seed: seed ?? 1, replications: replications ?? 5).run(jobs: jobs)
        func cell(_ metric: String, _ digits: Int) -> String {
            let ci = result.interval(metric)
            return "\(fixed(ci.mean, digits)) ±\(fixed(ci.halfWidth, digits))"
        }
        return [cell(Metric.serviceLevel.name, 3), cell(Metric.asaSeconds.name, 1)] + (withPatience ? [cell(Metric.abandonRate.name, 3)] : [])
    }
}
