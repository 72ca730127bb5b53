import Measures
import SimKernel
import Stochastic

/// The contact center as a discrete-event model: renewal (usually Poisson) arrivals per
/// call type, an optional IVR in front, agent groups with skills, a routing policy
/// (`RoutingTables`), patience, balking, redials and callbacks.
///
/// Random streams. Every stream is (purpose, entity) with the entity derived from the call
/// type's *name* (`StreamEntity.assign`: a 24-bit hash, collisions resolved by name), so adding,
/// removing or reordering call types or groups moves no other stream; replication r uses
/// substream r. Caller k is the k-th arrival of his type in the replication.
///
/// | stream (purpose, type name) | what it gives, per caller of that type |
/// |---|---|
/// | interarrival | the time to the next arrival (day plans: one Exp(1) per arrival) |
/// | intent | one uniform: the intent, from the type's mix |
/// | serviceTime | one uniform u_h: handling time = F⁻¹(u_h) of the intent's or type's law, and of any group's own law for the type (inversion, so every group sees the same quantile of the same call) |
/// | afterCallWork | one uniform (when a group has after-call work): the answering group's law by inversion |
/// | patience, balking, announcedWait, ivrPatience | one draw each (when the type has them: a balking probability > 0, …) |
/// | ivrWalk | block k of `SequentialCallBlocks`: the walk's decisions, then the misroute handling time |
/// | redial | part j of block k of `RandomAccessCallerBlocks`: decision and delay of his j-th redial |
/// | callback | part j of block k: acceptance of the offer at his j-th queue entry, then the attempt on which he is reached |
/// | channelSwitch | part j of block k: whether he takes the offer of another channel, tries it after abandoning, the delay, his patience there (`ChannelSwitch`) |
/// | silentAbandon | part j of block k: whether, abandoning, the chat customer leaves silently (`SilentAbandonment`) |
///
/// plus (busyness, d) for day d's busyness factor of a day plan (d = 0 for one day).
/// Everything but the redial, callback, channel-switch and silent-abandonment decisions is drawn when the call
/// arrives, used or not; those come from the caller's own block at the moment they are
/// taken. Chats' and e-mails' service draws nothing more (a chat's pace is arithmetic). No draw comes from a stream shared
/// by all calls at a moment that depends on the state of the center, so paired variants
/// stay synchronised call by call (common random numbers).
///
/// Events: an arrival of type i; the end of a caller's IVR walk (computed whole on
/// arrival: a walk depends only on the caller; ports and lines decide only whether he
/// gets in, and his port is held until the walk ends); the
/// end of an agent's work on a call (service then after-call work, both known when he
/// starts; the agent then takes the call the policy ranks first); an abandonment or an
/// overflow step, which carry the waiting call's slot handle and are stale once the call
/// is answered.
public struct CenterModel: DiscreteEventModel {
    public enum Event {
        case arrival(callType: Int32)
        case ivrExit(SlotHandle)
        /// Agent number `agent` of the group ends his work on a call (its service and
        /// after-call work, or a callback attempt that did not reach the customer).
        case workEnd(group: Int32, agent: Int32)
        /// The wrong agent hands a misrouted call on (the call re-queues with priority).
        case transferEnd(SlotHandle)
        case abandonment(SlotHandle)
        /// A handed-on caller's patience for his second wait runs out.
        case transferAbandonment(SlotHandle)
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
        /// Fractional staffing: the extra agent of a group leaves in period k.
        case partialAgentLeaves(group: Int32, period: Int32)
        /// An agent's break is due; an absent agent is back.
        case absenceDue(group: Int32, agent: Int32)
        case absenceEnds(group: Int32, agent: Int32)
        /// An outbound dial's next step: reading done, outcome known, retry delay over.
        case outboundStep(SlotHandle)
        /// A reached customer has waited the connect wait for an agent (nuisance, unless taken).
        case connectTimeout(SlotHandle)
        /// A new entry joins campaign c's list.
        case listArrival(campaign: Int32)
        case campaignOpens(Int32)
        case campaignCloses(Int32)
        /// A chat ends (stale when its agent's count changed since: `CenterModel+Chat`).
        case chatEnds(SlotHandle)
    }

