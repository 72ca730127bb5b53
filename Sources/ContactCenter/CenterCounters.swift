import Measures

/// What one replication counted over the calls that arrived in the measurement window
/// (filled by the `Recorder`). Every measured arrival ends in exactly one of: blocked (all
/// lines busy), blocked at the IVR (all ports busy), contained, IVR-abandoned,
/// disconnected, IVR step limit (IVR outcomes), balked, answered (live or
/// on a callback), abandoned, callback failed — or, only when the run hit its time bound
/// or nobody was left to serve, unfinished. Conservation (`endedCalls`): offered + redials
/// = those outcomes + unfinished (a redial is one more attempt of a caller who abandoned
/// or heard a busy signal, and ends in one more outcome).
public struct CenterCounters: Sendable, Equatable {
    /// The queue figures of the whole center (definitions in `QueueTally`).
    public var queue = QueueTally()
    /// Attempts by callers who abandoned and called again (not counted in `offered`).
    public var redials = 0
    public var hasRedials = false
    /// Callbacks that reached the customer (counted in `answered` too).
    public var calledBack = 0
    /// Σ (time the callback reached the customer − time he asked for it).
    public var totalCallbackDelaySeconds = 0.0
    public var hasCallbacks = false
    public var hasIVR = false
    /// IVR ports and trunk lines are limited (`IVRConfig.ports`, `CenterConfig.lines`).
    public var hasPorts = false
    public var hasLines = false
    /// Attempts that heard a busy signal: all lines busy; all IVR ports busy.
    public var blocked = 0
    public var ivrBlocked = 0
    /// ∫ callers in the IVR dt over the window, and the most at once.
    public var ivrPortSeconds = 0.0
    public var ivrPortsBusyMax = 0
    /// Per IVR node and move: what measured callers did there (`IVRFlow`).
    public var ivrFlow = IVRFlow()
    public var enteredIVR = 0
    public var contained = 0
    public var ivrAbandoned = 0
    public var ivrDisconnected = 0
    /// IVR walks that reached the bound on node visits (`IVROutcome.stepLimit`).
    public var ivrStepLimit = 0
    public var transferred = 0
    /// IVR callers sent to a leaf of the wrong skill (mis-selection).
    public var ivrMisselected = 0
    public var totalIVRSeconds = 0.0
    public var unfinished = 0
    /// Waits of every call that entered the queue: answered (live or on a callback),
    /// abandoned (time in queue) or whose callbacks failed.
    public var waits = WaitHistogram()
    public var windowStartSeconds = 0.0
    public var windowEndSeconds = Double.nan
    public var busyAgentSeconds = 0.0
    public var staffedAgentSeconds = 0.0
    /// Agents take breaks (`AgentAbsence`): ∫ agents away dt over the window.
    public var hasAbsences = false
    public var agentsAwaySeconds = 0.0
    /// ∫ (number of calls waiting) dt over the window.
    public var queueLengthIntegral = 0.0
    public var serviceLevelTargetSeconds = 0.0
    /// The run stopped at its simulated-time bound before every call finished.
    public var truncated = false
    /// The measured calls the horizon asks for (`Horizon.calls`); nil for a time window.
    public var requestedCalls: Int?
    /// Day plans: the figures of each period, calls counted in the period they arrived.
    public var periods: [PeriodCounters] = []
    public var periodSeconds = 0.0
    /// Day plans: the day's busyness factor B and its law's variance 1/shape (1 and 0
    /// without busyness).
    public var busyness = 1.0
    public var busynessVariance = 0.0
    /// Day plans: clock labels of the periods ("08:00", …).
    public var periodLabels: [String] = []
    /// Misrouted calls the wrong group handed on to the right skill (agent-to-agent
    /// transfers), and Σ of their second waits; kept with an IVR and several groups.
    public var hasAgentTransfers = false
    public var agentTransfers = 0
    /// Handed-on callers who hung up during their second wait (they count as answered).
    public var transferAbandoned = 0
    public var totalTransferWaitSeconds = 0.0
    /// Per call type (kept when there are several).
    public var byCallType: [CallTypeCounters] = []
    /// Per agent group (kept when there are several).
    public var byGroup: [GroupCounters] = []

    public init() {}

