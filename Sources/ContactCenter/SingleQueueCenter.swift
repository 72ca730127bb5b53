import Measures
import SimKernel
import Stochastic

/// The contact center as a discrete-event model: renewal (usually Poisson) arrivals per
/// call type, an optional IVR in front, one FIFO queue, one pool of identical agents,
/// patience and balking.
///
/// Random streams (entity = call-type index; replication r uses substream r):
/// (interarrival, i), (intent, i), (serviceTime, i), (patience, i), (balking, i),
/// (ivrPatience, i), and one block per caller of (ivrWalk, 0) for his IVR walk (see
/// `CallStreamBlocks`). Everything a call needs is drawn when it arrives, used or not, so
/// variants that keep a source stay synchronised (common random numbers).
///
/// Events: an arrival of type i; the end of a caller's IVR walk (computed whole on
/// arrival: the IVR has no capacity limit, so a walk depends only on the caller); the
/// end of a service (the agent then takes the oldest waiting call); an abandonment,
/// which carries the waiting call's slot handle and is stale once the call is answered.
public struct SingleQueueCenter: DiscreteEventModel {
    public enum Event {
        case arrival(callType: Int32)
        case ivrExit(SlotHandle)
        case serviceEnd
        case abandonment(SlotHandle)
        /// A caller who abandoned calls again (his slot holds the call).
        case redial(SlotHandle)
        /// A callback request becomes ready to dial.
        case callbackReady
        /// `.time` horizon: the measurement window opens (scheduled before any arrival,
        /// so an arrival at exactly this time is measured).
        case windowOpens
        /// `.time` horizon: the center stops accepting calls ([start, end) window).
        case arrivalsClose
        /// Day plan: period k begins (new staffing; the previous period's figures close).
        case periodStart(Int32)
    }

    /// A call in the IVR or in the queue.
    struct Call {
        var queueEntryTime: Double
        var serviceSeconds: Double
        var patienceSeconds: Double
        var balks: Bool
        var measured: Bool
        var misrouted: Bool
        var ivrOutcome: IVROutcome
        var ivrSeconds: Double
        /// The period the call arrived in (day plans; 0 otherwise).
        var period: Int32 = 0
        var callType: Int32 = 0
        /// Tolerance of an announced wait (infinite: no announcement).
        var toleranceSeconds = Double.infinity
        /// Callback attempts made so far.
        var callbackAttempts: Int32 = 0
    }

    /// Per-call-type sources, held together so that one lookup reaches them all. The
    /// stream handles do not own their streams: `streams` (below) keeps them alive.
    struct CallTypeSources {
        let interarrival: Distribution
        let service: Distribution
        let patience: Distribution?
        let ivrPatience: Distribution?
        let balkProbability: Double
        let announcedTolerance: Distribution?
        let redialDelay: Distribution
        /// Cumulative intent shares (empty: no intents).
        let intentCumulative: [Double]
        let intentIndex: [Int]
        let interarrivalStream: RandomStreamHandle
        let intentStream: RandomStreamHandle
        let serviceStream: RandomStreamHandle
        let patienceStream: RandomStreamHandle
        let balkingStream: RandomStreamHandle
        let ivrPatienceStream: RandomStreamHandle
        let toleranceStream: RandomStreamHandle
        let redialStream: RandomStreamHandle
        let callbackStream: RandomStreamHandle
        let callback: CallbackPolicy?
    }

    /// Owners of every random stream of this replication (handles point into them).
    var streams: [RandomStream]
    let sources: ContiguousArray<CallTypeSources>
    /// Per call type, read on the hot path without touching `sources`.
    let meanServiceSeconds: ContiguousArray<Double>
    let redialProbability: ContiguousArray<Double>
    let intentService: [Distribution]
    let ivrPlan: IVRPlan?
    let ivrBlocks: CallStreamBlocks?
    let misrouteHandling: Distribution
    /// Agents scheduled now (changes at period starts with a day plan).
    var staffed: Int
    let day: DayPlan?
    /// Day plan: the day's busyness factor B and the current period.
    var busyness = 1.0
    var period = 0
    /// Busy agent-seconds integrated up to the start of the current period.
    var busyAtPeriodStart = 0.0
    let unitExponential = Distribution.exponential(mean: 1)
    let targetSeconds: Double
    let warmupCalls: Int
    let lastCall: Int  // arrivals beyond this number are not accepted (.calls horizon)

