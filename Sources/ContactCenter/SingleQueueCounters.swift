import Measures

/// What one replication counted over the calls that arrived in the measurement window.
/// Every measured arrival ends in exactly one of: answered, abandoned, balked (or, only
/// when the run hit its time bound, unfinished): `offered = answered + abandoned + balked
/// + unfinished` (conservation).
public struct SingleQueueCounters: Sendable, Equatable {
    public var offered = 0
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

    public init() {}

    /// Calls that entered the agent queue (served at once or after waiting).
    public var enteredQueue: Int { offered - balked }

    /// The metrics of PRODUCT.md that apply to this model, by their stable names.
    /// Ratios over an empty population are NaN.
    public var metrics: [String: Double] {
        func ratio(_ a: Double, _ b: Double) -> Double { b > 0 ? a / b : .nan }
        let entered = Double(enteredQueue)
        let window = windowEndSeconds - windowStartSeconds
        return [
            "offered": Double(offered),
            "service_level": ratio(Double(answeredWithinTarget), entered),
            "service_level_answered": ratio(Double(answeredWithinTarget), Double(answered)),
            "p_wait": ratio(Double(delayed), entered),
            "asa_seconds": ratio(totalWaitAnsweredSeconds, Double(answered)),
            "mean_wait_seconds": ratio(totalWaitAnsweredSeconds + totalWaitAbandonedSeconds, entered),
            "abandon_rate": ratio(Double(abandoned), entered),
            "balk_rate": ratio(Double(balked), Double(offered)),
            "wait_p50_seconds": waits.quantile(0.5),
            "wait_p90_seconds": waits.quantile(0.9),
            "wait_p99_seconds": waits.quantile(0.99),
            "occupancy": ratio(busyAgentSeconds, staffedAgentSeconds),
            "mean_queue_length": window > 0 ? queueLengthIntegral / window : .nan,
        ]
    }

    /// Metric names in report order.
    public static let metricNames = [
        "offered", "service_level", "service_level_answered", "p_wait", "asa_seconds",
        "mean_wait_seconds", "abandon_rate", "balk_rate", "wait_p50_seconds", "wait_p90_seconds",
        "wait_p99_seconds", "occupancy", "mean_queue_length",
    ]
}
