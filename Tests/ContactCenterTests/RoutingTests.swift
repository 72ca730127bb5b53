import XCTest
import Experiments
import Staffing
import TestSupport
@testable import ContactCenter

/// An agent's start on a call, from the replication's call records (`--trace`): the time,
/// the call's type, the group that served it and how long it had waited in that queue.
struct AgentStart: Equatable {
    var timeSeconds: Double
    var callType: Int
    var group: Int
    var waitSeconds: Double
}

extension CenterModel {
    /// One replication's counters and its agents' starts on calls, in time order.
    static func simulateRecordingStarts(_ config: CenterConfig, seed: UInt64, replication: UInt64)
        -> (counters: CenterCounters, trace: [AgentStart]) {
        let (counters, records) = simulateRecordingCalls(config, seed: seed, replication: replication)
        let starts = records.compactMap { r -> AgentStart? in
            guard let start = r.serviceStartSeconds, let group = r.group, let entry = r.handedOnSeconds ?? r.queueEntrySeconds else {
                return nil
            }
            return AgentStart(timeSeconds: start, callType: r.callType, group: group, waitSeconds: start - entry)
        }
        return (counters, starts.sorted { $0.timeSeconds < $1.timeSeconds })
    }
}

/// Routing policies with scripted (deterministic) times: who takes which call when.
final class ScriptedRoutingTests: XCTestCase {
    /// Call types retail (arrivals every 10 s: at 10, 20) and vip (every 25 s: at 25);
    /// 3 measured calls, one agent, service 100 s, patience 1000 s (nobody abandons).
    func twoTypesOneAgent(_ policy: RoutingPolicy) -> CenterConfig {
        var config = CenterConfig(
            callTypes: [CallType(name: "retail", interarrivalSeconds: .deterministic(10), serviceSeconds: .deterministic(100),
                                 patienceSeconds: .deterministic(1000)),
                        CallType(name: "vip", interarrivalSeconds: .deterministic(25), serviceSeconds: .deterministic(100),
                                 patienceSeconds: .deterministic(1000))],
            agents: 1, horizon: .calls(warmupCalls: 0, measuredCalls: 3))
        config.routing.policy = policy
        config.routing.priorities = [1, 0]
        return config
    }

    /// fifo: retail@10 served 10–110, retail@20 at 110 (wait 90), vip@25 at 210 (wait 185).
    /// priority (vip 0, retail 1): vip@25 at 110 (wait 85), retail@20 at 210 (wait 190).
    func testFIFOServesInArrivalOrderAndPriorityServesVIPFirst() {
        let fifo = CenterModel.simulateRecordingStarts(twoTypesOneAgent(.fifo), seed: 1, replication: 0).trace
        XCTAssertEqual(fifo.map(\.timeSeconds), [10, 110, 210])
        XCTAssertEqual(fifo.map(\.callType), [0, 0, 1])
        XCTAssertEqual(fifo.map(\.waitSeconds), [0, 90, 185])
        let (c, priority) = CenterModel.simulateRecordingStarts(twoTypesOneAgent(.priority), seed: 1, replication: 0)
        XCTAssertEqual(priority.map(\.timeSeconds), [10, 110, 210])
        XCTAssertEqual(priority.map(\.callType), [0, 1, 0])
        XCTAssertEqual(priority.map(\.waitSeconds), [0, 85, 190])
        XCTAssertEqual(c.byCallType.map(\.queue.totalWaitAnsweredSeconds), [190, 85])
        XCTAssertEqual(c.metrics["vip.asa_seconds"], 85)
        XCTAssertEqual(c.metrics["retail.asa_seconds"], 95)
        XCTAssertEqual(c.metrics["vip.service_level"], 0)
        XCTAssertEqual(c.metrics["retail.service_level"], 0.5)
    }

