import ArgumentParser
import ContactCenter
import Experiments
import Foundation
import Reporting
import Scenario
import Staffing

extension StaffCommand {
    /// IVR ports for a share of busy signals: per variant, the IVR's offered load (the mean
    /// callers in the IVR with no port limit, simulated: the walks as the scenario has them),
    /// the fewest ports N with Erlang B(N, load) ≤ the target (also at the load's upper 95 %
    /// bound), and the blocking simulated with N ports. Erlang B holds for Poisson arrivals
    /// whatever the law of the IVR time (insensitivity), but not for redials of blocked
    /// callers or loads that vary over the day: the simulated blocking says how close it is.
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
        let unlimited = scenario.variants.map { v -> CenterConfig in
            var c = v.config
            c.ivr?.ports = nil
            return c
        }
        let loads = ReplicatedResult.simulate(unlimited, seed: scenario.seed, replications: scenario.replications, jobs: jobs)
            .map { $0.interval("ivr_ports_busy_mean") }
        func ports(_ load: Double) -> Int {
            var n = max(1, Int(load.rounded(.down)))
            while Erlang.blocking(agents: n, offeredLoad: load) > target { n += 1 }
            return n
        }
        let chosen = loads.map { ports($0.mean) }
        let checked = ReplicatedResult.simulate(zip(unlimited, chosen).map { config, n in
            var c = config
            c.ivr?.ports = n
            return c
        }, seed: scenario.seed, replications: scenario.replications, jobs: jobs).map { $0.interval("ivr_block_rate") }
        print("\(scenario.name): IVR ports for busy signals at most \(fixed(100 * target, 2)) % (Erlang B on the simulated IVR load; "
            + "\(scenario.replications) replications, seed \(scenario.seed))")
        print("")
        var table = TextTable(header: ["variant", "IVR load (Erlangs)", "ports", "ports at the load's 95 % upper bound",
                                       "simulated busy signals with them"])
        for (k, v) in scenario.variants.enumerated() {
            table.add([v.name, "\(fixed(loads[k].mean, 2)) ±\(fixed(loads[k].halfWidth, 2))", "\(chosen[k])",
                       "\(ports(loads[k].high))", "\(fixed(100 * checked[k].mean, 2)) % ±\(fixed(100 * checked[k].halfWidth, 2))"])
        }
        print(table.rendered())
        print("")
        print("IVR load: mean callers in the IVR with no port limit (ivr_ports_busy_mean); ports: the fewest N with Erlang B(N, load) "
            + "≤ the target; simulated: ivr_block_rate with N ports (redials of blocked callers included when the scenario has them).")
    }
}
