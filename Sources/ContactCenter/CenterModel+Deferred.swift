import SimKernel

/// Deferred work (`Channel.email`: e-mails, tickets): no patience, a due time, taken by an
/// agent only when no real-time contact he may take waits (after live calls and chats,
/// after ready callbacks), or first by the group's `deferredShare` of its scheduled agents
/// while a backlog waits. It is not taken while the center is closed (a night of a plan
/// over several days, or after the window's end): what waits is carried over to the next
/// opening, and counted in the backlog at each day's close.
///
/// Over several days (`DayPlan.calendarDay`) the center closes at the end of each day's
/// last open period: agents finish the contact in hand and take the real-time contacts
/// still waiting, then leave (idle ones at once); the next day's first period brings its
/// own staffing. Deferred contacts are counted in their call type's and channel's figures
/// and in `DeferredTally`, not in the center's or the periods' queue figures (an e-mail's
/// hours would swamp a call's seconds).
extension CenterModel {
    /// A free agent of group g takes the deferred contact ranked first among the classes
    /// he serves (nil `freedAgent`: the one idle longest). False when none waits or the
    /// center is closed.
    mutating func takeDeferred(group g: Int, freedAgent: Int32?, calendar: inout EventCalendar<Event>) -> Bool {
        guard !deferred!.closed, let (c, transfer) = bestWaitingClass(group: g, onlyChats: false, deferredWork: true, at: calendar.now)
        else { return false }
        let call = takeWaiting(queueClass: c, transfer: transfer, at: calendar.now)
        let agent = occupyAgent(g, freedAgent: freedAgent, at: calendar.now)
        startWork(call, group: g, agent: agent, calendar: &calendar)
        return true
    }

    /// Agent `agent` of group g starts on `call` (deferred or not): his group's count of
    /// agents on deferred work follows. Out of line, as the next two.
    @inline(never)
    mutating func deferredWorkStarts(_ call: Call, group g: Int, agent: Int32) {
        deferred!.starts(group: g, agent: Int(agent), deferred: deferred!.isDeferredType[Int(call.callType)])
    }

    @inline(never)
    mutating func deferredWorkEnds(group g: Int, agent: Int32) { deferred!.ends(group: g, agent: Int(agent)) }

    /// The freed agent takes deferred work before live contacts while his group's share is
    /// not filled (`takesDeferredFirst`).
    @inline(never)
    mutating func takeDeferredFirst(group g: Int, freedAgent: Int32?, calendar: inout EventCalendar<Event>) -> Bool {
        takesDeferredFirst(group: g) && takeDeferred(group: g, freedAgent: freedAgent, calendar: &calendar)
    }

    /// Group g has fewer agents on deferred work than its share of the scheduled agents
    /// (rounded to the nearest): a freed agent takes deferred work first.
    func takesDeferredFirst(group g: Int) -> Bool {
        let share = deferred!.share[g]
        return share > 0 && Double(deferred!.onDeferred[g]) < (share * Double(groups[g].staffed)).rounded()
    }

    /// Deferred contacts waiting now, measured or not.
    var deferredBacklog: Int { deferred!.classes.reduce(0) { $0 + classes[$1].waitingCount } }

    /// The center closes for the night or at the window's end: no deferred work is taken
    /// until it opens again, and the backlog is counted.
    mutating func closeDeferredWork() {
        guard deferred != nil else { return }
        deferred!.closed = true
        recorder.counters.deferred.backlogAtClose.append(deferredBacklog)
    }

    /// The night begins: group g keeps only its agents busy or away (they leave when they
    /// have no real-time contact left to take: `agentFrees`); idle ones leave at once.
    mutating func setStaffedForTheNight(_ g: Int) {
        let present = groups[g].busy + groups[g].away
        if keepsIdleAgents {
            while groups[g].idle.count > 0 && groups[g].staffed > present {
                goOffDuty(g, agent: groups[g].idle.popFirst()!.agent)
                groups[g].staffed -= 1
            }
        }
        groups[g].staffed = min(groups[g].staffed, present)
    }

    /// The window ends: the measured deferred contacts still waiting are left in the
    /// backlog (`leftAtEnd`), past due or not (`overdueAtEnd`: due before `now`).
    mutating func countDeferredLeft(at now: Double) {
        for c in deferred!.classes {
            var queue = classes[c].waiting
            while let handle = queue.popFirst() {
                guard calls.isCurrent(handle), calls[handle].measured else { continue }
                let call = calls[handle]
                recorder.counters.deferred.leftAtEnd += 1
                if call.queueEntryTime + deferred!.dueSeconds[Int(call.callType)] < now { recorder.counters.deferred.overdueAtEnd += 1 }
            }
        }
    }
}

/// The deferred work of a replication: which call types and classes it is, each group's
/// share and its agents on it, and whether the center takes it now.
struct DeferredDesk {
    let isDeferredType: ContiguousArray<Bool>
    let isDeferredClass: ContiguousArray<Bool>
    let classes: [Int]
    let dueSeconds: ContiguousArray<Double>
    let share: ContiguousArray<Double>
    /// Per group, agents on deferred work now; [group][agent]: he is.
    var onDeferred: ContiguousArray<Int>
    var agentOnDeferred: [[Bool]]
    /// No deferred work is taken (night, or after the window).
    var closed = false

    init(_ config: CenterConfig, routing: RoutingTables) {
        isDeferredType = ContiguousArray(config.callTypes.map { !$0.channel.isRealTime })
        let types = isDeferredType
        isDeferredClass = ContiguousArray((0..<routing.classCount).map { types[Int(routing.classCallType[$0])] })
        classes = isDeferredClass.indices.filter { types[Int(routing.classCallType[$0])] }
        dueSeconds = ContiguousArray(config.callTypes.map(\.dueSeconds))
        share = ContiguousArray(config.groups.map(\.deferredShare))
        onDeferred = ContiguousArray(repeating: 0, count: config.groups.count)
        agentOnDeferred = config.groups.map { _ in [] }
    }

    /// Agent a of group g starts on a contact (deferred or not).
    mutating func starts(group g: Int, agent a: Int, deferred: Bool) {
        while agentOnDeferred[g].count <= a { agentOnDeferred[g].append(false) }
        if deferred != agentOnDeferred[g][a] { onDeferred[g] += deferred ? 1 : -1 }
        agentOnDeferred[g][a] = deferred
    }

    /// Agent a of group g ends his work.
    mutating func ends(group g: Int, agent a: Int) {
        guard agentOnDeferred[g].indices.contains(a), agentOnDeferred[g][a] else { return }
        agentOnDeferred[g][a] = false
        onDeferred[g] -= 1
    }
}