    /// Groups primary and backup, one agent each, skill x; x's list: primary at once,
    /// backup after `delay`. Calls at 10 and 20, service 100 s: the first goes to primary
    /// (busy until 110); the second waits and goes to backup at exactly 20 + delay when
    /// that comes before 110, else to primary at 110.
    func overflowConfig(delay: Double) -> CenterConfig {
        var config = CenterConfig(
            callTypes: [CallType(name: "x", interarrivalSeconds: .deterministic(10), serviceSeconds: .deterministic(100),
                                 patienceSeconds: .deterministic(1000))],
            agents: 1, horizon: .calls(warmupCalls: 0, measuredCalls: 2))
        config.groups = [AgentGroupConfig(name: "primary", agents: 1), AgentGroupConfig(name: "backup", agents: 1)]
        config.routing.policy = .skillBased
        config.routing.overflow = [[OverflowStep(group: 0, afterSeconds: 0), OverflowStep(group: 1, afterSeconds: delay)]]
        return config
    }

    func testOverflowAfterExactlyItsDelay() {
        for delay in [0.5, 30, 89.75] {
            let trace = CenterModel.simulateRecordingStarts(overflowConfig(delay: delay), seed: 1, replication: 0).trace
            XCTAssertEqual(trace.map(\.group), [0, 1], "delay \(delay)")
            XCTAssertEqual(trace.map(\.timeSeconds), [10, 20 + delay], "delay \(delay)")
            XCTAssertEqual(trace[1].waitSeconds, delay, "delay \(delay)")
        }
        // The primary group frees up (at 110) before the delay has passed (20 + 100):
        // the call never overflows.
        let late = CenterModel.simulateRecordingStarts(overflowConfig(delay: 100), seed: 1, replication: 0).trace
        XCTAssertEqual(late.map(\.group), [0, 0])
        XCTAssertEqual(late.map(\.timeSeconds), [10, 110])
    }

    /// A free agent of a group that is early in one type's list and late in another's
    /// takes first the calls it is primary for, even if an overflowing one waited longer.
    /// Groups a (1 agent, every skill) and b (1 agent, skill q); p lists [a 0], q lists
    /// [b 0, a 50]; service 100 s. Arrivals q 5, q 10, p 12, q 15, q 20, p 24: q@5 → b
    /// (5–105); q@10 waits; p@12 → a (12–112); the rest wait; the q calls become eligible
    /// for a 50 s after arriving (a is busy); at 105 b takes q@10; at 112 a takes p@24 (his
    /// primary) rather than q@15, which b takes at 205; a takes q@20 at 212.
    func testSkillBasedRanksPrimaryCallsFirst() {
        var config = CenterConfig(
            callTypes: [CallType(name: "p", interarrivalSeconds: .deterministic(12), serviceSeconds: .deterministic(100),
                                 patienceSeconds: .deterministic(1000)),
                        CallType(name: "q", interarrivalSeconds: .deterministic(5), serviceSeconds: .deterministic(100),
                                 patienceSeconds: .deterministic(1000))],
            agents: 1, horizon: .calls(warmupCalls: 0, measuredCalls: 6))
        config.groups = [AgentGroupConfig(name: "a", agents: 1), AgentGroupConfig(name: "b", agents: 1, skills: ["q"])]
        config.routing.policy = .skillBased
        config.routing.overflow = [[OverflowStep(group: 0, afterSeconds: 0)],
                                   [OverflowStep(group: 1, afterSeconds: 0), OverflowStep(group: 0, afterSeconds: 50)]]
        let trace = CenterModel.simulateRecordingStarts(config, seed: 1, replication: 0).trace
        XCTAssertEqual(trace.map(\.timeSeconds), [5, 12, 105, 112, 205, 212])
        XCTAssertEqual(trace.map(\.callType), [1, 0, 1, 0, 1, 1])
        XCTAssertEqual(trace.map(\.group), [1, 0, 1, 0, 1, 0])
        XCTAssertEqual(trace.map(\.waitSeconds), [0, 0, 95, 88, 190, 192])
        // fifo ignores the lists: q@5 → a (both idle since 0: the first), q@10 → b; then
        // the oldest call each agent may take: a p@12 at 105, b q@15 at 110, a q@20 at 205
        // (older than p@24), b nothing at 210 (p needs a), a p@24 at 305.
        config.routing.policy = .fifo
        let fifo = CenterModel.simulateRecordingStarts(config, seed: 1, replication: 0).trace
        XCTAssertEqual(fifo.map(\.timeSeconds), [5, 10, 105, 110, 205, 305])
        XCTAssertEqual(fifo.map(\.callType), [1, 1, 0, 1, 1, 0])
        XCTAssertEqual(fifo.map(\.group), [0, 1, 0, 1, 0, 0])
    }

