import Foundation
import SimKernel
import Stochastic

/// Outbound campaigns and blending (`Campaign`). Inbound work comes first: an agent who
/// frees up takes a reached customer waiting for an agent (predictive dialling), else an
/// inbound call, else a ready callback, and only then outbound work — and only while
/// more than his group's `inboundReserve` agents are free. Preview and progressive dials
/// hold their agent until the outcome; predictive dials hold none, and keep
/// ⌊ratio × free agents⌋ dials ringing (`Pacing`).
extension CenterModel {
    /// Free agents of campaign c's groups take its entries (preview, progressive: one each
    /// while more than the group's inbound reserve are free), or the dialer paces (predictive).
    mutating func dispatchOutbound(_ c: Int, calendar: inout EventCalendar<Event>) {
        guard campaigns[c].open else { return }
        if campaigns[c].isPredictive {
            pace(c, calendar: &calendar)
            return
        }
        for g in campaigns[c].groups {
            while campaigns[c].hasEntry && groups[g].hasIdleAgent && groups[g].available > inboundReserve[g] {
                let agent = claimIdleAgent(g, at: calendar.now)
                startAttempt(c, group: g, agent: agent, calendar: &calendar)
            }
        }
    }

    /// A free agent of group g (`freedAgent`, or the one idle longest) takes a reached
    /// customer waiting for an agent (they come before inbound calls: the system hangs up
    /// on them within seconds). False when none waits.
    mutating func takeConnectedCustomer(group g: Int, freedAgent: Int32?, calendar: inout EventCalendar<Event>) -> Bool {
        for c in groupCampaigns[g] where campaigns[c].isPredictive {
            while let handle = campaigns[c].connected.popFirst() {
                guard dials.isCurrent(handle), dials[handle].phase == .waitingForAgent else { continue }
                let agent = occupyAgent(g, freedAgent: freedAgent, at: calendar.now)
                talk(handle, group: g, agent: agent, calendar: &calendar)
                return true
            }
        }
        return false
    }

    /// A free agent of group g with no inbound work takes an entry of a preview or
    /// progressive campaign of his group, while more than the group's inbound reserve are
    /// free. False: he stays free (and predictive campaigns pace, `paceAfterIdle`).
    mutating func takeOutboundWork(group g: Int, freedAgent: Int32?, calendar: inout EventCalendar<Event>) -> Bool {
        guard groups[g].available > inboundReserve[g] else { return false }
        for c in groupCampaigns[g] where campaigns[c].open && !campaigns[c].isPredictive && campaigns[c].hasEntry {
            let agent = occupyAgent(g, freedAgent: freedAgent, at: calendar.now)
            startAttempt(c, group: g, agent: agent, calendar: &calendar)
            return true
        }
        return false
    }

    /// After an agent of group g became free with nothing to do: its predictive campaigns pace.
    mutating func paceAfterIdle(group g: Int, calendar: inout EventCalendar<Event>) {
        for c in groupCampaigns[g] where campaigns[c].isPredictive && campaigns[c].open { pace(c, calendar: &calendar) }
    }

    /// Predictive pacing: dials ringing = ⌊ratio × Σ_g max(0, free_g − reserve_g)⌋, while
    /// at least `minFreeAgents` are free for outbound and at most `maxInboundWaiting`
    /// inbound calls wait.
    mutating func pace(_ c: Int, calendar: inout EventCalendar<Event>) {
        guard campaigns[c].open, case .predictive(let pacing) = campaigns[c].config.dialer else { return }
        var free = 0
        for g in campaigns[c].groups { free += max(0, groups[g].available - inboundReserve[g]) }
        guard free >= pacing.minFreeAgents, waitingCount <= pacing.maxInboundWaiting else { return }
        let target = Int((campaigns[c].ratio * Double(free)).rounded(.down))
        while campaigns[c].inFlight < target && campaigns[c].hasEntry {
            startAttempt(c, group: -1, agent: 0, calendar: &calendar)
        }
    }

