import Measures
import SimKernel
import Stochastic

/// The agent queue: joining (answered at once, balking, a callback, or waiting), the
/// announced wait, callback requests, abandonment and redials (each reported to the `Recorder`).
extension CenterModel {
    /// The queue class of a call: call type × the skill it is routed to.
    @inline(__always)
    func queueClass(of call: Call) -> Int { Int(call.queueClass) }

    /// Keeps `call` in its slot (`existing`, from the IVR or a redial) or a new one.
    @inline(__always)
    mutating func store(_ call: Call, in existing: SlotHandle?) -> SlotHandle {
        guard let existing else { return calls.insert(call) }
        calls[existing] = call
        return existing
    }

    /// The class of a call of type i routed to skill s: every such pair a call can reach
    /// has one (`CenterConfig.reachableSkills`).
    func queueClass(callType i: Int32, skill s: Int32) -> Int32 {
        guard let c = routing.queueClass(callType: Int(i), skill: Int(s)) else {
            preconditionFailure("call type \(i) cannot be routed to skill \(s)")
        }
        return Int32(c)
    }

    /// A call reaches the agents: a free agent takes it at once, or it balks, takes a
    /// callback, or waits. `existing` is its slot when it has one (from the IVR, a redial).
    @inline(__always)
    mutating func joinQueue(_ call: Call, existing: SlotHandle?, calendar: inout EventCalendar<Event>) {
        let now = calendar.now
        let c = queueClass(of: call)
        let type = Int(call.callType)
        traceCall(call) {
            $0.queueEntrySeconds = now
            $0.skill = Int(call.routedSkill)
        }
        if let (group, agent) = freeAgent(forClass: c, at: now) {
            if let existing { calls.remove(existing) }
            recorder.enteredQueue(call, delayed: false)
            recorder.answered(call, waitSeconds: 0)
            traceCall(call) {
                $0.answerSeconds = now
                $0.outcome = .answered
            }
            startWork(call, group: group, agent: agent, calendar: &calendar)
            return
        }
        // Balking: at once with the call type's probability, or after hearing an expected
        // wait (place in line × mean handling time ÷ agents) above the caller's tolerance.
        if call.balks || (call.toleranceSeconds.isFinite && expectedWaitSeconds(queueClass: c, callType: type) > call.toleranceSeconds) {
            if let existing { calls.remove(existing) }
            if call.holdsLine { lines!.holders -= 1 }
            recorder.balked(call)
            traceCall(call) { $0.outcome = .balked }
            return
        }
        if hasChannelSwitch && takesChannelOffer(call, existing: existing, calendar: &calendar) { return }
        if let cb = draws[type].callback, expectedWaitSeconds(queueClass: c, callType: type) > cb.offerAboveSeconds {
            // Part j of the caller's callback block: j = his redials so far (0 at his first entry).
            let rng = callbackBlocks[type].generator(caller: call.caller, part: Int(call.redials))
            if rng.bernoulli(cb.acceptance) {
                var accepting = call
                releaseLine(&accepting)  // he hangs up; the callback holds no line
                accepting.callbackReachAttempt = cb.reachAttempt(uniform: rng.uniform())
                requestCallback(accepting, existing: existing, queueClass: c, policy: cb, calendar: &calendar)
                return
            }
        }
        recorder.enteredQueue(call, delayed: true)
        var waiting = call
        waiting.queueEntryTime = now  // from the IVR or a redial: waits from now
        waiting.overflowLevel = 0
        let handle = store(waiting, in: existing)
        classes[c].waiting.append(handle)
        classes[c].waitingCount += 1
        setWaitingCount(waitingCount + 1, at: now)
        if call.patienceSeconds.isFinite {
            calendar.schedule(.abandonment(handle), after: call.patienceSeconds)
        }
        let overflow = routing.overflowRange[c]
        if !overflow.isEmpty {
            calendar.schedule(.overflow(handle), at: now + routing.overflowDelays[overflow.lowerBound])
        }
    }