    /// Two groups A and B of one agent each, skill x, fifo; calls every 110 s (110, 220,
    /// 330), service 50 s, window [0, 400). fixed_order: A takes every call. longest
    /// idle: A (both idle since 0: the first), then B (idle since 0 vs A since 160), then
    /// A (since 160 vs B since 270).
    func testAgentSelection() {
        var config = CenterConfig(
            callTypes: [CallType(name: "x", interarrivalSeconds: .deterministic(110), serviceSeconds: .deterministic(50))],
            agents: 1, horizon: .time(warmupSeconds: 0, measuredSeconds: 400))
        config.groups = [AgentGroupConfig(name: "A", agents: 1), AgentGroupConfig(name: "B", agents: 1)]
        config.routing.agentSelection = .fixedOrder
        let (fixed, fixedTrace) = CenterModel.simulateRecordingStarts(config, seed: 1, replication: 0)
        XCTAssertEqual(fixedTrace.map(\.group), [0, 0, 0])
        XCTAssertEqual(fixed.byGroup.map(\.busyAgentSeconds), [150, 0])
        XCTAssertEqual(fixed.metrics["A.occupancy"], 0.375)
        config.routing.agentSelection = .longestIdle
        let (idle, idleTrace) = CenterModel.simulateRecordingStarts(config, seed: 1, replication: 0)
        XCTAssertEqual(idleTrace.map(\.group), [0, 1, 0])
        XCTAssertEqual(idle.byGroup.map(\.busyAgentSeconds), [100, 50])
    }

    /// After-call work keeps the agent busy: one agent, service 30 s + wrap-up 20 s, calls
    /// every 40 s (40, 80, 120): each waits 10 s more than the last (0, 10, 20).
    func testAfterCallWorkDelaysTheNextCall() {
        var config = CenterConfig(
            callTypes: [CallType(name: "x", interarrivalSeconds: .deterministic(40), serviceSeconds: .deterministic(30))],
            agents: 1, horizon: .calls(warmupCalls: 0, measuredCalls: 3))
        config.groups[0].afterCallWorkSeconds = .deterministic(20)
        let trace = CenterModel.simulateRecordingStarts(config, seed: 1, replication: 0).trace
        XCTAssertEqual(trace.map(\.waitSeconds), [0, 10, 20])
    }

    /// A group's own handling law replaces the call's: service 100 s, but the group takes
    /// 40 s; one agent, calls every 50 s never wait.
    func testGroupHandlingLaw() {
        var config = CenterConfig(
            callTypes: [CallType(name: "x", interarrivalSeconds: .deterministic(50), serviceSeconds: .deterministic(100),
                                 patienceSeconds: .deterministic(1000))],
            agents: 1, horizon: .calls(warmupCalls: 0, measuredCalls: 4))
        config.groups[0].serviceSecondsByCallType = [.deterministic(40)]
        let c = CenterModel.simulate(config, seed: 1, replication: 0)
        XCTAssertEqual(c.delayed, 0)
        XCTAssertEqual(c.totalWaitAnsweredSeconds, 0)
    }

