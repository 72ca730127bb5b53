import SimKernel
import Stochastic

/// Which agents are present: shift changes at period starts, fractional staffing (an extra
/// agent for the first part of a period, `DayPlan.partialAgentShareByGroup`) and breaks or
/// absences (`AgentAbsence`).
///
/// Invariant (agents numbered, `keepsIdleAgents`): a group's idle queue holds
/// max(0, staffed − busy − away) agents. An agent who must leave (his shift ended, or his
/// break is due) while busy finishes his call first; an idle one leaves at once.
extension CenterModel {
    /// Group g is scheduled `n` agents from `now`: arriving agents come on duty idle (the
    /// caller then lets them take waiting calls), idle ones leave at once if there are too
    /// many, busy ones as their calls end (`agentFrees`).
    mutating func setStaffed(_ g: Int, to n: Int, at now: Double, calendar: inout EventCalendar<Event>) {
        groups[g].staffed = n
        guard keepsIdleAgents else { return }
        let idle = max(0, groups[g].available)
        while groups[g].idle.count > idle { goOffDuty(g, agent: groups[g].idle.popFirst()!.agent) }
        while groups[g].idle.count < idle {
            let agent = groups[g].agentComesOnDuty(at: now)
            startPresence(g, agent: agent, at: now, calendar: &calendar)
        }
    }

    /// Idle agents of group g take the calls they may (reached outbound customers first,
    /// then inbound calls, ready callbacks and outbound work; predictive campaigns pace).
    mutating func putIdleAgentsToWork(_ g: Int, calendar: inout EventCalendar<Event>) {
        while hasOutbound && groups[g].hasIdleAgent && takeConnectedCustomer(group: g, freedAgent: nil, calendar: &calendar) {}
        while hasDeferred && groups[g].hasIdleAgent && takeDeferredFirst(group: g, freedAgent: nil, calendar: &calendar) {}
        while groups[g].hasIdleAgent && answerBest(group: g, freedAgent: nil, calendar: &calendar) {}
        while groups[g].hasIdleAgent && dialCallback(group: g, freedAgent: nil, calendar: &calendar) {}
        if hasChat { fillChats(ofGroup: g, calendar: &calendar) }
        while hasDeferred && groups[g].hasIdleAgent && takeDeferred(group: g, freedAgent: nil, calendar: &calendar) {}
        guard hasOutbound else { return }
        while groups[g].hasIdleAgent && takeOutboundWork(group: g, freedAgent: nil, calendar: &calendar) {}
        paceAfterIdle(group: g, calendar: &calendar)
    }

    /// Fractional staffing: the extra agent of group g in period k leaves (his share of the
    /// period is over). Stale when the period's staffing was set again since.
    mutating func partialAgentLeaves(group g: Int, period k: Int, calendar: inout EventCalendar<Event>) {
        guard k == period, partialAgentPresent[g] else { return }
        partialAgentPresent[g] = false
        setStaffed(g, to: groups[g].staffed - 1, at: calendar.now, calendar: &calendar)
    }

    /// Agent `agent` of group g no longer works: his shift ended. His pending break is void.
    mutating func goOffDuty(_ g: Int, agent: Int32) {
        groups[g].offDuty.append(agent)
        if groups[g].absence != nil {
            groups[g].absence!.dueAt[Int(agent)] = nil
            groups[g].absence!.breakDue[Int(agent)] = false
        }
    }

    /// Agent `agent` of group g starts a spell of presence at `now` (on duty, or back from
    /// an absence): with absences, his next one is drawn and scheduled — unless the center
    /// takes no more calls and holds none (the breaks would go on for ever).
    mutating func startPresence(_ g: Int, agent: Int32, at now: Double, calendar: inout EventCalendar<Event>) {
        guard groups[g].absence != nil, !(arrivalsClosed && calls.count == 0) else { return }
        let due = now + groups[g].absence!.drawNext(agent: Int(agent))
        groups[g].absence!.dueAt[Int(agent)] = due
        calendar.schedule(.absenceDue(group: Int32(g), agent: agent), at: due)
    }

