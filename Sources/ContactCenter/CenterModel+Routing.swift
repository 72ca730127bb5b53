import SimKernel
import Stochastic

/// Matching calls and agents: which group takes a new call, which call a free agent
/// takes, overflow steps, agent-to-agent transfers and callbacks. The policies are rules
/// (`RoutingPolicies.swift`) compiled into `RoutingTables`'s lists; this code only scans
/// them (and asks a state-dependent rule for its key).
///
/// Invariant: no agent is idle while a call he may take waits. It holds because a call
/// is offered to the idle agents it is eligible for whenever it becomes eligible (on
/// joining a queue, at each overflow step, on transfer), and an agent who frees up, or
/// comes on duty, looks at every queue he serves.
/// - Complexity: per event O(log n) in calls and agents (calendar), plus a scan of the
///   few groups of a class or classes of a group, which the scenario fixes.
extension CenterModel {
    /// The group whose free agent takes a call of class c that has just joined (nil: none):
    /// among groups eligible at once (or, for a transferred call, at all), the first in
    /// the class's order (`fixed_order`, or a single group) or the one whose agent has
    /// been idle longest (`longest_idle`). (`mutating` though it changes nothing: as a
    /// non-mutating method returning an optional, the optimiser copied the whole model,
    /// every array retained, on each call: 2.4 times the time per call in `make bench`.)
    @inline(__always)
    mutating func freeGroup(forClass c: Int, ignoringDelays: Bool = false) -> Int? {
        var chosen: Int?
        var idleSince = Double.infinity
        for k in routing.classGroupRange[c] {
            let eligibility = routing.classGroups[k]
            if eligibility.delaySeconds > 0 && !ignoringDelays { break }  // sorted by delay
            let g = Int(eligibility.group)
            guard groups[g].hasIdleAgent, routing.mayTake(group: g, queueClass: c, idle: groups[g].available) else { continue }
            if !tracksIdleAgents { return g }
            let since = groups[g].idle.first?.since ?? -.infinity
            if since < idleSince {
                chosen = g
                idleSince = since
            }
        }
        return chosen
    }

    /// The agent of group g idle longest becomes busy; returns his number (0 when agents
    /// are not numbered: `keepsIdleAgents`).
    @inline(__always)
    mutating func claimIdleAgent(_ g: Int, at now: Double) -> Int32 {
        let agent = keepsIdleAgents ? groups[g].idle.popFirst()!.agent : 0
        groups[g].busy += 1
        busyAgents += 1
        busyAgentsIntegral.update(to: Double(busyAgents), at: now)
        if countsByGroup { groups[g].busyIntegral.update(to: Double(groups[g].busy), at: now) }
        return agent
    }

    /// An agent of group g goes to work: the one who has just freed up (`freedAgent`, never
    /// counted idle: the busy counts, hence the integrals, are unchanged for him), or else
    /// the one idle longest. Returns his number.
    @inline(__always)
    mutating func occupyAgent(_ g: Int, freedAgent: Int32?, at now: Double) -> Int32 {
        guard let freedAgent else { return claimIdleAgent(g, at: now) }
        groups[g].busy += 1
        busyAgents += 1
        return freedAgent
    }

