import Experiments
import Measures
import Staffing
import Stochastic
import TestSupport
import XCTest
@testable import ContactCenter

/// Chats with concurrency (`ChatCapacity`, `CenterModel+Chat`): the same center as voice
/// when an agent holds one chat, scripted re-timing, and the exact values of a small chat
/// center's Markov chain.
final class ChatTests: XCTestCase {
    /// Two call types and two groups over a day of four half hours with shift changes,
    /// after-call work, breaks, patience, balking and redials: every part of the agent
    /// core a chat goes through.
    func dayCenter(channel: Channel, capacity: ChatCapacity?) -> CenterConfig {
        var config = CenterConfig(
            callTypes: [CallType(name: "retail", arrivalsPerHour: 200, serviceSeconds: .lognormal(mean: 240, sd: 150),
                                 patienceSeconds: .exponential(mean: 180)),
                        CallType(name: "business", arrivalsPerHour: 80, serviceSeconds: .exponential(mean: 300),
                                 patienceSeconds: .exponential(mean: 300), balkProbability: 0.05)],
            agents: 1, horizon: .time(warmupSeconds: 0, measuredSeconds: 4 * 1800))
        config.callTypes[0].redialProbability = 0.4
        config.callTypes[0].redialDelaySeconds = .exponential(mean: 120)
        config.groups = [AgentGroupConfig(name: "general", agents: 10, skills: ["retail", "business"]),
                         AgentGroupConfig(name: "experts", agents: 4, skills: ["business"])]
        config.groups[0].afterCallWorkSeconds = .exponential(mean: 30)
        config.groups[1].absence = AgentAbsence(everySeconds: .exponential(mean: 1800), lastingSeconds: .exponential(mean: 300))
        config.day = DayPlan(periodSeconds: 1800, arrivalsPerHour: [[150, 250, 300, 100], [60, 90, 100, 40]],
                             agentsByGroup: [[8, 12, 14, 6], [3, 4, 5, 2]])
        for i in config.callTypes.indices { config.callTypes[i].channel = channel }
        for g in config.groups.indices { config.groups[g].chat = capacity }
        return config
    }

    /// A chat held alone is a call: with c = 1 (given, or by default) the chat center's
    /// counters equal the voice center's bit for bit, replication by replication, and
    /// every agent busy holds exactly one chat (∫ chats dt = ∫ agents chatting dt = busy time).
    func testOneChatAtATimeIsVoiceBitForBit() {
        let voice = dayCenter(channel: .voice, capacity: nil)
        XCTAssertTrue(voice.problems.isEmpty, "\(voice.problems)")
        for capacity in [nil, ChatCapacity.single, ChatCapacity(concurrency: 1, factors: [1])] {
            let chat = dayCenter(channel: .chat, capacity: capacity)
            XCTAssertTrue(chat.problems.isEmpty, "\(chat.problems)")
            for r in 0..<3 {
                let v = CenterModel.simulate(voice, seed: 7, replication: UInt64(r))
                var c = CenterModel.simulate(chat, seed: 7, replication: UInt64(r))
                XCTAssertGreaterThan(v.abandoned, 20)
                XCTAssertGreaterThan(v.redials, 5)
                XCTAssertEqual(c.chatSeconds, c.busyAgentSeconds, accuracy: 1e-9 * c.busyAgentSeconds)
                XCTAssertEqual(c.agentsChattingSeconds, c.busyAgentSeconds, accuracy: 1e-9 * c.busyAgentSeconds)
                XCTAssertEqual(c.metrics["concurrency_mean"] ?? .nan, 1, accuracy: 1e-9)
                XCTAssertTrue(c.parts.contains(.chat))
                c.parts = v.parts
                c.chatSeconds = 0
                c.agentsChattingSeconds = 0
                XCTAssertEqual(c.chatsTaken, c.answered)
                c.chatsTaken = 0
                XCTAssertEqual(c, v, "replication \(r)")
            }
        }
    }

