import SimKernel
import Stochastic

/// Customers moving to another channel (`ChannelSwitch`): the offer on a long announced
/// wait, and the try in the other channel after abandoning. The new contact is a call of
/// the target type built from the customer's own draws (common random numbers: no other
/// caller's draws move).
extension CenterModel {
    /// The customer of `call`, about to queue, hears the expected wait: above the offer's
    /// threshold he may accept the other channel (true: his call ended here and his
    /// contact joined the other type's queue). Kept out of line: the queue's hot path
    /// only tests `hasChannelSwitch`.
    @inline(never)
    mutating func takesChannelOffer(_ call: Call, existing: SlotHandle?, calendar: inout EventCalendar<Event>) -> Bool {
        guard let move = channelSwitches[Int(call.callType)], let above = move.offerAboveSeconds, !call.moved,
              expectedWaitSeconds(queueClass: Int(call.queueClass), callType: Int(call.callType)) > above else { return false }
        let draws = switchDraws(call, move)
        guard draws.accepts else { return false }
        if let existing { calls.remove(existing) }
        var leaving = call
        releaseLine(&leaving)
        recorder.switchedOnOffer(leaving)
        traceCall(leaving) { $0.outcome = .switchedChannel }
        moveToOtherChannel(call, patienceSeconds: draws.patience, calendar: &calendar)
        return true
    }

    /// The customer of `call`, whose call has ended on an accepted offer (in the IVR or on a
    /// long wait), makes his contact in the other channel now: it joins that queue; his
    /// patience there as drawn (nil: drawn now, from the same part of his block).
    mutating func moveToOtherChannel(_ call: Call, patienceSeconds: Double? = nil, calendar: inout EventCalendar<Event>) {
        let move = channelSwitches[Int(call.callType)]!
        var contact = movedContact(call, move, patienceSeconds: patienceSeconds ?? switchDraws(call, move).patience)
        recorder.movedToChannel(contact)
        if callRecords != nil {
            // The contact in the other channel is the customer's next attempt, with a record of its own.
            let previous = callRecords![call.record]
            contact.record = callRecords!.count
            callRecords!.append(CallRecord(call: previous.call, attempt: previous.attempt + 1, callType: Int(contact.callType),
                                           intent: previous.intent, measured: previous.measured, arrivalSeconds: calendar.now))
        }
        joinQueue(contact, existing: nil, calendar: &calendar)
    }

    /// A customer who abandoned and will not redial tries the other channel, with the
    /// switch's probability, its delay later.
    @inline(never)
    mutating func retriesInOtherChannel(_ call: Call, calendar: inout EventCalendar<Event>) {
        guard let move = channelSwitches[Int(call.callType)], move.retryProbability > 0, !call.moved else { return }
        let draws = switchDraws(call, move)
        guard draws.retries else { return }
        let contact = movedContact(call, move, patienceSeconds: draws.patience)
        recorder.movedToChannel(contact)
        calendar.schedule(.redial(calls.insert(contact)), after: draws.delay)
    }

    /// Part j (his queue entries so far) of the customer's switch block: acceptance,
    /// retry, delay and his patience in the other channel, always in that order.
    func switchDraws(_ call: Call, _ move: ChannelSwitch) -> (accepts: Bool, retries: Bool, delay: Double, patience: Double) {
        let rng = switchBlocks[Int(call.callType)].generator(caller: call.caller, part: Int(call.redials))
        let accepts = rng.bernoulli(move.acceptance)
        let retries = rng.bernoulli(move.retryProbability)
        let delay = move.retryDelaySeconds.sample(rng)
        let patience = draws[move.toCallType].patience?.sample(rng) ?? .infinity
        return (accepts, retries, delay, patience)
    }

    /// The customer's contact in the target type: its skill (his intent's when the
    /// target's mix has it), its handling law at his handling quantile (× the current
    /// period's factor of the target), his patience there; it neither redials nor switches.
    func movedContact(_ call: Call, _ move: ChannelSwitch, patienceSeconds: Double) -> Call {
        let target = move.toCallType
        var contact = call
        contact.callType = Int32(target)
        let typeDraws = draws[target]
        let carried = call.intent >= 0 && typeDraws.intentIndex.contains(Int(call.intent))
        let skill = carried ? intentSkill[Int(call.intent)] : Int32(target)
        let factor = serviceFactors.isEmpty ? 1 : serviceFactors[target * serviceFactorPeriods + period]
        contact.serviceSeconds = factor * (carried ? intentService[Int(call.intent)].quantile(call.handlingQuantile)
                                           : typeDraws.service.quantile(call.handlingQuantile))
        contact.serviceFactor = factor
        contact.needSkill = skill
        contact.routedSkill = skill
        contact.misrouted = false
        contact.misrouteSeconds = 0
        contact.queueClass = queueClass(callType: Int32(target), skill: skill)
        contact.patienceSeconds = patienceSeconds
        contact.balks = false
        contact.toleranceSeconds = .infinity
        contact.throughIVR = false
        contact.holdsLine = false
        contact.period = Int32(period)
        contact.moved = true  // it neither redials nor moves again
        return contact
    }
}
