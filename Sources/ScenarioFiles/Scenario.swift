import ContactCenter
import Rostering
import Stochastic

/// A validated scenario: everything needed to run it, as typed `Sendable` values.
public struct Scenario: Sendable, Equatable {
    public var name: String
    public var description: String?
    public var seed: UInt64
    public var replications: Int
    /// Fraction of calls to answer within the target (for reporting against the goal).
    public var serviceLevelGoal: Double?
    /// Staffing: the goal must hold on at least this share of days (nil: the expected
    /// service level over days must reach it).
    public var serviceLevelOnShareOfDays: Double?
    /// The model: call types, IVR, agent groups and routing, target, horizon (the base,
    /// without variants).
    public var config: CenterConfig
    /// The variants to run, in the order declared; the first is the baseline of
    /// comparisons. A scenario without `variants:` has the single variant `base`.
    public var variants: [ScenarioVariant]
    /// The figures `ccsim check` pins (nil: not checked).
    public var check: CheckSpec?
    /// The grid `ccsim sweep` runs (nil: none declared or given).
    public var sweep: Sweep?
    /// The shift templates `ccsim schedule` builds rosters from (nil: none declared).
    public var shifts: ShiftsSpec?
    /// The cost of one agent-hour (`cost.per_agent_hour`; nil: none given).
    public var costPerAgentHour: Double?
    /// Replications to a precision (`precision:`; nil: exactly `replications`).
    public var precision: RunPrecision?

    public init(name: String, description: String? = nil, seed: UInt64, replications: Int,
                serviceLevelGoal: Double?, config: CenterConfig,
                variants: [ScenarioVariant]? = nil) {
        self.name = name
        self.description = description
        self.seed = seed
        self.replications = replications
        self.serviceLevelGoal = serviceLevelGoal
        self.config = config
        self.variants = variants ?? [ScenarioVariant(name: "base", config: config)]
    }
}

/// One variant: the base scenario with some keys overridden (`set:` in the file).
public struct ScenarioVariant: Sendable, Equatable {
    public var name: String
    public var config: CenterConfig

    public init(name: String, config: CenterConfig) {
        self.name = name
        self.config = config
    }
}

/// `precision: {half_width: 0.01, max_replications: 4000}`: `run` and `compare` simulate
/// batches of `replications` until every headline rate's 95 % half-width (each variant's,
/// and each paired difference's) is at most `halfWidth` (a fraction: 0.01 = 1 point), or
/// `maxReplications` would be passed.
public struct RunPrecision: Sendable, Equatable {
    public var halfWidth: Double
    public var maxReplications: Int

    public init(halfWidth: Double, maxReplications: Int) {
        self.halfWidth = halfWidth
        self.maxReplications = maxReplications
    }

    /// `maxReplications` when not given.
    public static let defaultMaxReplications = 10_000
}

/// Limits that keep every run bounded (documented in Scenarios/README.md).
public enum ScenarioLimits {
    public static let maxFileBytes = 1_000_000
    public static let maxReplications = 100_000
    /// Seeds 0…maxSeed: each names its own set of streams (`StreamID`).
    public static let maxSeed = StreamID.maxSeed
    public static let maxCallsPerReplication = 1_000_000_000
    public static let maxSeconds = 10.0 * 365 * 86_400
    public static let maxAgents = 10_000_000
    public static let maxCallTypes = 10_000
    public static let maxRatePerHour = 1e9
}