    var calls = Slab<Call>()
    var queue = FIFOQueue<SlotHandle>(reservingCapacity: 1024)
    /// Callback requests by the time they may be dialled (oldest first at equal times).
    var callbackQueue = EventCalendar<SlotHandle>()
    var busyAgents = 0
    var waitingCount = 0
    var arrivalsSoFar = 0
    var arrivalsClosed = false
    var inWindow = false

    public internal(set) var counters = SingleQueueCounters()
    var busyAgentsIntegral: TimeWeightedAverage
    var queueLengthIntegral: TimeWeightedAverage

    init(config: SingleQueueConfig, seed: UInt64, replication: UInt64) {
        let problems = config.problems
        precondition(problems.isEmpty, "invalid configuration: \(problems.map { "\($0.path): \($0.message)" })")
        var streams: [RandomStream] = []
        var sources = ContiguousArray<CallTypeSources>()
        for (index, type) in config.callTypes.enumerated() {
            func stream(_ purpose: StreamPurpose) -> RandomStreamHandle {
                let owner = RandomStream(StreamID(seed: seed, purpose: purpose, entity: index), replication: replication)
                streams.append(owner)
                return owner.handle
            }
            var cumulative: [Double] = []
            var total = 0.0
            for share in type.intentMix {
                total += share.weight
                cumulative.append(total)
            }
            sources.append(CallTypeSources(
                interarrival: type.interarrivalSeconds, service: type.serviceSeconds,
                patience: type.patienceSeconds, ivrPatience: type.ivrPatienceSeconds,
                balkProbability: type.balkProbability,
                announcedTolerance: type.announcedWaitToleranceSeconds, redialDelay: type.redialDelaySeconds,
                intentCumulative: cumulative, intentIndex: type.intentMix.map(\.intent),
                interarrivalStream: stream(.interarrival), intentStream: stream(.intent),
                serviceStream: stream(.serviceTime), patienceStream: stream(.patience),
                balkingStream: stream(.balking), ivrPatienceStream: stream(.ivrPatience),
                toleranceStream: stream(.announcedWait), redialStream: stream(.redial),
                callbackStream: stream(.callback), callback: type.callback))
        }
        self.streams = streams
        self.sources = sources
        meanServiceSeconds = ContiguousArray(config.callTypes.map(\.serviceSeconds.mean))
        redialProbability = ContiguousArray(config.callTypes.map(\.redialProbability))
        intentService = config.intents.map(\.serviceSeconds)
        if let ivr = config.ivr {
            ivrPlan = IVRPlan(ivr, intents: config.intents, mixes: config.callTypes.map(\.intentMix))
            ivrBlocks = CallStreamBlocks(StreamID(seed: seed, purpose: .ivrWalk), replication: replication)
            misrouteHandling = ivr.misrouteHandlingSeconds
        } else {
            ivrPlan = nil
            ivrBlocks = nil
            misrouteHandling = .deterministic(0)
        }
        day = config.day
        staffed = config.day?.agents[0] ?? config.agents
        targetSeconds = config.serviceLevelTargetSeconds
        switch config.horizon {
        case .calls(let warmup, let measured):
            warmupCalls = warmup
            lastCall = warmup + measured
        case .time:
            warmupCalls = -1  // the window is opened by the .windowOpens event
            lastCall = .max
        }
        busyAgentsIntegral = TimeWeightedAverage(value: 0, at: 0)
        queueLengthIntegral = TimeWeightedAverage(value: 0, at: 0)
        counters.hasIVR = config.ivr != nil
        counters.hasRedials = config.callTypes.contains { $0.redialProbability > 0 }
        counters.hasCallbacks = config.callTypes.contains { $0.callback != nil }
        if let day {
            counters.periods = (0..<day.count).map { PeriodCounters(agents: day.agents[$0]) }
            counters.periodSeconds = day.periodSeconds
            counters.periodLabels = (0..<day.count).map(day.label)
            if let shape = day.busynessShape {
                let owner = RandomStream(StreamID(seed: seed, purpose: .busyness), replication: replication)
                self.streams.append(owner)
                busyness = Distribution.gamma(shape: shape, scale: 1 / shape).sample(owner.handle)
            }
        }
    }

