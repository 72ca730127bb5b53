/// One attempt of a call from its arrival (or redial) to its end, kept only when a trace is
/// asked for (`CenterModel.simulateRecordingCalls`, `ccsim run --trace`). Its columns are
/// the layout of a switch's call log, which the calibration reads back. Times are seconds
/// from the start of the replication; nil: the step did not happen.
public struct CallRecord: Sendable, Equatable {
    /// How the attempt ended.
    public enum Outcome: String, Sendable, CaseIterable {
        case contained, balked, answered, abandoned, unfinished
        case ivrAbandoned = "ivr_abandoned"
        case ivrDisconnected = "ivr_disconnected"
        case ivrStepLimit = "ivr_step_limit"
        /// Answered by an agent on a callback (after accepting the offer).
        case calledBack = "called_back"
        /// Every callback attempt failed.
        case callbackFailed = "callback_failed"
        /// A busy signal: every trunk line, or every IVR port, was busy.
        case blocked
        case ivrBlocked = "ivr_blocked"
        /// The customer accepted another channel (his contact there is the next attempt).
        case switchedChannel = "switched_channel"
    }

    /// The call: its arrival number in the replication (0, 1, …), the same for its redials.
    public var call: Int
    /// 0 for the first attempt, then 1, 2, … for redials.
    public var attempt: Int
    public var callType: Int
    /// The caller's intent (index into the scenario's intents), when intents exist.
    public var intent: Int?
    /// Counted in the results (arrived in the measurement window).
    public var measured: Bool
    public var arrivalSeconds: Double
    public var ivrExitSeconds: Double?
    public var ivrOutcome: IVROutcome?
    /// When the call reached the agents (answered at once, waited, balked, took a callback).
    public var queueEntrySeconds: Double?
    /// The skill (index into `CenterConfig.skillNames`) it reached the agents on: the IVR
    /// leaf's (a misrouted call's wrong one), else its type's or intent's.
    public var skill: Int?
    /// When an agent first took it (live), or the callback reached the customer.
    public var answerSeconds: Double?
    /// When it left the queue unanswered: abandoned, or the last callback attempt failed.
    public var abandonSeconds: Double?
    /// The group and agent (number within the group) who served the call to its end: after
    /// a hand-on, the agent of the right skill.
    public var group: Int?
    public var agent: Int?
    public var serviceStartSeconds: Double?
    public var serviceEndSeconds: Double?
    /// End of the agent's after-call work (= service end without after-call work).
    public var wrapUpEndSeconds: Double?
    /// When the wrong agent handed a misrouted call on (agent-to-agent transfer).
    public var handedOnSeconds: Double?
    /// The group of the wrong agent who handed it on.
    public var handedOnByGroup: Int?
    public var callbackAttempts = 0
    public var outcome = Outcome.unfinished

    public init(call: Int, attempt: Int, callType: Int, intent: Int?, measured: Bool, arrivalSeconds: Double) {
        self.call = call
        self.attempt = attempt
        self.callType = callType
        self.intent = intent
        self.measured = measured
        self.arrivalSeconds = arrivalSeconds
    }
}
