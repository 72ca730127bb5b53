/// Turns what happens to calls into `CenterCounters`: the model reports events (arrived,
/// left the IVR, entered the queue, balked, answered after w s, abandoned, asked for a
/// callback, called back, callback failed, redialled, handed on by an agent) and the
/// recorder owns every count. Each queue event updates the `QueueTally` of every view the
/// call belongs to (the center, its call type, the period it arrived in) with the same
/// code, so a metric has one definition whatever the view (and its channel, when there are several).
///
/// The filter: a call is measured when it arrives while the window is open (warm-up and
/// closing are the model's `openWindow` / `closeArrivals`); events of unmeasured calls
/// are ignored here, never in the model.
struct Recorder {
    var counters = CenterCounters()
    var isWindowOpen = false
    let targetSeconds: Double
    /// Per call type its own target (empty: every type has `targetSeconds`).
    let targetByType: ContiguousArray<Double>
    let byCallType: Bool
    let byPeriod: Bool
    /// Per call type, its channel's index in `counters.byChannel` (empty: one channel).
    let channelOfType: ContiguousArray<Int32>
    /// Per call type, its due time when it is deferred work, else -1 (empty: none is).
    let deferredDue: ContiguousArray<Double>
    /// Flags read on every event (kept beside the arrays: no load through them when unused).
    let hasDeferred: Bool
    let hasOwnTargets: Bool
    let byChannel: Bool

    init(targetSeconds: Double, targetByType: [Double] = [], byCallType: Bool, byPeriod: Bool, channelOfType: [Int32] = [],
         deferredDue: [Double] = []) {
        self.deferredDue = ContiguousArray(deferredDue)
        hasDeferred = !deferredDue.isEmpty
        hasOwnTargets = !targetByType.isEmpty
        byChannel = !channelOfType.isEmpty
        self.targetSeconds = targetSeconds
        self.targetByType = ContiguousArray(targetByType)
        self.byCallType = byCallType
        self.byPeriod = byPeriod
        self.channelOfType = ContiguousArray(channelOfType)
    }

    /// The call is deferred work (e-mail).
    @inline(__always)
    func isDeferred(_ call: CenterModel.Call) -> Bool { hasDeferred && deferredDue[Int(call.callType)] >= 0 }

    /// Applies `update` to the tally of every view of `call` (deferred work: its type's
    /// and channel's only).
    @inline(__always)
    private mutating func tally(_ call: CenterModel.Call, _ update: (inout QueueTally) -> Void) {
        if !isDeferred(call) {
            update(&counters.queue)
            if byPeriod { update(&counters.periods[Int(call.period)].queue) }
        }
        if byCallType { update(&counters.byCallType[Int(call.callType)].queue) }
        if byChannel {
            let channel = Int(channelOfType[Int(call.callType)])
            update(&counters.byChannel[channel].queue)
            if byPeriod { update(&counters.periods[Int(call.period)].byChannel[channel]) }
        }
    }

    /// A call arrives: it is measured when the window is open.
    @inline(__always)
    mutating func arrived(_ call: inout CenterModel.Call) {
        call.measured = isWindowOpen
        guard call.measured else { return }
        tally(call) { $0.offered += 1 }
        if isDeferred(call) { counters.deferred.offered += 1 }
    }

    /// The caller gets an IVR port: his walk's stays and moves go to the nodes (`IVRFlow`),
    /// its speech and bot events to the IVR's (`SpeechTally`).
    @inline(__always)
    mutating func enteredIVR(_ call: CenterModel.Call, visits: ContiguousArray<IVRVisit>, speech: SpeechTally) {
        guard call.measured else { return }
        counters.ivr.flow.record(visits, outcome: call.ivrOutcome)
        counters.ivr.speech.add(speech)
    }

    mutating func leftIVR(_ call: CenterModel.Call) {
        guard call.measured else { return }
        counters.ivr.entered += 1
        counters.ivr.totalSeconds += call.ivrSeconds
        switch call.ivrOutcome {
        case .contained: counters.ivr.contained += 1
        case .abandoned: counters.ivr.abandoned += 1
        case .disconnected: counters.ivr.disconnected += 1
        case .stepLimit: counters.ivr.stepLimit += 1
        case .switchedChannel: counters.ivr.switchedChannel += 1
        case .transferred(let misrouted):
            counters.ivr.transferred += 1
            if misrouted { counters.ivr.misselected += 1 }
        }
    }

