import Measures
import SimKernel

/// Chats at the agents (`Channel.chat`, `ChatCapacity`): an agent of group g holds up to
/// c_g chats at once; while he holds n, each progresses at rate 1 ÷ f_g(n), so when n
/// changes the end of every chat he holds is re-timed from its remaining work.
///
/// Which agent: a new chat goes to an idle agent (0 chats) as any call does; else to the
/// agent with the fewest chats under his limit among the groups eligible for it at once
/// (ties: the one whose count changed longest ago). An agent with chats is busy: he takes
/// no voice call; when a chat ends he takes the waiting chats the policy ranks first
/// (`answerBest`'s order, chats only) while under his limit, and when his last one ends he
/// is free as after a call (`agentFrees`: voice or chat, a break, the end of his shift).
/// An agent who must leave (his shift over, his break due) takes no new chat. A chat's
/// work is its handling time and the group's after-call work, both at the chat's pace.
///
/// Invariant: no chat waits while an agent eligible for it at once is idle, or holds fewer
/// than his limit and need not leave.
extension CenterModel {
    /// `startWork`'s branch for chats (out of line: a call's path tests only `hasChat`):
    /// true when `call` is a chat, now started with agent `agent` of group g.
    @inline(never)
    mutating func startsChat(_ call: Call, group g: Int, agent: Int32, calendar: inout EventCalendar<Event>) -> Bool {
        guard chat!.isChatType[Int(call.callType)] else { return false }
        traceCall(call) {
            $0.group = g
            $0.agent = Int(agent)
            $0.serviceStartSeconds = calendar.now
        }
        startChat(call, work: chatWork(call, group: g), group: g, agent: agent, calendar: &calendar)
        return true
    }

    /// Whether queue class c is of the kind asked for: a chat class (`chat`), not a chat
    /// class (`call`), and a deferred class exactly when `deferredWork` (with deferred work
    /// in the model).
    @inline(never)
    func isClassOfKind(_ c: Int, chat onlyChats: Bool, call onlyCalls: Bool, deferredWork: Bool) -> Bool {
        if onlyChats && !chat!.isChatClass[c] { return false }
        if onlyCalls && chat!.isChatClass[c] { return false }
        return !hasDeferred || deferred!.isDeferredClass[c] == deferredWork
    }

    /// Chat `call` starts with agent `agent` of group g (already counted busy); `work`:
    /// its work at concurrency 1. He then fills his other slots from the waiting chats.
    mutating func startChat(_ call: Call, work: Double, group g: Int, agent: Int32, calendar: inout EventCalendar<Event>) {
        addChat(call, work: work, group: g, agent: agent, calendar: &calendar)
        fillChats(group: g, agent: agent, calendar: &calendar)
    }

    /// Agent `agent` of group g holds one more chat: the others slow down, and the new one
    /// ends after work × f(n + 1) unless his count changes meanwhile.
    mutating func addChat(_ call: Call, work: Double, group g: Int, agent: Int32, calendar: inout EventCalendar<Event>) {
        let now = calendar.now
        let a = Int(agent)
        while chat!.holders[g].count <= a { chat!.holders[g].append(ChatHolder()) }
        let n = chat!.holders[g][a].sessions.count
        if n == 0 { chat!.setAgentsChatting(chat!.agentsChatting + 1, at: now) }
        retimeChats(group: g, agent: a, from: n, to: n + 1, calendar: &calendar)
        recorder.chatTaken(call)
        // (Its customer left silently: `takeWaiting` traced an answer that was none.)
        if call.gone { traceCall(call) { $0.answerSeconds = nil; $0.outcome = .abandoned } }
        let handle = chat!.sessions.insert(ChatSession(group: Int32(g), agent: agent, remainingWork: work, updatedAt: now,
                                                       record: call.record))
        chat!.holders[g][a].sessions.append(handle)
        chat!.holders[g][a].since = now
        chat!.setInProgress(chat!.inProgress + 1, at: now)
        calendar.schedule(.chatEnds(handle), at: now + work * chat!.slowdown[g][n])
    }

    /// The agent's n chats so far have run at pace 1 ÷ f(n) since each was last timed; from
    /// now they run at 1 ÷ f(m): their remaining work is updated and their ends scheduled
    /// again.
    mutating func retimeChats(group g: Int, agent a: Int, from n: Int, to m: Int, calendar: inout EventCalendar<Event>) {
        guard n > 0, m > 0 else { return }
        let before = chat!.slowdown[g][n - 1], after = chat!.slowdown[g][m - 1]
        guard before != after else { return }
        let now = calendar.now
        bringChatsUpToDate(group: g, agent: a, pace: before, at: now)
        for handle in chat!.holders[g][a].sessions {
            calendar.schedule(.chatEnds(handle), at: now + chat!.sessions[handle].remainingWork * after)
        }
    }