    /// Campaign c's next entry (a ready retry first, else a fresh one) starts an attempt,
    /// holding agent `agent` of group g (g = −1: none, predictive).
    mutating func startAttempt(_ c: Int, group g: Int, agent: Int32, calendar: inout EventCalendar<Event>) {
        let now = calendar.now
        var handle: SlotHandle?
        while handle == nil, let h = campaigns[c].ready.popFirst() {
            if dials.isCurrent(h) { handle = h }
        }
        if handle == nil {
            if campaigns[c].freshLeft < Int.max { campaigns[c].freshLeft -= 1 }
            let entry = campaigns[c].nextEntry
            campaigns[c].nextEntry += 1
            handle = dials.insert(OutboundDial(campaign: Int32(c), entry: Int32(truncatingIfNeeded: entry)))
            if recorder.isWindowOpen { recorder.counters.campaigns[c].tally.entriesStarted += 1 }
        }
        let h = handle!
        var dial = dials[h]
        if dial.callback != nil && dial.attempts == 0 && recorder.isWindowOpen { recorder.counters.campaigns[c].tally.entriesStarted += 1 }
        dial.attempts += 1
        // Attempt j's draws, in a fixed order whatever the dialer uses of them.
        let campaign = campaigns[c].config
        let stream = campaigns[c].entryBlocks.generator(caller: Int(dial.entry), part: Int(dial.attempts - 1))
        let outcomes = campaign.outcomesByPeriod.map { $0[min(period, $0.count - 1)] } ?? campaign.outcomes
        dial.outcome = outcomes.outcome(stream.uniform())
        dial.ringSeconds = campaign.ringSeconds.sample(stream)
        dial.talkQuantile = stream.uniform()
        dial.wrapUpQuantile = stream.uniform()
        dial.connectWaitSeconds = campaign.connectWaitSeconds.sample(stream)
        if case .preview(let reading) = campaign.dialer { dial.readingSeconds = reading.sample(stream) }
        dial.group = Int32(g)
        dial.agent = agent
        dial.heldSince = now
        if case .preview = campaign.dialer {
            dial.phase = .reading
            dials[h] = dial
            calendar.schedule(.outboundStep(h), after: dial.readingSeconds)
        } else {
            dials[h] = dial
            ring(h, calendar: &calendar)
        }
    }

    /// The dial is made: it rings until its outcome is known.
    mutating func ring(_ h: SlotHandle, calendar: inout EventCalendar<Event>) {
        var dial = dials[h]
        let c = Int(dial.campaign)
        dial.phase = .ringing
        dial.measured = recorder.isWindowOpen
        dial.period = Int32(period)
        if dial.measured { countOutbound(dial) { $0.attempts += 1 } }
        if dial.group < 0 { campaigns[c].inFlight += 1 }
        let campaign = campaigns[c].config
        let seconds: Double
        switch dial.outcome {
        case .connect, .wrongParty, .machine: seconds = dial.ringSeconds
        case .busy: seconds = campaign.busySeconds
        case .noAnswer: seconds = campaign.noAnswerSeconds
        }
        dials[h] = dial
        calendar.schedule(.outboundStep(h), after: seconds)
    }

    /// The dial's next step: reading done (dial), outcome known, or retry delay over.
    mutating func outboundStep(_ h: SlotHandle, calendar: inout EventCalendar<Event>) {
        switch dials[h].phase {
        case .reading: ring(h, calendar: &calendar)
        case .ringing: dialEnds(h, calendar: &calendar)
        case .retrying:
            let c = Int(dials[h].campaign)
            if !campaigns[c].open && dials[h].callback != nil && calendar.now >= campaigns[c].lastClose {
                closeEntry(h, exhausted: false, at: calendar.now)  // requested after closing
                return
            }
            dials[h].phase = .ready
            campaigns[c].ready.append(h)
            dispatchOutbound(c, calendar: &calendar)
        case .waitingForAgent, .ready: break
        }
    }

    /// The outcome is known: a live answer is talked to (by the held agent, or a free one
    /// of the campaign's groups, or after a wait of at most the connect wait); any other
    /// outcome frees the held agent and the entry is retried or exhausted.
    mutating func dialEnds(_ h: SlotHandle, calendar: inout EventCalendar<Event>) {
        let dial = dials[h]
        let c = Int(dial.campaign)
        if dial.measured { countOutbound(dial) { $0.count(dial.outcome) } }
        let predictive = dial.group < 0
        if predictive { campaigns[c].inFlight -= 1 }
        switch dial.outcome {
        case .connect, .wrongParty:
            if !predictive {
                talk(h, group: Int(dial.group), agent: dial.agent, calendar: &calendar)
            } else if let g = campaigns[c].groups.first(where: { groups[$0].hasIdleAgent }) {
                let agent = claimIdleAgent(g, at: calendar.now)
                talk(h, group: g, agent: agent, calendar: &calendar)
            } else {
                dials[h].phase = .waitingForAgent
                campaigns[c].connected.append(h)
                calendar.schedule(.connectTimeout(h), after: dial.connectWaitSeconds)
            }
        case .machine, .noAnswer, .busy:
            retryOrClose(h, after: dial.outcome, calendar: &calendar)
            if !predictive { releaseHeldAgent(dial, calendar: &calendar) }
        }
        if predictive { pace(c, calendar: &calendar) }
    }

    /// A reached customer waiting for an agent is hung up on by the system (a nuisance
    /// call); his entry is retried like an unanswered one.
    mutating func connectTimeout(_ h: SlotHandle, calendar: inout EventCalendar<Event>) {
        guard dials.isCurrent(h), dials[h].phase == .waitingForAgent else { return }  // an agent took him
        let dial = dials[h]
        if dial.measured { countOutbound(dial) { $0.nuisance += 1 } }
        adaptPacing(Int(dial.campaign), nuisance: true)
        retryOrClose(h, after: .noAnswer, calendar: &calendar)
    }

