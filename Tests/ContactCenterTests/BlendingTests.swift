@testable import ContactCenter
import Experiments
import Foundation
import Measures
import TestSupport
import XCTest

/// Blended inbound and outbound work held against exact values of small continuous-time
/// Markov chains (`MarkovChain`), and the outbound bookkeeping on scripted cases.
final class BlendingTests: XCTestCase {
    /// 3 agents serve inbound calls (60/h, exponential 120 s, patience exponential 180 s)
    /// and dial an endless list progressively: an agent who frees up with no call waiting
    /// dials while more than K = 1 of the agents are free; a dial rings exponential 15 s and
    /// reaches the customer with p = 0.4 (a machine otherwise), who talks exponential 100 s.
    static let agents = 3, reserve = 1
    static let lambda = 1.0 / 60, mu = 1.0 / 120, theta = 1.0 / 180, gamma = 1.0 / 15, p = 0.4, nu = 1.0 / 100
    static let target = 20.0, queueBound = 40

    func progressiveCenter(measuredSeconds: Double) -> CenterConfig {
        var config = CenterConfig(
            callTypes: [CallType(name: "inbound", arrivalsPerHour: 3600 * Self.lambda, serviceSeconds: .exponential(mean: 1 / Self.mu),
                                 patienceSeconds: .exponential(mean: 1 / Self.theta))],
            agents: Self.agents, serviceLevelTargetSeconds: Self.target,
            horizon: .time(warmupSeconds: 3600, measuredSeconds: measuredSeconds))
        var campaign = Campaign(name: "list", listSize: nil, outcomes: DialOutcomes(connect: Self.p, machine: 1 - Self.p),
                                talkSeconds: .exponential(mean: 1 / Self.nu))
        campaign.ringSeconds = .exponential(mean: 1 / Self.gamma)
        config.campaigns = [campaign]
        config.groups[0].campaigns = [0]
        config.groups[0].inboundReserve = Self.reserve
        return config
    }

    /// The state: agents serving inbound calls, ringing, talking to reached customers; calls waiting.
    struct State: Hashable { var i, r, o, q: Int }

    /// An agent of `s` (already taken out of its activity) is free: he takes the first
    /// waiting call, else dials while more than K agents are free, else stays free.
    static func free(_ s: State) -> State {
        var s = s
        if s.q > 0 {
            s.q -= 1
            s.i += 1
        } else if agents - s.i - s.r - s.o > reserve {
            s.r += 1
        }
        return s
    }

    static func transitions(_ s: State) -> [(State, Double)] {
        var out: [(State, Double)] = []
        let idle = agents - s.i - s.r - s.o
        if idle > 0 { out.append((State(i: s.i + 1, r: s.r, o: s.o, q: s.q), lambda)) } else if s.q < queueBound {
            out.append((State(i: s.i, r: s.r, o: s.o, q: s.q + 1), lambda))
        }
        if s.i > 0 { out.append((free(State(i: s.i - 1, r: s.r, o: s.o, q: s.q)), Double(s.i) * mu)) }
        if s.r > 0 {
            out.append((State(i: s.i, r: s.r - 1, o: s.o + 1, q: s.q), Double(s.r) * gamma * p))
            out.append((free(State(i: s.i, r: s.r - 1, o: s.o, q: s.q)), Double(s.r) * gamma * (1 - p)))
        }
        if s.o > 0 { out.append((free(State(i: s.i, r: s.r, o: s.o - 1, q: s.q)), Double(s.o) * nu)) }
        if s.q > 0 { out.append((State(i: s.i, r: s.r, o: s.o, q: s.q - 1), Double(s.q) * theta)) }
        return out
    }

    /// A caller who waits behind j others, all agents busy (i serving, r ringing, o
    /// talking): nobody dials while calls wait, so the agents who free up take the calls
    /// ahead of him in turn. Absorbing: served (−1) or hung up (−2).
    struct Tagged: Hashable { var i, r, o, j: Int }