    /// Schedules call type i's next arrival after `now`.
    @inline(__always)
    mutating func scheduleNextArrival(_ i: Int, after now: Double, calendar: inout EventCalendar<Event>) {
        if let day {
            if let t = nextDayArrival(i, after: now, day: day) { calendar.schedule(.arrival(callType: Int32(i)), at: t) }
        } else {
            calendar.schedule(.arrival(callType: Int32(i)), after: sources[i].interarrival.sample(sources[i].interarrivalStream))
        }
    }

    public mutating func handle(_ event: Event, calendar: inout EventCalendar<Event>) {
        switch event {
        case .arrival(let typeIndex): arrive(Int(typeIndex), calendar: &calendar)
        case .ivrExit(let handle): leaveIVR(handle, calendar: &calendar)
        case .serviceEnd: endService(calendar: &calendar)
        case .abandonment(let handle): abandon(handle, calendar: &calendar)
        case .callbackReady: dispatchCallbacks(calendar: &calendar)
        case .redial(let handle):
            let call = calls[handle]
            joinQueue(serviceSeconds: call.serviceSeconds, patienceSeconds: call.patienceSeconds, balks: call.balks,
                      measured: call.measured, misrouted: call.misrouted, existing: handle, arrivalPeriod: Int(call.period),
                      typeIndex: Int(call.callType), toleranceSeconds: call.toleranceSeconds, calendar: &calendar)
        case .windowOpens: openWindow(at: calendar.now)
        case .arrivalsClose: closeArrivals(at: calendar.now)
        case .periodStart(let k): startPeriod(Int(k), calendar: &calendar)
        }
    }

    @inline(__always)
    mutating func arrive(_ typeIndex: Int, calendar: inout EventCalendar<Event>) {
        let now = calendar.now
        if arrivalsClosed { return }
        scheduleNextArrival(typeIndex, after: now, calendar: &calendar)
        arrivalsSoFar += 1
        if arrivalsSoFar == warmupCalls + 1 { openWindow(at: now) }
        let measured = inWindow
        if arrivalsSoFar == lastCall { closeArrivals(at: now) }
        if measured {
            counters.offered += 1
            if day != nil { counters.periods[period].offered += 1 }
        }

        // Everything the call needs is drawn now, used or not (common random numbers).
        let source = sources[typeIndex]
        var intent = -1
        if !source.intentCumulative.isEmpty {
            let u = source.intentStream.uniform()
            intent = source.intentIndex[source.intentIndex.count - 1]
            for (k, c) in source.intentCumulative.enumerated() where u < c {
                intent = source.intentIndex[k]
                break
            }
        }
        var serviceSeconds = intent >= 0 ? intentService[intent].sample(source.serviceStream)
                                         : source.service.sample(source.serviceStream)
        let patienceSeconds = source.patience?.sample(source.patienceStream) ?? .infinity
        let balks = source.balkingStream.bernoulli(source.balkProbability)
        let tolerance = source.announcedTolerance?.sample(source.toleranceStream) ?? .infinity

        guard let plan = ivrPlan, let blocks = ivrBlocks else {
            joinQueue(serviceSeconds: serviceSeconds, patienceSeconds: patienceSeconds, balks: balks,
                      measured: measured, misrouted: false, existing: nil, arrivalPeriod: period,
                      typeIndex: typeIndex, toleranceSeconds: tolerance, calendar: &calendar)
            return
        }
        let budget = source.ivrPatience?.sample(source.ivrPatienceStream) ?? .infinity
        let rng = blocks.startNextCall()
        let (outcome, ivrSeconds) = plan.walk(callType: typeIndex, intent: intent, budgetSeconds: budget, rng: rng)
        let misrouteSeconds = misrouteHandling.sample(rng)
        var misrouted = false
        if case .transferred(let m) = outcome, m {
            misrouted = true
            serviceSeconds += misrouteSeconds
        }
        let handle = calls.insert(Call(queueEntryTime: now + ivrSeconds, serviceSeconds: serviceSeconds,
                                       patienceSeconds: patienceSeconds, balks: balks, measured: measured,
                                       misrouted: misrouted, ivrOutcome: outcome, ivrSeconds: ivrSeconds,
                                       period: Int32(period), callType: Int32(typeIndex), toleranceSeconds: tolerance))
        calendar.schedule(.ivrExit(handle), after: ivrSeconds)
    }