    /// Agent `agent` of group g (counted busy) talks to the reached party: a right party
    /// completes the entry (talk, then wrap-up), a wrong party closes it.
    mutating func talk(_ h: SlotHandle, group g: Int, agent: Int32, calendar: inout EventCalendar<Event>) {
        let now = calendar.now
        let dial = dials[h]
        let c = Int(dial.campaign)
        if dial.group < 0 { adaptPacing(c, nuisance: false) }
        if let handle = dial.callback, dial.outcome == .connect {
            // The caller who asked for the callback is reached: served with his own handling.
            dials.remove(h)
            let call = calls[handle]
            calls.remove(handle)
            if dial.measured { countOutbound(dial) { $0.completed += 1 } }
            recorder.counters.campaigns[c].tally.entriesDone += 1
            recorder.calledBack(call, waitSeconds: now - call.queueEntryTime)
            traceCall(call) {
                $0.callbackAttempts = Int(dial.attempts)
                $0.answerSeconds = now
                $0.outcome = .calledBack
            }
            addOutboundAgentTime(c, from: dial.group < 0 ? now : dial.heldSince, to: now)
            startWork(call, group: g, agent: agent, calendar: &calendar)
            return
        }
        if dial.callback != nil { closeEntry(h, exhausted: false, at: now) } else { dials.remove(h) }
        let campaign = campaigns[c].config
        let work: Double
        if dial.outcome == .connect {
            work = (outboundTalk[g] ?? campaign.talkSeconds).quantile(dial.talkQuantile)
                + ((outboundWrapUp[g] ?? campaign.afterCallWorkSeconds)?.quantile(dial.wrapUpQuantile) ?? 0)
        } else {
            work = campaign.wrongPartySeconds.quantile(dial.talkQuantile)
        }
        let heldFrom = dial.group < 0 ? now : dial.heldSince
        if dial.measured, dial.outcome == .connect { countOutbound(dial) { $0.completed += 1 } }
        if dial.callback == nil { recorder.counters.campaigns[c].tally.entriesDone += 1 }
        addOutboundAgentTime(c, from: heldFrom, to: now + work)
        calendar.schedule(.workEnd(group: Int32(g), agent: agent), after: work)
    }

    /// After an attempt that reached nobody: the next attempt after the outcome's retry
    /// delay (within the window; else the entry stays on the list), or the entry is
    /// exhausted.
    mutating func retryOrClose(_ h: SlotHandle, after outcome: DialOutcome, calendar: inout EventCalendar<Event>) {
        let dial = dials[h]
        let c = Int(dial.campaign)
        let campaign = campaigns[c].config
        if Int(dial.attempts) >= campaign.maxAttempts {
            closeEntry(h, exhausted: true, at: calendar.now)
            return
        }
        let at = calendar.now + campaign.retryDelaySeconds.seconds(after: outcome)
        guard at < campaigns[c].lastClose else {
            if dial.callback != nil { closeEntry(h, exhausted: false, at: calendar.now) } else { dials.remove(h) }  // left on the list
            return
        }
        dials[h].phase = .retrying
        dials[h].group = -1
        calendar.schedule(.outboundStep(h), at: at)
    }

    /// An entry ends without a conversation: its attempts used up (`exhausted`), a wrong
    /// number, or a callback request the window closed on. A callback's caller then counts
    /// as a failed callback (his wait ends now).
    mutating func closeEntry(_ h: SlotHandle, exhausted: Bool, at now: Double) {
        let dial = dials[h]
        let c = Int(dial.campaign)
        dials.remove(h)
        if exhausted { recorder.counters.campaigns[c].tally.entriesExhausted += 1 }
        recorder.counters.campaigns[c].tally.entriesDone += 1
        guard let handle = dial.callback else { return }
        let call = calls[handle]
        calls.remove(handle)
        recorder.callbackFailed(call, waitSeconds: now - call.queueEntryTime)
        traceCall(call) {
            $0.callbackAttempts = Int(dial.attempts)
            $0.abandonSeconds = now
            $0.outcome = .callbackFailed
        }
    }

    /// The agent a dial held is free again (his time on it counted as outbound work).
    mutating func releaseHeldAgent(_ dial: OutboundDial, calendar: inout EventCalendar<Event>) {
        addOutboundAgentTime(Int(dial.campaign), from: dial.heldSince, to: calendar.now)
        agentFrees(group: Int(dial.group), agent: dial.agent, calendar: &calendar)
    }

    /// Target-nuisance pacing: ln ratio += step × (target − 1{nuisance}), within
    /// [`Pacing.lowestAdaptedRatio`, 4 × the configured ratio] (below 1, fewer dials than
    /// free agents: what keeps nuisance calls down when inbound calls take the agents).
    mutating func adaptPacing(_ c: Int, nuisance: Bool) {
        guard case .predictive(let pacing) = campaigns[c].config.dialer, let target = pacing.targetNuisance else { return }
        let r = campaigns[c].ratio * exp(pacing.adaptStep * (target - (nuisance ? 1 : 0)))
        campaigns[c].ratio = min(max(r, Pacing.lowestAdaptedRatio), 4 * pacing.ratio)
    }
}
