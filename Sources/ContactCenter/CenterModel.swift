import Measures
import SimKernel
import Stochastic

/// The contact center as a discrete-event model: renewal (usually Poisson) arrivals per
/// call type, an optional IVR in front, agent groups with skills, a routing policy
/// (`RoutingPlan`), patience, balking, redials and callbacks.
///
/// Random streams (entity = call-type index; replication r uses substream r):
/// (interarrival, i), (intent, i), (serviceTime, i), (patience, i), (balking, i),
/// (ivrPatience, i), and one block per caller of (ivrWalk, 0) for his IVR walk (see
/// `CallStreamBlocks`). Everything a call needs is drawn when it arrives, used or not, so
/// variants that keep a source stay synchronised (common random numbers). A group's own
/// handling times are drawn when it answers, from (groupService, g·types + i); after-call
/// work from (afterCallWork, g).
///
/// Events: an arrival of type i; the end of a caller's IVR walk (computed whole on
/// arrival: the IVR has no capacity limit, so a walk depends only on the caller); the
/// end of a service or of after-call work (the agent then takes the call the policy
/// ranks first); an abandonment or an overflow step, which carry the waiting call's slot
/// handle and are stale once the call is answered.
public struct CenterModel: DiscreteEventModel {
    public enum Event {
        case arrival(callType: Int32)
        case ivrExit(SlotHandle)
        /// An agent of the group ends a service (after-call work follows, if any).
        case serviceEnd(group: Int32)
        /// An agent of the group ends his after-call work.
        case wrapUpEnd(group: Int32)
        /// The wrong agent hands a misrouted call on (the call re-queues with priority).
        case transferEnd(SlotHandle)
        case abandonment(SlotHandle)
        /// A waiting call has waited long enough for the next groups of its overflow list.
        case overflow(SlotHandle)
        /// A caller who abandoned calls again (his slot holds the call).
        case redial(SlotHandle)
        /// A callback request of a queue class becomes ready to dial.
        case callbackReady(queueClass: Int32)
        /// `.time` horizon: the measurement window opens (scheduled before any arrival,
        /// so an arrival at exactly this time is measured).
        case windowOpens
        /// `.time` horizon: the center stops accepting calls ([start, end) window).
        case arrivalsClose
        /// Day plan: period k begins (new staffing; the previous period's figures close).
        case periodStart(Int32)
    }

    /// A call in the IVR, in a queue, in a first (wrong) service leg, or waiting to redial
    /// or to be called back.
    struct Call {
        var queueEntryTime: Double
        /// The handling time the call needs (its intent's or its type's law).
        var serviceSeconds: Double
        /// Time the wrong agent spends on a misrouted call before he handles or transfers it.
        var misrouteSeconds = 0.0
        var patienceSeconds: Double
        var balks: Bool
        var measured: Bool
        var misrouted: Bool
        var ivrOutcome: IVROutcome
        var ivrSeconds: Double
        /// The period the call arrived in (day plans; 0 otherwise).
        var period: Int32 = 0
        var callType: Int32 = 0
        /// The skill the call needs and the one it is routed to (they differ after a misroute).
        var needSkill: Int32 = 0
        var routedSkill: Int32 = 0
        /// Index into its class's overflow delays of the next overflow step.
        var overflowLevel: Int32 = 0
        /// The group that answered the misrouted call's first leg.
        var firstLegGroup: Int32 = 0
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
    /// [intent] → the index of its skill.
    let intentSkill: [Int32]
    let ivrPlan: IVRPlan?
    let ivrBlocks: CallStreamBlocks?
    /// [IVR node] → the skill index of a transfer leaf (-1: generalists or not a transfer).
    let transferSkill: [Int32]
    let misrouteHandling: Distribution
    let routing: RoutingPlan
    let tracksIdleAgents: Bool
    var groups: ContiguousArray<GroupState>
    var classes: ContiguousArray<QueueClass>
    /// Agents busy and calls waiting, over all groups and classes.
    var busyAgents = 0
    var waitingCount = 0
    /// The day plan; a `DayCheckpoint` continuation changes the staffing of periods not
    /// yet started and may close the day early.
    var day: DayPlan?
    /// Day plan: the day's busyness factor B and the current period.
    var busyness = 1.0
    var period = 0
    /// Busy agent-seconds integrated up to the start of the current period.
    var busyAtPeriodStart = 0.0
    let unitExponential = Distribution.exponential(mean: 1)
    let targetSeconds: Double
    let warmupCalls: Int
    let lastCall: Int  // arrivals beyond this number are not accepted (.calls horizon)
    /// Per-call-type and per-group figures are kept (more than one type / group).
    let countsByType: Bool
    let countsByGroup: Bool