    /// The agent's chats have run at pace 1 ÷ `pace` since each was last timed: their work
    /// left is brought up to `now`, and each takes a new slot (its pending end event is
    /// stale; the caller schedules the new one, or none while the chat is on hold).
    mutating func bringChatsUpToDate(group g: Int, agent a: Int, pace: Double, at now: Double) {
        for k in chat!.holders[g][a].sessions.indices {
            let old = chat!.holders[g][a].sessions[k]
            var session = chat!.sessions[old]
            session.remainingWork = max(0, session.remainingWork - (now - session.updatedAt) / pace)
            session.updatedAt = now
            chat!.sessions.remove(old)
            chat!.holders[g][a].sessions[k] = chat!.sessions.insert(session)
        }
    }

    /// A chat ends (stale when it was re-timed since): its agent's other chats speed up; he
    /// takes waiting chats, or, with none left, is free.
    mutating func endChat(_ handle: SlotHandle, calendar: inout EventCalendar<Event>) {
        guard chat!.sessions.isCurrent(handle) else { return }
        let now = calendar.now
        let session = chat!.sessions[handle]
        chat!.sessions.remove(handle)
        let g = Int(session.group), a = Int(session.agent)
        let n = chat!.holders[g][a].sessions.count
        chat!.holders[g][a].sessions.removeAll { $0 == handle }
        chat!.holders[g][a].since = now
        chat!.setInProgress(chat!.inProgress - 1, at: now)
        if callRecords != nil {
            callRecords![session.record].serviceEndSeconds = now
            callRecords![session.record].wrapUpEndSeconds = now
        }
        if n == 1 {
            chat!.setAgentsChatting(chat!.agentsChatting - 1, at: now)
            // On a call meanwhile (`ChatCapacity.VoiceWhileChatting.goOn`): he frees when it ends.
            if !chat!.holders[g][a].onVoice { agentFrees(group: g, agent: session.agent, calendar: &calendar) }
            return
        }
        retimeChats(group: g, agent: a, from: n, to: n - 1, calendar: &calendar)
        fillChats(group: g, agent: session.agent, calendar: &calendar)
    }

    /// Agent `agent` of group g, holding chats, takes waiting chats (ranked as
    /// `answerBest` ranks calls) while under his limit and free to take more.
    mutating func fillChats(group g: Int, agent: Int32, calendar: inout EventCalendar<Event>) {
        let now = calendar.now
        if chat!.voiceMode[g] != .never && takeCallWhileChatting(group: g, agent: agent, calendar: &calendar) { return }
        while mayTakeAnotherChat(group: g, agent: agent),
              let (c, isTransfer) = bestWaitingClass(group: g, onlyChats: true, at: now) {
            let call = takeWaiting(queueClass: c, transfer: isTransfer, at: now)
            traceCall(call) { $0.group = g; $0.agent = Int(agent); $0.serviceStartSeconds = now }
            addChat(call, work: chatWork(call, group: g), group: g, agent: agent, calendar: &calendar)
        }
    }

    /// Every agent of group g who holds chats fills his free slots (after a shift change,
    /// an agent's return, or an overflow step that made chats eligible for the group).
    mutating func fillChats(ofGroup g: Int, calendar: inout EventCalendar<Event>) {
        guard chat!.holders.indices.contains(g) else { return }
        for a in chat!.holders[g].indices where !chat!.holders[g][a].sessions.isEmpty {
            fillChats(group: g, agent: Int32(a), calendar: &calendar)
        }
    }

    /// An agent with chats takes another one: under his group's limit, no agent of his
    /// group is over the schedule (someone's shift has ended), and his break is not due.
    func mayTakeAnotherChat(group g: Int, agent: Int32) -> Bool {
        let a = Int(agent)
        guard chat!.holders[g][a].sessions.count < chat!.concurrency[g], !chat!.holders[g][a].onVoice,
              groups[g].busy + groups[g].away <= groups[g].staffed else { return false }
        if let absence = groups[g].absence, absence.breakDue.indices.contains(a), absence.breakDue[a] { return false }
        return true
    }

    /// The agent who takes a chat of class c that found no idle agent (for a class of calls,
    /// `agentForCall`): the agent holding chats with the fewest among those under their limit
    /// (`agentHoldingFewestChats`); nil: none.
    @inline(never)
    mutating func agentWithChatRoom(forClass c: Int, at now: Double) -> (group: Int, agent: Int32)? {
        guard chat!.isChatClass[c] else { return chat!.anyVoiceWhileChatting ? agentForCall(forClass: c, at: now) : nil }
        return agentHoldingFewestChats(forClass: c, groupQualifies: { _ in true },
                                       agentQualifies: { g, a in mayTakeAnotherChat(group: g, agent: a) })
    }

