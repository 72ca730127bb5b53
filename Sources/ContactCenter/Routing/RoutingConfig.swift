import Stochastic

/// A group of interchangeable agents: the skills they have, their handling times where
/// they differ from the call's own, and after-call work.
public struct AgentGroupConfig: Sendable, Equatable {
    public var name: String
    /// Agents on duty (constant staffing; with a day plan `DayPlan.agentsByGroup` rules).
    public var agents: Int
    /// Skills (intents' skills, or call type names without intents); nil: every skill.
    public var skills: [String]?
    /// Per call type (index), this group's handling-time law; a nil entry (or an empty
    /// list) keeps the call's own handling time (its intent's or its type's).
    public var serviceSecondsByCallType: [Distribution?] = []
    /// Wrap-up after each served call (the agent stays busy); nil: none.
    public var afterCallWorkSeconds: Distribution?
    /// Trunk reservation for agents: the group gives a call of a type not in
    /// `reservedFor` an agent only while more than `reserve` of its agents are idle, so
    /// that a call of a reserved type (VIPs) finds one at once even when others wait.
    public var reserve = 0
    /// Call type indices the reserved agents are kept for.
    public var reservedFor: [Int] = []
    /// Breaks and unplanned absences of each agent; nil: agents stay while on duty.
    public var absence: AgentAbsence?
    /// Outbound campaigns (indices into `CenterConfig.campaigns`) whose customers these
    /// agents call, besides the inbound calls their skills take (which come first).
    public var campaigns: [Int] = []
    /// Blending: an agent takes outbound work only while more than this many of the
    /// group's agents are free (K kept for inbound); reached customers take any free agent.
    public var inboundReserve = 0
    /// This group's talk and after-call work with a reached customer of any of its
    /// campaigns (nil: the campaign's), at the entry's own quantile (inversion).
    public var outboundTalkSeconds: Distribution?
    public var outboundAfterCallWorkSeconds: Distribution?
    /// How many chats an agent holds at once and their slowdown; nil: one at a time
    /// (`ChatCapacity.single`).
    public var chat: ChatCapacity?
    /// Deferred work (e-mail): the share of the group's scheduled agents who take it before
    /// real-time contacts while a backlog waits (0: only agents with no real-time contact
    /// to take do).
    public var deferredShare = 0.0

    public init(name: String, agents: Int, skills: [String]? = nil) {
        self.name = name
        self.agents = agents
        self.skills = skills
    }
}

/// Each agent of a group leaves for a break or an unplanned absence after `everySeconds`
/// of presence (finishing the call in hand first) and is away for `lastingSeconds`; his
/// clock starts when he comes on duty and again when he returns. Agent a's j-th pair of
/// draws is part j of block a of the stream (absence, group name) (`RandomAccessCallerBlocks`), so a
/// variant that changes what agents do moves nobody's breaks.
public struct AgentAbsence: Sendable, Equatable {
    public var everySeconds: Distribution
    public var lastingSeconds: Distribution
    public init(everySeconds: Distribution, lastingSeconds: Distribution) {
        self.everySeconds = everySeconds
        self.lastingSeconds = lastingSeconds
    }
}

/// Which free agent a new call goes to when several groups may take it. Agents within
/// a group are interchangeable, so the choice is between groups.
public enum AgentSelection: String, Sendable, Equatable, CaseIterable {
    /// The agent who has been idle longest (balances the work between groups).
    case longestIdle = "longest_idle"
    /// The first group in order (the overflow list for `skill_based`, else the order of
    /// the groups in the scenario) that has a free agent.
    case fixedOrder = "fixed_order"
}

/// One step of a call type's overflow list: `group` may take the call once it has waited
/// `afterSeconds`.
public struct OverflowStep: Sendable, Equatable {
    public var group: Int
    public var afterSeconds: Double

    public init(group: Int, afterSeconds: Double) {
        self.group = group
        self.afterSeconds = afterSeconds
    }
}

/// The routing of a center: policy, agent selection, priorities and overflow lists.
public struct RoutingConfig: Sendable, Equatable {
    public var policy: RoutingPolicy = .fifo
    public var agentSelection: AgentSelection = .longestIdle
    /// Per call type (index), smaller is served first; empty: all equal. Used by `priority`
    /// and, before the overflow position, by `skill_based`.
    public var priorities: [Int] = []
    /// `skill_based`: per call type (index) its groups in order with their delays; an empty
    /// list (or no entry) gives every group with the call's skill at once, in scenario order.
    public var overflow: [[OverflowStep]] = []
    /// `longest_weighted_wait`: per call type (index) the weight of its waiting time
    /// (positive; empty or no entry: 1).
    public var weights: [Double] = []

    public init(policy: RoutingPolicy = .fifo, agentSelection: AgentSelection = .longestIdle) {
        self.policy = policy
        self.agentSelection = agentSelection
    }

    /// The priority of call type i (0 when none is given).
    func priority(_ i: Int) -> Int { priorities.indices.contains(i) ? priorities[i] : 0 }

    /// The waiting-time weight of call type i (1 when none is given).
    func weight(_ i: Int) -> Double { weights.indices.contains(i) ? weights[i] : 1 }
}