    var calls = Slab<Call>()
    var arrivalsSoFar = 0
    var arrivalsClosed = false
    var inWindow = false

    public internal(set) var counters = CenterCounters()
    /// Every agent's start on a call, when asked for (`simulate(…, trace: true)`).
    var trace: [ServiceRecord]?
    var busyAgentsIntegral: TimeWeightedAverage
    var queueLengthIntegral: TimeWeightedAverage

    init(config: CenterConfig, seed: UInt64, replication: UInt64) {
        let problems = config.problems
        precondition(problems.isEmpty, "invalid configuration: \(problems.map { "\($0.path): \($0.message)" })")
        var streams: [RandomStream] = []
        func stream(_ purpose: StreamPurpose, _ entity: Int) -> RandomStreamHandle {
            let owner = RandomStream(StreamID(seed: seed, purpose: purpose, entity: entity), replication: replication)
            streams.append(owner)
            return owner.handle
        }
        var sources = ContiguousArray<CallTypeSources>()
        for (index, type) in config.callTypes.enumerated() {
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
                interarrivalStream: stream(.interarrival, index), intentStream: stream(.intent, index),
                serviceStream: stream(.serviceTime, index), patienceStream: stream(.patience, index),
                balkingStream: stream(.balking, index), ivrPatienceStream: stream(.ivrPatience, index),
                toleranceStream: stream(.announcedWait, index), redialStream: stream(.redial, index),
                callbackStream: stream(.callback, index), callback: type.callback))
        }
        self.sources = sources
        meanServiceSeconds = ContiguousArray(config.callTypes.map(\.serviceSeconds.mean))
        redialProbability = ContiguousArray(config.callTypes.map(\.redialProbability))
        intentService = config.intents.map(\.serviceSeconds)
        let skillNames = config.skillNames
        intentSkill = config.intents.map { Int32(skillNames.firstIndex(of: $0.skill)!) }
        if let ivr = config.ivr {
            ivrPlan = IVRPlan(ivr, intents: config.intents, mixes: config.callTypes.map(\.intentMix))
            ivrBlocks = CallStreamBlocks(StreamID(seed: seed, purpose: .ivrWalk), replication: replication)
            misrouteHandling = ivr.misrouteHandlingSeconds
            transferSkill = ivr.nodes.map { node in
                guard case .transfer(let skill?) = node.kind, let s = skillNames.firstIndex(of: skill) else { return -1 }
                return Int32(s)
            }
        } else {
            ivrPlan = nil
            ivrBlocks = nil
            misrouteHandling = .deterministic(0)
            transferSkill = []
        }
        routing = RoutingPlan(routing: config.routing, callTypeCount: config.callTypes.count, skillCount: skillNames.count,
                              groupSkills: config.groups.indices.map(config.skillIndices(ofGroup:)))
        tracksIdleAgents = config.groups.count > 1 && config.routing.agentSelection == .longestIdle
        day = config.day
        var groups = ContiguousArray<GroupState>()
        for (g, group) in config.groups.enumerated() {
            let staffed = config.day?.agentsByGroup[g][0] ?? group.agents
            let laws = config.callTypes.indices.map { group.serviceSecondsByCallType.indices.contains($0) ? group.serviceSecondsByCallType[$0] : nil }
            groups.append(GroupState(
                staffed: staffed, idleSince: FIFOQueue(reservingCapacity: tracksIdleAgents ? staffed : 1),
                hasOwnService: laws.contains { $0 != nil }, serviceByCallType: laws,
                serviceStreams: laws.indices.map { laws[$0] == nil ? nil : stream(.groupService, g * laws.count + $0) },
                afterCallWork: group.afterCallWorkSeconds,
                afterCallWorkStream: group.afterCallWorkSeconds == nil ? nil : stream(.afterCallWork, g)))
            if tracksIdleAgents { for _ in 0..<staffed { groups[g].idleSince.append(0) } }
        }
        self.groups = groups
        classes = ContiguousArray((0..<routing.classCount).map { _ in QueueClass() })
        countsByType = config.callTypes.count > 1
        countsByGroup = config.groups.count > 1
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
        counters.hasAgentTransfers = config.ivr != nil && config.groups.count > 1
        if countsByType { counters.byCallType = config.callTypes.map { CallTypeCounters(name: $0.name) } }
        if countsByGroup { counters.byGroup = config.groups.map { GroupCounters(name: $0.name) } }
        if let day {
            counters.periods = (0..<day.count).map { PeriodCounters(agents: day.agents[$0]) }
            counters.periodSeconds = day.periodSeconds
            counters.periodLabels = (0..<day.count).map(day.label)
            if let shape = day.busynessShape {
                let owner = RandomStream(StreamID(seed: seed, purpose: .busyness), replication: replication)
                streams.append(owner)
                busyness = Distribution.gamma(shape: shape, scale: 1 / shape).sample(owner.handle)
                counters.busyness = busyness
                counters.busynessVariance = 1 / shape
            }
        }
        self.streams = streams
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
        case .serviceEnd(let group): endService(group: Int(group), calendar: &calendar)
        case .wrapUpEnd(let group): agentFrees(group: Int(group), calendar: &calendar)
        case .transferEnd(let handle): endFirstLeg(handle, calendar: &calendar)
        case .abandonment(let handle): abandon(handle, calendar: &calendar)
        case .overflow(let handle): overflow(handle, calendar: &calendar)
        case .callbackReady(let queueClass): dispatchCallbacks(queueClass: Int(queueClass), calendar: &calendar)
        case .redial(let handle): joinQueue(calls[handle], existing: handle, calendar: &calendar)
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
            if countsByType { counters.byCallType[typeIndex].offered += 1 }
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
        let serviceSeconds = intent >= 0 ? intentService[intent].sample(source.serviceStream)
                                         : source.service.sample(source.serviceStream)
        let patienceSeconds = source.patience?.sample(source.patienceStream) ?? .infinity
        let balks = source.balkingStream.bernoulli(source.balkProbability)
        let tolerance = source.announcedTolerance?.sample(source.toleranceStream) ?? .infinity
        let skill = intent >= 0 ? intentSkill[intent] : Int32(typeIndex)
        var call = Call(queueEntryTime: now, serviceSeconds: serviceSeconds, patienceSeconds: patienceSeconds, balks: balks,
                        measured: measured, misrouted: false, ivrOutcome: .transferred(misrouted: false), ivrSeconds: 0,
                        period: Int32(period), callType: Int32(typeIndex), needSkill: skill, routedSkill: skill,
                        toleranceSeconds: tolerance)

