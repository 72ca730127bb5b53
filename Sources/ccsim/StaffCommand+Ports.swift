import ArgumentParser
import Foundation
import Reporting
import ScenarioFiles
import Workflows

extension StaffCommand {
    /// IVR ports for a share of busy signals (`PortSizing`), as a table.
    func staffPorts(_ file: String, blocking target: Double) throws {
        var (scenario, _) = try loadScenarioOrExit(file)
        guard scenario.config.ivr != nil else {
            printError("\(file): --ports needs an IVR (ivr:)")
            throw ExitCodes.badInput
        }
        if let r = replications { scenario.replications = r }
        if let s = seed { scenario.seed = s }
        if scenario.config.day != nil {
            printError("warning: \(file): a day's IVR load varies by period; the ports below are for its mean load over the day")
        }
        let sized = PortSizing.size(scenario, blocking: target, jobs: jobs)
        print("\(scenario.name): IVR ports for busy signals at most \(fixed(100 * target, 2)) % (Erlang B on the simulated IVR load; "
            + "\(scenario.replications) replications, seed \(scenario.seed))")
        print("")
        var table = TextTable(header: ["variant", "IVR load (Erlangs)", "ports", "ports at the load's 95 % upper bound",
                                       "simulated busy signals with them"])
        for v in sized {
            table.add([v.variant, "\(fixed(v.load.mean, 2)) ±\(fixed(v.load.halfWidth, 2))", "\(v.ports)", "\(v.portsAtUpperLoad)",
                       "\(fixed(100 * v.simulatedBlocking.mean, 2)) % ±\(fixed(100 * v.simulatedBlocking.halfWidth, 2))"])
        }
        print(table.rendered())
        print("")
        print("IVR load: mean callers in the IVR with no port limit (ivr_ports_busy_mean); ports: the fewest N with Erlang B(N, load) "
            + "≤ the target; simulated: ivr_block_rate with N ports (redials of blocked callers included when the scenario has them).")
    }
}