    /// One agent, c = 2, f(2) = 1.5; chats of 100 s every 20 s. A (20) runs alone until B
    /// (40): 80 s of work left, now at pace 1/1.5, so A ends at 40 + 120 = 160. C (60)
    /// finds the agent full and waits. At 160 B has done 120/1.5 = 80 s: 20 left; the agent
    /// takes C at once, so B ends at 160 + 1.5 · 20 = 190 and C, alone from 190 with
    /// 100 − 30/1.5 = 80 s left, at 270. Waits 0, 0, 100.
    func testChatsSlowEachOtherDown() {
        var config = CenterConfig(callTypes: [CallType(name: "web", interarrivalSeconds: .deterministic(20),
                                                       serviceSeconds: .deterministic(100))],
                                  agents: 1, horizon: .calls(warmupCalls: 0, measuredCalls: 3))
        config.callTypes[0].channel = .chat
        config.groups[0].chat = ChatCapacity(concurrency: 2, slowdownPerExtraChat: 0.5)
        XCTAssertTrue(config.problems.isEmpty, "\(config.problems)")
        let (c, records) = CenterModel.simulateRecordingCalls(config, seed: 1, replication: 0)
        XCTAssertEqual(records.compactMap(\.answerSeconds), [20, 40, 160])
        XCTAssertEqual(records.compactMap(\.serviceEndSeconds), [160, 190, 270])
        XCTAssertEqual(c.totalWaitAnsweredSeconds, 100, accuracy: 1e-9)
        XCTAssertTrue(c.isConserved)
    }

    /// Fewest chats first: two agents of c = 3; chats of 1,000 s every 10 s go to agent 0,
    /// 1, 0, 1, 0, 1 (an idle agent first, then the one with fewer chats, ties to the one
    /// whose count changed longest ago); the seventh waits for the first to end.
    func testNewChatGoesToTheAgentWithFewestChats() {
        var config = CenterConfig(callTypes: [CallType(name: "web", interarrivalSeconds: .deterministic(10),
                                                       serviceSeconds: .deterministic(1000))],
                                  agents: 2, horizon: .calls(warmupCalls: 0, measuredCalls: 7))
        config.callTypes[0].channel = .chat
        config.groups[0].chat = ChatCapacity(concurrency: 3, slowdownPerExtraChat: 0)
        let (_, records) = CenterModel.simulateRecordingCalls(config, seed: 1, replication: 0)
        XCTAssertEqual(records.compactMap(\.agent), [0, 1, 0, 1, 0, 1, 0])
        XCTAssertEqual(records.compactMap(\.answerSeconds), [10, 20, 30, 40, 50, 60, 1010])
    }

    /// One agent for calls and chats (c = 2): a chat of 300 s at 40, a call of 100 s at
    /// 50. `never`: the call waits for the chat's end (answered at 340, ends 440);
    /// `hold`: he takes the call at once, the chat paused with 290 s left and resumed at
    /// 150, ending at 440; `continue`: the chat goes on during the call and ends at 340.
    func testCallTakenWhileChatting() {
        for (mode, callAnswer, chatEnd) in [(ChatCapacity.VoiceWhileChatting.never, 340.0, 340.0), (.hold, 50, 440), (.goOn, 50, 340)] {
            var config = CenterConfig(
                callTypes: [CallType(name: "web", interarrivalSeconds: .deterministic(40), serviceSeconds: .deterministic(300)),
                            CallType(name: "calls", interarrivalSeconds: .deterministic(50), serviceSeconds: .deterministic(100))],
                agents: 1, horizon: .calls(warmupCalls: 0, measuredCalls: 2))
            config.callTypes[0].channel = .chat
            config.groups[0].chat = ChatCapacity(concurrency: 2, slowdownPerExtraChat: 0)
            config.groups[0].chat!.voice = mode
            let (c, records) = CenterModel.simulateRecordingCalls(config, seed: 1, replication: 0)
            XCTAssertEqual(records.map(\.callType), [0, 1], "\(mode)")
            XCTAssertEqual(records[1].answerSeconds, callAnswer, "\(mode)")
            XCTAssertEqual(records[1].serviceEndSeconds, callAnswer + 100, "\(mode)")
            XCTAssertEqual(records[0].serviceEndSeconds, chatEnd, "\(mode)")
            XCTAssertTrue(c.isConserved)
            // The window (40 to the second arrival, 50): the agent busy once, not twice while on the call with a chat.
            XCTAssertEqual(c.busyAgentSeconds, 10, accuracy: 1e-9, "\(mode)")
        }
    }

