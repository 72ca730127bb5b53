import Measures

/// What one replication counted over the calls that arrived in the measurement window.
/// Every measured arrival ends in exactly one of: contained, IVR-abandoned, disconnected,
/// IVR step limit (IVR outcomes), balked, answered, abandoned (or, only when the run hit
/// its time bound or nobody was left to serve, unfinished) — conservation: `offered +
/// redials = contained + ivrAbandoned + ivrDisconnected + ivrStepLimit + balked + answered
/// + abandoned + calledBack + callbackFailed + unfinished` (a redial is one more attempt of a caller who abandoned, and ends in one more
/// outcome; a caller who took a callback ends called back or given up).
public struct CenterCounters: Sendable, Equatable {
    public var offered = 0
    /// Attempts by callers who abandoned and called again (not counted in `offered`).
    public var redials = 0
    public var hasRedials = false
    /// Callbacks accepted; of them, reached (then served) and given up after the last attempt.
    public var callbacks = 0
    public var calledBack = 0
    public var callbackFailed = 0
    /// Σ (time the callback reached the customer − time he asked for it).
    public var totalCallbackDelaySeconds = 0.0
    public var hasCallbacks = false
    /// Calls that reached the agent queue (answered at once or after waiting, or abandoned).
    public var enteredQueue = 0
    public var hasIVR = false
    public var enteredIVR = 0
    public var contained = 0
    public var ivrAbandoned = 0
    public var ivrDisconnected = 0
    /// IVR walks that reached the bound on node visits (`IVROutcome.stepLimit`).
    public var ivrStepLimit = 0
    public var transferred = 0
    public var totalIVRSeconds = 0.0
    /// Answered calls that the IVR had sent to the wrong skill (the agent transferred them).
    public var misroutedAnswered = 0
    public var answered = 0
    public var abandoned = 0
    public var balked = 0
    public var unfinished = 0
    /// Calls that found every agent busy (and did not balk): they waited > 0.
    public var delayed = 0
    public var answeredWithinTarget = 0
    public var totalWaitAnsweredSeconds = 0.0
    public var totalWaitAbandonedSeconds = 0.0
    /// Waits of every call that entered the queue (abandoners: their time in queue).
    public var waits = WaitHistogram()
    public var windowStartSeconds = 0.0
    public var windowEndSeconds = Double.nan
    public var busyAgentSeconds = 0.0
    public var staffedAgentSeconds = 0.0
    /// ∫ (number of calls waiting) dt over the window.
    public var queueLengthIntegral = 0.0
    public var serviceLevelTargetSeconds = 0.0
    /// The run stopped at its simulated-time bound before every call finished.
    public var truncated = false
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
    public var totalTransferWaitSeconds = 0.0
    /// Per call type (kept when there are several).
    public var byCallType: [CallTypeCounters] = []
    /// Per agent group (kept when there are several).
    public var byGroup: [GroupCounters] = []

    public init() {}

    /// The metrics of PRODUCT.md that apply to this model, by their stable names.
    /// Ratios over an empty population are NaN.
    public var metrics: [String: Double] {
        func ratio(_ a: Double, _ b: Double) -> Double { b > 0 ? a / b : .nan }
        let entered = Double(enteredQueue)
        let window = windowEndSeconds - windowStartSeconds
        var ivr: [String: Double] = [:]
        if hasIVR {
            let entered = Double(enteredIVR)
            ivr = [
                "mean_ivr_seconds": ratio(totalIVRSeconds, entered),
                "ivr_abandon_rate": ratio(Double(ivrAbandoned), entered),
                "ivr_containment": ratio(Double(contained), entered),
                "ivr_disconnect_rate": ratio(Double(ivrDisconnected), entered),
                // Listed by `VariantSummary` only when some walk reached the bound.
                "ivr_step_limit_rate": ratio(Double(ivrStepLimit), entered),
                "transfer_rate": ratio(Double(transferred), entered),
                "misroute_rate": ratio(Double(misroutedAnswered), Double(answered)),
            ]
        }
        if hasRedials { ivr["redials"] = Double(redials) }
        if hasAgentTransfers {
            ivr["agent_transfers"] = Double(agentTransfers)
            ivr["transfer_wait_seconds"] = ratio(totalTransferWaitSeconds, Double(agentTransfers))
        }
        for type in byCallType {
            for (name, value) in type.metrics(targetSeconds: serviceLevelTargetSeconds) { ivr[Self.qualified(type.name, name)] = value }
        }
        for group in byGroup {
            ivr[Self.qualified(group.name, "occupancy")] = ratio(group.busyAgentSeconds, group.staffedAgentSeconds)
        }
        if hasCallbacks {
            ivr["callbacks"] = Double(callbacks)
            ivr["callback_success_rate"] = ratio(Double(calledBack), Double(calledBack + callbackFailed))
            ivr["callback_delay_seconds"] = ratio(totalCallbackDelaySeconds, Double(calledBack))
        }
        return ivr.merging([
            "offered": Double(offered),
            "service_level": ratio(Double(answeredWithinTarget), entered),
            "service_level_answered": ratio(Double(answeredWithinTarget), Double(answered)),
            "p_wait": ratio(Double(delayed), entered),
            "asa_seconds": ratio(totalWaitAnsweredSeconds, Double(answered)),
            "mean_wait_seconds": ratio(totalWaitAnsweredSeconds + totalWaitAbandonedSeconds, entered),
            "abandon_rate": ratio(Double(abandoned), entered),
            "balk_rate": ratio(Double(balked), Double(enteredQueue + balked)),
            "wait_p50_seconds": waits.quantile(0.5),
            "wait_p90_seconds": waits.quantile(0.9),
            "wait_p99_seconds": waits.quantile(0.99),
            "occupancy": ratio(busyAgentSeconds, staffedAgentSeconds),
            "mean_queue_length": window > 0 ? queueLengthIntegral / window : .nan,
            // Calls still in the center when the run ended (nobody left to serve them, or the
            // simulated-time bound); listed by `VariantSummary` only when there are any.
            "unfinished": Double(unfinished),
        ]) { a, _ in a }
    }