    mutating func leaveIVR(_ handle: SlotHandle, calendar: inout EventCalendar<Event>) {
        let call = calls[handle]
        if call.measured {
            counters.enteredIVR += 1
            counters.totalIVRSeconds += call.ivrSeconds
        }
        switch call.ivrOutcome {
        case .contained: if call.measured { counters.contained += 1 }
        case .abandoned: if call.measured { counters.ivrAbandoned += 1 }
        case .disconnected: if call.measured { counters.ivrDisconnected += 1 }
        case .transferred:
            if call.measured { counters.transferred += 1 }
            joinQueue(serviceSeconds: call.serviceSeconds, patienceSeconds: call.patienceSeconds, balks: call.balks,
                      measured: call.measured, misrouted: call.misrouted, existing: handle, arrivalPeriod: Int(call.period),
                      typeIndex: Int(call.callType), toleranceSeconds: call.toleranceSeconds, calendar: &calendar)
            return
        }
        calls.remove(handle)
    }

    /// A call reaches the agent queue: an agent takes it at once, or it balks, or waits.
    /// `existing` is its slot when it comes from the IVR.
    @inline(__always)
    mutating func joinQueue(serviceSeconds: Double, patienceSeconds: Double, balks: Bool, measured: Bool,
                            misrouted: Bool, existing: SlotHandle?, arrivalPeriod: Int, typeIndex: Int,
                            toleranceSeconds: Double, calendar: inout EventCalendar<Event>) {
        let now = calendar.now
        if busyAgents < staffed {
            if let existing { calls.remove(existing) }
            if measured {
                counters.enteredQueue += 1
                counters.answered += 1
                counters.answeredWithinTarget += 1
                if misrouted { counters.misroutedAnswered += 1 }
                counters.waits.add(0)
                if day != nil { counters.periods[arrivalPeriod].answeredAtOnce() }
            }
            startService(serviceSeconds, calendar: &calendar)
            return
        }
        // Balking: at once with the call type's probability, or after hearing an expected
        // wait (place in line × mean handling time ÷ agents) above the caller's tolerance.
        if balks || (toleranceSeconds.isFinite && expectedWaitSeconds(typeIndex) > toleranceSeconds) {
            if let existing { calls.remove(existing) }
            if measured {
                counters.balked += 1
                if day != nil { counters.periods[arrivalPeriod].balked += 1 }
            }
            return
        }
        if let cb = sources[typeIndex].callback, expectedWaitSeconds(typeIndex) > cb.offerAboveSeconds,
           sources[typeIndex].callbackStream.bernoulli(cb.acceptance) {
            requestCallback(serviceSeconds: serviceSeconds, measured: measured, existing: existing, typeIndex: typeIndex,
                            policy: cb, calendar: &calendar)
            return
        }
        if measured {
            counters.enteredQueue += 1
            counters.delayed += 1
            if day != nil { counters.periods[arrivalPeriod].enteredQueue += 1 }
        }
        let handle: SlotHandle
        if let existing {
            handle = existing
            calls[handle].queueEntryTime = now  // from the IVR or a redial: waits from now
        } else {
            handle = calls.insert(Call(queueEntryTime: now, serviceSeconds: serviceSeconds, patienceSeconds: patienceSeconds,
                                       balks: balks, measured: measured, misrouted: misrouted,
                                       ivrOutcome: .transferred(misrouted: misrouted), ivrSeconds: 0,
                                       period: Int32(arrivalPeriod), callType: Int32(typeIndex),
                                       toleranceSeconds: toleranceSeconds))
        }
        queue.append(handle)
        setWaitingCount(waitingCount + 1, at: now)
        if patienceSeconds.isFinite {
            calendar.schedule(.abandonment(handle), after: patienceSeconds)
        }
    }