    /// The agent who takes a call of class c that joins now: an idle one (`freeGroup`,
    /// then counted busy), else for a chat one holding chats under his limit
    /// (`agentWithChatRoom`); nil: the call must wait.
    @inline(__always)
    mutating func freeAgent(forClass c: Int, at now: Double) -> (group: Int, agent: Int32)? {
        if let group = freeGroup(forClass: c) { return (group, claimIdleAgent(group, at: now)) }
        return hasChat ? agentWithChatRoom(forClass: c, at: now) : nil
    }

    /// The wait announced to a caller who joins class c now: his place in line × the
    /// type's mean handling time ÷ the agents on duty (not away) who may take the class at once (the
    /// usual "position × AHT ÷ agents" estimate; it ignores abandonment ahead of him and
    /// help from overflow groups).
    @inline(__always)
    func expectedWaitSeconds(queueClass c: Int, callType i: Int) -> Double {
        var agents = 0
        for k in routing.classGroupRange[c] {
            let eligibility = routing.classGroups[k]
            if eligibility.delaySeconds > 0 { break }
            agents += groups[Int(eligibility.group)].staffed - groups[Int(eligibility.group)].away
        }
        return Double(classes[c].waitingCount + 1) * meanServiceSeconds[i] / Double(max(agents, 1))
    }

    /// A caller accepts a callback: he has entered the queue (his wait runs until the
    /// callback reaches him or the last attempt fails); his request waits until it may be
    /// dialled.
    mutating func requestCallback(_ call: Call, existing: SlotHandle?, queueClass c: Int, policy: CallbackPolicy,
                                  calendar: inout EventCalendar<Event>) {
        let now = calendar.now
        var request = call
        request.queueEntryTime = now
        let handle = store(request, in: existing)
        recorder.enteredQueue(call, delayed: true)
        recorder.callbackRequested(call)
        if let campaign = policy.campaign {
            requestCampaignCallback(handle, campaign: campaign, delay: policy.delaySeconds, calendar: &calendar)
            return
        }
        classes[c].callbacks.schedule(handle, at: now + policy.delaySeconds)
        calendar.schedule(.callbackReady(queueClass: Int32(c)), after: policy.delaySeconds)
    }

    @inline(__always)
    mutating func abandon(_ handle: SlotHandle, calendar: inout EventCalendar<Event>) {
        let now = calendar.now
        guard calls.isCurrent(handle) else { return }  // answered meanwhile: stale
        if hasSilentAbandonment && leavesSilently(handle, at: now, calendar: &calendar) { return }
        var call = calls[handle]
        calls.remove(handle)
        releaseLine(&call)
        call.throughIVR = false  // his redial goes straight to the queue
        classes[queueClass(of: call)].waitingCount -= 1
        setWaitingCount(waitingCount - 1, at: now)
        if redial(call, calendar: &calendar) == nil && hasChannelSwitch { retriesInOtherChannel(call, calendar: &calendar) }
        recorder.abandoned(call, waitSeconds: now - call.queueEntryTime)
        traceCall(call) {
            $0.abandonSeconds = now
            $0.outcome = .abandoned
        }
    }

    /// A caller who has just abandoned (or heard a busy signal) calls again with his type's
    /// redial probability, while he has redials left, after its redial delay: both from
    /// part j = his redials so far of his redial block.
    @discardableResult
    mutating func redial(_ call: Call, calendar: inout EventCalendar<Event>) -> SlotHandle? {
        let type = Int(call.callType)
        guard redialProbability[type] > 0, call.redials < redialMaxAttempts[type], !call.moved else { return nil }
        let rng = redialBlocks[type].generator(caller: call.caller, part: Int(call.redials))
        guard rng.bernoulli(redialProbability[type]) else { return nil }
        let delay = draws[type].redialDelay.sample(rng)
        var redialling = call
        redialling.redials += 1
        let again = calls.insert(redialling)
        calendar.schedule(.redial(again), after: delay)
        recorder.redialled(call)
        return again
    }

    @inline(__always)
    mutating func setWaitingCount(_ n: Int, at now: Double) {
        queueLengthIntegral.update(to: Double(n), at: now)
        waitingCount = n
    }
}