    /// Agent `agent` of group g's break is due: an idle agent leaves at once, a busy one
    /// when his call ends. Stale when he went off duty since.
    mutating func absenceDue(group g: Int, agent: Int32, calendar: inout EventCalendar<Event>) {
        let now = calendar.now
        guard groups[g].absence!.dueAt[Int(agent)] == now else { return }
        groups[g].absence!.dueAt[Int(agent)] = nil
        if groups[g].idle.removeFirst(where: { $0.agent == agent }) != nil {
            goAway(g, agent: agent, at: now, calendar: &calendar)
        } else {
            groups[g].absence!.breakDue[Int(agent)] = true
        }
    }

    /// A freed agent of group g whose break is due goes (true); false when none is due.
    @inline(__always)
    mutating func takesBreak(_ g: Int, agent: Int32, at now: Double, calendar: inout EventCalendar<Event>) -> Bool {
        guard groups[g].absence?.breakDue[Int(agent)] == true else { return false }
        groups[g].absence!.breakDue[Int(agent)] = false
        goAway(g, agent: agent, at: now, calendar: &calendar)
        return true
    }

    mutating func goAway(_ g: Int, agent: Int32, at now: Double, calendar: inout EventCalendar<Event>) {
        groups[g].away += 1
        setAgentsAway(away!.count + 1, at: now)
        calendar.schedule(.absenceEnds(group: Int32(g), agent: agent), after: groups[g].absence!.lastingSeconds[Int(agent)])
    }

    /// Agent `agent` of group g is back: he takes waiting work if the schedule still has
    /// room for him, else his shift ended while he was away.
    mutating func absenceEnds(group g: Int, agent: Int32, calendar: inout EventCalendar<Event>) {
        let now = calendar.now
        groups[g].away -= 1
        setAgentsAway(away!.count - 1, at: now)
        if isNight {
            leaveForTheNight(group: g, agent: agent)  // back after the close: he goes home
            return
        }
        guard groups[g].hasIdleAgent else {
            goOffDuty(g, agent: agent)
            return
        }
        groups[g].idle.append(IdleAgent(agent: agent, since: now))
        startPresence(g, agent: agent, at: now, calendar: &calendar)
        putIdleAgentsToWork(g, calendar: &calendar)
    }

    @inline(__always)
    mutating func setAgentsAway(_ n: Int, at now: Double) {
        away!.integral.update(to: Double(n), at: now)
        away!.count = n
    }
}

/// The breaks of one group's agents (`AgentAbsence`), per agent number.
struct AbsenceState {
    let everySeconds: Distribution
    let lasting: Distribution
    /// Agent a's j-th draws: part j of block a.
    let blocks: RandomAccessCallerBlocks
    /// When his next break is due (nil: none pending: away, or off duty).
    var dueAt: [Double?] = []
    /// His break is due and he is finishing a call.
    var breakDue: [Bool] = []
    /// The length of his next break (drawn with its due time).
    var lastingSeconds: [Double] = []
    /// Pairs drawn so far.
    var draws: [Int] = []

    init(_ absence: AgentAbsence, blocks: RandomAccessCallerBlocks) {
        everySeconds = absence.everySeconds
        lasting = absence.lastingSeconds
        self.blocks = blocks
    }

    /// The presence before agent a's next break; its length is kept in `lastingSeconds`.
    mutating func drawNext(agent a: Int) -> Double {
        while dueAt.count <= a {
            dueAt.append(nil)
            breakDue.append(false)
            lastingSeconds.append(0)
            draws.append(0)
        }
        let rng = blocks.generator(caller: a, part: draws[a])
        draws[a] += 1
        let presence = everySeconds.sample(rng)
        lastingSeconds[a] = lasting.sample(rng)
        return presence
    }
}
