import Foundation
import SimKernel
import Stochastic

/// One list entry being worked: its attempt in progress (reading, ringing, a reached
/// customer waiting for an agent) or its wait before the next attempt. Its draws for the
/// attempt come from part `attempts − 1` of block `entry` (`RandomAccessCallerBlocks`).
struct OutboundDial {
    enum Phase: UInt8 { case reading, ringing, waitingForAgent, retrying, ready }
    var campaign: Int32
    var entry: Int32
    /// Attempts made or under way.
    var attempts: Int32 = 0
    var phase = Phase.ready
    /// The agent held by the attempt (preview, progressive); group -1: none.
    var group: Int32 = -1
    var agent: Int32 = 0
    var heldSince = 0.0
    /// The attempt's dial was made in the measurement window, in this period.
    var measured = false
    var period: Int32 = 0
    var outcome = DialOutcome.noAnswer
    var ringSeconds = 0.0
    /// The uniforms of the talk and the wrap-up, turned into times by the answering
    /// group's law or the campaign's (inversion: the same customer is as long with any group).
    var talkQuantile = 0.5
    var wrapUpQuantile = 0.5
    var connectWaitSeconds = 0.0
    var readingSeconds = 0.0
    /// A callback request dialled by the campaign (`CallbackPolicy.campaign`): the waiting
    /// call's slot; reached, he is served with his own handling time.
    var callback: SlotHandle?
}

/// A campaign's state in a replication.
struct CampaignState {
    let config: Campaign
    /// The groups that dial for it, and each one's agents kept for inbound.
    let groups: [Int]
    let entryBlocks: RandomAccessCallerBlocks
    let arrivalStream: RandomStreamHandle
    let window: (start: Double, end: Double)
    var open = false
    /// Fresh entries left (Int.max: an endless list), and the next entry's number.
    var freshLeft: Int
    var nextEntry = 0
    /// Entries whose retry delay has passed, oldest first.
    var ready = FIFOQueue<SlotHandle>()
    /// Predictive: dials ringing without an agent, and reached customers waiting for one.
    var inFlight = 0
    var connected = FIFOQueue<SlotHandle>()
    /// Predictive: the current dials per free agent.
    var ratio: Double

    var hasEntry: Bool { !ready.isEmpty || freshLeft > 0 }
    var isPredictive: Bool { if case .predictive = config.dialer { true } else { false } }
}

/// Outbound campaigns and blending (`Campaign`). Inbound work comes first: an agent who
/// frees up takes a reached customer waiting for an agent (predictive dialling), else an
/// inbound call, else a ready callback, and only then outbound work — and only while
/// more than his group's `inboundReserve` agents are free. Preview and progressive dials
/// hold their agent until the outcome; predictive dials hold none, and keep
/// ⌊ratio × free agents⌋ dials ringing (`Pacing`).
extension CenterModel {
    /// Each campaign's state at time 0; the stream owners are appended to `streams`.
    static func campaignStates(_ config: CenterConfig, seed: UInt64, replication: UInt64,
                               streams: inout [RandomStream]) -> [CampaignState] {
        let entities = StreamEntity.assign(config.campaigns.map(\.name))
        let fallback: (Double, Double)
        switch config.horizon {
        case .time(let warmup, let measured): fallback = (0, warmup + measured)
        case .calls: fallback = (0, 0)
        }
        return config.campaigns.enumerated().map { c, given in
            // Talk, wrap-up and wrong-party laws are drawn by inversion (`OutboundDial.talkQuantile`).
            var campaign = given
            campaign.talkSeconds = given.talkSeconds.preparedForInversion
            campaign.afterCallWorkSeconds = given.afterCallWorkSeconds?.preparedForInversion
            campaign.wrongPartySeconds = given.wrongPartySeconds.preparedForInversion
            let arrivals = RandomStream(StreamID(seed: seed, purpose: .listArrival, entity: entities[c]), replication: replication)
            streams.append(arrivals)
            let ratio: Double
            if case .predictive(let pacing) = campaign.dialer { ratio = pacing.ratio } else { ratio = 1 }
            return CampaignState(
                config: campaign, groups: config.groups.indices.filter { config.groups[$0].campaigns.contains(c) },
                entryBlocks: RandomAccessCallerBlocks(StreamID(seed: seed, purpose: .outboundEntry, entity: entities[c]),
                                                      replication: replication),
                arrivalStream: arrivals.handle,
                window: campaign.windowSeconds.map { ($0.lowerBound, $0.upperBound) } ?? fallback,
                freshLeft: campaign.listSize ?? Int.max, ratio: ratio)
        }
    }