    /// The wait announced to a caller of type i who joins the queue now: his place in line
    /// × the type's mean handling time ÷ the agents on duty (the usual "position × AHT ÷
    /// agents" estimate; it ignores abandonment ahead of him).
    @inline(__always)
    func expectedWaitSeconds(_ i: Int) -> Double {
        Double(waitingCount + 1) * meanServiceSeconds[i] / Double(max(staffed, 1))
    }

    @inline(__always)
    mutating func startService(_ seconds: Double, calendar: inout EventCalendar<Event>) {
        busyAgents += 1
        busyAgentsIntegral.update(to: Double(busyAgents), at: calendar.now)
        calendar.schedule(.serviceEnd, after: seconds)
    }

    @inline(__always)
    mutating func endService(calendar: inout EventCalendar<Event>) {
        let now = calendar.now
        busyAgents -= 1
        // An agent over the schedule (his shift ended during the call) leaves now.
        if busyAgents < staffed && (takeWaitingCall(at: now, calendar: &calendar) || dialCallback(calendar: &calendar)) {
            return
        }
        busyAgentsIntegral.update(to: Double(busyAgents), at: now)
    }

    /// A caller accepts a callback: he leaves the live queue; his request waits until it
    /// may be dialled.
    mutating func requestCallback(serviceSeconds: Double, measured: Bool, existing: SlotHandle?, typeIndex: Int,
                                  policy: CallbackPolicy, calendar: inout EventCalendar<Event>) {
        let now = calendar.now
        let handle = existing ?? calls.insert(Call(queueEntryTime: now, serviceSeconds: serviceSeconds, patienceSeconds: .infinity,
                                                   balks: false, measured: measured, misrouted: false,
                                                   ivrOutcome: .transferred(misrouted: false), ivrSeconds: 0,
                                                   callType: Int32(typeIndex)))
        calls[handle].queueEntryTime = now
        if measured { counters.callbacks += 1 }
        callbackQueue.schedule(handle, at: now + policy.delaySeconds)
        calendar.schedule(.callbackReady, after: policy.delaySeconds)
    }

    /// Free agents dial ready callbacks while no live call waits.
    mutating func dispatchCallbacks(calendar: inout EventCalendar<Event>) {
        var dialled = false
        while busyAgents < staffed && dialCallback(calendar: &calendar) { dialled = true }
        if dialled { busyAgentsIntegral.update(to: Double(busyAgents), at: calendar.now) }
    }

    /// One free agent dials the oldest ready callback if no live call waits; the busy
    /// count rises by one. False when there is nothing to dial.
    mutating func dialCallback(calendar: inout EventCalendar<Event>) -> Bool {
        let now = calendar.now
        guard waitingCount == 0, let ready = callbackQueue.nextTime, ready <= now, let handle = callbackQueue.next() else {
            return false
        }
        var call = calls[handle]
        let source = sources[Int(call.callType)]
        let policy = source.callback!
        call.callbackAttempts += 1
        busyAgents += 1
        if source.callbackStream.bernoulli(policy.reachProbability) {
            if call.measured {
                counters.calledBack += 1
                counters.totalCallbackDelaySeconds += now - call.queueEntryTime
            }
            calls.remove(handle)
            calendar.schedule(.serviceEnd, after: call.serviceSeconds)
        } else {
            calendar.schedule(.serviceEnd, after: policy.failedAttemptSeconds)
            if Int(call.callbackAttempts) >= policy.maxAttempts {
                if call.measured { counters.callbackFailed += 1 }
                calls.remove(handle)
            } else {
                calls[handle] = call
                let retry = now + policy.failedAttemptSeconds + policy.retryDelaySeconds
                callbackQueue.schedule(handle, at: retry)
                calendar.schedule(.callbackReady, at: retry)
            }
        }
        return true
    }

    /// A free agent takes the oldest call still waiting (abandoned ones are stale);
    /// false when nobody waits. The busy count rises by one; the caller updates the integral.
    @inline(__always)
    mutating func takeWaitingCall(at now: Double, calendar: inout EventCalendar<Event>) -> Bool {
        while let handle = queue.popFirst() {
            guard calls.isCurrent(handle) else { continue }
            let call = calls[handle]
            calls.remove(handle)
            setWaitingCount(waitingCount - 1, at: now)
            if call.measured {
                let wait = now - call.queueEntryTime
                counters.answered += 1
                if wait <= targetSeconds { counters.answeredWithinTarget += 1 }
                if call.misrouted { counters.misroutedAnswered += 1 }
                counters.totalWaitAnsweredSeconds += wait
                counters.waits.add(wait)
                if day != nil { counters.periods[Int(call.period)].answered(after: wait, target: targetSeconds) }
            }
            busyAgents += 1
            calendar.schedule(.serviceEnd, after: call.serviceSeconds)
            return true
        }
        return false
    }