    /// Owners of every random stream of this replication (handles point into them).
    var streams: [RandomStream]
    let draws: ContiguousArray<CallTypeDraws>
    /// Per call type: its IVR blocks (with an IVR), its redial and callback blocks.
    let ivrBlocks: [SequentialCallBlocks]
    let redialBlocks: [RandomAccessCallerBlocks]
    let callbackBlocks: [RandomAccessCallerBlocks]
    /// Per call type its channel switch and the customers' switch blocks (empty: no type has one).
    let channelSwitches: [ChannelSwitch?]
    let switchBlocks: [RandomAccessCallerBlocks]
    let hasChannelSwitch: Bool
    /// Per call type: arrivals so far (the next caller's k), counted for types whose
    /// callers may redial or take a callback (the only users of k).
    var callersByType: ContiguousArray<Int>
    let numbersCallers: ContiguousArray<Bool>
    /// Per call type without intents: the queue class of its own skill (no lookup per call).
    let ownSkillClass: ContiguousArray<Int32?>
    /// Some group has after-call work: calls draw its quantile.
    let drawsAfterCallWork: Bool
    /// Some call type offers callbacks: freed agents look for ready ones.
    let offersCallbacks: Bool
    /// A freed agent with no live call may have other work: callbacks, deferred or outbound.
    let takesOtherWork: Bool
    /// Per call type, read on the hot path without touching `draws`.
    let meanServiceSeconds: ContiguousArray<Double>
    let redialProbability: ContiguousArray<Double>
    let redialMaxAttempts: ContiguousArray<Int32>
    let intentService: [Distribution]
    /// Handling-time factors of a day, [call type × periods + period] (empty: none for any type).
    let serviceFactors: ContiguousArray<Double>
    let serviceFactorPeriods: Int
    /// [intent] → the index of its skill.
    let intentSkill: [Int32]
    let ivrWalker: IVRWalker?
    /// [IVR node] → the skill index of a transfer leaf (-1: generalists or not a transfer).
    let transferSkill: [Int32]
    let misrouteHandling: Distribution
    let routing: RoutingTables
    /// Longest-idle selection across groups: the idle agents' times matter.
    let tracksIdleAgents: Bool
    /// The idle agents are kept in each group's `idle` queue (for longest-idle selection,
    /// or to number agents in call records); else only counts are kept and agent numbers
    /// are not computed (they never change what happens: agents of a group are alike).
    let keepsIdleAgents: Bool
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
    /// A horizon of calls (`Horizon.calls`): the window opens after arrival number
    /// `warmup`, and arrivals beyond number `last` are not accepted (nil: a time window,
    /// opened and closed by events).
    let callWindow: (warmup: Int, last: Int)?
    /// Per-group busy time is kept (more than one group).
    let countsByGroup: Bool

    var calls = Slab<Call>()
    var arrivalsSoFar = 0
    var arrivalsClosed = false