    /// Campaign c's window opens: its list is counted, new entries start arriving, and
    /// free agents start dialling.
    mutating func openCampaign(_ c: Int, calendar: inout EventCalendar<Event>) {
        campaigns[c].open = true
        if let size = campaigns[c].config.listSize { recorder.counters.campaigns[c].tally.listEntries += size }
        scheduleListArrival(c, after: calendar.now, calendar: &calendar)
        dispatchOutbound(c, calendar: &calendar)
    }

    /// Campaign c's window closes: no more dials; callback requests still waiting to be
    /// dialled fail (the bank stops calling back at closing).
    mutating func closeCampaign(_ c: Int, at now: Double) {
        campaigns[c].open = false
        while let h = campaigns[c].ready.popFirst() {
            guard dials.isCurrent(h) else { continue }
            if dials[h].callback != nil { closeEntry(h, exhausted: false, at: now) } else { dials.remove(h) }  // left on the list
        }
    }

    /// A caller's callback request joins campaign c's list, to be dialled from `delay`
    /// seconds on (its dial draws from the entry block numbered in request order).
    mutating func requestCampaignCallback(_ call: SlotHandle, campaign c: Int, delay: Double, calendar: inout EventCalendar<Event>) {
        let entry = campaigns[c].nextEntry
        campaigns[c].nextEntry += 1
        recorder.counters.campaigns[c].tally.listEntries += 1
        var dial = OutboundDial(campaign: Int32(c), entry: Int32(truncatingIfNeeded: entry))
        dial.callback = call
        dial.phase = .retrying
        calendar.schedule(.outboundStep(dials.insert(dial)), after: delay)
    }

    /// The next new entry of campaign c's list after `now`: Poisson at `newEntriesPerHour`,
    /// or at the day's piecewise-constant rate by period (the cumulative rate inverted from
    /// one Exp(1) draw, as the calls' arrivals), within the window.
    mutating func scheduleListArrival(_ c: Int, after now: Double, calendar: inout EventCalendar<Event>) {
        let campaign = campaigns[c].config
        var next: Double?
        if let rates = campaign.newEntriesPerHourByPeriod, let day, rates.contains(where: { $0 > 0 }) {
            var remaining = unitExponential.sample(campaigns[c].arrivalStream)
            var time = now
            var k = Int(time / day.periodSeconds)
            while k < min(day.count, rates.count) && next == nil {
                let rate = rates[k] / 3600, end = Double(k + 1) * day.periodSeconds
                if rate > 0 && remaining <= rate * (end - time) { next = time + remaining / rate } else {
                    remaining -= rate * (end - time)
                    time = end
                    k += 1
                }
            }
        } else if campaign.newEntriesPerHour > 0 {
            next = now + Distribution.exponential(mean: 3600 / campaign.newEntriesPerHour).sample(campaigns[c].arrivalStream)
        }
        if let next, next < campaigns[c].window.end { calendar.schedule(.listArrival(campaign: Int32(c)), at: next) }
    }

    mutating func listEntryArrives(_ c: Int, calendar: inout EventCalendar<Event>) {
        guard campaigns[c].open else { return }
        if campaigns[c].freshLeft < Int.max { campaigns[c].freshLeft += 1 }
        recorder.counters.campaigns[c].tally.listEntries += 1
        scheduleListArrival(c, after: calendar.now, calendar: &calendar)
        dispatchOutbound(c, calendar: &calendar)
    }

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
            if !campaigns[c].open && dials[h].callback != nil && calendar.now >= campaigns[c].window.start {
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
        guard at < campaigns[c].window.end else {
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

    /// Counts into the dial's campaign and period.
    mutating func countOutbound(_ dial: OutboundDial, _ update: (inout OutboundTally) -> Void) {
        update(&recorder.counters.campaigns[Int(dial.campaign)].tally)
        if recorder.counters.periods.indices.contains(Int(dial.period)) { update(&recorder.counters.periods[Int(dial.period)].outbound) }
    }

    /// Agent time on campaign c's work over [from, to), clipped to the measurement window
    /// (the period's share by the period of `from`).
    mutating func addOutboundAgentTime(_ c: Int, from: Double, to: Double) {
        let start = max(from, measurementWindow.start), end = min(to, measurementWindow.end)
        guard end > start else { return }
        recorder.counters.campaigns[c].tally.agentSeconds += end - start
        guard let day, !recorder.counters.periods.isEmpty else { return }
        var t = start
        while t < end {
            let k = min(Int(t / day.periodSeconds), recorder.counters.periods.count - 1)
            let edge = min(end, Double(k + 1) * day.periodSeconds)
            recorder.counters.periods[k].outbound.agentSeconds += max(edge, t) - t
            if edge <= t { break }
            t = edge
        }
    }
}
