import Measures
import SimKernel
import Stochastic

/// Arrivals: the next arrival of each call type, what a call draws when it arrives (common
/// random numbers), and its walk through the IVR.
extension CenterModel {
    /// Schedules call type i's next arrival after `now`, as the calendar's source i (one
    /// pending arrival per type, kept out of the event heap).
    @inline(__always)
    mutating func scheduleNextArrival(_ i: Int, after now: Double, calendar: inout EventCalendar<Event>) {
        scheduleNextArrival(i, typeDraws: draws[i], after: now, calendar: &calendar)
    }

    /// The same with the type's draws at hand (the arrival path reads them once).
    @inline(__always)
    mutating func scheduleNextArrival(_ i: Int, typeDraws: CallTypeDraws, after now: Double, calendar: inout EventCalendar<Event>) {
        if let day {
            if let t = nextDayArrival(i, after: now, day: day) { calendar.schedule(.arrival(callType: Int32(i)), at: t, source: i) }
        } else {
            calendar.schedule(.arrival(callType: Int32(i)), at: now + typeDraws.interarrival.sample(typeDraws.interarrivalStream), source: i)
        }
    }

    @inline(__always)
    mutating func arrive(_ typeIndex: Int, calendar: inout EventCalendar<Event>) {
        let now = calendar.now
        if arrivalsClosed { return }
        let typeDraws = draws[typeIndex]
        scheduleNextArrival(typeIndex, typeDraws: typeDraws, after: now, calendar: &calendar)
        arrivalsSoFar += 1
        if let window = callWindow, arrivalsSoFar == window.warmup + 1 { openWindow(at: now) }

        // Everything the call needs is drawn now, used or not (common random numbers; the
        // stream map is in `CenterModel`'s documentation).
        var caller = 0
        if numbersCallers[typeIndex] {
            caller = callersByType[typeIndex]
            callersByType[typeIndex] = caller + 1
        }
        var intent: Int?
        if !typeDraws.intentCumulative.isEmpty {
            let u = typeDraws.intentStream.uniform()
            intent = typeDraws.intentIndex[typeDraws.intentIndex.count - 1]
            for (k, c) in typeDraws.intentCumulative.enumerated() where u < c {
                intent = typeDraws.intentIndex[k]
                break
            }
        }
        let handlingQuantile = typeDraws.handlingStream.uniform()
        let serviceFactor = serviceFactors.isEmpty ? 1 : serviceFactors[typeIndex * serviceFactorPeriods + period]
        let serviceSeconds = serviceFactor
            * (intent.map { intentService[$0].quantile(handlingQuantile) } ?? typeDraws.service.quantile(handlingQuantile))
        let patienceSeconds = typeDraws.patience?.sample(typeDraws.patienceStream) ?? .infinity
        // A type that never balks draws nothing from its own balking stream (no other stream moves).
        let balks = typeDraws.balkProbability > 0 && typeDraws.balkingStream.bernoulli(typeDraws.balkProbability)
        let tolerance = typeDraws.announcedTolerance?.sample(typeDraws.toleranceStream) ?? .infinity
        let skill = intent.map { intentSkill[$0] } ?? Int32(typeIndex)
        var call = Call(queueEntryTime: now, serviceSeconds: serviceSeconds, handlingQuantile: handlingQuantile,
                        patienceSeconds: patienceSeconds, balks: balks,
                        measured: false, misrouted: false, ivrOutcome: .transferred(misrouted: false), ivrSeconds: 0,
                        period: Int32(period), callType: Int32(typeIndex), needSkill: skill, routedSkill: skill,
                        toleranceSeconds: tolerance)
        call.caller = caller
        call.serviceFactor = serviceFactor
        call.intent = Int16(intent ?? -1)
        recorder.arrived(&call)
        if callRecords != nil {
            call.record = callRecords!.count
            callRecords!.append(CallRecord(call: arrivalsSoFar - 1, attempt: 0, callType: typeIndex, intent: intent,
                                           measured: call.measured, arrivalSeconds: now))
        }
        if let window = callWindow, arrivalsSoFar == window.last { closeArrivals(at: now) }
        if drawsAfterCallWork { call.afterCallWorkQuantile = typeDraws.afterCallWorkStream.uniform() }

        let bypassesIVR = someBypassIVR && self.bypassesIVR[typeIndex]  // a chat or an e-mail
        guard let plan = ivrWalker, !bypassesIVR else {
            call.queueClass = ownSkillClass[typeIndex] ?? queueClass(callType: call.callType, skill: skill)
            // Without lines (or for a chat or an e-mail), straight to the queue (the hot path of a center without IVR).
            if lines == nil || bypassesIVR {
                joinQueue(call, existing: nil, calendar: &calendar)
            } else {
                enterCenter(&call, existing: nil, calendar: &calendar)
            }
            return
        }
        let budget = typeDraws.ivrPatience?.sample(typeDraws.ivrPatienceStream) ?? .infinity
        let rng = ivrBlocks[typeIndex].startNextCall()
        // (A scenario with an IVR gives every call type an intent mix: `CenterConfig.problems`.)
        let (outcome, ivrSeconds, leaf) = plan.walk(callType: typeIndex, intent: intent!, budgetSeconds: budget, rng: rng,
                                                    visits: &ivr.lastWalk, speech: &ivr.lastSpeech)
        let misrouteSeconds = misrouteHandling.sample(rng)
        if case .transferred(let m) = outcome {
            if m {
                call.misrouted = true
                call.misrouteSeconds = misrouteSeconds
                call.routedSkill = transferSkill[leaf]
            } else if ivr.lastSpeech.handlingFactor != 1 {
                // A bot's handoff with the right intent: the agent starts with its context.
                call.serviceSeconds *= ivr.lastSpeech.handlingFactor
                call.serviceFactor *= ivr.lastSpeech.handlingFactor
            }
        }
        call.queueClass = queueClass(callType: call.callType, skill: call.routedSkill)
        call.ivrOutcome = outcome
        call.ivrSeconds = ivrSeconds
        call.throughIVR = true
        // The walk is drawn now whether or not a port is free: a caller blocked now walks
        // it when his redial gets through (the same choices: common random numbers).
        enterCenter(&call, existing: nil, calendar: &calendar)
    }