    /// Every count of the replication (`recorder.counters`).
    var recorder: Recorder
    public var counters: CenterCounters { recorder.counters }
    /// One record per call attempt, when asked for (`simulateRecordingCalls`).
    var callRecords: [CallRecord]?
    var busyAgentsIntegral: TimeWeightedAverage
    var queueLengthIntegral: TimeWeightedAverage
    /// Callers in the IVR and its ports (`CenterModel+Capacity`).
    var ivr: IVROccupancy
    /// Trunk lines, when limited (`CenterConfig.lines`).
    var lines: TrunkLines?
    /// Per group: the extra agent of fractional staffing is present now.
    var partialAgentPresent: ContiguousArray<Bool>
    /// Agents on a break, when some group's agents take them (`AgentAbsence`).
    var away: AgentsAway?
    /// Outbound campaigns (`CenterModel+Outbound`): their state, the entries being worked,
    /// per group the campaigns it dials for and its agents kept for inbound.
    var campaigns: [CampaignState]
    var dials = Slab<OutboundDial>()
    let hasOutbound: Bool
    let groupCampaigns: [[Int]]
    let inboundReserve: ContiguousArray<Int>
    /// Per group, its own outbound talk and wrap-up laws (prepared for inversion), if any.
    let outboundTalk: [Distribution?]
    let outboundWrapUp: [Distribution?]
    /// The measurement window [start, end) (a day: the whole day; a horizon of calls: empty).
    let measurementWindow: (start: Double, end: Double)
    /// Chats at the agents (`CenterModel+Chat`), when some call type is a chat.
    var chat: ChatDesk?
    let hasChat: Bool
    /// Deferred work (`CenterModel+Deferred`), when some call type is e-mail.
    var deferred: DeferredDesk?
    let hasDeferred: Bool
    /// Per call type: it skips the IVR and the lines (chat, e-mail); `bypasses` when any does.
    let bypassesIVR: ContiguousArray<Bool>
    let someBypassIVR: Bool
    /// A plan over several days: the center is closed (a night period); agents leave when
    /// they have no real-time contact left to take.
    var isNight = false
    /// A plan over several days: each day's busyness factor (empty: `busyness` for the run).
    var busynessByDay: ContiguousArray<Double> = []
    /// Per call type its silent abandonment and the customers' blocks (empty: no type has one).
    let silentAbandonments: [SilentAbandonment?]
    let silentBlocks: [RandomAccessCallerBlocks]
    let hasSilentAbandonment: Bool

