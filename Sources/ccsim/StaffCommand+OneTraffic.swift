import ArgumentParser
import Experiments
import Foundation
import Measures
import Reporting
import Staffing
import Workflows

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
            needC = try traffic.requiredAgents(goal: goal.formula, model: .erlangC, maxOccupancy: maxOccupancy).agents
            if traffic.patienceSeconds != nil {
                needA = try traffic.requiredAgents(goal: goal.formula, model: .erlangA, maxOccupancy: maxOccupancy).agents
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
            if simulate { row += simulatedCells(agents: n, target: target, withPatience: needA != nil) }
            table.add(row)
        }
        print(table.rendered())
        if simulate {
            print("")
            print("sim: \(replications ?? 5) replications × \(calls) calls after \(warmupCalls) warm-up calls, seed \(seed ?? 1); "
                + "± is the 95 % half-width (ratio of sums over replications, delta method).")
            printSimulatedRequirement(goal.simulated, initial: needA ?? reference, target: target)
        }
    }

    /// The agents simulation requires for the goal (`OneTraffic.requirement`).
    func printSimulatedRequirement(_ goal: SimulatedStaffingGoal, initial: Int, target: Double) {
        let batch = replications ?? 5
        let result = traffic(target: target).requirement(
            goal: goal, initial: initial,
            options: .init(seed: seed ?? 1, daysPerBatch: batch, minDays: minDays ?? batch, maxDays: maxDays, jobs: jobs),
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

    /// The one traffic of the command line.
    func traffic(target: Double) -> OneTraffic {
        OneTraffic(callsPerHour: callsPerHour!, ahtSeconds: ahtSeconds!, patienceSeconds: patienceSeconds, targetSeconds: target,
                   warmupCalls: warmupCalls, calls: calls)
    }

    func simulatedCells(agents: Int, target: Double, withPatience: Bool) -> [String] {
        guard let f = traffic(target: target).simulate(agents: agents, seed: seed ?? 1, replications: replications ?? 5, jobs: jobs) else {
            return ["unstable", "-"] + (withPatience ? ["-"] : [])
        }
        func cell(_ ci: ConfidenceInterval, _ digits: Int) -> String { "\(fixed(ci.mean, digits)) ±\(fixed(ci.halfWidth, digits))" }
        return [cell(f.serviceLevel, 3), cell(f.asaSeconds, 1)] + (withPatience ? [cell(f.abandonRate, 3)] : [])
    }
}