    /// Shift changes per group: A is on duty in period 0 only, B from period 1 on
    /// (periods of 100 s, Poisson 36 calls/h, service 150 s): A never starts a call after
    /// 100 s (its agent finishes the call in hand and leaves), B never before; every call
    /// is answered by the closing.
    func testShiftChangesPerGroup() {
        var config = CenterConfig(
            callTypes: [CallType(name: "x", arrivalsPerHour: 36, serviceSeconds: .deterministic(150))],
            agents: 1, horizon: .time(warmupSeconds: 0, measuredSeconds: 300))
        config.groups = [AgentGroupConfig(name: "A", agents: 1), AgentGroupConfig(name: "B", agents: 1)]
        config.day = DayPlan(periodSeconds: 100, arrivalsPerHour: [[36, 36, 36]], agentsByGroup: [[1, 0, 0], [0, 1, 1]])
        let (c, trace) = CenterModel.simulateRecordingStarts(config, seed: 3, replication: 0)
        XCTAssertEqual(Set(trace.map(\.group)), [0, 1], "both groups served calls")
        for record in trace {
            if record.group == 0 { XCTAssertLessThan(record.timeSeconds, 100) }
            if record.group == 1 { XCTAssertGreaterThanOrEqual(record.timeSeconds, 100) }
        }
        XCTAssertEqual(c.unfinished, 0)
        XCTAssertEqual(c.offered, c.answered)
    }
}

/// Routing invariants on random workloads and agreement with queueing formulas.
/// Longest weighted waiting time, scripted: one agent, 100 s calls; line b calls at 25, 50,
/// …, line a at 60, … (3 measured calls: b25, b50, a60; patience 1000 s, nobody abandons).
/// b25 is answered at once (busy
/// until 125); at 125, b50 has waited 75 s and a60 65 s. fifo (or equal weights) takes
/// b50 first; with weight 3 for a, a60's 195 beats b50's 75: a60 at 125, b50 at 225.
final class WeightedWaitRoutingTests: XCTestCase {
    func answers(weights: [Double], policy: RoutingPolicy) -> [(type: Int, answer: Double?)] {
        var config = CenterConfig(callTypes: [CallType(name: "a", interarrivalSeconds: .deterministic(60), serviceSeconds: .deterministic(100),
                                                       patienceSeconds: .deterministic(1000)),
                                              CallType(name: "b", interarrivalSeconds: .deterministic(25), serviceSeconds: .deterministic(100),
                                                       patienceSeconds: .deterministic(1000))],
                                  agents: 1, horizon: .calls(warmupCalls: 0, measuredCalls: 3))
        config.routing.policy = policy
        config.routing.weights = weights
        XCTAssertTrue(config.problems.isEmpty, "\(config.problems)")
        let (_, records) = CenterModel.simulateRecordingCalls(config, seed: 1, replication: 0)
        return records.filter(\.measured).map { ($0.callType, $0.answerSeconds) }
    }

    func testWeightedWaitTakesTheHeavierCallFirst() {
        let weighted = answers(weights: [3, 1], policy: .longestWeightedWait)
        XCTAssertEqual(weighted.map(\.type), [1, 1, 0])  // arrival order: b25, b50, a60
        XCTAssertEqual(weighted.map(\.answer), [25, 225, 125])
        for same in [answers(weights: [1, 1], policy: .longestWeightedWait), answers(weights: [3, 1], policy: .fifo)] {
            XCTAssertEqual(same.map(\.answer), [25, 125, 225])
        }
    }
}

/// Agents kept for VIPs, scripted: two agents, 100 s calls, retail at 10, 20, VIP at 25
/// (patience 1000 s). Keeping 1 agent for vip: r10 is answered (2 idle), r20 waits (1
/// idle, kept), v25 takes the kept agent at once; at 110 the first agent frees but is the
/// only idle one, so he stays for the VIPs; at 125 two are idle and r20 is answered.
/// Without the reservation r20 is answered at 20 and v25 waits until 110.
final class ReservationRoutingTests: XCTestCase {
    func answers(reserve: Int) -> [Double?] {
        var config = CenterConfig(callTypes: [CallType(name: "retail", interarrivalSeconds: .deterministic(10), serviceSeconds: .deterministic(100),
                                                       patienceSeconds: .deterministic(1000)),
                                              CallType(name: "vip", interarrivalSeconds: .deterministic(25), serviceSeconds: .deterministic(100),
                                                       patienceSeconds: .deterministic(1000))],
                                  agents: 2, horizon: .calls(warmupCalls: 0, measuredCalls: 3))
        config.groups[0].reserve = reserve
        config.groups[0].reservedFor = reserve > 0 ? [1] : []
        XCTAssertTrue(config.problems.isEmpty, "\(config.problems)")
        let (c, records) = CenterModel.simulateRecordingCalls(config, seed: 1, replication: 0)
        XCTAssertTrue(c.isConserved)
        return records.filter(\.measured).map(\.answerSeconds)  // r10, r20, v25
    }