    public var offered: Int { queue.offered }
    public var enteredQueue: Int { queue.enteredQueue }
    public var answered: Int { queue.answered }
    public var answeredWithinTarget: Int { queue.answeredWithinTarget }
    public var abandoned: Int { queue.abandoned }
    public var balked: Int { queue.balked }
    public var delayed: Int { queue.delayed }
    public var callbacks: Int { queue.callbackRequests }
    public var callbackFailed: Int { queue.callbackFailed }
    public var totalWaitAnsweredSeconds: Double { queue.totalWaitAnsweredSeconds }

    /// Measured attempts that ended, by any outcome: with `unfinished`, offered + redials.
    public var endedCalls: Int {
        contained + ivrAbandoned + ivrDisconnected + ivrStepLimit + blocked + ivrBlocked + balked + answered + abandoned
            + callbackFailed
    }

    /// Every measured attempt ended exactly once, and none was left unfinished.
    public var isConserved: Bool { unfinished == 0 && offered + redials == endedCalls }

    /// The metrics of PRODUCT.md that apply to this model, by their stable names: the
    /// queue metrics of `QueueTally`, then (each numerator ÷ denominator)
    /// - IVR: `mean_ivr_seconds` Σ IVR time ÷ entered IVR; `ivr_abandon_rate`,
    ///   `ivr_containment`, `ivr_disconnect_rate`, `ivr_step_limit_rate`, `transfer_rate`,
    ///   `ivr_misselection_rate`: those outcomes ÷ entered IVR; `misroute_rate`:
    ///   agent-to-agent transfers ÷ answered; `ivr_ports_busy_mean`: ∫ callers in the IVR dt
    ///   ÷ window, `ivr_ports_busy_max` the most at once; `ivr_block_rate` (with ports):
    ///   blocked at the IVR ÷ (entered IVR + blocked there); per node and move the figures
    ///   of `IVRFlow.fractions`, not listed (`ivr.<node>.calls_mean`: Σ seconds measured
    ///   callers spent there ÷ window; over all nodes Σ IVR time ÷ window, which differs from
    ///   `ivr_ports_busy_mean` only by the stays that straddle the window's ends);
    /// - `block_rate` (with lines): blocked at the lines ÷ (offered + redials);
    /// - `occupancy`: busy ÷ staffed agent time (agents away count as staffed);
    ///   `agents_away_mean` (with absences): ∫ agents away dt ÷ window; `mean_queue_length`:
    ///   ∫ waiting dt ÷ window;
    /// - `wait_p50/p90/p99_seconds`: quantiles of `waits` (÷ 1: over replications, the
    ///   mean of each day's quantile);
    /// - counts `redials`, `callbacks`, `agent_transfers`, `unfinished`; `callback_success_rate`:
    ///   reached ÷ (reached + failed); `callback_delay_seconds`: Σ (reached − requested) ÷
    ///   reached; `transfer_wait_seconds`: Σ second waits (answered or hung up) ÷ agent
    ///   transfers; `transfer_abandon_rate`: hung up on the second wait ÷ agent transfers;
    /// - per call type `<type>.<metric>` (`CallTypeCounters.metricNames`), per group
    ///   `<group>.occupancy`.
    /// Each metric of this replication as a `Fraction` (a count or a wait quantile ÷ 1;
    /// an undefined quantile 0 ÷ 0), the form replications are combined in.
    public var fractions: [String: Fraction] {
        let window = windowEndSeconds - windowStartSeconds
        var out = queue.fractions
        if hasIVR {
            let entered = Double(enteredIVR)
            out["mean_ivr_seconds"] = Fraction(totalIVRSeconds, entered)
            out["ivr_abandon_rate"] = Fraction(Double(ivrAbandoned), entered)
            out["ivr_containment"] = Fraction(Double(contained), entered)
            out["ivr_disconnect_rate"] = Fraction(Double(ivrDisconnected), entered)
            // Listed by `VariantSummary` only when some walk reached the bound.
            out["ivr_step_limit_rate"] = Fraction(Double(ivrStepLimit), entered)
            out["transfer_rate"] = Fraction(Double(transferred), entered)
            out["ivr_misselection_rate"] = Fraction(Double(ivrMisselected), entered)
            out["misroute_rate"] = Fraction(Double(agentTransfers), Double(answered))
            out["ivr_ports_busy_mean"] = Fraction(ivrPortSeconds, max(window, 0))
            out["ivr_ports_busy_max"] = Fraction(Double(ivrPortsBusyMax), 1)
            if hasPorts { out["ivr_block_rate"] = Fraction(Double(ivrBlocked), Double(enteredIVR + ivrBlocked)) }
            out.merge(ivrFlow.fractions(entered: entered, window: max(window, 0))) { first, _ in first }
        }
        if hasLines { out["block_rate"] = Fraction(Double(blocked), Double(offered + redials)) }
        if hasRedials { out["redials"] = Fraction(Double(redials), 1) }
        if hasAgentTransfers {
            out["agent_transfers"] = Fraction(Double(agentTransfers), 1)
            out["transfer_wait_seconds"] = Fraction(totalTransferWaitSeconds, Double(agentTransfers))
            out["transfer_abandon_rate"] = Fraction(Double(transferAbandoned), Double(agentTransfers))
        }
        for type in byCallType {
            for name in CallTypeCounters.metricNames { out[Self.qualified(type.name, name)] = type.queue.fraction(name)! }
        }
        for group in byGroup {
            out[Self.qualified(group.name, "occupancy")] = Fraction(group.busyAgentSeconds, group.staffedAgentSeconds)
        }
        if hasCallbacks {
            out["callbacks"] = Fraction(Double(callbacks), 1)
            out["callback_success_rate"] = Fraction(Double(calledBack), Double(calledBack + callbackFailed))
            out["callback_delay_seconds"] = Fraction(totalCallbackDelaySeconds, Double(calledBack))
        }
        out["wait_p50_seconds"] = Fraction(quantity: waits.quantile(0.5))
        out["wait_p90_seconds"] = Fraction(quantity: waits.quantile(0.9))
        out["wait_p99_seconds"] = Fraction(quantity: waits.quantile(0.99))
        out["occupancy"] = Fraction(busyAgentSeconds, staffedAgentSeconds)
        if hasAbsences { out["agents_away_mean"] = Fraction(agentsAwaySeconds, max(window, 0)) }
        out["mean_queue_length"] = Fraction(queueLengthIntegral, max(window, 0))
        // Calls still in the center when the run ended (nobody left to serve them, or the
        // simulated-time bound); listed by `VariantSummary` only when there are any.
        out["unfinished"] = Fraction(Double(unfinished), 1)
        return out
    }