    /// An agent of group g (already counted busy) starts on `call`, whose slot is free.
    /// A misrouted call whose skill the group lacks is handed on after the misroute
    /// handling time; one it has costs that time more than its own handling. The agent's
    /// work ends after the handling time and the group's after-call work.
    @inline(__always)
    mutating func startWork(_ call: Call, group g: Int, agent: Int32, calendar: inout EventCalendar<Event>) {
        let now = calendar.now
        var work = handlingSeconds(call, group: g)
        if call.routedSkill != call.needSkill {
            if !routing.hasSkill[g][Int(call.needSkill)] {
                var leg = call
                leg.firstLegGroup = Int32(g)
                leg.firstLegAgent = agent
                // His patience for the second wait: his own draw for it, else what his
                // first wait left.
                let typeDraws = draws[Int(call.callType)]
                if let law = typeDraws.transferPatience, let blocks = typeDraws.transferPatienceBlocks {
                    leg.patienceSeconds = law.sample(blocks.generator(caller: call.caller, part: Int(call.redials)))
                } else {
                    leg.patienceSeconds = max(0, call.patienceSeconds - (now - call.queueEntryTime))
                }
                calendar.schedule(.transferEnd(calls.insert(leg)), after: call.misrouteSeconds)
                return
            }
            work += call.misrouteSeconds
        }
        if hasChat && startsChat(call, group: g, agent: agent, calendar: &calendar) { return }
        if hasDeferred { deferredWorkStarts(call, group: g, agent: agent) }
        let serviceSeconds = work
        releaseLineAfterTalk(call, at: now, talkSeconds: serviceSeconds)
        if drawsAfterCallWork, let wrapUp = groups[g].afterCallWork { work += wrapUp.quantile(call.afterCallWorkQuantile) }
        calendar.schedule(.workEnd(group: Int32(g), agent: agent), after: work)
        traceCall(call) {
            $0.group = g
            $0.agent = Int(agent)
            $0.serviceStartSeconds = now
            $0.serviceEndSeconds = now + serviceSeconds
            $0.wrapUpEndSeconds = now + work
        }
    }

    /// The call's handling time with group g: the group's own law for its type, if any, at
    /// the call's handling quantile (inversion; × the call's time-of-day factor), else the
    /// call's own time.
    @inline(__always)
    func handlingSeconds(_ call: Call, group g: Int) -> Double {
        guard groups[g].hasOwnService, let law = groups[g].serviceByCallType[Int(call.callType)] else { return call.serviceSeconds }
        return law.quantile(call.handlingQuantile) * call.serviceFactor
    }

    /// Agent `agent` of group g is free: he takes the call the policy ranks first, else
    /// dials a ready callback, else waits idle; he leaves instead when his shift has ended
    /// or his break is due (`CenterModel+Presence`).
    @inline(__always)
    mutating func agentFrees(group g: Int, agent: Int32, calendar: inout EventCalendar<Event>) {
        if hasChat && callEndsWhileChatting(group: g, agent: agent, calendar: &calendar) { return }
        let now = calendar.now
        groups[g].busy -= 1
        busyAgents -= 1
        if hasDeferred { deferredWorkEnds(group: g, agent: agent) }
        var wentIdle = false
        if groups[g].hasIdleAgent {
            if away != nil && takesBreak(g, agent: agent, at: now, calendar: &calendar) {
                // away: neither busy nor idle
            } else if (hasOutbound && takeConnectedCustomer(group: g, freedAgent: agent, calendar: &calendar))
                || (hasDeferred && takeDeferredFirst(group: g, freedAgent: agent, calendar: &calendar))
                || answerBest(group: g, freedAgent: agent, calendar: &calendar)
                || (takesOtherWork && takeOtherWork(group: g, freedAgent: agent, calendar: &calendar)) {
                return
            } else if isNight {
                leaveForTheNight(group: g, agent: agent)
            } else {
                if keepsIdleAgents { groups[g].idle.append(IdleAgent(agent: agent, since: now)) }
                wentIdle = true
            }
        } else if keepsIdleAgents {
            goOffDuty(g, agent: agent)
        }
        busyAgentsIntegral.update(to: Double(busyAgents), at: now)
        if countsByGroup { groups[g].busyIntegral.update(to: Double(groups[g].busy), at: now) }
        if hasOutbound && wentIdle { paceAfterIdle(group: g, calendar: &calendar) }  // predictive campaigns dial for him
    }

