import Measures
import SimKernel
import Stochastic

/// A replication from start to end: setting up the calendar, the measurement window,
/// running to the end and closing the recorder.counters.
extension CenterModel {
    mutating func openWindow(at now: Double) {
        recorder.isWindowOpen = true
        busyAgentsIntegral.update(to: Double(busyAgents), at: now)
        busyAgentsIntegral.restart(at: now)
        queueLengthIntegral.update(to: Double(waitingCount), at: now)
        queueLengthIntegral.restart(at: now)
        ivr.callersIntegral.update(to: Double(ivr.callers), at: now)
        ivr.callersIntegral.restart(at: now)
        ivr.mostInWindow = ivr.callers
        if away != nil {
            away!.integral.update(to: Double(away!.count), at: now)
            away!.integral.restart(at: now)
        }
        chat?.restartIntegrals(at: now)
        if countsByGroup {
            for g in groups.indices {
                groups[g].busyIntegral.update(to: Double(groups[g].busy), at: now)
                groups[g].busyIntegral.restart(at: now)
            }
        }
        recorder.counters.windowStartSeconds = now
    }

    mutating func closeArrivals(at time: Double) {
        arrivalsClosed = true
        guard recorder.isWindowOpen else { return }
        recorder.isWindowOpen = false
        recorder.counters.windowEndSeconds = time
        recorder.counters.busyAgentSeconds = busyAgentsIntegral.integral(upTo: time)
        recorder.counters.queueLengthIntegral = queueLengthIntegral.integral(upTo: time)
        recorder.counters.ivr.portSeconds = ivr.callersIntegral.integral(upTo: time)
        recorder.counters.ivr.portsBusyMax = ivr.mostInWindow
        if let away { recorder.counters.agentsAwaySeconds = away.integral.integral(upTo: time) }
        if deferred != nil {
            closeDeferredWork()
            countDeferredLeft(at: time)
        }
        if let chat {
            recorder.counters.chatSeconds = chat.inProgressIntegral.integral(upTo: time)
            recorder.counters.agentsChattingSeconds = chat.agentsChattingIntegral.integral(upTo: time)
        }
        if day != nil { closePeriodBusyTime(at: time) }
        /// Scheduled agent-seconds of group g in the window.
        func staffedSeconds(_ g: Int) -> Double {
            guard let day else { return Double(groups[g].staffed) * (time - recorder.counters.windowStartSeconds) }
            return day.staffedAgentSeconds(group: g)
        }
        recorder.counters.staffedAgentSeconds = day.map { d in d.staffedAgents.reduce(0.0) { $0 + $1 * d.periodSeconds } }
            ?? Double(groups.reduce(0) { $0 + $1.staffed }) * (time - recorder.counters.windowStartSeconds)
        if countsByGroup {
            for g in groups.indices {
                recorder.counters.byGroup[g].busyAgentSeconds = groups[g].busyIntegral.integral(upTo: time)
                recorder.counters.byGroup[g].staffedAgentSeconds = staffedSeconds(g)
            }
        }
    }

    /// Runs one replication and returns its counters.
    /// - Parameters:
    ///   - seed: the scenario seed (0...StreamID.maxSeed).
    ///   - replication: the substream index of every stream.
    public static func simulate(_ config: CenterConfig, seed: UInt64, replication: UInt64) -> CenterCounters {
        var (model, calendar) = prepare(config, seed: seed, replication: replication)
        model.runToEnd(calendar: &calendar, config: config)
        return model.counters
    }

    /// `simulate`, also returning one record per call attempt (every attempt that arrived,
    /// measured or not, in arrival order; memory grows with the calls). Recording changes
    /// no result: the counters equal `simulate`'s bit for bit.
    public static func simulateRecordingCalls(_ config: CenterConfig, seed: UInt64, replication: UInt64)
        -> (counters: CenterCounters, calls: [CallRecord]) {
        var (model, calendar) = prepare(config, seed: seed, replication: replication, recordingCalls: true)
        model.runToEnd(calendar: &calendar, config: config)
        return (model.counters, model.callRecords!)
    }

    /// What the replications of `config` report, from one model at time 0 (it depends on
    /// the configuration only: which parts exist, the call types' and groups' names): the
    /// names of `CenterCounters.metrics` sorted, the same in report order
    /// (`orderedMetricNames`), and the period labels (day plans; else empty).
    public static func metricLayout(_ config: CenterConfig) -> (names: [String], order: [String], periodLabels: [String]) {
        let counters = CenterModel(config: config, seed: 0, replication: 0).counters
        return (counters.metrics.keys.sorted(), counters.orderedMetricNames, counters.periodLabels)
    }

    /// The IVR's nodes and moves as a replication of `config` counts them (`IVRFlow`,
    /// nothing counted yet); nil without an IVR.
    public static func ivrFlowLayout(_ config: CenterConfig) -> IVRFlow? {
        config.ivr == nil ? nil : CenterModel(config: config, seed: 0, replication: 0).counters.ivr.flow
    }

    /// A replication at time 0: the model and its calendar with the horizon's window
    /// events, the day's period starts and each call type's first arrival.
    static func prepare(_ config: CenterConfig, seed: UInt64, replication: UInt64,
                        recordingCalls: Bool = false) -> (CenterModel, EventCalendar<Event>) {
        var model = CenterModel(config: config, seed: seed, replication: replication, recordingCalls: recordingCalls)
        var calendar = EventCalendar<Event>(reservingCapacity: 2 * (config.day?.agents.max() ?? config.agents) + 64)
        if case .time(let warmup, let measured) = config.horizon {
            calendar.schedule(.windowOpens, at: warmup)
            calendar.schedule(.arrivalsClose, at: warmup + measured)
        }
        if let day = config.day {
            for k in 1..<max(day.count, 1) { calendar.schedule(.periodStart(Int32(k)), at: Double(k) * day.periodSeconds) }
            for g in config.groups.indices where day.partialAgentShare(group: g, period: 0) > 0 {
                model.partialAgentPresent[g] = true
                calendar.schedule(.partialAgentLeaves(group: Int32(g), period: 0), at: day.partialAgentShare(group: g, period: 0) * day.periodSeconds)
            }
        }
        for g in config.groups.indices where model.groups[g].absence != nil {
            for agent in 0..<model.groups[g].staffed { model.startPresence(g, agent: Int32(agent), at: 0, calendar: &calendar) }
        }
        for i in config.callTypes.indices { model.scheduleNextArrival(i, after: 0, calendar: &calendar) }
        for c in model.campaigns.indices {
            for window in model.campaigns[c].windows {
                calendar.schedule(.campaignOpens(Int32(c)), at: window.start)
                calendar.schedule(.campaignCloses(Int32(c)), at: window.end)
            }
        }
        return (model, calendar)
    }

    /// Runs until the calendar empties (or the simulated-time bound) and closes the counters.
    mutating func runToEnd(calendar: inout EventCalendar<Event>, config: CenterConfig) {
        let stop = calendar.run(&self, limits: RunLimits(maxTime: config.maxSimulatedSeconds))
        if recorder.isWindowOpen {
            // The window never closed: the time limit was hit first.
            closeArrivals(at: calendar.now)
        }
        recorder.counters.truncated = stop == .timeLimit
        if case .calls(_, let measured) = config.horizon { recorder.counters.requestedCalls = measured }
        let c = recorder.counters
        recorder.counters.unfinished = c.offered + c.redials + c.channelSwitchAttempts - c.endedCalls
    }
}