    /// A blended team (8 agents, chats 3 at a time) under load: with calls taken while
    /// chatting every contact still ends once, no more agents are busy than staffed, and
    /// calls wait less than when they must wait for an agent without chats (10
    /// replications of 10 hours, common random numbers: every one of them).
    func testCallsBeforeChatsUnderLoad() {
        var config = CenterConfig(
            callTypes: [CallType(name: "web", arrivalsPerHour: 120, serviceSeconds: .exponential(mean: 360),
                                 patienceSeconds: .exponential(mean: 300)),
                        CallType(name: "calls", arrivalsPerHour: 60, serviceSeconds: .exponential(mean: 240),
                                 patienceSeconds: .exponential(mean: 120))],
            agents: 8, horizon: .time(warmupSeconds: 1800, measuredSeconds: 36_000))
        config.callTypes[0].channel = .chat
        config.groups[0].chat = ChatCapacity(concurrency: 3, slowdownPerExtraChat: 0.3)
        for r in 0..<10 {
            var asa: [ChatCapacity.VoiceWhileChatting: Double] = [:]
            for mode in ChatCapacity.VoiceWhileChatting.allCases {
                config.groups[0].chat!.voice = mode
                let c = CenterModel.simulate(config, seed: 21, replication: UInt64(r))
                XCTAssertTrue(c.isConserved, "\(mode)")
                XCTAssertLessThanOrEqual(c.busyAgentSeconds, c.staffedAgentSeconds, "\(mode)")
                asa[mode] = c.metrics["calls.asa_seconds"]!
            }
            XCTAssertLessThan(asa[.hold]!, asa[.never]!, "replication \(r)")
            XCTAssertLessThan(asa[.goOn]!, asa[.never]!, "replication \(r)")
        }
    }

    // MARK: The exact chat center

    /// Two agents of c = 3 with f = 1, 1.5, 2 (slowdown 0.5 per extra chat); chats at
    /// λ = 1/40 per s, exponential work of mean 100 s, exponential patience of mean 120 s;
    /// service-level target 20 s.
    static let agents = 2, limit = 3, lambda = 1.0 / 40, mu = 1.0 / 100, theta = 1.0 / 120
    static let factors = [1.0, 1.5, 2.0], target = 20.0, queueBound = 120

    /// The state: the two agents' chat counts (lower first: agents are alike) and chats waiting.
    struct State: Hashable { var low, high, q: Int }

    /// Moves: an arrival goes to the agent with fewer chats, or waits when both are full;
    /// an agent with n chats ends one at rate n μ ÷ f(n) and, with chats waiting, takes the
    /// first (his count unchanged); each waiting chat leaves at rate θ.
    static func transitions(_ s: State) -> [(State, Double)] {
        var out: [(State, Double)] = []
        func sorted(_ a: Int, _ b: Int, _ q: Int) -> State { State(low: min(a, b), high: max(a, b), q: q) }
        if s.low < limit { out.append((sorted(s.low + 1, s.high, 0), lambda)) } else if s.q < queueBound {
            out.append((State(low: limit, high: limit, q: s.q + 1), lambda))
        }
        for (n, other) in [(s.low, s.high), (s.high, s.low)] where n > 0 {
            let rate = Double(n) * mu / factors[n - 1]
            out.append((s.q > 0 ? State(low: limit, high: limit, q: s.q - 1) : sorted(n - 1, other, 0), rate))
        }
        if s.q > 0 { out.append((State(low: limit, high: limit, q: s.q - 1), Double(s.q) * theta)) }
        return out
    }

    /// A waiting chat with j chats ahead of it (j = -1: taken by an agent, -2: left): both
    /// agents stay full while it waits, so the front moves at the agents' full rate
    /// 2 · c μ ÷ f(c) plus θ per chat ahead; it leaves at θ.
    static func taggedTransitions(_ j: Int) -> [(Int, Double)] {
        guard j >= 0 else { return [] }
        let full = Double(agents * limit) * mu / factors[limit - 1]
        return [(j - 1, full + Double(j) * theta), (-2, theta)]
    }

    /// Exact P(wait) (PASTA: both agents full), abandonment θ E[q] ÷ λ, mean wait of the
    /// chats that entered E[q] ÷ λ (Little), concurrency E[chats] ÷ E[agents holding one],
    /// and the service level P(no wait) + Σ P(wait behind j) P(taken within T | j).
    static func exact() -> (pWait: Double, abandonRate: Double, meanWait: Double, concurrency: Double, serviceLevel: Double) {
        let chain = MarkovChain(from: [State(low: 0, high: 0, q: 0)], transitions: transitions)
        let pi = chain.stationary()
        var pWait = 0.0, queue = 0.0, chats = 0.0, holding = 0.0, tail = 0.0
        var waiting: [(Int, Double)] = []
        for (k, s) in chain.states.enumerated() {
            queue += Double(s.q) * pi[k]
            chats += Double(s.low + s.high) * pi[k]
            holding += Double((s.low > 0 ? 1 : 0) + (s.high > 0 ? 1 : 0)) * pi[k]
            if s.low == limit {
                pWait += pi[k]
                waiting.append((s.q, pi[k]))
            }
            if s.q == queueBound { tail += pi[k] }
        }
        XCTAssertLessThan(tail, 1e-12, "the queue bound of the chain must not matter")
        let tagged = MarkovChain(from: waiting.map(\.0), transitions: taggedTransitions)
        var initial = [Double](repeating: 0, count: tagged.states.count)
        for (j, w) in waiting { initial[tagged.index[j]!] += w / pWait }
        let takenInTime = tagged.absorbed(into: [tagged.index[-1]!], by: target, from: initial)
        return (pWait, theta * queue / lambda, queue / lambda, chats / holding, (1 - pWait) + pWait * takenInTime)
    }

