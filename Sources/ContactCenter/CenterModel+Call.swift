extension CenterModel {
    /// A call in the IVR, in a queue, in a first (wrong) service leg, or waiting to redial
    /// or to be called back.
    struct Call {
        var queueEntryTime: Double
        /// The handling time the call needs (its intent's or its type's law).
        var serviceSeconds: Double
        /// The uniform behind `serviceSeconds`, for a group's own handling law (inversion).
        var handlingQuantile: Double
        /// The uniform for the answering group's after-call work (inversion).
        var afterCallWorkQuantile = 0.5
        /// Its arrival period's handling-time factor (`CallType.serviceFactorByPeriod`),
        /// already in `serviceSeconds`; a group's own law is scaled by it too.
        var serviceFactor = 1.0
        /// k: the call is the k-th arrival of its type (its block in `RandomAccessCallerBlocks`).
        var caller = 0
        /// The callback attempt on which the customer is reached (drawn on accepting).
        var callbackReachAttempt: Int32?
        /// The customer's contact in another channel (`ChannelSwitch`): it neither redials
        /// nor moves again. (Declared here and `intent` after `ivrOutcome`, they fill the
        /// layout's padding: the call stays 144 bytes, as the hot path copies it.)
        var moved = false
        /// A chat whose customer left silently (`SilentAbandonment`): still queued as the
        /// center sees it, counted abandoned already and no longer `measured` (so taking it
        /// counts no answer); `goneMeasured`: it was measured. An agent takes it for the timeout.
        var gone = false
        var goneMeasured = false
        /// Time the wrong agent spends on a misrouted call before he handles or transfers it.
        var misrouteSeconds = 0.0
        var patienceSeconds: Double
        var balks: Bool
        var measured: Bool
        var misrouted: Bool
        /// It holds a trunk line (`CenterConfig.lines`) until it ends or is served.
        var holdsLine = false
        /// It enters through the IVR (a first attempt, or the redial of a blocked one);
        /// a redial after abandoning goes straight to the queue.
        var throughIVR = false
        var ivrOutcome: IVROutcome
        /// The caller's intent (-1: none), carried when he moves to another channel.
        var intent: Int16 = -1
        var ivrSeconds: Double
        /// The period the call arrived in (day plans; 0 otherwise).
        var period: Int32 = 0
        var callType: Int32 = 0
        /// The skill the call needs and the one it is routed to (they differ after a misroute).
        var needSkill: Int32 = 0
        var routedSkill: Int32 = 0
        /// The queue class of (call type, routed skill), kept with the call so the hot path
        /// never looks it up (`RoutingTables.queueClass(callType:skill:)` when it is set).
        var queueClass: Int32 = 0
        /// Index into its class's overflow delays of the next overflow step.
        var overflowLevel: Int32 = 0
        /// The group and agent that answered the misrouted call's first leg.
        var firstLegGroup: Int32 = 0
        var firstLegAgent: Int32 = 0
        /// Tolerance of an announced wait (infinite: no announcement).
        var toleranceSeconds = Double.infinity
        /// Callback attempts made so far.
        var callbackAttempts: Int32 = 0
        /// Redials made so far (bounded by the call type's `redialMaxAttempts`).
        var redials: Int32 = 0
        /// Its `CallRecord` in `callRecords` (when calls are recorded).
        var record = 0
    }
}
