import SimKernel
import Stochastic

/// Day plans: arrivals by period (piecewise-constant Poisson rates) and shift changes.
extension CenterModel {
    /// Day plan: the next Poisson arrival of call type i after `t`, by inverting the
    /// cumulative rate Λ(t) = ∫ B·λ_k: the first s > t with Λ(s) − Λ(t) = E, E ~ Exp(1)
    /// (one draw per arrival, whatever the rates); nil when it would fall after closing.
    mutating func nextDayArrival(_ i: Int, after t: Double, day: DayPlan) -> Double? {
        var remaining = unitExponential.sample(draws[i].interarrivalStream)
        var time = t
        var k = Int(time / day.periodSeconds)
        while k < day.count {
            let factor = busynessByDay.isEmpty ? busyness : busynessByDay[day.day(ofPeriod: k)]
            let rate = factor * day.arrivalsPerHour[i][k] / 3600
            let end = Double(k + 1) * day.periodSeconds
            let capacity = rate * (end - time)
            if rate > 0 && remaining <= capacity { return time + remaining / rate }
            remaining -= capacity
            time = end
            k += 1
        }
        return nil
    }

    /// Day plan: period k begins. Each group's arriving agents take waiting calls (then
    /// ready callbacks) at once; its surplus leaves as their calls end (idle ones at once,
    /// those idle longest first); the previous period's busy time closes. With fractional
    /// staffing the period's extra agent comes too, and his leaving is scheduled.
    mutating func startPeriod(_ k: Int, calendar: inout EventCalendar<Event>) {
        guard k < day!.count else { return }  // the day was closed early (`DayCheckpoint`)
        let now = calendar.now
        closePeriodBusyTime(at: now)
        period = k
        // Over several days: the close, the night, the next morning (`CenterModel+Deferred`).
        if !day!.isOpen(k) {
            if day!.isOpen(k - 1) {
                isNight = true
                closeDeferredWork()
                for g in groups.indices { setStaffedForTheNight(g) }
            }
            return
        }
        if k > 0 && !day!.isOpen(k - 1) {
            isNight = false
            if deferred != nil { deferred!.closed = false }
        }
        for g in groups.indices {
            let share = day!.partialAgentShare(group: g, period: k)
            partialAgentPresent[g] = share > 0
            setStaffed(g, to: day!.agentsByGroup[g][k] + (share > 0 ? 1 : 0), at: now, calendar: &calendar)
            if share > 0 {
                calendar.schedule(.partialAgentLeaves(group: Int32(g), period: Int32(k)), at: (Double(k) + share) * day!.periodSeconds)
            }
        }
        for g in groups.indices { putIdleAgentsToWork(g, calendar: &calendar) }
    }

    /// The current period's time figures close at `now`: busy agent time, IVR callers'
    /// time and their most at once (the next period starts with those in the IVR now).
    mutating func closePeriodBusyTime(at now: Double) {
        guard day != nil, period < recorder.counters.periods.count else { return }
        busyAgentsIntegral.update(to: Double(busyAgents), at: now)
        let total = busyAgentsIntegral.integral(upTo: now)
        recorder.counters.periods[period].busyAgentSeconds = total - busyAtPeriodStart
        busyAtPeriodStart = total
        guard ivrWalker != nil else { return }
        ivr.callersIntegral.update(to: Double(ivr.callers), at: now)
        let inIVRTotal = ivr.callersIntegral.integral(upTo: now)
        recorder.counters.periods[period].ivrPortSeconds = inIVRTotal - ivr.integralAtPeriodStart
        recorder.counters.periods[period].ivrPortsBusyMax = ivr.mostInPeriod
        ivr.integralAtPeriodStart = inIVRTotal
        ivr.mostInPeriod = ivr.callers
    }
}