    @inline(__always)
    mutating func abandon(_ handle: SlotHandle, calendar: inout EventCalendar<Event>) {
        let now = calendar.now
        guard calls.isCurrent(handle) else { return }  // answered meanwhile: stale
        let call = calls[handle]
        calls.remove(handle)
        setWaitingCount(waitingCount - 1, at: now)
        let type = Int(call.callType)
        if redialProbability[type] > 0, sources[type].redialStream.bernoulli(redialProbability[type]) {
            let delay = sources[type].redialDelay.sample(sources[type].redialStream)
            let again = calls.insert(call)
            calendar.schedule(.redial(again), after: delay)
            if call.measured { counters.redials += 1 }
        }
        if call.measured {
            let wait = now - call.queueEntryTime
            counters.abandoned += 1
            counters.totalWaitAbandonedSeconds += wait
            counters.waits.add(wait)
            if day != nil { counters.periods[Int(call.period)].abandoned += 1 }
        }
    }

    @inline(__always)
    mutating func setWaitingCount(_ n: Int, at now: Double) {
        queueLengthIntegral.update(to: Double(n), at: now)
        waitingCount = n
    }

    mutating func openWindow(at now: Double) {
        inWindow = true
        busyAgentsIntegral.update(to: Double(busyAgents), at: now)
        busyAgentsIntegral.restart(at: now)
        queueLengthIntegral.update(to: Double(waitingCount), at: now)
        queueLengthIntegral.restart(at: now)
        counters.windowStartSeconds = now
    }

    mutating func closeArrivals(at time: Double) {
        arrivalsClosed = true
        guard inWindow else { return }
        inWindow = false
        counters.windowEndSeconds = time
        counters.busyAgentSeconds = busyAgentsIntegral.integral(upTo: time)
        counters.queueLengthIntegral = queueLengthIntegral.integral(upTo: time)
        if let day {
            closePeriodBusyTime(at: time)
            counters.staffedAgentSeconds = day.agents.reduce(0.0) { $0 + Double($1) * day.periodSeconds }
        } else {
            counters.staffedAgentSeconds = Double(staffed) * (time - counters.windowStartSeconds)
        }
    }

    /// Runs one replication and returns its counters.
    /// - Parameters:
    ///   - seed: the scenario seed (0...StreamID.maxSeed).
    ///   - replication: the substream index of every stream.
    public static func simulate(_ config: SingleQueueConfig, seed: UInt64, replication: UInt64) -> SingleQueueCounters {
        var model = SingleQueueCenter(config: config, seed: seed, replication: replication)
        var calendar = EventCalendar<Event>(reservingCapacity: 2 * (config.day?.agents.max() ?? config.agents) + 64)
        if case .time(let warmup, let measured) = config.horizon {
            calendar.schedule(.windowOpens, at: warmup)
            calendar.schedule(.arrivalsClose, at: warmup + measured)
        }
        if let day = config.day {
            for k in 1..<max(day.count, 1) { calendar.schedule(.periodStart(Int32(k)), at: Double(k) * day.periodSeconds) }
        }
        for i in config.callTypes.indices { model.scheduleNextArrival(i, after: 0, calendar: &calendar) }
        let stop = calendar.run(&model, limits: RunLimits(maxTime: config.maxSimulatedSeconds))
        if model.inWindow {
            // The window never closed: the time limit was hit first.
            model.closeArrivals(at: calendar.now)
        }
        model.counters.truncated = stop == .timeLimit
        let c = model.counters
        model.counters.unfinished = c.offered + c.redials - c.answered - c.abandoned - c.balked - c.contained
            - c.ivrAbandoned - c.ivrDisconnected - c.calledBack - c.callbackFailed
        model.counters.serviceLevelTargetSeconds = config.serviceLevelTargetSeconds
        return model.counters
    }
}