    /// A freed agent of group g with no live call to take: a ready callback, then deferred
    /// work, then outbound work (out of line: `agentFrees` must stay small enough for the
    /// optimiser to inline `answerBest` into it: 4 % of erlang-a's time when it did not).
    @inline(never)
    mutating func takeOtherWork(group g: Int, freedAgent: Int32?, calendar: inout EventCalendar<Event>) -> Bool {
        (offersCallbacks && dialCallback(group: g, freedAgent: freedAgent, calendar: &calendar))
            || (hasDeferred && takeDeferred(group: g, freedAgent: freedAgent, calendar: &calendar))
            || (hasOutbound && takeOutboundWork(group: g, freedAgent: freedAgent, calendar: &calendar))
    }

    /// At night a freed agent with nothing live to take leaves.
    @inline(never)
    mutating func leaveForTheNight(group g: Int, agent: Int32) {
        groups[g].staffed -= 1
        if keepsIdleAgents { goOffDuty(g, agent: agent) }
    }

    /// A handed-on caller hangs up before the right skill answers: counted once, as an
    /// answered call (his first pick-up) that was abandoned after the hand-on
    /// (`transfer_abandon_rate`); his second wait counts in `transfer_wait_seconds`.
    mutating func abandonAfterHandOn(_ handle: SlotHandle, calendar: inout EventCalendar<Event>) {
        guard calls.isCurrent(handle) else { return }  // answered meanwhile: stale
        let now = calendar.now
        var call = calls[handle]
        calls.remove(handle)
        releaseLine(&call)
        setWaitingCount(waitingCount - 1, at: now)
        recorder.abandonedAfterHandOn(call, waitSeconds: now - call.queueEntryTime)
        traceCall(call) { $0.abandonSeconds = now }
    }

    /// The first live call of class c's queue (abandoned calls at its front are dropped).
    /// Written out with `firstTransfer` rather than shared through a mutating helper on
    /// the queue: that would go through the array's modify accessor (a uniqueness check)
    /// on every look, not only when a stale handle is dropped (+24 instructions per call).
    @inline(__always)
    mutating func firstWaiting(_ c: Int) -> SlotHandle? {
        while let handle = classes[c].waiting.first {
            if calls.isCurrent(handle) { return handle }
            _ = classes[c].waiting.popFirst()
        }
        return nil
    }

    /// The first live handed-on call of class c (those that hung up are dropped).
    @inline(__always)
    mutating func firstTransfer(_ c: Int) -> SlotHandle? {
        while let handle = classes[c].transfers.first {
            if calls.isCurrent(handle) { return handle }
            _ = classes[c].transfers.popFirst()
        }
        return nil
    }

    /// An agent of group g takes, among the calls he may take now, the one ranked first
    /// (`bestWaitingClass`). False when none.
    /// `freedAgent`: the agent who just freed up (nil: the one idle longest takes it).
    @inline(__always)
    mutating func answerBest(group g: Int, freedAgent: Int32?, calendar: inout EventCalendar<Event>) -> Bool {
        let now = calendar.now
        guard let (best, isTransfer) = bestWaitingClass(group: g, onlyChats: false, at: now) else { return false }
        let call = takeWaiting(queueClass: best, transfer: isTransfer, at: now)
        let agent = occupyAgent(g, freedAgent: freedAgent, at: now)
        startWork(call, group: g, agent: agent, calendar: &calendar)
        return true
    }

