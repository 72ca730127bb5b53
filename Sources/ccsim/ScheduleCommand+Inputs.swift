import ArgumentParser
import Experiments
import Foundation
import Reporting
import Rostering
import ScenarioFiles

/// `ccsim schedule`'s inputs beyond the scenario (a staffing.csv to reuse) and its
/// roster written back as scenarios.
extension ScheduleCommand {
    /// The requirement `--requirement` names: a rule, or (a path) the simulated plan of a
    /// staffing.csv `ccsim staff` wrote for this scenario, read and checked before any
    /// simulation (exit 2 when it cannot serve).
    func requirementSource(scenario: Scenario, bytes: [UInt8], labels: [String], dayFactors: [Double])
        throws -> (requirement: RosterPlanning.Requirement, plan: [Int]?) {
        if let rule = RosterPlanning.Requirement(rawValue: requirement), rule != .staffPlan { return (rule, nil) }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: requirement, isDirectory: &isFolder) else {
            printError("--requirement: \(requirement): no such file or folder (give simulated, erlang-a, erlang-c, or the staffing.csv "
                + "ccsim staff wrote)")
            throw ExitCodes.badInput
        }
        let folder = isFolder.boolValue ? requirement : (requirement as NSString).deletingLastPathComponent
        let file = isFolder.boolValue ? requirement + "/staffing.csv" : requirement
        guard let data = FileManager.default.contents(atPath: file) else {
            printError("--requirement: \(file): cannot be read")
            throw ExitCodes.badInput
        }
        guard dayFactors.allSatisfy({ $0 == 1 }) else {
            printError("--requirement: \(file) plans the scenario's day, and this horizon's days have volume factors "
                + dayFactors.map { fixed($0, 2) }.joined(separator: ", ") + ": use --requirement simulated (each day's volume planned)")
            throw ExitCodes.badInput
        }
        let plan: [Int]
        do {
            plan = try StaffingFiles.simulatedRequirement(csv: String(decoding: data, as: UTF8.self), file: file, labels: labels)
        } catch let error as StaffingFiles.RequirementError {
            printError("--requirement: \(error)")
            throw ExitCodes.badInput
        }
        // The manifest beside it says which scenario it was planned for.
        struct Written: Decodable {
            let command: String?, scenario: String?
            let scenario_sha256: String?, service_level_goal: Double?, service_level_target_seconds: Double?
        }
        if let m = FileManager.default.contents(atPath: folder + "/manifest.json").flatMap({ try? JSONDecoder().decode(Written.self, from: $0) }) {
            if let name = m.scenario, name != scenario.name {
                printError("--requirement: \(file) was planned for scenario \(name), and this is \(scenario.name)")
                throw ExitCodes.badInput
            }
            if m.scenario_sha256 != nil && m.scenario_sha256 != SHA256.hex(bytes) {
                printError("warning: \(file) was planned on another version of \(self.scenario) (its SHA-256 differs): the repair "
                    + "simulates this version and corrects the requirement where it misses or exceeds the goal")
            }
            let goal = scenario.serviceLevelGoal ?? 0.8, target = scenario.variants[0].config.serviceLevelTargetSeconds
            if let g = m.service_level_goal, let t = m.service_level_target_seconds, g != goal || t != target {
                printError("warning: \(file) plans \(fixed(100 * g, 1)) % within \(fixed(t, 0)) s, and this schedule's goal is "
                    + "\(fixed(100 * goal, 1)) % within \(fixed(target, 0)) s: the repair corrects it")
            }
        } else {
            printError("warning: \(file) has no manifest.json beside it: its periods match this scenario's, which is all that can be checked")
        }
        return (.staffPlan, plan)
    }

    /// The roster's day `d` as a scenario: its coverage (breaks as fractional staffing,
    /// exactly as the roster was simulated) as `count_by_period`, the day's volume factor on
    /// the arrivals, its shifts in the header; named `<name>-roster` and written to
    /// `--write-scenario` (one day), or `<name>-roster-day<d>` to `<file>-day<d>.yaml`.
    /// Returns the path written.
    func writeRosterScenario(_ plan: RosterPlanning.Result, scenario: Scenario, bytes: [UInt8], day d: Int, dayFactors: [Double],
                              shifts: [String]) throws -> [String] {
        guard let target = writeScenario else { return [] }
        let days = dayFactors.count
        let name = scenario.name + "-roster" + (days > 1 ? "-day\(d + 1)" : "")
        let header = "# \(scenario.name) staffed by the roster of `ccsim schedule \(scenario.name)` (\(plan.answer.name), cost "
            + "\(fixed(plan.answer.roster.cost, 0)) over the horizon)"
            + (days > 1 ? ", day \(d + 1) of \(days) (volume × \(fixed(dayFactors[d], 2)))" : "") + ", named \(name).\n"
            + "# Agents per period: the people at work, a break as a share of its period. The shifts:\n"
            + shifts.map { "#   " + $0 + "\n" }.joined()
        let text = try ScenarioLoader.rewriting(String(decoding: bytes, as: UTF8.self), file: self.scenario,
                                                group: scenario.variants[0].config.groups[0].name,
                                                plan: plan.answer.roster.coverage(day: d), volumeFactor: dayFactors[d], name: name, header: header)
        let path = days > 1 ? Self.stem(target) + "-day\(d + 1).yaml" : target
        try AtomicFiles.write([(path: path, contents: text)])
        return [path]
    }

    static func stem(_ path: String) -> String {
        for ext in [".yaml", ".yml"] where path.hasSuffix(ext) { return String(path.dropLast(ext.count)) }
        return path
    }
}