    init(config: CenterConfig, seed: UInt64, replication: UInt64, recordingCalls: Bool = false) {
        let problems = config.problems
        precondition(problems.isEmpty, "invalid configuration: \(problems.map { "\($0.path): \($0.message)" })")
        var streams: [RandomStream] = []
        let entities = StreamEntity.assign(config.callTypes.map(\.name))
        func stream(_ purpose: StreamPurpose, _ entity: Int) -> RandomStreamHandle {
            let owner = RandomStream(StreamID(seed: seed, purpose: purpose, entity: entity), replication: replication)
            streams.append(owner)
            return owner.handle
        }
        var draws = ContiguousArray<CallTypeDraws>()
        for (index, type) in config.callTypes.enumerated() {
            var cumulative: [Double] = []
            var total = 0.0
            for share in type.intentMix {
                total += share.weight
                cumulative.append(total)
            }
            let entity = entities[index]
            draws.append(CallTypeDraws(
                interarrival: type.interarrivalSeconds, service: type.serviceSeconds.preparedForInversion,
                patience: type.patienceSeconds, ivrPatience: type.ivrPatienceSeconds,
                balkProbability: type.balkProbability,
                announcedTolerance: type.announcedWaitToleranceSeconds, redialDelay: type.redialDelaySeconds,
                intentCumulative: cumulative, intentIndex: type.intentMix.map(\.intent),
                interarrivalStream: stream(.interarrival, entity), intentStream: stream(.intent, entity),
                handlingStream: stream(.serviceTime, entity), afterCallWorkStream: stream(.afterCallWork, entity),
                patienceStream: stream(.patience, entity),
                balkingStream: stream(.balking, entity), ivrPatienceStream: stream(.ivrPatience, entity),
                toleranceStream: stream(.announcedWait, entity), callback: type.callback))
            if let second = type.transferPatienceSeconds {
                draws[index].transferPatience = second
                draws[index].transferPatienceBlocks = RandomAccessCallerBlocks(StreamID(seed: seed, purpose: .transferPatience, entity: entity),
                                                                     replication: replication)
            }
        }
        redialBlocks = entities.map { RandomAccessCallerBlocks(StreamID(seed: seed, purpose: .redial, entity: $0), replication: replication) }
        callbackBlocks = entities.map { RandomAccessCallerBlocks(StreamID(seed: seed, purpose: .callback, entity: $0), replication: replication) }
        channelSwitches = config.callTypes.map(\.channelSwitch)
        hasChannelSwitch = channelSwitches.contains { $0 != nil }
        switchBlocks = hasChannelSwitch
            ? entities.map { RandomAccessCallerBlocks(StreamID(seed: seed, purpose: .channelSwitch, entity: $0), replication: replication) } : []
        silentAbandonments = config.callTypes.map(\.silentAbandonment)
        hasSilentAbandonment = silentAbandonments.contains { $0 != nil }
        silentBlocks = hasSilentAbandonment
            ? entities.map { RandomAccessCallerBlocks(StreamID(seed: seed, purpose: .silentAbandon, entity: $0), replication: replication) } : []
        callersByType = ContiguousArray(repeating: 0, count: config.callTypes.count)
        numbersCallers = ContiguousArray(config.callTypes.map {
            $0.redialProbability > 0 || $0.callback != nil || $0.transferPatienceSeconds != nil || $0.channelSwitch != nil
                || $0.silentAbandonment != nil
        })
        drawsAfterCallWork = config.groups.contains { $0.afterCallWorkSeconds != nil }
        offersCallbacks = config.callTypes.contains { $0.callback != nil }
        self.draws = draws
        meanServiceSeconds = ContiguousArray(config.callTypes.map(\.serviceSeconds.mean))
        redialProbability = ContiguousArray(config.callTypes.map(\.redialProbability))
        redialMaxAttempts = ContiguousArray(config.callTypes.map { Int32($0.redialMaxAttempts) })
        intentService = config.intents.map(\.serviceSeconds.preparedForInversion)
        serviceFactorPeriods = config.day?.count ?? 0
        serviceFactors = config.callTypes.contains { $0.serviceFactorByPeriod != nil }
            ? ContiguousArray(config.callTypes.flatMap { $0.serviceFactorByPeriod ?? Array(repeating: 1, count: config.day?.count ?? 0) }) : []
        let skillNames = config.skillNames
        intentSkill = config.intents.map { Int32(skillNames.firstIndex(of: $0.skill)!) }
        if let ivr = config.ivr {
            ivrWalker = IVRWalker(ivr, intents: config.intents, mixes: config.callTypes.map(\.intentMix),
                                  channelOfferAcceptance: config.callTypes.map { $0.channelSwitch?.ivrAcceptance ?? 0 })
            ivrBlocks = entities.map { SequentialCallBlocks(StreamID(seed: seed, purpose: .ivrWalk, entity: $0), replication: replication) }
            misrouteHandling = ivr.misrouteHandlingSeconds
            transferSkill = ivr.nodes.map { node in
                guard case .transfer(let skill?) = node.kind, let s = skillNames.firstIndex(of: skill) else { return -1 }
                return Int32(s)
            }
        } else {
            ivrWalker = nil
            ivrBlocks = []
            misrouteHandling = .deterministic(0)
            transferSkill = []
        }
        routing = RoutingTables(routing: config.routing, reachableSkills: config.callTypes.indices.map { Array(config.reachableSkills(ofCallType: $0)) },
                              skillCount: skillNames.count, groupSkills: config.groups.indices.map(config.skillIndices(ofGroup:)),
                              reservations: config.groups.map { ($0.reserve, $0.reservedFor) })
        tracksIdleAgents = config.groups.count > 1 && config.routing.agentSelection == .longestIdle
        away = config.parts.contains(.breaks) ? AgentsAway() : nil
        hasChat = config.hasChat
        hasDeferred = config.hasDeferredWork
        bypassesIVR = ContiguousArray(config.callTypes.map { $0.channel != .voice })
        someBypassIVR = bypassesIVR.contains(true)
        keepsIdleAgents = tracksIdleAgents || recordingCalls || away != nil || hasChat || hasDeferred
        takesOtherWork = offersCallbacks || hasDeferred || !config.campaigns.isEmpty
        partialAgentPresent = ContiguousArray(repeating: false, count: config.groups.count)
        let groupEntities = StreamEntity.assign(config.groups.map(\.name))
        if recordingCalls { callRecords = [] }
        day = config.day
        var groups = ContiguousArray<GroupState>()
        for (g, group) in config.groups.enumerated() {
            let partial = config.day?.partialAgentShare(group: g, period: 0) ?? 0
            let staffed = (config.day?.agentsByGroup[g][0] ?? group.agents) + (partial > 0 ? 1 : 0)
            let laws = config.callTypes.indices.map {
                group.serviceSecondsByCallType.indices.contains($0) ? group.serviceSecondsByCallType[$0]?.preparedForInversion : nil
            }
            groups.append(GroupState(
                staffed: staffed, idle: FIFOQueue(reservingCapacity: keepsIdleAgents ? max(staffed, 1) : 1),
                hasOwnService: laws.contains { $0 != nil }, serviceByCallType: laws,
                afterCallWork: group.afterCallWorkSeconds?.preparedForInversion))
            if let absence = group.absence {
                groups[g].absence = AbsenceState(absence, blocks: RandomAccessCallerBlocks(
                    StreamID(seed: seed, purpose: .absence, entity: groupEntities[g]), replication: replication))
            }
            if keepsIdleAgents { for _ in 0..<staffed { groups[g].agentComesOnDuty(at: 0) } }
        }
        self.groups = groups
        classes = ContiguousArray((0..<routing.classCount).map { _ in QueueClass() })
        var ownClasses = ContiguousArray<Int32?>()
        for (i, type) in config.callTypes.enumerated() {
            ownClasses.append(type.intentMix.isEmpty ? routing.queueClass(callType: i, skill: i).map(Int32.init) : nil)
        }
        ownSkillClass = ownClasses
        countsByGroup = config.groups.count > 1
        switch config.horizon {
        case .calls(let warmup, let measured):
            callWindow = (warmup, warmup + measured)
        case .time:
            callWindow = nil
        }
        busyAgentsIntegral = TimeWeightedAverage(value: 0, at: 0)
        queueLengthIntegral = TimeWeightedAverage(value: 0, at: 0)
        ivr = IVROccupancy(ports: config.ivr?.ports)
        lines = config.lines.map(TrunkLines.init(limit:))
        let channels = config.channels
        let ownTargets = config.callTypes.contains { $0.serviceLevelTargetSeconds != nil || !$0.channel.isRealTime }
        recorder = Recorder(targetSeconds: config.serviceLevelTargetSeconds,
                            targetByType: ownTargets ? config.callTypes.map(config.serviceLevelTarget(ofCallType:)) : [],
                            byCallType: config.callTypes.count > 1,
                            byPeriod: config.day != nil,
                            channelOfType: channels.count > 1 ? config.callTypes.map { Int32(channels.firstIndex(of: $0.channel)!) } : [],
                            deferredDue: config.hasDeferredWork ? config.callTypes.map { $0.channel.isRealTime ? -1 : $0.dueSeconds } : [])
        var counters = CenterCounters()
        counters.serviceLevelTargetSeconds = config.serviceLevelTargetSeconds
        counters.parts = config.parts
        if let ivr = config.ivr, let plan = ivrWalker {
            let offer = plan.policy.flatMap { $0.offer ? $0.offerAt : nil }
            counters.ivr.flow = IVRFlow(ivr: ivr, offerAt: offer, offerLeaves: offer == nil ? [] : plan.directLeaf.compactMap { $0 })
        }
        if config.callTypes.count > 1 { counters.byCallType = config.callTypes.map { CallTypeCounters(name: $0.name) } }
        if countsByGroup { counters.byGroup = config.groups.map { GroupCounters(name: $0.name) } }
        if channels.count > 1 { counters.byChannel = channels.map { CallTypeCounters(name: $0.rawValue) } }
        if let day {
            let staffed = day.staffedAgents
            counters.periods = staffed.map { PeriodCounters(agents: $0, hasIVR: config.ivr != nil, hasOutbound: !config.campaigns.isEmpty,
                                                     channels: channels) }
            counters.periodSeconds = day.periodSeconds
            counters.periodLabels = (0..<day.count).map(day.label)
            counters.periodsPerDay = day.days > 1 ? day.calendarDay!.periodsPerDay : 0
            if let shape = day.busynessShape {
                let owner = RandomStream(StreamID(seed: seed, purpose: .busyness), replication: replication)
                streams.append(owner)
                busyness = Distribution.gamma(shape: shape, scale: 1 / shape).sample(owner.handle)
                counters.busyness = busyness
                counters.busynessVariance = 1 / shape
                if day.days > 1 {
                    // Day d's own factor from (busyness, d); day 0 keeps the one above.
                    busynessByDay = [busyness]
                    for d in 1..<day.days {
                        let owner = RandomStream(StreamID(seed: seed, purpose: .busyness, entity: d), replication: replication)
                        streams.append(owner)
                        busynessByDay.append(Distribution.gamma(shape: shape, scale: 1 / shape).sample(owner.handle))
                    }
                    // The control variate's B (mean 1): the days' mean; its variance 1/(shape × days).
                    counters.busyness = busynessByDay.reduce(0, +) / Double(day.days)
                    counters.busynessVariance = 1 / (shape * Double(day.days))
                }
            }
        }
        hasOutbound = !config.campaigns.isEmpty
        groupCampaigns = config.groups.map(\.campaigns)
        inboundReserve = ContiguousArray(config.groups.map(\.inboundReserve))
        outboundTalk = config.groups.map { $0.outboundTalkSeconds?.preparedForInversion }
        outboundWrapUp = config.groups.map { $0.outboundAfterCallWorkSeconds?.preparedForInversion }
        if case .time(let warmup, let measured) = config.horizon {
            measurementWindow = (warmup, warmup + measured)
        } else {
            measurementWindow = (0, 0)
        }
        campaigns = Self.campaignStates(config, seed: seed, replication: replication, streams: &streams)
        if hasChat { chat = ChatDesk(config, routing: routing) }
        if hasDeferred { deferred = DeferredDesk(config, routing: routing) }
        counters.campaigns = config.campaigns.map { CampaignCounters(name: $0.name) }
        recorder.counters = counters
        self.streams = streams
    }

