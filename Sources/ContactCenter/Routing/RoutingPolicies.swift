/// The routing policies, each the answer to the three questions of routing:
/// 1. which group takes an arriving call: among the groups it may go to at once
///    (question 3 with no wait), the one `AgentSelection` picks;
/// 2. which waiting call a freed agent takes: handed-on calls first (oldest first), then
///    the front call of the queues he serves that the policy ranks first;
/// 3. when a waiting call is offered to more groups: `groupSteps`, each group with the
///    wait after which it may take the call (overflow).
///
/// A policy whose ranking is static (fixed per queue class: `rank`, oldest first within
/// a rank) is scanned by the model's fast path; a state-dependent one gives `key`, which
/// the model minimises over the front calls. Adding a policy: a case here, its rule here,
/// and its keys in the scenario reader (`RoutingReader`). Reservation (`reserve`,
/// `reserved_for`) applies under every policy (`RoutingTables.mayTake`).
public enum RoutingPolicy: String, Sendable, Equatable, CaseIterable {
    /// One queue in arrival order: a free agent takes the oldest call he has the skill for.
    case fifo
    /// Static priorities per call type (smaller first), oldest first within a priority.
    case priority
    /// Per call type an ordered list of groups, each eligible after the call has waited
    /// its overflow delay; a free agent takes, among the calls eligible for him, the
    /// highest priority, then those his group is earliest in the list for (his primary
    /// skills before overflow), then the oldest.
    case skillBased = "skill_based"
    /// A free agent takes, among the front calls of the queues he serves, the one whose
    /// wait × its call type's weight is largest (L'Ecuyer & Buist's LWWT router); a new
    /// call goes to any free agent with its skill at once.
    case longestWeightedWait = "longest_weighted_wait"

    var rule: any RoutingRule {
        switch self {
        case .fifo: FIFORule()
        case .priority: PriorityRule()
        case .skillBased: SkillBasedRule()
        case .longestWeightedWait: LongestWeightedWaitRule()
        }
    }
}

/// How a policy answers questions 2 and 3 (see `RoutingPolicy`).
protocol RoutingRule: Sendable {
    /// Call type i's groups in the policy's order, each with the wait after which it may
    /// take the call.
    func groupSteps(callType i: Int, routing: RoutingConfig, groupCount: Int) -> [OverflowStep]
    /// The static rank (smaller first) of call type i's calls for a group at `position`
    /// of their steps (by wait, then list order).
    func rank(callType i: Int, position: Int, routing: RoutingConfig) -> (priority: Int, preference: Int)
    /// False: the ranking depends on the state, and `key` orders the front calls.
    var ranksStatically: Bool { get }
    /// State-dependent policies: the key of a front call that entered its queue at
    /// `entrySeconds`, of a class whose call type has `weight`, at `now`; the smallest key
    /// wins, ties to the class listed first for the group.
    func key(weight: Double, entrySeconds: Double, now: Double) -> Double
}

extension RoutingRule {
    /// Every group at once, in scenario order.
    func groupSteps(callType i: Int, routing: RoutingConfig, groupCount: Int) -> [OverflowStep] {
        (0..<groupCount).map { OverflowStep(group: $0, afterSeconds: 0) }
    }
    var ranksStatically: Bool { true }
    func key(weight: Double, entrySeconds: Double, now: Double) -> Double { entrySeconds }
}

struct FIFORule: RoutingRule {
    func rank(callType i: Int, position: Int, routing: RoutingConfig) -> (priority: Int, preference: Int) { (0, 0) }
}

struct PriorityRule: RoutingRule {
    func rank(callType i: Int, position: Int, routing: RoutingConfig) -> (priority: Int, preference: Int) { (routing.priority(i), 0) }
}

struct SkillBasedRule: RoutingRule {
    /// The call type's overflow list, or every group at once when it has none.
    func groupSteps(callType i: Int, routing: RoutingConfig, groupCount: Int) -> [OverflowStep] {
        if routing.overflow.indices.contains(i), !routing.overflow[i].isEmpty { return routing.overflow[i] }
        return (0..<groupCount).map { OverflowStep(group: $0, afterSeconds: 0) }
    }

    func rank(callType i: Int, position: Int, routing: RoutingConfig) -> (priority: Int, preference: Int) { (routing.priority(i), position) }
}

/// Largest weight × wait first: the key −weight × (now − entry).
struct LongestWeightedWaitRule: RoutingRule {
    func rank(callType i: Int, position: Int, routing: RoutingConfig) -> (priority: Int, preference: Int) { (0, 0) }
    var ranksStatically: Bool { false }
    func key(weight: Double, entrySeconds: Double, now: Double) -> Double { -(weight * (now - entrySeconds)) }
}
