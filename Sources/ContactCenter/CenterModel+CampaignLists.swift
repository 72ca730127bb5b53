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
    /// The calling windows, [start, end) each, in time order.
    let windows: [(start: Double, end: Double)]
    var open = false
    /// The first window has opened (the list is counted once, new entries arrive from then
    /// to the last close).
    var started = false
    /// The first window's opening, the last one's close.
    var firstOpening: Double { windows.first?.start ?? 0 }
    var lastClose: Double { windows.last?.end ?? 0 }
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

/// A campaign's list and window: its state at time 0, the window's opening and close, new
/// entries, callback requests that join it, and the outbound counts (`CenterModel+Outbound`
/// dials the entries).
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
                windows: campaign.windowsSeconds.isEmpty ? [fallback] : campaign.windowsSeconds.map { ($0.lowerBound, $0.upperBound) },
                freshLeft: campaign.listSize ?? Int.max, ratio: ratio)
        }
    }

    /// One of campaign c's windows opens: free agents dial; at the first, its list is
    /// counted and new entries start arriving.
    mutating func openCampaign(_ c: Int, calendar: inout EventCalendar<Event>) {
        campaigns[c].open = true
        if !campaigns[c].started {
            campaigns[c].started = true
            if let size = campaigns[c].config.listSize { recorder.counters.campaigns[c].tally.listEntries += size }
            scheduleListArrival(c, after: calendar.now, calendar: &calendar)
        }
        dispatchOutbound(c, calendar: &calendar)
    }

    /// One of campaign c's windows closes: no more dials until the next; at the last,
    /// callback requests still waiting to be dialled fail (the bank stops calling back).
    mutating func closeCampaign(_ c: Int, at now: Double) {
        campaigns[c].open = false
        guard now >= campaigns[c].lastClose else { return }
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
        if let next, next < campaigns[c].lastClose { calendar.schedule(.listArrival(campaign: Int32(c)), at: next) }
    }

    mutating func listEntryArrives(_ c: Int, calendar: inout EventCalendar<Event>) {
        if campaigns[c].freshLeft < Int.max { campaigns[c].freshLeft += 1 }
        recorder.counters.campaigns[c].tally.listEntries += 1
        scheduleListArrival(c, after: calendar.now, calendar: &calendar)
        dispatchOutbound(c, calendar: &calendar)
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
        let last = recorder.counters.periods.count - 1
        var t = start
        while t < end {
            let k = min(Int(t / day.periodSeconds), last)
            let edge = k == last ? end : min(end, Double(k + 1) * day.periodSeconds)
            recorder.counters.periods[k].outbound.agentSeconds += edge - t
            t = edge
        }
    }
}