    /// `fractions` divided out: each metric's value in this replication (NaN over an empty
    /// population).
    public var metrics: [String: Double] { fractions.mapValues(\.value) }

    /// Metrics that say something went wrong, in `metrics` always but listed in reports
    /// and comparisons only when some replication has them nonzero (`ReplicationRecord.hasNonzero`).
    public static let conditionalMetricNames = ["ivr_step_limit_rate", "unfinished"]

    /// Metric names in report order (IVR metrics only for centers with an IVR).
    public static let metricNames = ivrMetricNames + queueMetricNames
    public static let ivrMetricNames = [
        "mean_ivr_seconds", "ivr_abandon_rate", "ivr_containment", "ivr_disconnect_rate", "transfer_rate",
        "ivr_misselection_rate", "misroute_rate", "ivr_ports_busy_mean", "ivr_ports_busy_max", "ivr_block_rate",
    ]
    public static let queueMetricNames = ["block_rate"] + QueueTally.metricNames + [
        "wait_p50_seconds", "wait_p90_seconds", "wait_p99_seconds", "occupancy", "agents_away_mean", "mean_queue_length", "redials", "callbacks",
        "callback_success_rate", "callback_delay_seconds", "agent_transfers", "transfer_wait_seconds", "transfer_abandon_rate",
    ]

    /// Every metric name of this run in report order: the standard ones that apply, then
    /// per call type (`vip.service_level`, …) and per group (`senior.occupancy`).
    public var orderedMetricNames: [String] {
        let m = metrics
        return Self.metricNames.filter { m[$0] != nil }
            + Self.breakdownMetricNames(callTypes: byCallType.map(\.name), groups: byGroup.map(\.name))
    }

    /// A per-call-type or per-group metric's name: `vip.service_level`, `senior.occupancy`.
    static func qualified(_ owner: String, _ metric: String) -> String { owner + "." + metric }