    static func taggedTransitions(_ s: Tagged) -> [(Tagged, Double)] {
        if s.j < 0 { return [] }
        let served = Tagged(i: 0, r: 0, o: 0, j: -1), hungUp = Tagged(i: 0, r: 0, o: 0, j: -2)
        /// An agent frees up: he takes the first call; the tagged caller when none is ahead.
        func freed(_ t: Tagged) -> Tagged { t.j == 0 ? served : Tagged(i: t.i + 1, r: t.r, o: t.o, j: t.j - 1) }
        var out: [(Tagged, Double)] = [(hungUp, theta)]
        if s.i > 0 { out.append((freed(Tagged(i: s.i - 1, r: s.r, o: s.o, j: s.j)), Double(s.i) * mu)) }
        if s.r > 0 {
            out.append((Tagged(i: s.i, r: s.r - 1, o: s.o + 1, j: s.j), Double(s.r) * gamma * p))
            out.append((freed(Tagged(i: s.i, r: s.r - 1, o: s.o, j: s.j)), Double(s.r) * gamma * (1 - p)))
        }
        if s.o > 0 { out.append((freed(Tagged(i: s.i, r: s.r, o: s.o - 1, j: s.j)), Double(s.o) * nu)) }
        if s.j > 0 { out.append((Tagged(i: s.i, r: s.r, o: s.o, j: s.j - 1), Double(s.j) * theta)) }
        return out
    }

    /// The chain's figures: service level within T (arrivals who find a free agent are
    /// answered at once; the others by the tagged chain, PASTA), P(wait), abandonment
    /// (θ·E[q] ÷ λ), occupancy (E[busy] ÷ agents; ringing agents are busy) and right-party
    /// conversations per second (p·γ·E[r]).
    static func exact() -> (serviceLevel: Double, pWait: Double, abandonRate: Double, occupancy: Double, completedPerSecond: Double) {
        let chain = MarkovChain(from: [State(i: 0, r: agents - reserve, o: 0, q: 0)], transitions: transitions)
        let pi = chain.stationary()
        var pWait = 0.0, queue = 0.0, busy = 0.0, ringing = 0.0
        var waiting: [(Tagged, Double)] = []
        for (k, s) in chain.states.enumerated() {
            let idle = agents - s.i - s.r - s.o
            queue += Double(s.q) * pi[k]
            busy += Double(s.i + s.r + s.o) * pi[k]
            ringing += Double(s.r) * pi[k]
            if idle == 0 && s.q < queueBound {
                pWait += pi[k]
                waiting.append((Tagged(i: s.i, r: s.r, o: s.o, j: s.q), pi[k]))
            }
        }
        let tagged = MarkovChain(from: waiting.map(\.0), transitions: taggedTransitions)
        var initial = [Double](repeating: 0, count: tagged.states.count)
        for (t, w) in waiting { initial[tagged.index[t]!] += w / pWait }
        let servedInTime = tagged.absorbed(into: [tagged.index[Tagged(i: 0, r: 0, o: 0, j: -1)]!], by: target, from: initial)
        let blockedShare = chain.states.enumerated().reduce(0.0) { $0 + ($1.element.q == queueBound ? pi[$1.offset] : 0) }
        XCTAssertLessThan(blockedShare, 1e-12, "the queue bound of the chain must not matter")
        return ((1 - pWait) + pWait * servedInTime, pWait, theta * queue / lambda, busy / Double(agents), p * gamma * ringing)
    }

    /// The simulation (40 replications of 1,000,000 s after an hour's warm-up, seed 41)
    /// against the chain: inbound service level, P(wait), abandonment, occupancy and the
    /// outbound right-party conversations per second, each inside its 99.99 % interval;
    /// no nuisance calls (progressive dialling holds its agent).
    func testProgressiveBlendMatchesItsMarkovChain() {
        let measured = 1_000_000.0
        let result = CenterExperiment(config: progressiveCenter(measuredSeconds: measured), seed: 41, replications: 40).run(jobs: 2)
        XCTAssertTrue(result.isConserved)
        let exact = Self.exact()
        for (metric, value) in [("service_level", exact.serviceLevel), ("p_wait", exact.pWait), ("abandon_rate", exact.abandonRate),
                                ("occupancy", exact.occupancy), ("outbound_completed", exact.completedPerSecond * measured)] {
            let interval = result.interval(metric, level: wideLevel)
            XCTAssertTrue(interval.contains(value), "\(metric): simulated \(interval.mean) ± \(interval.halfWidth), exact \(value)")
            print("\(metric): simulated \(interval.mean) ± \(interval.halfWidth) (99.99 %), exact \(value)")
        }
        XCTAssertEqual(result.interval("outbound_nuisance_rate").mean, 0)
    }