    /// Metrics that say something went wrong, in `metrics` always but listed in reports
    /// and comparisons only when some replication has them nonzero.
    public static let conditionalMetricNames = ["ivr_step_limit_rate", "unfinished"]

    /// Whether this replication has the conditional metric `name` nonzero.
    public func hasNonzero(_ name: String) -> Bool {
        switch name {
        case "unfinished": unfinished > 0
        case "ivr_step_limit_rate": ivrStepLimit > 0
        default: true
        }
    }

    /// Metric names in report order (IVR metrics only for centers with an IVR).
    public static let metricNames = ivrMetricNames + queueMetricNames
    public static let ivrMetricNames = [
        "mean_ivr_seconds", "ivr_abandon_rate", "ivr_containment", "ivr_disconnect_rate", "transfer_rate", "misroute_rate",
    ]
    public static let queueMetricNames = [
        "offered", "service_level", "service_level_answered", "p_wait", "asa_seconds",
        "mean_wait_seconds", "abandon_rate", "balk_rate", "wait_p50_seconds", "wait_p90_seconds",
        "wait_p99_seconds", "occupancy", "mean_queue_length", "redials", "callbacks", "callback_success_rate",
        "callback_delay_seconds", "agent_transfers", "transfer_wait_seconds",
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

/// One call type's figures (calls counted as in `CenterCounters`).
public struct CallTypeCounters: Sendable, Equatable {
    public var name: String
    public var offered = 0
    public var enteredQueue = 0
    public var balked = 0
    public var answered = 0
    public var answeredWithinTarget = 0
    public var abandoned = 0
    public var totalWaitAnsweredSeconds = 0.0
    public var totalWaitAbandonedSeconds = 0.0

    public init(name: String) { self.name = name }

    mutating func answered(after wait: Double, target: Double) {
        answered += 1
        if wait <= target { answeredWithinTarget += 1 }
        totalWaitAnsweredSeconds += wait
    }

    /// offered, service_level, asa_seconds, mean_wait_seconds, abandon_rate, balk_rate
    /// (definitions as for the whole center).
    public func metrics(targetSeconds: Double) -> [String: Double] {
        func ratio(_ a: Double, _ b: Double) -> Double { b > 0 ? a / b : .nan }
        let entered = Double(enteredQueue)
        return [
            "offered": Double(offered),
            "service_level": ratio(Double(answeredWithinTarget), entered),
            "asa_seconds": ratio(totalWaitAnsweredSeconds, Double(answered)),
            "mean_wait_seconds": ratio(totalWaitAnsweredSeconds + totalWaitAbandonedSeconds, entered),
            "abandon_rate": ratio(Double(abandoned), entered),
            "balk_rate": ratio(Double(balked), Double(enteredQueue + balked)),
        ]
    }

    public static let metricNames = ["offered", "service_level", "asa_seconds", "mean_wait_seconds", "abandon_rate", "balk_rate"]
}

/// One agent group's time: busy (serving, wrapping up, dialling) and scheduled.
public struct GroupCounters: Sendable, Equatable {
    public var name: String
    public var busyAgentSeconds = 0.0
    public var staffedAgentSeconds = 0.0

    public init(name: String) { self.name = name }
}

/// One period of a day: calls counted in the period they arrived; agent time within it.
public struct PeriodCounters: Sendable, Equatable {
    public var agents: Int
    public var offered = 0
    public var enteredQueue = 0
    public var balked = 0
    public var answered = 0
    public var answeredWithinTarget = 0
    public var abandoned = 0
    public var totalWaitAnsweredSeconds = 0.0
    public var busyAgentSeconds = 0.0

    public init(agents: Int) { self.agents = agents }

    mutating func answered(after wait: Double, target: Double) {
        answered += 1
        if wait <= target { answeredWithinTarget += 1 }
        totalWaitAnsweredSeconds += wait
    }

    /// Calls of the period that entered the queue and were neither answered nor abandoned
    /// when the day ended (e.g. a last period without agents and callers without patience).
    public var unfinished: Int { enteredQueue - answered - abandoned }

    /// offered, answered, abandoned, unfinished (counts), service_level, asa_seconds,
    /// abandon_rate, occupancy (busy ÷ scheduled agent time of the period) and agents.
    public func metrics(periodSeconds: Double) -> [String: Double] {
        func ratio(_ a: Double, _ b: Double) -> Double { b > 0 ? a / b : .nan }
        return [
            "offered": Double(offered), "answered": Double(answered), "abandoned": Double(abandoned),
            "unfinished": Double(unfinished),
            "service_level": ratio(Double(answeredWithinTarget), Double(enteredQueue)),
            "asa_seconds": ratio(totalWaitAnsweredSeconds, Double(answered)),
            "abandon_rate": ratio(Double(abandoned), Double(enteredQueue)),
            "occupancy": ratio(busyAgentSeconds, Double(agents) * periodSeconds),
            "agents": Double(agents),
        ]
    }

    public static let metricNames = ["offered", "answered", "abandoned", "service_level", "asa_seconds", "abandon_rate",
                                     "occupancy", "agents", "unfinished"]
}