    public mutating func handle(_ event: Event, calendar: inout EventCalendar<Event>) {
        switch event {
        case .arrival(let typeIndex): arrive(Int(typeIndex), calendar: &calendar)
        case .ivrExit(let handle): leaveIVR(handle, calendar: &calendar)
        case .workEnd(let group, let agent): agentFrees(group: Int(group), agent: agent, calendar: &calendar)
        case .transferEnd(let handle): endFirstLeg(handle, calendar: &calendar)
        case .abandonment(let handle): abandon(handle, calendar: &calendar)
        case .transferAbandonment(let handle): abandonAfterHandOn(handle, calendar: &calendar)
        case .overflow(let handle): overflow(handle, calendar: &calendar)
        case .callbackReady(let queueClass): dispatchCallbacks(queueClass: Int(queueClass), calendar: &calendar)
        case .redial(let handle): redialArrives(handle, calendar: &calendar)
        case .windowOpens: openWindow(at: calendar.now)
        case .arrivalsClose: closeArrivals(at: calendar.now)
        case .periodStart(let k): startPeriod(Int(k), calendar: &calendar)
        case .partialAgentLeaves(let g, let k): partialAgentLeaves(group: Int(g), period: Int(k), calendar: &calendar)
        case .absenceDue(let g, let agent): absenceDue(group: Int(g), agent: agent, calendar: &calendar)
        case .absenceEnds(let g, let agent): absenceEnds(group: Int(g), agent: agent, calendar: &calendar)
        case .outboundStep(let handle): outboundStep(handle, calendar: &calendar)
        case .connectTimeout(let handle): connectTimeout(handle, calendar: &calendar)
        case .listArrival(let c): listEntryArrives(Int(c), calendar: &calendar)
        case .campaignOpens(let c): openCampaign(Int(c), calendar: &calendar)
        case .campaignCloses(let c): closeCampaign(Int(c), at: calendar.now)
        case .chatEnds(let handle): endChat(handle, calendar: &calendar)
        }
    }
}