    /// The queue class whose front call an agent of group g takes now: transferred calls
    /// (oldest first), then the smallest (priorityRank, preferenceRank, queue entry time)
    /// among the fronts of the queues whose delay for g has passed (a state-dependent
    /// policy: the smallest `RoutingRule.key`); `onlyChats`: among chat classes only (an
    /// agent filling his chat slots), `onlyCalls` among the others (an agent holding chats
    /// taking a call); `deferredWork`: among deferred classes only, else among real-time
    /// ones. nil when none; `transfer`: the class's handed-on call.
    @inline(__always)
    mutating func bestWaitingClass(group g: Int, onlyChats: Bool, onlyCalls: Bool = false, deferredWork: Bool = false, at now: Double)
        -> (queueClass: Int, transfer: Bool)? {
        var best: Int?
        var bestIsTransfer = false
        var bestPriority = Int32.max, bestPreference = Int32.max, bestEntry = Double.infinity, bestKey = Double.infinity
        let idle = groups[g].available  // the freed agent (if any) included
        let reserving = routing.reserve[g] > 0, ranksStatically = routing.ranksStatically
        for k in routing.servedRange[g] {
            let served = routing.served[k]
            let c = Int(served.queueClass)
            if (onlyChats || onlyCalls || hasDeferred) && !isClassOfKind(c, chat: onlyChats, call: onlyCalls, deferredWork: deferredWork) {
                continue
            }
            if reserving && !routing.mayTake(group: g, queueClass: c, idle: idle) { continue }
            if let handle = firstTransfer(c) {
                let entry = calls[handle].queueEntryTime
                if !bestIsTransfer || entry < bestEntry {
                    best = c
                    bestIsTransfer = true
                    bestEntry = entry
                }
                continue
            }
            if bestIsTransfer { continue }
            guard let handle = firstWaiting(c) else { continue }
            let entry = calls[handle].queueEntryTime
            guard entry + served.delaySeconds <= now else { continue }
            if !ranksStatically {
                // Ties to the earlier class in the group's list.
                let key = routing.rule.key(weight: served.weight, entrySeconds: entry, now: now)
                if best == nil || key < bestKey {
                    best = c
                    bestKey = key
                    bestEntry = entry
                }
                continue
            }
            if served.priorityRank < bestPriority || (served.priorityRank == bestPriority && (served.preferenceRank < bestPreference || (served.preferenceRank == bestPreference && entry < bestEntry))) {
                best = c
                bestPriority = served.priorityRank
                bestPreference = served.preferenceRank
                bestEntry = entry
            }
        }
        guard let best else { return nil }
        return (best, bestIsTransfer)
    }

    /// The front call of class c's queue (or its handed-on calls) leaves it, answered now:
    /// its wait is recorded and it is returned for an agent to start on.
    @inline(__always)
    mutating func takeWaiting(queueClass c: Int, transfer: Bool, at now: Double) -> Call {
        let handle = transfer ? classes[c].transfers.popFirst()! : classes[c].waiting.popFirst()!
        let call = calls[handle]
        calls.remove(handle)
        setWaitingCount(waitingCount - 1, at: now)
        let wait = now - call.queueEntryTime
        if transfer {
            recorder.answeredAfterHandOn(call, waitSeconds: wait)
        } else {
            classes[c].waitingCount -= 1
            recorder.answered(call, waitSeconds: wait)
            traceCall(call) {
                $0.answerSeconds = now
                $0.outcome = .answered
            }
        }
        return call
    }

    /// The wrong agent hands a misrouted call to its skill: a free agent who may take it
    /// does so at once, else it waits ahead of that class's first-leg calls. The wrong
    /// agent is then free.
    mutating func endFirstLeg(_ handle: SlotHandle, calendar: inout EventCalendar<Event>) {
        let now = calendar.now
        var call = calls[handle]
        let firstGroup = Int(call.firstLegGroup), firstAgent = call.firstLegAgent
        call.routedSkill = call.needSkill
        call.queueClass = queueClass(callType: call.callType, skill: call.needSkill)
        call.queueEntryTime = now
        recorder.handedOn(call)
        traceCall(call) {
            $0.handedOnSeconds = now
            $0.handedOnByGroup = firstGroup
        }
        let c = queueClass(of: call)
        if let group = freeGroup(forClass: c, ignoringDelays: true) {
            calls.remove(handle)
            let agent = claimIdleAgent(group, at: now)
            startWork(call, group: group, agent: agent, calendar: &calendar)
        } else {
            calls[handle] = call
            classes[c].transfers.append(handle)
            setWaitingCount(waitingCount + 1, at: now)
            if call.patienceSeconds.isFinite { calendar.schedule(.transferAbandonment(handle), after: call.patienceSeconds) }
        }
        agentFrees(group: firstGroup, agent: firstAgent, calendar: &calendar)
    }

