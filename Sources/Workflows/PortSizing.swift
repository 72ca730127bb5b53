import ContactCenter
import Experiments
import Measures
import ScenarioFiles
import Staffing

/// IVR ports for a share of busy signals (`ccsim staff --ports`): per variant, the IVR's
/// offered load (the mean callers in the IVR with no port limit, simulated: the walks as
/// the scenario has them), the fewest ports N with Erlang B(N, load) ≤ the target (also at
/// the load's upper 95 % bound), and the blocking simulated with N ports. Erlang B holds
/// for Poisson arrivals whatever the law of the IVR time (insensitivity), but not for
/// redials of blocked callers or loads that vary over the day: the simulated blocking
/// says how close it is.
public enum PortSizing {
    public struct VariantPorts: Sendable {
        public let variant: String
        /// Mean callers in the IVR with no port limit (`ivr_ports_busy_mean`).
        public let load: ConfidenceInterval
        public let ports: Int
        public let portsAtUpperLoad: Int
        /// `ivr_block_rate` simulated with `ports`.
        public let simulatedBlocking: ConfidenceInterval
    }

    /// The fewest ports N ≥ ⌊load⌋ with Erlang B(N, load) ≤ `target`.
    public static func ports(load: Double, blocking target: Double) -> Int {
        var n = max(1, Int(load.rounded(.down)))
        while Erlang.blocking(agents: n, offeredLoad: load) > target { n += 1 }
        return n
    }

    /// Every variant of `scenario` (which has an IVR), simulated with its seed and replications.
    public static func size(_ scenario: Scenario, blocking target: Double, jobs: Int) -> [VariantPorts] {
        let unlimited = scenario.variants.map { v -> CenterConfig in
            var c = v.config
            c.ivr?.ports = nil
            return c
        }
        let loads = ReplicatedResult.simulate(unlimited, seed: scenario.seed, replications: scenario.replications, jobs: jobs)
            .map { $0.interval(Metric.ivrPortsBusyMean.name) }
        let chosen = loads.map { ports(load: $0.mean, blocking: target) }
        let checked = ReplicatedResult.simulate(zip(unlimited, chosen).map { config, n in
            var c = config
            c.ivr?.ports = n
            return c
        }, seed: scenario.seed, replications: scenario.replications, jobs: jobs).map { $0.interval(Metric.ivrBlockRate.name) }
        return scenario.variants.indices.map { k in
            VariantPorts(variant: scenario.variants[k].name, load: loads[k], ports: chosen[k],
                         portsAtUpperLoad: ports(load: loads[k].high, blocking: target), simulatedBlocking: checked[k])
        }
    }
}