    mutating func leaveIVR(_ handle: SlotHandle, calendar: inout EventCalendar<Event>) {
        var call = calls[handle]
        setInIVR(ivr.callers - 1, at: calendar.now)
        recorder.leftIVR(call)
        if callRecords != nil { recordIVRExit(call, at: calendar.now) }
        guard case .transferred = call.ivrOutcome else {
            releaseLine(&call)
            calls.remove(handle)
            if case .switchedChannel = call.ivrOutcome { moveToOtherChannel(call, calendar: &calendar) }
            return
        }
        joinQueue(call, existing: handle, calendar: &calendar)
    }

    /// A caller calls again (after abandoning, or a busy signal): a new attempt (its own
    /// record) at the door: through the lines, then to the queue (after abandoning) or the
    /// IVR (after a busy signal there or at the lines).
    mutating func redialArrives(_ handle: SlotHandle, calendar: inout EventCalendar<Event>) {
        if callRecords != nil {
            let previous = callRecords![calls[handle].record]
            calls[handle].record = callRecords!.count
            callRecords!.append(CallRecord(call: previous.call, attempt: previous.attempt + 1, callType: Int(calls[handle].callType),
                                           intent: previous.intent, measured: previous.measured, arrivalSeconds: calendar.now))
        }
        var call = calls[handle]
        enterCenter(&call, existing: handle, calendar: &calendar)
    }

    /// The call's record (when calls are recorded) gets its IVR exit, and its outcome when
    /// the IVR ended the call.
    mutating func recordIVRExit(_ call: Call, at now: Double) {
        traceCall(call) { record in
            record.ivrExitSeconds = now
            record.ivrOutcome = call.ivrOutcome
            switch call.ivrOutcome {
            case .contained: record.outcome = .contained
            case .abandoned: record.outcome = .ivrAbandoned
            case .disconnected: record.outcome = .ivrDisconnected
            case .stepLimit: record.outcome = .ivrStepLimit
            case .switchedChannel: record.outcome = .switchedChannel
            case .transferred: break
            }
        }
    }

    /// Applies `update` to the call's record when calls are recorded (one nil check else).
    @inline(__always)
    mutating func traceCall(_ call: Call, _ update: (inout CallRecord) -> Void) {
        if callRecords != nil { update(&callRecords![call.record]) }
    }
}