    func testKeptAgentsWaitForTheReservedType() {
        XCTAssertEqual(answers(reserve: 1), [10, 125, 25])
        XCTAssertEqual(answers(reserve: 0), [10, 20, 110])
    }
}

final class RoutingInvariantTests: XCTestCase {
    /// Three call types behind an IVR that misroutes, three groups with partial skills,
    /// callbacks, redials, after-call work and own handling laws, under every policy and
    /// agent selection: every call reaches the agents on a skill, is served to its end by
    /// a group with the skill its intent needs, and is handed on exactly when it was
    /// misrouted to a group lacking that skill (whose agent had the routed one); every
    /// arrival ends exactly once.
    func testEveryPolicyKeepsSkillsAndConservation() {
        for policy in RoutingPolicy.allCases {
            for selection in AgentSelection.allCases {
                var config = RoutingFixtures.threeGroupsBehindIVR()
                config.routing.policy = policy
                config.routing.agentSelection = selection
                XCTAssertTrue(config.problems.isEmpty, "\(config.problems)")
                let hasSkill = config.groups.indices.map { Set(config.skillIndices(ofGroup: $0)) }
                let neededSkill = config.intents.map { config.skillNames.firstIndex(of: $0.skill)! }
                for replication in 0..<3 {
                    let (c, records) = CenterModel.simulateRecordingCalls(config, seed: 11, replication: UInt64(replication))
                    let served = records.filter { $0.serviceStartSeconds != nil }
                    XCTAssertGreaterThan(served.count, 1000)
                    for r in served {
                        let needed = neededSkill[r.intent!], routed = r.skill!
                        XCTAssertTrue(hasSkill[r.group!].contains(needed), "\(policy) \(selection): \(r)")
                        if let first = r.handedOnByGroup {
                            XCTAssertNotEqual(routed, needed, "\(r)")
                            XCTAssertTrue(hasSkill[first].contains(routed) && !hasSkill[first].contains(needed), "\(r)")
                        } else if routed != needed {
                            XCTAssertTrue(hasSkill[r.group!].contains(routed), "\(r)")  // the wrong agent had both skills
                        }
                    }
                    XCTAssertGreaterThan(served.filter { $0.handedOnByGroup != nil }.count, 0)
                    XCTAssertEqual(c.unfinished, 0)
                    XCTAssertEqual(c.offered + c.redials, c.ivr.contained + c.ivr.abandoned + c.ivr.disconnected + c.balked + c.answered
                                   + c.abandoned + c.callbackFailed)
                    XCTAssertGreaterThan(c.redials, 0, "redials")
                    XCTAssertGreaterThan(c.callbacks, 0, "callbacks")
                    XCTAssertGreaterThan(c.agentTransfers, 0, "agent transfers")
                    XCTAssertEqual(c.byCallType.reduce(0) { $0 + $1.queue.offered }, c.offered)
                    XCTAssertEqual(c.byCallType.reduce(0) { $0 + $1.queue.answered }, c.answered)
                    XCTAssertEqual(c.byCallType.reduce(0) { $0 + $1.queue.abandoned }, c.abandoned)
                }
            }
        }
    }

