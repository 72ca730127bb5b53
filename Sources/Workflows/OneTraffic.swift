import ContactCenter
import Experiments
import Measures
import Stochastic

/// One traffic (`ccsim staff --calls-per-hour … --aht-seconds …`): Poisson arrivals,
/// exponential handling and (optionally) exponential patience, simulated as a steady
/// state of `calls` measured calls after `warmupCalls`, beside the formulas.
public struct OneTraffic: Sendable {
    public var callsPerHour: Double
    public var ahtSeconds: Double
    /// nil or infinite: callers never abandon.
    public var patienceSeconds: Double?
    public var targetSeconds: Double
    public var warmupCalls: Int
    public var calls: Int

    public init(callsPerHour: Double, ahtSeconds: Double, patienceSeconds: Double?, targetSeconds: Double, warmupCalls: Int, calls: Int) {
        self.callsPerHour = callsPerHour
        self.ahtSeconds = ahtSeconds
        self.patienceSeconds = patienceSeconds
        self.targetSeconds = targetSeconds
        self.warmupCalls = warmupCalls
        self.calls = calls
    }

    /// Offered load a = λ · AHT (Erlangs).
    public var loadErlangs: Double { callsPerHour * ahtSeconds / 3600 }

    /// The traffic as a model with `agents` agents.
    public func config(agents: Int) -> CenterConfig {
        let patience = patienceSeconds.flatMap { $0.isFinite ? Distribution.exponential(mean: $0) : nil }
        return CenterConfig(
            callTypes: [CallType(name: "calls", arrivalsPerHour: callsPerHour, serviceSeconds: .exponential(mean: ahtSeconds),
                                 patienceSeconds: patience)],
            agents: agents, serviceLevelTargetSeconds: targetSeconds, horizon: .calls(warmupCalls: warmupCalls, measuredCalls: calls))
    }

    /// The simulated figures of one staffing level, each over the replications (ratio of sums).
    public struct Figures: Sendable {
        public let serviceLevel: ConfidenceInterval
        public let asaSeconds: ConfidenceInterval
        public let abandonRate: ConfidenceInterval
    }

    /// `agents` simulated on `replications` replications; nil when the queue would grow
    /// without bound (no abandonment and load ≥ agents).
    public func simulate(agents: Int, seed: UInt64, replications: Int, jobs: Int) -> Figures? {
        if patienceSeconds.map({ !$0.isFinite }) ?? true, loadErlangs >= Double(agents) { return nil }
        let result = CenterExperiment(config: config(agents: agents), seed: seed, replications: replications).run(jobs: jobs)
        return Figures(serviceLevel: result.interval(Metric.serviceLevel.name), asaSeconds: result.interval(Metric.asaSeconds.name),
                       abandonRate: result.interval(Metric.abandonRate.name))
    }

    /// The fewest agents simulation finds meeting `goal` (`TrafficStaffing`): candidates
    /// from `initial` down to `lowest` decided on replications in batches, the choice
    /// checked on fresh replications.
    public func requirement(goal: SimulatedStaffingGoal, initial: Int, options: SimulationStaffing.Options,
                            minFreshReplications: Int) -> TrafficStaffing {
        let lowest = patienceSeconds == nil ? Int(loadErlangs.rounded(.down)) + 1 : 1
        return TrafficStaffing.run(config(agents: initial), initial: initial, lowest: lowest, goal: goal, options: options,
                                   minFreshReplications: minFreshReplications)
    }
}