    // MARK: Predictive dialling

    /// The same center dialling predictively: dials ring without holding an agent, kept at
    /// ⌊1.5 × (free agents − K)⌋ (K = 0: 1, 3 and 4 dials for 1, 2 and 3 free agents, so the
    /// rounding matters); a reached customer takes a free agent at once, or waits for one,
    /// ahead of inbound calls, up to an exponential 20 s (long, so that who goes first
    /// matters), then the system hangs up (a nuisance call).
    static let ratio = 1.5, kappa = 1.0 / 20, predictiveReserve = 0

    func predictiveCenter(measuredSeconds: Double) -> CenterConfig {
        var config = progressiveCenter(measuredSeconds: measuredSeconds)
        config.campaigns[0].dialer = .predictive(Pacing(ratio: Self.ratio))
        config.campaigns[0].connectWaitSeconds = .exponential(mean: 1 / Self.kappa)
        config.groups[0].inboundReserve = Self.predictiveReserve
        return config
    }

    /// Agents serving inbound calls and talking to reached customers; dials ringing;
    /// reached customers waiting for an agent; inbound calls waiting.
    struct Predictive: Hashable { var i, o, f, c, q: Int }

    /// The dialer tops the dials ringing up to ⌊ratio × max(0, free − K)⌋.
    static func paced(_ s: Predictive) -> Predictive {
        var s = s
        let free = max(0, agents - s.i - s.o - predictiveReserve)
        if free >= 1 { s.f = max(s.f, Int((ratio * Double(free)).rounded(.down))) }
        return s
    }

    /// An agent is free: a reached customer waiting first, then an inbound call, else idle.
    static func freed(_ s: Predictive) -> Predictive {
        var s = s
        if s.c > 0 {
            s.c -= 1
            s.o += 1
        } else if s.q > 0 {
            s.q -= 1
            s.i += 1
        }
        return s
    }

    static func predictiveTransitions(_ s: Predictive) -> [(Predictive, Double)] {
        var out: [(Predictive, Double)] = []
        let idle = agents - s.i - s.o
        if idle > 0 { out.append((Predictive(i: s.i + 1, o: s.o, f: s.f, c: s.c, q: s.q), lambda)) } else if s.q < queueBound {
            out.append((Predictive(i: s.i, o: s.o, f: s.f, c: s.c, q: s.q + 1), lambda))
        }
        if s.i > 0 { out.append((freed(Predictive(i: s.i - 1, o: s.o, f: s.f, c: s.c, q: s.q)), Double(s.i) * mu)) }
        if s.o > 0 { out.append((freed(Predictive(i: s.i, o: s.o - 1, f: s.f, c: s.c, q: s.q)), Double(s.o) * nu)) }
        if s.f > 0 {
            let reached = idle > 0 ? Predictive(i: s.i, o: s.o + 1, f: s.f - 1, c: s.c, q: s.q)
                : Predictive(i: s.i, o: s.o, f: s.f - 1, c: s.c + 1, q: s.q)
            out.append((reached, Double(s.f) * gamma * p))
            out.append((Predictive(i: s.i, o: s.o, f: s.f - 1, c: s.c, q: s.q), Double(s.f) * gamma * (1 - p)))
        }
        if s.c > 0 { out.append((Predictive(i: s.i, o: s.o, f: s.f, c: s.c - 1, q: s.q), Double(s.c) * kappa)) }
        if s.q > 0 { out.append((Predictive(i: s.i, o: s.o, f: s.f, c: s.c, q: s.q - 1), Double(s.q) * theta)) }
        return out.map { (paced($0.0), $0.1) }
    }

