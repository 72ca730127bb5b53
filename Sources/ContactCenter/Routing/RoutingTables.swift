/// The routing of a center precomputed once per configuration from its policy's rule
/// (`RoutingPolicies.swift`): who may take which call after how long, and how a free
/// agent ranks the calls he may take. The model only scans the lists built here.
///
/// Calls wait in queue classes, one per (call type i, skill s) a call can reach, where s
/// is the skill the call was routed to (its intent's skill, the IVR leaf's skill for a
/// misroute, or the call type's name without intents). Classes are numbered by call type,
/// then skill; only reachable pairs get one, so the plan grows with call types, not with
/// call types × skills (10,000 call types without intents: 10,000 classes, not 10^8).
struct RoutingTables {
    /// A group that may take calls of a class once they have waited `delaySeconds`.
    struct Eligibility {
        let group: Int32
        let delaySeconds: Double
    }

    /// A class a group serves, with the static part of the policy's ranking: a free agent
    /// takes the call with the smallest (priorityRank: the call type's priority under the
    /// policy; preferenceRank: the group's place in the type's overflow order; queue entry
    /// time), or for a state-dependent policy the smallest `rule.key`.
    struct ServedClass {
        let queueClass: Int32
        let delaySeconds: Double
        let priorityRank: Int32
        let preferenceRank: Int32
        let weight: Double
    }

    /// The policy's rule; `ranksStatically` read once (the model's fast path).
    let rule: any RoutingRule
    let ranksStatically: Bool

    let skillCount: Int
    /// Call type i's classes are `classStart[i]..<classStart[i + 1]`, for the skills
    /// `classSkill[classStart[i]..<classStart[i + 1]]` in increasing order.
    let classStart: ContiguousArray<Int32>
    let classSkill: ContiguousArray<Int32>
    /// Per class, the groups that may take its calls, by delay then the policy's order
    /// (flattened; `classGroupRange[c]` indexes it).
    let classGroups: ContiguousArray<Eligibility>
    let classGroupRange: ContiguousArray<Range<Int>>
    /// Per class, the distinct positive overflow delays in increasing order (flattened).
    let overflowDelays: ContiguousArray<Double>
    let overflowRange: ContiguousArray<Range<Int>>
    /// Per group, the classes it serves (flattened; `servedRange[g]` indexes it).
    let served: ContiguousArray<ServedClass>
    let servedRange: ContiguousArray<Range<Int>>
    /// [group][skill] → the group has the skill.
    let hasSkill: [[Bool]]
    /// Per group the agents kept idle for its reserved call types (0: none), and those
    /// types; per class its call type.
    let reserve: ContiguousArray<Int32>
    let reservedFor: [[Int32]]
    let classCallType: ContiguousArray<Int32>

    /// - Parameters:
    ///   - reachableSkills: per call type, the skills its calls can be routed to.
    ///   - groupSkills: `groupSkills[g]` lists group g's skill indices.
    init(routing: RoutingConfig, reachableSkills: [[Int]], skillCount: Int, groupSkills: [[Int]],
         reservations: [(reserve: Int, callTypes: [Int])] = []) {
        self.skillCount = skillCount
        reserve = ContiguousArray(groupSkills.indices.map { g in Int32(reservations.indices.contains(g) ? reservations[g].reserve : 0) })
        reservedFor = groupSkills.indices.map { g in reservations.indices.contains(g) ? reservations[g].callTypes.map(Int32.init) : [] }
        let rule = routing.policy.rule
        self.rule = rule
        ranksStatically = rule.ranksStatically
        let callTypeCount = reachableSkills.count
        var classStart = ContiguousArray<Int32>([0]), classSkill = ContiguousArray<Int32>()
        for skills in reachableSkills {
            classSkill.append(contentsOf: Set(skills).sorted().map(Int32.init))
            classStart.append(Int32(classSkill.count))
        }
        self.classStart = classStart
        self.classSkill = classSkill
        var classCallType = ContiguousArray<Int32>()
        for i in 0..<reachableSkills.count {
            for _ in Int(classStart[i])..<Int(classStart[i + 1]) { classCallType.append(Int32(i)) }
        }
        self.classCallType = classCallType
        let groupCount = groupSkills.count
        let hasSkill = groupSkills.map { list in
            var row = [Bool](repeating: false, count: skillCount)
            for s in list { row[s] = true }
            return row
        }
        self.hasSkill = hasSkill
        var classGroups = ContiguousArray<Eligibility>(), classGroupRange = ContiguousArray<Range<Int>>()
        var overflowDelays = ContiguousArray<Double>(), overflowRange = ContiguousArray<Range<Int>>()
        var servedBy = [[ServedClass]](repeating: [], count: groupCount)
        for i in 0..<callTypeCount {
            // The groups for call type i in the policy's order, with their delays.
            let steps = rule.groupSteps(callType: i, routing: routing, groupCount: groupCount)
            for c in Int(classStart[i])..<Int(classStart[i + 1]) {
                let s = Int(classSkill[c])
                let start = classGroups.count
                let skilled = steps.enumerated().filter { hasSkill[$0.element.group][s] }
                // By delay, then list position (a stable sort keeps the policy's order).
                let byDelay = skilled.sorted { ($0.element.afterSeconds, $0.offset) < ($1.element.afterSeconds, $1.offset) }
                for (position, step) in byDelay {
                    classGroups.append(Eligibility(group: Int32(step.group), delaySeconds: step.afterSeconds))
                    let rank = rule.rank(callType: i, position: position, routing: routing)
                    servedBy[step.group].append(ServedClass(queueClass: Int32(c), delaySeconds: step.afterSeconds,
                                                            priorityRank: Int32(rank.priority), preferenceRank: Int32(rank.preference), weight: routing.weight(i)))
                }
                classGroupRange.append(start..<classGroups.count)
                let start2 = overflowDelays.count
                for d in Set(byDelay.map(\.element.afterSeconds)).sorted() where d > 0 { overflowDelays.append(d) }
                overflowRange.append(start2..<overflowDelays.count)
            }
        }
        self.classGroups = classGroups
        self.classGroupRange = classGroupRange
        self.overflowDelays = overflowDelays
        self.overflowRange = overflowRange
        var served = ContiguousArray<ServedClass>(), servedRange = ContiguousArray<Range<Int>>()
        for list in servedBy {
            let start = served.count
            // Best-ranked classes first, so a scan can stop early on ties of entry time.
            served.append(contentsOf: list.sorted { ($0.priorityRank, $0.preferenceRank, $0.queueClass) < ($1.priorityRank, $1.preferenceRank, $1.queueClass) })
            servedRange.append(start..<served.count)
        }
        self.served = served
        self.servedRange = servedRange
    }

    var classCount: Int { classGroupRange.count }

    /// Whether group g, with `idle` agents idle now, may give one to a call of class c:
    /// always for its reserved call types, else only while more than `reserve[g]` are idle.
    @inline(__always)
    func mayTake(group g: Int, queueClass c: Int, idle: Int) -> Bool {
        let kept = Int(reserve[g])
        return kept == 0 || idle > kept || reservedFor[g].contains(classCallType[c])
    }

    /// The class of calls of type i routed to skill s (nil: no call of that type can be).
    /// - Complexity: O(skills reachable from type i) (one or a few).
    func queueClass(callType i: Int, skill s: Int) -> Int? {
        for c in Int(classStart[i])..<Int(classStart[i + 1]) where classSkill[c] == s { return c }
        return nil
    }
}