    /// A waiting call reaches its next overflow delay: idle agents of the groups it is now
    /// eligible for look for work; the next step is scheduled while it still waits.
    mutating func overflow(_ handle: SlotHandle, calendar: inout EventCalendar<Event>) {
        guard calls.isCurrent(handle) else { return }  // answered or abandoned: stale
        let now = calendar.now
        let call = calls[handle]
        let c = queueClass(of: call)
        for k in routing.classGroupRange[c] {
            let eligibility = routing.classGroups[k]
            if call.queueEntryTime + eligibility.delaySeconds > now { break }
            let g = Int(eligibility.group)
            while groups[g].hasIdleAgent && answerBest(group: g, freedAgent: nil, calendar: &calendar) {}
            if hasChat && chat!.isChatClass[c] { fillChats(ofGroup: g, calendar: &calendar) }
        }
        guard calls.isCurrent(handle) else { return }
        let steps = routing.overflowRange[c]
        let level = Int(call.overflowLevel) + 1
        if level < steps.count {
            calls[handle].overflowLevel = Int32(level)
            calendar.schedule(.overflow(handle), at: call.queueEntryTime + routing.overflowDelays[steps.lowerBound + level])
        }
    }

    /// Callback requests of class c became ready: idle agents who may take the class dial.
    mutating func dispatchCallbacks(queueClass c: Int, calendar: inout EventCalendar<Event>) {
        for k in routing.classGroupRange[c] {
            let g = Int(routing.classGroups[k].group)
            while groups[g].hasIdleAgent && dialCallback(group: g, freedAgent: nil, calendar: &calendar) {}
        }
    }

    /// An agent of group g with no live call to take dials the oldest ready callback of
    /// the classes he serves (callbacks queue behind live calls). False when none is ready.
    mutating func dialCallback(group g: Int, freedAgent: Int32?, calendar: inout EventCalendar<Event>) -> Bool {
        let now = calendar.now
        var best: Int?
        var bestReady = Double.infinity
        let idle = groups[g].available
        for k in routing.servedRange[g] {
            let c = Int(routing.served[k].queueClass)
            guard routing.mayTake(group: g, queueClass: c, idle: idle) else { continue }
            if let ready = classes[c].callbacks.nextTime, ready <= now, ready < bestReady {
                best = c
                bestReady = ready
            }
        }
        guard let best, let handle = classes[best].callbacks.next() else { return false }
        var call = calls[handle]
        let typeDraws = draws[Int(call.callType)]
        let policy = typeDraws.callback!
        call.callbackAttempts += 1
        let agent = occupyAgent(g, freedAgent: freedAgent, at: now)
        if call.callbackAttempts == call.callbackReachAttempt {
            recorder.calledBack(call, waitSeconds: now - call.queueEntryTime)
            traceCall(call) {
                $0.callbackAttempts = Int(call.callbackAttempts)
                $0.answerSeconds = now
                $0.outcome = .calledBack
            }
            calls.remove(handle)
            startWork(call, group: g, agent: agent, calendar: &calendar)
        } else {
            calendar.schedule(.workEnd(group: Int32(g), agent: agent), after: policy.failedAttemptSeconds)  // no after-call work
            if Int(call.callbackAttempts) >= policy.maxAttempts {
                recorder.callbackFailed(call, waitSeconds: now - call.queueEntryTime)
                traceCall(call) {
                    $0.callbackAttempts = Int(call.callbackAttempts)
                    $0.abandonSeconds = now
                    $0.outcome = .callbackFailed
                }
                calls.remove(handle)
            } else {
                calls[handle] = call
                traceCall(call) { $0.callbackAttempts = Int(call.callbackAttempts) }
                let retry = now + policy.failedAttemptSeconds + policy.retryDelaySeconds
                classes[best].callbacks.schedule(handle, at: retry)
                calendar.schedule(.callbackReady(queueClass: Int32(best)), at: retry)
            }
        }
        return true
    }
}