    /// Among the groups eligible at once for class c (and allowed by their reserve) that
    /// qualify, the agent holding chats who qualifies with the fewest, ties to the one whose
    /// count changed longest ago; nil: none.
    func agentHoldingFewestChats(forClass c: Int, groupQualifies: (Int) -> Bool,
                                 agentQualifies: (Int, Int32) -> Bool) -> (group: Int, agent: Int32)? {
        var best: (group: Int, agent: Int32)?
        var fewest = Int.max, since = Double.infinity
        for k in routing.classGroupRange[c] {
            let eligibility = routing.classGroups[k]
            if eligibility.delaySeconds > 0 { break }  // sorted by delay
            let g = Int(eligibility.group)
            guard groupQualifies(g), routing.mayTake(group: g, queueClass: c, idle: groups[g].available) else { continue }
            for (a, holder) in chat!.holders[g].enumerated() where !holder.sessions.isEmpty {
                let n = holder.sessions.count
                guard n < fewest || (n == fewest && holder.since < since), agentQualifies(g, Int32(a)) else { continue }
                best = (g, Int32(a))
                fewest = n
                since = holder.since
            }
        }
        return best
    }

    /// A chat's work with group g at concurrency 1: its handling time with the group and
    /// the group's after-call work.
    func chatWork(_ call: Call, group g: Int) -> Double {
        // A chat its customer left silently: the first reply, the wait, the closing.
        if call.gone { return silentAbandonments[Int(call.callType)]!.inactivityTimeoutSeconds }
        var work = handlingSeconds(call, group: g)
        if drawsAfterCallWork, let wrapUp = groups[g].afterCallWork { work += wrapUp.quantile(call.afterCallWorkQuantile) }
        return work
    }
}

/// The chats at the agents of every group, and their time integrals.
struct ChatDesk {
    /// Per call type and per queue class: chats.
    let isChatType: ContiguousArray<Bool>
    let isChatClass: ContiguousArray<Bool>
    /// Per group: c, and f(1), …, f(c) at index n − 1.
    let concurrency: ContiguousArray<Int>
    let slowdown: [ContiguousArray<Double>]
    /// [group][agent number]: the chats he holds.
    var holders: [[ChatHolder]]
    var sessions = Slab<ChatSession>()
    /// Per group, whether its agents holding chats take calls, and with what to their chats.
    let voiceMode: [ChatCapacity.VoiceWhileChatting]
    let anyVoiceWhileChatting: Bool
    /// Chats in progress, and agents holding at least one, with their integrals over time.
    var inProgress = 0
    var agentsChatting = 0
    var inProgressIntegral = TimeWeightedAverage(value: 0, at: 0)
    var agentsChattingIntegral = TimeWeightedAverage(value: 0, at: 0)

    init(_ config: CenterConfig, routing: RoutingTables) {
        isChatType = ContiguousArray(config.callTypes.map { $0.channel == .chat })
        let types = isChatType
        isChatClass = ContiguousArray((0..<routing.classCount).map { types[Int(routing.classCallType[$0])] })
        let capacities = config.groups.map { $0.chat ?? .single }
        concurrency = ContiguousArray(capacities.map(\.concurrency))
        slowdown = capacities.map { ContiguousArray($0.slowdownFactors) }
        voiceMode = capacities.map(\.voice)
        anyVoiceWhileChatting = voiceMode.contains { $0 != .never }
        holders = config.groups.map { _ in [] }
    }

    mutating func setInProgress(_ n: Int, at now: Double) {
        inProgressIntegral.update(to: Double(n), at: now)
        inProgress = n
    }

    mutating func setAgentsChatting(_ n: Int, at now: Double) {
        agentsChattingIntegral.update(to: Double(n), at: now)
        agentsChatting = n
    }

    /// The window opens: integrals count from now.
    mutating func restartIntegrals(at now: Double) {
        inProgressIntegral.update(to: Double(inProgress), at: now)
        inProgressIntegral.restart(at: now)
        agentsChattingIntegral.update(to: Double(agentsChatting), at: now)
        agentsChattingIntegral.restart(at: now)
    }
}

/// The chats one agent holds, and when his count last changed.
struct ChatHolder {
    var sessions: [SlotHandle] = []
    var since = 0.0
    /// He is on a call (`ChatCapacity.VoiceWhileChatting`): no new chat; his chats held
    /// (their end events stale, their work frozen) or going on.
    var onVoice = false
}

/// A chat in progress: its agent, its work left at concurrency 1 as of `updatedAt`, and
/// its call record (when calls are recorded).
struct ChatSession {
    var group: Int32
    var agent: Int32
    var remainingWork: Double
    var updatedAt: Double
    var record: Int
}