    /// One group and one call type: every policy and agent selection gives FIFO's
    /// counters bit for bit.
    func testOneGroupOneTypeEveryPolicyIsFIFO() {
        var base = CenterConfig(
            callTypes: [CallType(name: "x", arrivalsPerHour: 400, serviceSeconds: .lognormal(mean: 200, sd: 150),
                                 patienceSeconds: .exponential(mean: 90))],
            agents: 22, horizon: .calls(warmupCalls: 500, measuredCalls: 20_000))
        base.callTypes[0].redialProbability = 0.3
        base.callTypes[0].callback = CallbackPolicy(offerAboveSeconds: 60, acceptance: 0.5, reachProbability: 0.8)
        let fifo = CenterModel.simulate(base, seed: 5, replication: 2)
        XCTAssertGreaterThan(fifo.callbacks, 0)
        for policy in RoutingPolicy.allCases {
            for selection in AgentSelection.allCases {
                var config = base
                config.routing = RoutingConfig(policy: policy, agentSelection: selection)
                config.routing.priorities = [3]
                if policy == .skillBased { config.routing.overflow = [[OverflowStep(group: 0, afterSeconds: 0)]] }
                XCTAssertEqual(CenterModel.simulate(config, seed: 5, replication: 2), fifo, "\(policy) \(selection)")
            }
        }
    }

    /// Two dedicated groups (A: 12 agents for type a at 200 calls/h; B: 8 agents for b at
    /// 120 calls/h; exponential 180 s) are two independent M/M/n queues: each type's
    /// P(wait)-free figures (ASA, service level) agree with Erlang C for its group, and each
    /// group's occupancy with its load; 20 replications × 64,000 calls, seed 2026, 99.99 %
    /// intervals (ratio of sums, delta method).
    func testDedicatedGroupsAreIndependentErlangCQueues() throws {
        var config = CenterConfig(
            callTypes: [CallType(name: "a", arrivalsPerHour: 200, serviceSeconds: .exponential(mean: 180)),
                        CallType(name: "b", arrivalsPerHour: 120, serviceSeconds: .exponential(mean: 180))],
            agents: 1, serviceLevelTargetSeconds: 20, horizon: .calls(warmupCalls: 2_000, measuredCalls: 64_000))
        config.groups = [AgentGroupConfig(name: "A", agents: 12, skills: ["a"]), AgentGroupConfig(name: "B", agents: 8, skills: ["b"])]
        let result = CenterExperiment(config: config, seed: 2026, replications: 20).run(jobs: 2)
        XCTAssertTrue(result.isConserved)
        for (type, group, rate, agents) in [("a", "A", 200.0, 12), ("b", "B", 120.0, 8)] {
            let formula = try Erlang.c(try Traffic(callsPerHour: rate, ahtSeconds: 180), agents: agents, targetSeconds: 20)
            for (metric, expected) in [("\(type).asa_seconds", formula.asaSeconds), ("\(type).service_level", formula.serviceLevel),
                                       ("\(group).occupancy", formula.occupancy)] {
                let ci = result.interval(metric, level: wideLevel)
                XCTAssertTrue(ci.contains(expected), "\(metric): simulated \(ci.mean) ± \(ci.halfWidth) vs Erlang C \(expected)")
            }
        }
    }
}

