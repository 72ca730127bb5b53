import Measures
import SimKernel
import Stochastic

/// Arrivals: the next arrival of each call type, what a call draws when it arrives (common
/// random numbers), and its walk through the IVR.
extension CenterModel {
    /// Schedules call type i's next arrival after `now`.
    @inline(__always)
    mutating func scheduleNextArrival(_ i: Int, after now: Double, calendar: inout EventCalendar<Event>) {
        if let day {
            if let t = nextDayArrival(i, after: now, day: day) { calendar.schedule(.arrival(callType: Int32(i)), at: t) }
        } else {
            calendar.schedule(.arrival(callType: Int32(i)), after: sources[i].interarrival.sample(sources[i].interarrivalStream))
        }
    }

    @inline(__always)
    mutating func arrive(_ typeIndex: Int, calendar: inout EventCalendar<Event>) {
        let now = calendar.now
        if arrivalsClosed { return }
        scheduleNextArrival(typeIndex, after: now, calendar: &calendar)
        arrivalsSoFar += 1
        if arrivalsSoFar == warmupCalls + 1 { openWindow(at: now) }

        // Everything the call needs is drawn now, used or not (common random numbers; the
        // stream map is in `CenterModel`'s documentation).
        let source = sources[typeIndex]
        let caller = callersByType[typeIndex]
        callersByType[typeIndex] = caller + 1
        var intent = -1
        if !source.intentCumulative.isEmpty {
            let u = source.intentStream.uniform()
            intent = source.intentIndex[source.intentIndex.count - 1]
            for (k, c) in source.intentCumulative.enumerated() where u < c {
                intent = source.intentIndex[k]
                break
            }
        }
        let handlingQuantile = source.handlingStream.uniform()
        let serviceSeconds = intent >= 0 ? intentService[intent].quantile(handlingQuantile) : source.service.quantile(handlingQuantile)
        let patienceSeconds = source.patience?.sample(source.patienceStream) ?? .infinity
        let balks = source.balkingStream.bernoulli(source.balkProbability)
        let tolerance = source.announcedTolerance?.sample(source.toleranceStream) ?? .infinity
        let skill = intent >= 0 ? intentSkill[intent] : Int32(typeIndex)
        var call = Call(queueEntryTime: now, serviceSeconds: serviceSeconds, handlingQuantile: handlingQuantile,
                        patienceSeconds: patienceSeconds, balks: balks,
                        measured: false, misrouted: false, ivrOutcome: .transferred(misrouted: false), ivrSeconds: 0,
                        period: Int32(period), callType: Int32(typeIndex), needSkill: skill, routedSkill: skill,
                        toleranceSeconds: tolerance)
        call.caller = caller
        recorder.arrived(&call)
        if arrivalsSoFar == lastCall { closeArrivals(at: now) }
        if drawsAfterCallWork { call.afterCallWorkQuantile = source.afterCallWorkStream.uniform() }

        guard let plan = ivrPlan else {
            call.queueClass = queueClass(callType: call.callType, skill: skill)
            joinQueue(call, existing: nil, calendar: &calendar)
            return
        }
        let budget = source.ivrPatience?.sample(source.ivrPatienceStream) ?? .infinity
        let rng = ivrBlocks[typeIndex].startNextCall()
        let (outcome, ivrSeconds, leaf) = plan.walk(callType: typeIndex, intent: intent, budgetSeconds: budget, rng: rng)
        let misrouteSeconds = misrouteHandling.sample(rng)
        if case .transferred(let m) = outcome, m {
            call.misrouted = true
            call.misrouteSeconds = misrouteSeconds
            call.routedSkill = transferSkill[leaf]
        }
        call.queueClass = queueClass(callType: call.callType, skill: call.routedSkill)
        call.ivrOutcome = outcome
        call.ivrSeconds = ivrSeconds
        call.queueEntryTime = now + ivrSeconds
        calendar.schedule(.ivrExit(calls.insert(call)), after: ivrSeconds)
    }

    mutating func leaveIVR(_ handle: SlotHandle, calendar: inout EventCalendar<Event>) {
        let call = calls[handle]
        recorder.leftIVR(call)
        guard case .transferred = call.ivrOutcome else {
            calls.remove(handle)
            return
        }
        joinQueue(call, existing: handle, calendar: &calendar)
    }
}
