import ArgumentParser
import Experiments
import Foundation
import Reporting
import ScenarioFiles
import Staffing
import Workflows

/// `ccsim staff SCENARIO`: a day of periods.
extension StaffCommand {
    func staffDay(_ file: String) throws {
        // One call type and no agents: block: staffing needs none (a placeholder group).
        let (scenario, bytes): (Scenario, [UInt8])
        if let raw = try? ScenarioLoader.readBytes(file), let text = String(validating: raw, as: UTF8.self),
           let augmented = ScenarioLoader.withPlaceholderAgents(text) {
            do { (scenario, bytes) = (try ScenarioLoader.parse(augmented, file: file), raw) } catch let error as ScenarioError {
                printError(error.description)
                throw ExitCodes.badInput
            }
        } else {
            (scenario, bytes) = try loadScenarioOrExit(file)
        }
        let config = scenario.variants[0].config
        guard let day = config.day else {
            printError("\(file): staffing by period needs periods: (a day in periods); without them, use --calls-per-hour")
            throw ExitCodes.badInput
        }
        let target = targetSeconds ?? config.serviceLevelTargetSeconds
        let fraction = serviceLevel ?? scenario.serviceLevelGoal ?? 0.8
        var goal = self.goal(target: target, fraction: fraction, onShareOfDays: onShareOfDays ?? scenario.serviceLevelOnShareOfDays)
        let channelGoals = try ChannelGoals.read(self.channelGoals, config: config, onShareOfDays: goal.simulated.onShareOfDays,
                                                 command: "staff")
        goal.simulated.further = channelGoals.period
        if channelGoals.emailWithinDue != nil && day.days < 2 {
            printError("ccsim staff: --channel-goal email.within_due_rate needs days: (a horizon of several days: e-mail left at a "
                + "day's close is answered the next morning, within its due time or not)")
            throw ExitCodes.badInput
        }
        if abandonRate != nil, config.callTypes.contains(where: { $0.patienceSeconds == nil }) {
            printError("ccsim staff: --abandon-rate needs callers with patience (every call type's patience:)")
            throw ExitCodes.badInput
        }
        if writeScenario != nil && day.days > 1 {
            printError("ccsim staff: --write-scenario writes one day's count_by_period, and this plan covers \(day.days) days")
            throw ExitCodes.badInput
        }
        try refuseUnwritableScenario(writeScenario, reading: file)
        let directory = resultsFolder(out, name: scenario.name, suffix: "-staff")
        try refuseUnwritableResults(directory, command: "staff", force: force, explicit: out != nil)
        let seed = self.seed ?? scenario.seed
        let batch = replications ?? scenario.replications
        if maxDays < batch { throw ValidationError("--max-days: must be ≥ the days per batch (\(batch)) (got \(maxDays))") }
        let started = Date()
        let staffing: StaffDay
        let lines = PlanningProgressLines(command: "staff", quiet: quiet, label: day.label)
        do {
            staffing = try StaffDay.plan(config, goal: goal, maxOccupancy: maxOccupancy,
                                         simulation: noSimulation ? nil : .init(seed: seed, daysPerBatch: batch, minDays: minDays ?? min(100, maxDays),
                                                                               maxDays: maxDays, jobs: jobs),
                                         minFreshDays: freshDays,
                                         progress: { lines($0) })
        } catch let error as StaffingError {
            throw fail(error)
        } catch {
            printError("\(file): \(error)")
            throw ExitCodes.badInput
        }
        // E-mail within due over the horizon: a top-up of every open period, on the fresh runs.
        var email: DeferredStaffing?
        if let goalShare = channelGoals.emailWithinDue {
            do {
                email = try DeferredStaffing.run(config, plan: staffing.agents, goal: goalShare, seed: seed,
                                                 runs: staffing.simulation?.validation.freshDays ?? freshDays, jobs: jobs)
            } catch {
                printError("\(file): \(error)")
                throw ExitCodes.badInput
            }
        }
        // An outbound goal: a dialling top-up on the inbound plan, judged on the fresh days.
        var outbound: OutboundStaffing?
        if let goalCompletions = outboundCompletions {
            do {
                outbound = try OutboundStaffing.run(config, plan: email?.plan ?? staffing.agents, goal: goalCompletions, seed: seed,
                                                    days: staffing.simulation?.validation.freshDays ?? freshDays, jobs: jobs)
            } catch {
                printError("\(file): \(error)")
                throw ExitCodes.badInput
            }
        }
        let seconds = Date().timeIntervalSince(started)
        let requirements = staffing.requirements, simulation = staffing.simulation, final = outbound?.plan ?? email?.plan ?? staffing.agents
        var table = StaffingFiles.Table(
            labels: (0..<day.count).map(day.label), loads: requirements.map(\.offeredLoadErlangs), plans: staffing.formulaPlans,
            scheduled: final.map { scheduledAgents(required: $0, shrinkage: shrinkage) },
            periodHours: day.periodSeconds / 3600, simulation: simulation, goal: simulation == nil ? nil : goal.simulated)
        table.costPerAgentHour = scenario.costPerAgentHour
        if day.days > 1 { table.isOpen = (0..<day.count).map(day.isOpen) }
        var provenance = Invocation.provenance(command: "staff", scenarioFile: file, bytes: bytes, serviceLevelTargetSeconds: target)
        provenance.serviceLevelGoal = fraction
        var manifest = StaffingFiles.manifest(table, base: Manifest.fields(scenario: scenario.name, seed: seed, replications: batch, provenance))
        if let outbound, let goalCompletions = outboundCompletions {
            manifest["outbound"] = .object([
                "completions_goal": .number(goalCompletions), "agents_added_per_period": .integer(outbound.added),
                "periods": .array(outbound.periods.map { .string(day.label($0)) }), "reached": .bool(outbound.reached),
                "completions_mean": .number(outbound.completions.mean), "completions_half_width": .number(outbound.completions.halfWidth),
                "fresh_days": .integer(outbound.days), "plan": .array(outbound.plan.map { .integer($0) }),
            ])
        }
        if let email, let goalShare = channelGoals.emailWithinDue {
            manifest["email"] = .object([
                "within_due_goal": .number(goalShare), "agents_added_per_open_period": .integer(email.added), "reached": .bool(email.reached),
                "within_due_mean": .number(email.withinDue.mean), "within_due_half_width": .number(email.withinDue.halfWidth),
                "within_due_before": .number(email.before.mean), "fresh_runs": .integer(email.runs), "plan": .array(email.plan.map { .integer($0) }),
            ])
        }
        let written: [String]
        do {
            written = try Manifest.publish(directory, files: [(name: "staffing.csv", contents: StaffingFiles.csv(table))], fields: manifest,
                                           force: force)
        } catch {
            printError("ccsim staff: \(error)")
            throw ExitCodes.runtimeFailure
        }
        // --json: the plan as JSON on standard output, everything else said on standard error.
        let say: (String) -> Void = json ? { printError($0) } : { print($0) }
        if !json {
            print("\(scenario.name): agents required per period for \(goalText(target: target, fraction: fraction))"
                + (maxOccupancy.map { ", occupancy ≤ \(fixed(100 * $0, 0)) %" } ?? "")
                + (shrinkage > 0 ? ", shrinkage \(fixed(100 * shrinkage, 1)) %" : ""))
            print("")
            print(StaffingFiles.render(table))
            print("")
            if let s = simulation {
                printSimulationNotes(s, goal: goal.simulated, target: target, seed: seed, batch: batch, seconds: seconds, label: day.label)
            }
            if let email, let goalShare = channelGoals.emailWithinDue {
                print("e-mail: " + (email.reached ? "" : "NOT REACHED (more agents stopped raising it): ")
                    + "answered within due \(fixed(100 * email.before.mean, 1)) % with the plan above; +\(email.added) agent(s) in every open "
                    + "period give \(fixed(100 * email.withinDue.mean, 1)) ± \(fixed(100 * email.withinDue.halfWidth, 1)) % (goal "
                    + "\(fixed(100 * goalShare, 1)) %; \(email.runs) fresh runs of the \(day.days) days, \(email.evaluations) plans tried); "
                    + "scheduled includes them.")
            }
            if let outbound, let goalCompletions = outboundCompletions {
                let span = outbound.periods.isEmpty ? "no period" : day.label(outbound.periods.first!) + "–" + day.label(outbound.periods.last!)
                print("outbound: " + (outbound.reached ? "" : "NOT REACHED (more agents add no completions: the lists, attempts or "
                                                                + "window cap the day): ") + "+\(outbound.added) agent(s) in each period \(span) "
                    + "give \(fixed(outbound.completions.mean, 1)) ± \(fixed(outbound.completions.halfWidth, 1)) completions a day "
                    + "(goal \(fixed(goalCompletions, 0)); \(outbound.days) fresh days, \(outbound.evaluations) plans tried); "
                    + "scheduled includes them.")
            }
            let topUps = [email == nil ? nil : "the e-mail top-up", outbound == nil ? nil : "the outbound top-up"].compactMap { $0 }
            print("scheduled = required (simulated plan if any\(topUps.isEmpty ? "" : ", with " + topUps.joined(separator: " and "))) "
                + "÷ (1 − shrinkage), rounded up.")
            if day.days > 1 {
                print("several days: each simulated \"day\" above is a run of the whole horizon (\(day.days) days); nights are left out "
                    + "of the table (staffing.csv has every period).")
            }
            if config.channels != [.voice] {
                print("channels: the Erlang plans count every chat and e-mail as a call (no concurrency, no deferral); the simulated "
                      + "plan serves them as the model does, each against its own type's target.")
            }
        }
        if let path = writeScenario {
            guard config.groups.count == 1 else {
                printError("ccsim staff: --write-scenario writes one group's plan, and this scenario has \(config.groups.count) groups")
                throw ExitCodes.badInput
            }
            do {
                let planned = scenario.name + "-planned"
                let text = try ScenarioLoader.rewriting(String(decoding: bytes, as: UTF8.self), file: file, group: config.groups[0].name,
                                                        plan: final.map(Double.init), name: planned,
                                                        header: "# \(scenario.name) with the plan of `ccsim staff \(file)`"
                                                            + " as count_by_period (seed \(seed)), named \(planned).\n")
                try AtomicFiles.write([(path: path, contents: text)])
                say("wrote \(path): the scenario with this plan as agents \(config.groups[0].name).count_by_period, named \(planned) "
                    + "(its results: Results/\(planned))")
            } catch {
                printError("ccsim staff: \(path): \(error)")
                throw ExitCodes.runtimeFailure
            }
        }
        if json {
            print(JSON.object(["scenario": .string(scenario.name), "goal": .string(goalText(target: target, fraction: fraction)),
                               "periods": CSV.records(StaffingFiles.csv(table)), "files": .array(written.map { .string($0) })]).rendered())
        } else {
            print("wrote " + written.joined(separator: ", ") + "; ccsim plot \(directory) draws the plan")
        }
    }

