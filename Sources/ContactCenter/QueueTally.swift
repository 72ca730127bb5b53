import Measures

/// What happened at the agent queue to the calls of one view — the whole center, one call
/// type, or one period of a day (calls counted in the period they arrived) — and every
/// queue metric's definition, once (`PRODUCT.md`, "Metric names"). The `Recorder` fills
/// one tally per view with the same events, so the views differ only by their key.
///
/// A call *enters the queue* when it reaches the agents and does not balk: answered at
/// once, waiting, or accepting a callback. A callback's wait runs from his entry until
/// the callback reaches him (then he counts as answered) or the last attempt fails.
/// Every call that entered ends answered, abandoned, callback failed or (only when the
/// run ended first) unfinished.
public struct QueueTally: Sendable, Equatable {
    /// Arrivals (first attempts; redials are counted by the center apart).
    public var offered = 0
    /// Attempts (first or redial) that heard every agent busy and hung up before waiting.
    public var balked = 0
    public var enteredQueue = 0
    /// Entered calls that waited > 0 (callback requests included).
    public var delayed = 0
    /// Answered by an agent, live or on a callback, and of them within the target time.
    public var answered = 0
    public var answeredWithinTarget = 0
    public var abandoned = 0
    public var abandonedWithinTarget = 0
    /// Accepted callback offers, and of them those whose every attempt failed.
    public var callbackRequests = 0
    public var callbackFailed = 0
    /// Σ waits of answered calls, of abandoned calls, of failed callbacks (seconds).
    public var totalWaitAnsweredSeconds = 0.0
    public var totalWaitAbandonedSeconds = 0.0
    public var totalWaitCallbackFailedSeconds = 0.0

    public init() {}

    /// Calls that entered and had not ended when the run did.
    public var unfinished: Int { enteredQueue - answered - abandoned - callbackFailed }

    /// Counts an answer after `wait` seconds (within the target T when wait ≤ T). Public
    /// for tallies of observed calls (`ccsim backtest`): the same definitions.
    public mutating func answered(after wait: Double, target: Double) {
        answered += 1
        if wait <= target { answeredWithinTarget += 1 }
        totalWaitAnsweredSeconds += wait
    }

    public mutating func abandoned(after wait: Double, target: Double) {
        abandoned += 1
        if wait <= target { abandonedWithinTarget += 1 }
        totalWaitAbandonedSeconds += wait
    }

    mutating func callbackFailed(after wait: Double) {
        callbackFailed += 1
        totalWaitCallbackFailedSeconds += wait
    }

    /// A queue metric of this view as numerator ÷ denominator (a count is itself ÷ 1); the
    /// definitions are the catalogue's (`Metric.queueView`, `MetricCatalogue.swift`). The
    /// target T is applied when calls are counted (`answeredWithinTarget`).
    public func fraction(_ name: String) -> Fraction? { Metric.byName[name]?.value(self) }

    /// Every queue metric by name as its `fraction`.
    public var fractions: [String: Fraction] {
        Dictionary(uniqueKeysWithValues: Metric.queueView.map { ($0.name, $0.value(self)!) })
    }

    /// The queue metrics by name: each `fraction` divided out (NaN over an empty denominator).
    public var metrics: [String: Double] { fractions.mapValues(\.value) }

    /// The names of `metrics`, in report order.
    public static let metricNames = Metric.queueView.map(\.name)

    /// Two views' calls together (e.g. the periods of one day): every count and sum added.
    public static func + (a: QueueTally, b: QueueTally) -> QueueTally {
        var t = a
        t.offered += b.offered
        t.balked += b.balked
        t.enteredQueue += b.enteredQueue
        t.delayed += b.delayed
        t.answered += b.answered
        t.answeredWithinTarget += b.answeredWithinTarget
        t.abandoned += b.abandoned
        t.abandonedWithinTarget += b.abandonedWithinTarget
        t.callbackRequests += b.callbackRequests
        t.callbackFailed += b.callbackFailed
        t.totalWaitAnsweredSeconds += b.totalWaitAnsweredSeconds
        t.totalWaitAbandonedSeconds += b.totalWaitAbandonedSeconds
        t.totalWaitCallbackFailedSeconds += b.totalWaitCallbackFailedSeconds
        return t
    }
}
