import ArgumentParser
import ScenarioFiles

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check scenario files and report every problem at once.",
        discussion: """
            Each problem is printed as FILE:LINE: path.to.key: message (got X). Exit code \
            0 when every file is valid, 2 otherwise. Warnings (valid but worth a look, such \
            as an IVR loop callers can go round) go to standard error and keep exit code 0.

            Example: ccsim validate Scenarios/*.yaml
            """
    )

    @Argument(help: "Scenario files (YAML).")
    var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one scenario file") }
    }

    func run() throws {
        var failed = false
        for file in files {
            do {
                let scenario = try ScenarioLoader.load(file: file)
                let config = scenario.config
                let load = config.ivr == nil ? "offered load" : "offered load before IVR containment"
                print("\(file): ok — \(config.callTypes.count) call type\(config.callTypes.count == 1 ? "" : "s"), "
                    + "\(config.agents) agents"
                    + (config.groups.count > 1 ? " in \(config.groups.count) groups (routing \(config.routing.policy.rawValue))" : "")
                    + ", \(load) \(fixedLoad(config.offeredLoadErlangs)) Erlangs"
                    + (scenario.variants.count > 1 ? ", \(scenario.variants.count) variants" : "")
                    + (scenario.sweep.map { ", sweep of \($0.points.count) points" } ?? ""))
                // Loops are common in real menus ("back to the main menu"): said here, where a
                // file is inspected, not on every run (a run warns when a walk hits the bound).
                for (path, message) in config.warnings { printError("warning: \(file): \(path): \(message)") }
            } catch let error as ScenarioError {
                printError(error.description)
                failed = true
            }
        }
        if failed { throw ExitCodes.badInput }
    }

    private func fixedLoad(_ x: Double) -> String {
        let r = (x * 100).rounded() / 100
        return r == r.rounded() && abs(r) < 1e15 ? String(Int64(r)) : String(r)
    }
}