    /// The per-call-type and per-group metric names, in report order (pass no call types
    /// or groups when there is only one: those figures are the totals).
    public static func breakdownMetricNames(callTypes: [String], groups: [String]) -> [String] {
        callTypes.flatMap { t in CallTypeCounters.metricNames.map { qualified(t, $0) } } + groups.map { qualified($0, "occupancy") }
    }
}

/// One call type's figures (definitions in `QueueTally`).
public struct CallTypeCounters: Sendable, Equatable {
    public var name: String
    public var queue = QueueTally()

    public init(name: String) { self.name = name }

    /// The per-call-type metrics listed in reports (`<type>.<metric>`).
    public static let metricNames = ["offered", "service_level", "asa_seconds", "mean_wait_seconds", "abandon_rate", "balk_rate"]
}

/// One agent group's time: busy (serving, wrapping up, dialling) and scheduled.
public struct GroupCounters: Sendable, Equatable {
    public var name: String
    public var busyAgentSeconds = 0.0
    public var staffedAgentSeconds = 0.0

    public init(name: String) { self.name = name }
}

/// One period of a day: calls counted in the period they arrived (definitions in
/// `QueueTally`); agent time within the period.
public struct PeriodCounters: Sendable, Equatable {
    /// Scheduled agents (fractional staffing: 7.4).
    public var agents: Double
    public var queue = QueueTally()
    public var busyAgentSeconds = 0.0
    /// With an IVR: ∫ callers in the IVR dt within the period, and the most at once.
    public var hasIVR = false
    public var ivrPortSeconds = 0.0
    public var ivrPortsBusyMax = 0

    public init(agents: Double, hasIVR: Bool = false) {
        self.agents = agents
        self.hasIVR = hasIVR
    }

    /// Calls of the period that entered the queue and had not ended when the day did
    /// (e.g. a last period without agents and callers without patience).
    public var unfinished: Int { queue.unfinished }

    /// offered, answered, abandoned, unfinished (counts), service_level, asa_seconds,
    /// abandon_rate, mean_wait_seconds, p_wait (as `QueueTally`), occupancy (busy ÷
    /// scheduled agent time of the period) and agents, as fractions (counts ÷ 1); with an IVR `ivr_ports_busy_mean`
    /// (∫ callers in the IVR dt ÷ the period) and `ivr_ports_busy_max` (÷ 1). Unlike the
    /// call counts (by the period a call arrived in), these are the period's own time.
    public func fractions(periodSeconds: Double) -> [String: Fraction] {
        var out = [
            "offered": Fraction(Double(queue.offered), 1), "answered": Fraction(Double(queue.answered), 1),
            "abandoned": Fraction(Double(queue.abandoned), 1), "unfinished": Fraction(Double(unfinished), 1),
            "service_level": queue.fraction("service_level")!, "asa_seconds": queue.fraction("asa_seconds")!,
            "abandon_rate": queue.fraction("abandon_rate")!,
            "mean_wait_seconds": queue.fraction("mean_wait_seconds")!, "p_wait": queue.fraction("p_wait")!,
            "occupancy": Fraction(busyAgentSeconds, agents * periodSeconds),
            "agents": Fraction(agents, 1),
        ]
        if hasIVR {
            out["ivr_ports_busy_mean"] = Fraction(ivrPortSeconds, periodSeconds)
            out["ivr_ports_busy_max"] = Fraction(Double(ivrPortsBusyMax), 1)
        }
        return out
    }

    /// This period's metric names in report order (`metricNames`, then the IVR's).
    public var metricNames: [String] { Self.metricNames(withIVR: hasIVR) }

    public static func metricNames(withIVR: Bool) -> [String] { withIVR ? metricNames + ivrMetricNames : metricNames }
    public static let ivrMetricNames = ["ivr_ports_busy_mean", "ivr_ports_busy_max"]

    public func metrics(periodSeconds: Double) -> [String: Double] { fractions(periodSeconds: periodSeconds).mapValues(\.value) }

    public static let metricNames = ["offered", "answered", "abandoned", "service_level", "asa_seconds", "abandon_rate",
                                     "mean_wait_seconds", "p_wait", "occupancy", "agents", "unfinished"]
}
