import Measures
import SimKernel
import Stochastic

/// One agent group during a run.
struct GroupState {
    /// Agents scheduled now, and of them busy (serving, wrapping up or dialling). An
    /// agent over the schedule (his shift ended during a call) leaves when he frees.
    var staffed: Int
    var busy = 0
    /// Agents on duty but away (a break or an absence, `AgentAbsence`).
    var away = 0
    /// The idle agents, longest idle first: who takes the next call (agents of a group are
    /// numbered 0, 1, … as they first come on duty), and since when (longest-idle
    /// selection across groups). Holds max(0, staffed − busy) agents when the model keeps
    /// them (`CenterModel.keepsIdleAgents`), else nothing.
    var idle: FIFOQueue<IdleAgent>
    /// Numbers of agents whose shift ended; the next to come on duty takes the last one.
    var offDuty: [Int32] = []
    /// Agents numbered so far.
    var numbered: Int32 = 0
    /// Per call type the group's own handling law (nil: the call's own time), turned into
    /// a time by inversion of the call's handling quantile.
    let hasOwnService: Bool
    let serviceByCallType: [Distribution?]
    /// After-call work, by inversion of the call's after-call-work quantile.
    let afterCallWork: Distribution?
    /// Busy agent-seconds of this group (per-group occupancy).
    var busyIntegral = TimeWeightedAverage(value: 0, at: 0)

    /// Breaks and absences of its agents (nil: none).
    var absence: AbsenceState?

    /// Agents present and free: staffed − busy − away (negative while agents whose shift
    /// ended finish their calls).
    var available: Int { staffed - busy - away }
    var hasIdleAgent: Bool { busy + away < staffed }

    /// An agent comes on duty at `now`, idle; returns his number.
    @discardableResult
    mutating func agentComesOnDuty(at now: Double) -> Int32 {
        let agent: Int32
        if let returning = offDuty.popLast() { agent = returning } else {
            agent = numbered
            numbered += 1
        }
        idle.append(IdleAgent(agent: agent, since: now))
        return agent
    }
}

/// An idle agent: his number in the group and when he became idle.
struct IdleAgent {
    var agent: Int32
    var since: Double
}

/// The calls of one queue class (call type × routed skill) waiting for an agent.
struct QueueClass {
    /// First-leg calls in order of queue entry (abandoned ones stay until they reach the
    /// front, where they are recognised as stale and dropped).
    var waiting = FIFOQueue<SlotHandle>(reservingCapacity: 16)
    /// Calls transferred here by an agent of the wrong skill: served before `waiting`.
    var transfers = FIFOQueue<SlotHandle>(reservingCapacity: 4)
    /// First-leg calls waiting (not abandoned).
    var waitingCount = 0
    /// Accepted callback requests by the time they may be dialled.
    var callbacks = EventCalendar<SlotHandle>(reservingCapacity: 4)
}