    func printSimulationNotes(_ s: DayStaffing, goal: SimulatedStaffingGoal, target: Double, seed: UInt64, batch: Int,
                              seconds: Double, label: (Int) -> String) {
        let choices = s.selection.periods.compactMap { $0 }
        let close = choices.filter { !$0.decision.clear }.count
        let added = s.validation.added.reduce(0, +)
        print("simulated: \(simulatedGoalText(goal, target: target)).")
        print("  selection: fewest agents per period, periods settled in time order on common random numbers (seed \(seed)); "
            + "each candidate simulated on at least \(minDays ?? min(100, maxDays)) days, then in batches of \(batch), until its 95 % interval lies on one side of the goal "
            + "or its half-width ≤ \(goal.metric == .asaSeconds && goal.onShareOfDays == nil ? fixed(goal.precision, 2) + " s" : fixed(100 * goal.precision, 2) + " points"); "
            + "\"days\" = the most any candidate of the period needed (~ too close to call: decided on the estimate, "
            + "\(close) of \(choices.count) periods); \(s.selection.candidates) candidates, up to \(s.selection.daysUsed) days each.")
        print("  out of sample: every plan simulated on the same \(s.validation.freshDays) fresh days (substreams from 2^40, "
            + "none used by the selection); * misses the goal there. The simulated plan was repaired where it missed: "
            + (added == 0 ? "no period needed it." : "\(added) agent(s) added in "
                + s.validation.added.indices.filter { s.validation.added[$0] > 0 }.map(label).joined(separator: ", ")
                + " (+n in the simulated column)."))
        if !s.selection.unreachable.isEmpty || !s.validation.stillMissing.isEmpty {
            let periods = Set(s.selection.unreachable + s.validation.stillMissing).sorted()
            print("  goal not reached within the search bound (2 × initial + 10 agents) in: " + periods.map(label).joined(separator: ", "))
        }
        print("  planned in \(fixed(seconds, 1)) s on \(jobs) thread(s): \(s.selection.candidateDays) candidate-days (two periods "
            + "of a day each, continued from the day's checkpoint) and \(s.validation.freshDays) fresh whole days × "
            + "\(s.plans.count - 1 + s.validation.rounds) plan evaluations.")
    }
}