        guard let plan = ivrPlan, let blocks = ivrBlocks else {
            joinQueue(call, existing: nil, calendar: &calendar)
            return
        }
        let budget = source.ivrPatience?.sample(source.ivrPatienceStream) ?? .infinity
        let rng = blocks.startNextCall()
        let (outcome, ivrSeconds, leaf) = plan.walk(callType: typeIndex, intent: intent, budgetSeconds: budget, rng: rng)
        let misrouteSeconds = misrouteHandling.sample(rng)
        if case .transferred(let m) = outcome, m {
            call.misrouted = true
            call.misrouteSeconds = misrouteSeconds
            call.routedSkill = transferSkill[leaf]
        }
        call.ivrOutcome = outcome
        call.ivrSeconds = ivrSeconds
        call.queueEntryTime = now + ivrSeconds
        calendar.schedule(.ivrExit(calls.insert(call)), after: ivrSeconds)
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
            joinQueue(call, existing: handle, calendar: &calendar)
            return
        }
        calls.remove(handle)
    }

    /// The queue class of a call: call type × the skill it is routed to.
    @inline(__always)
    func queueClass(of call: Call) -> Int { Int(call.callType) * routing.skillCount + Int(call.routedSkill) }

    /// A call reaches the agents: a free agent takes it at once, or it balks, takes a
    /// callback, or waits. `existing` is its slot when it has one (from the IVR, a redial).
    @inline(__always)
    mutating func joinQueue(_ call: Call, existing: SlotHandle?, calendar: inout EventCalendar<Event>) {
        let now = calendar.now
        let c = queueClass(of: call)
        let type = Int(call.callType)
        let group = freeGroup(forClass: c)
        if group >= 0 {
            if let existing { calls.remove(existing) }
            if call.measured {
                recordEnteredQueue(call)
                recordAnswer(call, waitSeconds: 0)
            }
            claimIdleAgent(group, at: now)
            startWork(call, group: group, calendar: &calendar)
            return
        }
        // Balking: at once with the call type's probability, or after hearing an expected
        // wait (place in line × mean handling time ÷ agents) above the caller's tolerance.
        if call.balks || (call.toleranceSeconds.isFinite && expectedWaitSeconds(queueClass: c, callType: type) > call.toleranceSeconds) {
            if let existing { calls.remove(existing) }
            if call.measured {
                counters.balked += 1
                if day != nil { counters.periods[Int(call.period)].balked += 1 }
                if countsByType { counters.byCallType[type].balked += 1 }
            }
            return
        }
        if let cb = sources[type].callback, expectedWaitSeconds(queueClass: c, callType: type) > cb.offerAboveSeconds,
           sources[type].callbackStream.bernoulli(cb.acceptance) {
            requestCallback(call, existing: existing, queueClass: c, policy: cb, calendar: &calendar)
            return
        }
        if call.measured {
            recordEnteredQueue(call)
            counters.delayed += 1
        }
        var waiting = call
        waiting.queueEntryTime = now  // from the IVR or a redial: waits from now
        waiting.overflowLevel = 0
        let handle: SlotHandle
        if let existing {
            handle = existing
            calls[handle] = waiting
        } else {
            handle = calls.insert(waiting)
        }
        classes[c].waiting.append(handle)
        classes[c].waitingCount += 1
        setWaitingCount(waitingCount + 1, at: now)
        if call.patienceSeconds.isFinite {
            calendar.schedule(.abandonment(handle), after: call.patienceSeconds)
        }
        let overflow = routing.overflowRange[c]
        if !overflow.isEmpty {
            calendar.schedule(.overflow(handle), at: now + routing.overflowDelays[overflow.lowerBound])
        }
    }

    @inline(__always)
    mutating func recordEnteredQueue(_ call: Call) {
        counters.enteredQueue += 1
        if day != nil { counters.periods[Int(call.period)].enteredQueue += 1 }
        if countsByType { counters.byCallType[Int(call.callType)].enteredQueue += 1 }
    }

    /// A measured call is answered (its first agent) after waiting `waitSeconds`.
    @inline(__always)
    mutating func recordAnswer(_ call: Call, waitSeconds wait: Double) {
        counters.answered += 1
        if wait <= targetSeconds { counters.answeredWithinTarget += 1 }
        if call.misrouted { counters.misroutedAnswered += 1 }
        counters.totalWaitAnsweredSeconds += wait
        counters.waits.add(wait)
        if day != nil { counters.periods[Int(call.period)].answered(after: wait, target: targetSeconds) }
        if countsByType { counters.byCallType[Int(call.callType)].answered(after: wait, target: targetSeconds) }
    }

    /// The wait announced to a caller who joins class c now: his place in line × the
    /// type's mean handling time ÷ the agents on duty who may take the class at once (the
    /// usual "position × AHT ÷ agents" estimate; it ignores abandonment ahead of him and
    /// help from overflow groups).
    @inline(__always)
    func expectedWaitSeconds(queueClass c: Int, callType i: Int) -> Double {
        var agents = 0
        for k in routing.classGroupRange[c] {
            let eligibility = routing.classGroups[k]
            if eligibility.delaySeconds > 0 { break }
            agents += groups[Int(eligibility.group)].staffed
        }
        return Double(classes[c].waitingCount + 1) * meanServiceSeconds[i] / Double(max(agents, 1))
    }

    /// A caller accepts a callback: he leaves the live queue; his request waits until it
    /// may be dialled.
    mutating func requestCallback(_ call: Call, existing: SlotHandle?, queueClass c: Int, policy: CallbackPolicy,
                                  calendar: inout EventCalendar<Event>) {
        let now = calendar.now
        var request = call
        request.queueEntryTime = now
        let handle: SlotHandle
        if let existing {
            handle = existing
            calls[handle] = request
        } else {
            handle = calls.insert(request)
        }
        if call.measured { counters.callbacks += 1 }
        classes[c].callbacks.schedule(handle, at: now + policy.delaySeconds)
        calendar.schedule(.callbackReady(queueClass: Int32(c)), after: policy.delaySeconds)
    }

    @inline(__always)
    mutating func abandon(_ handle: SlotHandle, calendar: inout EventCalendar<Event>) {
        let now = calendar.now
        guard calls.isCurrent(handle) else { return }  // answered meanwhile: stale
        let call = calls[handle]
        calls.remove(handle)
        classes[queueClass(of: call)].waitingCount -= 1
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
            if countsByType {
                counters.byCallType[type].abandoned += 1
                counters.byCallType[type].totalWaitAbandonedSeconds += wait
            }
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
        if countsByGroup {
            for g in groups.indices {
                groups[g].busyIntegral.update(to: Double(groups[g].busy), at: now)
                groups[g].busyIntegral.restart(at: now)
            }
        }
        counters.windowStartSeconds = now
    }

    mutating func closeArrivals(at time: Double) {
        arrivalsClosed = true
        guard inWindow else { return }
        inWindow = false
        counters.windowEndSeconds = time
        counters.busyAgentSeconds = busyAgentsIntegral.integral(upTo: time)
        counters.queueLengthIntegral = queueLengthIntegral.integral(upTo: time)
        if day != nil { closePeriodBusyTime(at: time) }
        /// Scheduled agent-seconds of group g in the window.
        func staffedSeconds(_ g: Int) -> Double {
            guard let day else { return Double(groups[g].staffed) * (time - counters.windowStartSeconds) }
            return day.agentsByGroup[g].reduce(0.0) { $0 + Double($1) * day.periodSeconds }
        }
        counters.staffedAgentSeconds = day.map { d in d.agents.reduce(0.0) { $0 + Double($1) * d.periodSeconds } }
            ?? Double(groups.reduce(0) { $0 + $1.staffed }) * (time - counters.windowStartSeconds)
        if countsByGroup {
            for g in groups.indices {
                counters.byGroup[g].busyAgentSeconds = groups[g].busyIntegral.integral(upTo: time)
                counters.byGroup[g].staffedAgentSeconds = staffedSeconds(g)
            }
        }
    }

    /// Runs one replication and returns its counters.
    /// - Parameters:
    ///   - seed: the scenario seed (0...StreamID.maxSeed).
    ///   - replication: the substream index of every stream.
    public static func simulate(_ config: CenterConfig, seed: UInt64, replication: UInt64) -> CenterCounters {
        simulateWithTrace(config, seed: seed, replication: replication, trace: false).counters
    }

    /// `simulate`, also returning every agent's start on a call when `trace` is true
    /// (the records of one replication; memory grows with the calls).
    public static func simulateWithTrace(_ config: CenterConfig, seed: UInt64, replication: UInt64,
                                         trace: Bool = true) -> (counters: CenterCounters, trace: [ServiceRecord]) {
        var (model, calendar) = prepare(config, seed: seed, replication: replication)
        if trace { model.trace = [] }
        model.runToEnd(calendar: &calendar, config: config)
        return (model.counters, model.trace ?? [])
    }

    /// A replication at time 0: the model and its calendar with the horizon's window
    /// events, the day's period starts and each call type's first arrival.
    static func prepare(_ config: CenterConfig, seed: UInt64, replication: UInt64) -> (CenterModel, EventCalendar<Event>) {
        var model = CenterModel(config: config, seed: seed, replication: replication)
        var calendar = EventCalendar<Event>(reservingCapacity: 2 * (config.day?.agents.max() ?? config.agents) + 64)
        if case .time(let warmup, let measured) = config.horizon {
            calendar.schedule(.windowOpens, at: warmup)
            calendar.schedule(.arrivalsClose, at: warmup + measured)
        }
        if let day = config.day {
            for k in 1..<max(day.count, 1) { calendar.schedule(.periodStart(Int32(k)), at: Double(k) * day.periodSeconds) }
        }
        for i in config.callTypes.indices { model.scheduleNextArrival(i, after: 0, calendar: &calendar) }
        return (model, calendar)
    }

    /// Runs until the calendar empties (or the simulated-time bound) and closes the counters.
    mutating func runToEnd(calendar: inout EventCalendar<Event>, config: CenterConfig) {
        let stop = calendar.run(&self, limits: RunLimits(maxTime: config.maxSimulatedSeconds))
        if inWindow {
            // The window never closed: the time limit was hit first.
            closeArrivals(at: calendar.now)
        }
        counters.truncated = stop == .timeLimit
        let c = counters
        counters.unfinished = c.offered + c.redials - c.answered - c.abandoned - c.balked - c.contained
            - c.ivrAbandoned - c.ivrDisconnected - c.calledBack - c.callbackFailed
        counters.serviceLevelTargetSeconds = config.serviceLevelTargetSeconds
    }
}