enum RoutingFixtures {
    /// vip, retail and business lines behind a two-option IVR that sends some callers to
    /// the wrong skill; groups senior (every skill), general (retail, vip), business
    /// (business); callbacks on retail, redials on every line.
    static func threeGroupsBehindIVR() -> CenterConfig {
        let intents = [Intent(name: "retail", skill: "retail", serviceSeconds: .lognormal(mean: 240, sd: 150)),
                       Intent(name: "vip", skill: "vip", serviceSeconds: .lognormal(mean: 300, sd: 180)),
                       Intent(name: "business", skill: "business", serviceSeconds: .lognormal(mean: 420, sd: 240))]
        func line(_ name: String, _ perHour: Double, _ intent: Int) -> CallType {
            var t = CallType(name: name, arrivalsPerHour: perHour, serviceSeconds: intents[intent].serviceSeconds,
                             patienceSeconds: .exponential(mean: 150))
            t.intentMix = [IntentShare(intent: intent, weight: 1)]
            t.redialProbability = 0.4
            t.redialDelaySeconds = .exponential(mean: 300)
            return t
        }
        var retail = line("retail", 500, 0)
        retail.callback = CallbackPolicy(offerAboveSeconds: 40, acceptance: 0.5, reachProbability: 0.7, retryDelaySeconds: 300)
        var config = CenterConfig(callTypes: [line("vip", 100, 1), retail, line("business", 150, 2)], agents: 1,
                                  horizon: .time(warmupSeconds: 1800, measuredSeconds: 4 * 3600))
        config.intents = intents
        // A menu of three transfers; callers mis-select a neighbouring option 20 % of the time.
        let menu = IVRMenu(introSeconds: 5, options: [IVROption(label: "retail", seconds: 3, target: 1),
                                                      IVROption(label: "vip", seconds: 3, target: 2),
                                                      IVROption(label: "business", seconds: 3, target: 3)],
                           fallback: 1, misSelectionProbability: 0.2)
        config.ivr = IVRConfig(nodes: [IVRNode(name: "menu", kind: .menu(menu)),
                                       IVRNode(name: "to-retail", kind: .transfer(skill: "retail")),
                                       IVRNode(name: "to-vip", kind: .transfer(skill: "vip")),
                                       IVRNode(name: "to-business", kind: .transfer(skill: "business"))],
                               start: 0, misrouteHandlingSeconds: .deterministic(45))
        var senior = AgentGroupConfig(name: "senior", agents: 8)
        senior.serviceSecondsByCallType = [.lognormal(mean: 240, sd: 120), nil, .lognormal(mean: 330, sd: 180)]
        senior.afterCallWorkSeconds = .deterministic(15)
        var general = AgentGroupConfig(name: "general", agents: 30, skills: ["retail", "vip"])
        general.afterCallWorkSeconds = .uniform(low: 10, high: 40)
        let business = AgentGroupConfig(name: "business", agents: 16, skills: ["business"])
        config.groups = [senior, general, business]
        config.routing.priorities = [0, 2, 1]
        config.routing.overflow = [
            [OverflowStep(group: 0, afterSeconds: 0), OverflowStep(group: 1, afterSeconds: 20)],
            [OverflowStep(group: 1, afterSeconds: 0), OverflowStep(group: 0, afterSeconds: 60)],
            // general lacks the business skill: it takes business callers the IVR sent to
            // retail or vip, and hands them on.
            [OverflowStep(group: 2, afterSeconds: 0), OverflowStep(group: 1, afterSeconds: 30)],
        ]
        return config
    }
}

final class RoutingPlanSizeTests: XCTestCase {
    /// Found by fuzzing: queue classes were every (call type, skill) pair, so 10,000 call
    /// types (the documented maximum) without intents made 10^8 classes and validation
    /// aborted at 2.9 GB. Only the pairs a call can reach get a class now: one per type;
    /// the validation's skill lookups are linear too.
    func testClassesGrowWithCallTypesNotTheirSquare() {
        let types = (0..<10_000).map { CallType(name: "t\($0)", arrivalsPerHour: 1, serviceSeconds: .deterministic(1)) }
        let config = CenterConfig(callTypes: types, agents: 5, horizon: .calls(warmupCalls: 0, measuredCalls: 10))
        XCTAssertEqual(config.problems.map(\.message), [])
        let plan = RoutingTables(routing: config.routing,
                               reachableSkills: types.indices.map { Array(config.reachableSkills(ofCallType: $0)) },
                               skillCount: config.skillNames.count, groupSkills: [Array(types.indices)])
        XCTAssertEqual(plan.classCount, 10_000)
        XCTAssertEqual(plan.queueClass(callType: 4_321, skill: 4_321), 4_321)
        XCTAssertNil(plan.queueClass(callType: 4_321, skill: 4_322))
    }
}