    /// The call reaches the agents and stays (answered at once, waiting, or taking a
    /// callback); `delayed`: it did not get an agent at once.
    @inline(__always)
    mutating func enteredQueue(_ call: CenterModel.Call, delayed: Bool) {
        guard call.measured else { return }
        tally(call) {
            $0.enteredQueue += 1
            if delayed { $0.delayed += 1 }
        }
    }

    @inline(__always)
    mutating func balked(_ call: CenterModel.Call) {
        guard call.measured else { return }
        tally(call) { $0.balked += 1 }
    }

    /// An agent answers the call (live, first leg) after `wait` seconds in the queue.
    @inline(__always)
    mutating func answered(_ call: CenterModel.Call, waitSeconds wait: Double) {
        guard call.measured else { return }
        let target = target(of: call)
        tally(call) { $0.answered(after: wait, target: target) }
        if isDeferred(call) {
            counters.deferred.answered(ageSeconds: wait, dueSeconds: deferredDue[Int(call.callType)])
            return  // its hours stay out of the center's wait quantiles
        }
        counters.waits.add(wait)
    }

    @inline(__always)
    mutating func abandoned(_ call: CenterModel.Call, waitSeconds wait: Double) {
        guard call.measured else { return }
        let target = target(of: call)
        tally(call) { $0.abandoned(after: wait, target: target) }
        counters.waits.add(wait)
    }

    /// A customer of a chat type with silent abandonment abandons (`abandoned` counts it
    /// too), `silently` or not.
    mutating func chatAbandons(_ call: CenterModel.Call, silently: Bool) {
        guard call.measured else { return }
        counters.abandonedMaySilently += 1
        if silently { counters.silentAbandoned += 1 }
    }

    /// An agent takes a chat (answered, or left silently: not an answer).
    mutating func chatTaken(_ call: CenterModel.Call) {
        if call.measured || call.goneMeasured { counters.chatsTaken += 1 }
        if call.goneMeasured { counters.silentChatsTaken += 1 }
    }

    /// The service-level target T of the call's type (a chat's may differ from a call's).
    @inline(__always)
    func target(of call: CenterModel.Call) -> Double {
        hasOwnTargets ? targetByType[Int(call.callType)] : targetSeconds
    }

    /// A busy signal: every line (or, `atIVR`, every IVR port) was busy.
    mutating func blocked(_ call: CenterModel.Call, atIVR: Bool) {
        guard call.measured else { return }
        if atIVR { counters.ivr.blocked += 1 } else { counters.blocked += 1 }
    }

    /// The customer accepted the offer of another channel: his call ends here.
    mutating func switchedOnOffer(_ call: CenterModel.Call) {
        if call.measured { counters.switchedOnOffer += 1 }
    }

    /// A customer's contact in another channel (on the offer, or after abandoning): one
    /// more attempt, like a redial (not counted in `offered`).
    mutating func movedToChannel(_ call: CenterModel.Call) {
        if call.measured { counters.channelSwitchAttempts += 1 }
    }

    mutating func redialled(_ call: CenterModel.Call) {
        if call.measured { counters.redials += 1 }
    }

    mutating func callbackRequested(_ call: CenterModel.Call) {
        guard call.measured else { return }
        tally(call) { $0.callbackRequests += 1 }
    }

    /// A callback reaches the customer `wait` seconds after he entered the queue: he is
    /// answered then.
    mutating func calledBack(_ call: CenterModel.Call, waitSeconds wait: Double) {
        guard call.measured else { return }
        counters.calledBack += 1
        counters.totalCallbackDelaySeconds += wait
        answered(call, waitSeconds: wait)
    }

    /// The last callback attempt fails, `wait` seconds after the customer entered the queue.
    mutating func callbackFailed(_ call: CenterModel.Call, waitSeconds wait: Double) {
        guard call.measured else { return }
        tally(call) { $0.callbackFailed(after: wait) }
        counters.waits.add(wait)
    }

    /// The wrong agent hands a misrouted call on to its skill.
    mutating func handedOn(_ call: CenterModel.Call) {
        if call.measured { counters.agentTransfers += 1 }
    }

    /// A handed-on caller hangs up after a second wait of `wait` seconds.
    mutating func abandonedAfterHandOn(_ call: CenterModel.Call, waitSeconds wait: Double) {
        guard call.measured else { return }
        counters.transferAbandoned += 1
        counters.totalTransferWaitSeconds += wait
    }

    /// A handed-on call is answered by the right skill after a second wait of `wait` seconds.
    mutating func answeredAfterHandOn(_ call: CenterModel.Call, waitSeconds wait: Double) {
        if call.measured { counters.totalTransferWaitSeconds += wait }
    }
}