    /// The planners' "Erlang for chat" (the concurrency-factor method, e.g. Call Centre
    /// Helper's "Erlang C for Chat": divide the handling time by a concurrency factor and
    /// use an Erlang formula), with the factor our slowdown gives at full concurrency,
    /// c ÷ f(c) = 1.5: Erlang A with 2 agents of 100 ÷ 1.5 s, patience 120 s. It makes each
    /// agent one faster server, so a chat that finds him busy waits, where he would take it
    /// at once in a free slot: held against the exact chain (which the simulation matches,
    /// above) it is pessimistic here, service level 0.585 vs 0.804, P(wait) 0.540 vs 0.255,
    /// abandonment 0.179 vs 0.085. (erlangccmath, named in the issue, is a client of a web
    /// service that needs an account and the internet: it computes nothing locally.)
    func testConcurrencyFactorApproximationAgainstTheChain() throws {
        let exact = Self.exact()
        let factor = Double(Self.limit) / Self.factors[Self.limit - 1]
        let traffic = try Traffic(callsPerHour: 3600 * Self.lambda, ahtSeconds: 1 / Self.mu / factor, patienceSeconds: 1 / Self.theta)
        let approximation = try Erlang.a(traffic, agents: Self.agents, targetSeconds: Self.target)
        print("Erlang A with the concurrency factor \(factor): service level \(approximation.serviceLevel) vs exact \(exact.serviceLevel), "
              + "P(wait) \(approximation.pWait) vs \(exact.pWait), abandonment \(approximation.abandonRate) vs \(exact.abandonRate)")
        XCTAssertEqual(approximation.serviceLevel, 0.5846, accuracy: 5e-5)
        XCTAssertEqual(exact.serviceLevel - approximation.serviceLevel, 0.2196, accuracy: 5e-4)
        XCTAssertGreaterThan(approximation.pWait, 2 * exact.pWait)
        XCTAssertGreaterThan(approximation.abandonRate, 2 * exact.abandonRate)
    }

    /// The simulation (40 replications of 10⁶ s after an hour's warm-up, seed 43) against
    /// the chain, each figure inside its 99.99 % interval.
    func testChatCenterMatchesItsMarkovChain() {
        var config = CenterConfig(
            callTypes: [CallType(name: "web", arrivalsPerHour: 3600 * Self.lambda, serviceSeconds: .exponential(mean: 1 / Self.mu),
                                 patienceSeconds: .exponential(mean: 1 / Self.theta))],
            agents: Self.agents, serviceLevelTargetSeconds: Self.target,
            horizon: .time(warmupSeconds: 3600, measuredSeconds: 1_000_000))
        config.callTypes[0].channel = .chat
        config.groups[0].chat = ChatCapacity(concurrency: Self.limit, factors: Self.factors)
        XCTAssertTrue(config.problems.isEmpty, "\(config.problems)")
        let result = CenterExperiment(config: config, seed: 43, replications: 40).run(jobs: 2)
        XCTAssertTrue(result.isConserved)
        let exact = Self.exact()
        for (metric, value) in [("p_wait", exact.pWait), ("abandon_rate", exact.abandonRate), ("mean_wait_seconds", exact.meanWait),
                                ("concurrency_mean", exact.concurrency), ("service_level", exact.serviceLevel)] {
            let interval = result.interval(metric, level: wideLevel)
            XCTAssertTrue(interval.contains(value), "\(metric): simulated \(interval.mean) ± \(interval.halfWidth), exact \(value)")
            print("\(metric): simulated \(interval.mean) ± \(interval.halfWidth) (99.99 %), exact \(value)")
        }
    }
}