    /// A waiting inbound caller with j ahead: nobody is free, nobody dials; reached
    /// customers still come in from the dials ringing and go first. Absorbing: j = −1
    /// served, −2 hung up.
    static func predictiveTaggedTransitions(_ s: Predictive) -> [(Predictive, Double)] {
        if s.q < 0 { return [] }
        let served = Predictive(i: 0, o: 0, f: 0, c: 0, q: -1), hungUp = Predictive(i: 0, o: 0, f: 0, c: 0, q: -2)
        func freed(_ t: Predictive) -> Predictive {
            if t.c > 0 { return Predictive(i: t.i, o: t.o + 1, f: t.f, c: t.c - 1, q: t.q) }
            return t.q == 0 ? served : Predictive(i: t.i + 1, o: t.o, f: t.f, c: t.c, q: t.q - 1)
        }
        var out: [(Predictive, Double)] = [(hungUp, theta)]
        if s.i > 0 { out.append((freed(Predictive(i: s.i - 1, o: s.o, f: s.f, c: s.c, q: s.q)), Double(s.i) * mu)) }
        if s.o > 0 { out.append((freed(Predictive(i: s.i, o: s.o - 1, f: s.f, c: s.c, q: s.q)), Double(s.o) * nu)) }
        if s.f > 0 {
            out.append((Predictive(i: s.i, o: s.o, f: s.f - 1, c: s.c + 1, q: s.q), Double(s.f) * gamma * p))
            out.append((Predictive(i: s.i, o: s.o, f: s.f - 1, c: s.c, q: s.q), Double(s.f) * gamma * (1 - p)))
        }
        if s.c > 0 { out.append((Predictive(i: s.i, o: s.o, f: s.f, c: s.c - 1, q: s.q), Double(s.c) * kappa)) }
        if s.q > 0 { out.append((Predictive(i: s.i, o: s.o, f: s.f, c: s.c, q: s.q - 1), Double(s.q) * theta)) }
        return out
    }

    /// The predictive center (40 replications of 1,000,000 s, seed 43) against its chain:
    /// inbound service level, P(wait) and abandonment, the nuisance rate (κ·E[c] ÷ p·γ·E[f])
    /// and the right-party conversations (p·γ·E[f] − κ·E[c] per second), each inside its
    /// 99.99 % interval.
    func testPredictiveBlendMatchesItsMarkovChain() {
        let chain = MarkovChain(from: [Self.paced(Predictive(i: 0, o: 0, f: 0, c: 0, q: 0))], transitions: Self.predictiveTransitions)
        let pi = chain.stationary()
        var pWait = 0.0, queue = 0.0, ringing = 0.0, reached = 0.0
        var waiting: [(Predictive, Double)] = []
        for (k, s) in chain.states.enumerated() {
            queue += Double(s.q) * pi[k]
            ringing += Double(s.f) * pi[k]
            reached += Double(s.c) * pi[k]
            if Self.agents - s.i - s.o == 0 && s.q < Self.queueBound {
                pWait += pi[k]
                waiting.append((s, pi[k]))
            }
        }
        XCTAssertLessThan(chain.states.enumerated().reduce(0.0) { $0 + ($1.element.q == Self.queueBound ? pi[$1.offset] : 0) }, 1e-12)
        let tagged = MarkovChain(from: waiting.map(\.0), transitions: Self.predictiveTaggedTransitions)
        var initial = [Double](repeating: 0, count: tagged.states.count)
        for (t, w) in waiting { initial[tagged.index[t]!] += w / pWait }
        let served = tagged.index[Predictive(i: 0, o: 0, f: 0, c: 0, q: -1)]!
        let serviceLevel = (1 - pWait) + pWait * tagged.absorbed(into: [served], by: Self.target, from: initial)
        let liveAnswers = Self.p * Self.gamma * ringing, nuisance = Self.kappa * reached

        let measured = 1_000_000.0
        let result = CenterExperiment(config: predictiveCenter(measuredSeconds: measured), seed: 43, replications: 40).run(jobs: 2)
        XCTAssertTrue(result.isConserved)
        for (metric, value) in [("service_level", serviceLevel), ("p_wait", pWait), ("abandon_rate", Self.theta * queue / Self.lambda),
                                ("outbound_nuisance_rate", nuisance / liveAnswers),
                                ("outbound_completed", (liveAnswers - nuisance) * measured)] {
            let interval = result.interval(metric, level: wideLevel)
            XCTAssertTrue(interval.contains(value), "\(metric): simulated \(interval.mean) ± \(interval.halfWidth), exact \(value)")
            print("\(metric): simulated \(interval.mean) ± \(interval.halfWidth) (99.99 %), exact \(value)")
        }
    }
}
