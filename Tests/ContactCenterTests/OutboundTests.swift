@testable import ContactCenter
import XCTest

/// Outbound bookkeeping on scripted campaigns (deterministic times, no inbound calls in
/// the window), conservation, and common random numbers with inbound streams.
final class OutboundTests: XCTestCase {
    /// One call type whose calls (almost) never come, `agents` agents dialling for one
    /// campaign, a window [0, seconds).
    func quietCenter(agents: Int, seconds: Double, campaign: Campaign, reserve: Int = 0) -> CenterConfig {
        var config = CenterConfig(callTypes: [CallType(name: "rare", arrivalsPerHour: 1e-5, serviceSeconds: .deterministic(60))],
                                  agents: agents, horizon: .time(warmupSeconds: 0, measuredSeconds: seconds))
        config.campaigns = [campaign]
        config.groups[0].campaigns = [0]
        config.groups[0].inboundReserve = reserve
        return config
    }

    func campaign(list: Int, outcomes: DialOutcomes, ring: Double = 10, talk: Double = 100) -> Campaign {
        var c = Campaign(name: "list", listSize: list, outcomes: outcomes, talkSeconds: .deterministic(talk))
        c.ringSeconds = .deterministic(ring)
        return c
    }

    /// An entry nobody answers: dialled at 0, 630 and 1,260 s (30 s of ringing, 600 s
    /// retry delay), then exhausted after its third attempt — 90 s of the agent's time.
    /// With the window closing at 1,000 s the third attempt is never made: the entry stays
    /// on the list.
    func testRetriesAndTheThirdAttemptStop() {
        var c = campaign(list: 1, outcomes: DialOutcomes(connect: 0))
        c.noAnswerSeconds = 30
        c.retryDelaySeconds.noAnswer = 600
        let whole = CenterModel.simulate(quietCenter(agents: 1, seconds: 2_000, campaign: c), seed: 1, replication: 0).campaigns[0].tally
        XCTAssertEqual(whole.attempts, 3)
        XCTAssertEqual(whole.noAnswers, 3)
        XCTAssertEqual(whole.entriesExhausted, 1)
        XCTAssertEqual(whole.entriesDone, 1)
        XCTAssertEqual(whole.agentSeconds, 90, accuracy: 1e-9)
        XCTAssertTrue(whole.isConserved)
        let short = CenterModel.simulate(quietCenter(agents: 1, seconds: 1_000, campaign: c), seed: 1, replication: 0).campaigns[0].tally
        XCTAssertEqual(short.attempts, 2)
        XCTAssertEqual(short.entriesExhausted, 0)
        XCTAssertEqual(short.entriesDone, 0)
        c.maxAttempts = 1
        let once = CenterModel.simulate(quietCenter(agents: 1, seconds: 2_000, campaign: c), seed: 1, replication: 0).campaigns[0].tally
        XCTAssertEqual(once.attempts, 1)
        XCTAssertEqual(once.entriesExhausted, 1)
    }

    /// Two agents, five entries that all answer after 10 s and talk 100 s, a window of
    /// 300 s. Keeping K = 1 agent free for inbound, one agent dials at a time: talks start
    /// at 10, 120 and 230 s (3 completed); with K = 0 both dial: 10, 10, 120, 120, 230 (all 5).
    func testInboundReserveKeepsAgentsFree() {
        let c = campaign(list: 5, outcomes: DialOutcomes(connect: 1))
        let kept = CenterModel.simulate(quietCenter(agents: 2, seconds: 300, campaign: c, reserve: 1), seed: 1, replication: 0)
        XCTAssertEqual(kept.campaigns[0].tally.completed, 3)
        XCTAssertEqual(kept.campaigns[0].tally.attempts, 3)
        let none = CenterModel.simulate(quietCenter(agents: 2, seconds: 300, campaign: c, reserve: 0), seed: 1, replication: 0)
        XCTAssertEqual(none.campaigns[0].tally.completed, 5)
        XCTAssertEqual(none.campaigns[0].tally.entriesDone, 5)
        XCTAssertEqual(none.campaigns[0].tally.listEntries, 5)
        // Agent time: 5 × (10 s ringing + 100 s talk), all inside the window but the last talk's 30 s past 300.
        XCTAssertEqual(none.campaigns[0].tally.agentSeconds, 5 * 110 - 30, accuracy: 1e-9)
    }

    /// Preview: the agent reads 40 s, dials (10 s), talks 100 s: two entries take him
    /// 300 s; the dials are made at 40 and 190 s.
    func testPreviewReadingTime() {
        var c = campaign(list: 2, outcomes: DialOutcomes(connect: 1))
        c.dialer = .preview(readingSeconds: .deterministic(40))
        let t = CenterModel.simulate(quietCenter(agents: 1, seconds: 1_000, campaign: c), seed: 1, replication: 0).campaigns[0].tally
        XCTAssertEqual(t.completed, 2)
        XCTAssertEqual(t.agentSeconds, 300, accuracy: 1e-9)
        let cut = CenterModel.simulate(quietCenter(agents: 1, seconds: 180, campaign: c), seed: 1, replication: 0).campaigns[0].tally
        XCTAssertEqual(cut.attempts, 1, "the second dial, at 190 s, falls after the window")
    }

    /// A predictive dialer stops with its window: one agent, one dial at a time (ratio 1),
    /// nobody answers within 30 s, one attempt per entry: dials at 0, 30, 60 and 90 s in a
    /// 100 s window, and no more once it closes (4 entries done of the 100).
    func testPredictiveDialerStopsAtTheWindowsClose() {
        var c = campaign(list: 100, outcomes: DialOutcomes(connect: 0))
        c.dialer = .predictive(Pacing(ratio: 1))
        c.maxAttempts = 1
        let t = CenterModel.simulate(quietCenter(agents: 1, seconds: 100, campaign: c), seed: 1, replication: 0).campaigns[0].tally
        XCTAssertEqual(t.attempts, 4)
        XCTAssertEqual(t.entriesDone, 4)
        XCTAssertEqual(t.entriesExhausted, 4)
    }

    /// A day of two 1,000 s periods, one agent, (almost) no inbound calls.
    func quietDay(campaign: Campaign, agents: Int = 1) -> CenterConfig {
        var config = CenterConfig(callTypes: [CallType(name: "rare", arrivalsPerHour: 1e-5, serviceSeconds: .deterministic(60))],
                                  agents: agents, horizon: .time(warmupSeconds: 0, measuredSeconds: 2_000))
        config.day = DayPlan(periodSeconds: 1_000, arrivalsPerHour: [[1e-5, 1e-5]], agents: [agents, agents])
        config.campaigns = [campaign]
        config.groups[0].campaigns = [0]
        return config
    }

    /// Outcomes by period: every dial of the first period reaches the customer, none of the
    /// second (30 s of ringing each). 20 entries, 10 s rings, 100 s talks: dials at 0, 110,
    /// …, 990 s (10 in the first period, all completed; the last talk starts at 1,000 s but
    /// counts where its dial was made), then 10 dials from 1,100 s that nobody answers (one
    /// attempt each: exhausted).
    func testOutcomesByPeriod() {
        var c = campaign(list: 20, outcomes: DialOutcomes(connect: 1))
        c.outcomesByPeriod = [DialOutcomes(connect: 1), DialOutcomes(connect: 0)]
        c.maxAttempts = 1
        c.noAnswerSeconds = 30
        let counters = CenterModel.simulate(quietDay(campaign: c), seed: 1, replication: 0)
        let t = counters.campaigns[0].tally
        XCTAssertEqual(counters.periods[0].outbound.completed, 10)
        XCTAssertEqual(counters.periods[0].outbound.attempts, 10)
        XCTAssertEqual(counters.periods[1].outbound.completed, 0)
        XCTAssertEqual(counters.periods[1].outbound.noAnswers, 10)
        XCTAssertEqual(t.completed, 10)
        XCTAssertEqual(t.attempts, 20)
        XCTAssertEqual(t.noAnswers, 10)
        XCTAssertEqual(t.entriesExhausted, 10)
    }

    /// New entries by period: none in the first, 36 an hour (one per 100 s) in the second;
    /// a group's own talk law (50 s, where the campaign says 100 s): each completion takes
    /// an agent 60 s (10 s ringing), less for the talks the day's end cuts (3 agents).
    func testListArrivalsByPeriodAndAGroupsTalk() {
        var c = campaign(list: 0, outcomes: DialOutcomes(connect: 1))
        c.newEntriesPerHourByPeriod = [0, 36]
        var config = quietDay(campaign: c, agents: 3)
        config.groups[0].outboundTalkSeconds = .deterministic(50)
        var entries = 0
        for r in 0..<20 {
            let t = CenterModel.simulate(config, seed: 2, replication: UInt64(r)).campaigns[0].tally
            entries += t.listEntries
            XCTAssertLessThanOrEqual(t.agentSeconds, Double(t.completed) * 60 + 1e-6)
            XCTAssertGreaterThanOrEqual(t.agentSeconds, Double(t.completed - 3) * 60)
            XCTAssertEqual(t.entriesDone, t.completed)
        }
        // 20 days × 10 expected: Poisson 200, within 4.4 sd (α ≈ 1e-5).
        XCTAssertEqual(Double(entries), 200, accuracy: 4.4 * 200.0.squareRoot())
    }

    /// Two calling windows, [0, 100) and [300, 400) s: the same one-at-a-time dialer makes
    /// 4 dials in each and none between; entries wait on the list through the gap.
    func testSeveralWindows() {
        var c = campaign(list: 100, outcomes: DialOutcomes(connect: 0))
        c.dialer = .predictive(Pacing(ratio: 1))
        c.maxAttempts = 1
        c.windowsSeconds = [0...100, 300...400]
        let t = CenterModel.simulate(quietCenter(agents: 1, seconds: 1_000, campaign: c), seed: 1, replication: 0).campaigns[0].tally
        XCTAssertEqual(t.attempts, 8)
        XCTAssertEqual(t.entriesDone, 8)
        XCTAssertEqual(t.listEntries, 100)
    }

    /// A busy center with every outcome: each dial ends in one outcome, each live answer is
    /// talked to or a nuisance, no entry is done twice; a campaign that dials nothing leaves
    /// the inbound figures bit for bit, and one that dials leaves the inbound arrivals.
    func testConservationAndCommonRandomNumbers() {
        let base = CenterConfig(callTypes: [CallType(name: "calls", arrivalsPerHour: 300, serviceSeconds: .exponential(mean: 180),
                                                     patienceSeconds: .exponential(mean: 120))],
                                agents: 18, horizon: .time(warmupSeconds: 600, measuredSeconds: 7_200))
        var c = Campaign(name: "cards", listSize: 300, outcomes: DialOutcomes(connect: 0.4, wrongParty: 0.05, machine: 0.2, busy: 0.1),
                         talkSeconds: .exponential(mean: 150), dialer: .predictive(Pacing(ratio: 1.5)))
        c.ringSeconds = .exponential(mean: 12)
        c.retryDelaySeconds = RetryDelays()
        c.retryDelaySeconds.noAnswer = 900
        var blended = base
        blended.campaigns = [c]
        blended.groups[0].campaigns = [0]
        let plain = CenterModel.simulate(base, seed: 5, replication: 2)
        for r in 0..<3 {
            let with = CenterModel.simulate(blended, seed: 5, replication: UInt64(r))
            let t = with.campaigns[0].tally
            XCTAssertTrue(t.isConserved)
            XCTAssertGreaterThan(t.attempts, 100)
            XCTAssertGreaterThan(t.nuisance, 0)
            XCTAssertLessThanOrEqual(t.completed + t.wrongParties, t.liveAnswers)
            XCTAssertGreaterThanOrEqual(t.liveAnswers - t.nuisance, t.completed)
            XCTAssertLessThanOrEqual(t.entriesDone, t.listEntries)
            XCTAssertTrue(with.isConserved)
            if r == 2 { XCTAssertEqual(with.offered, plain.offered, "the campaign moves no inbound arrival") }
        }
        var silent = blended
        silent.campaigns[0].listSize = 0
        XCTAssertEqual(CenterModel.simulate(silent, seed: 5, replication: 2).queue, plain.queue)
    }

    /// Callbacks dialled by a campaign: one agent, calls every 60 s from 60 s needing 100 s,
    /// each caller who must queue takes a callback (offered above 0 s, accepted always)
    /// that joins the campaign's list. The agent frees at 160 s, dials the caller of 120 s
    /// (10 s of ringing, reached at once) and serves him from 170 s: his wait, 50 s, counts
    /// as a callback's. With nobody ever reached, every request fails after its 2 attempts
    /// (an hour apart, within the window) or at the window's close.
    func testCallbacksDialledByACampaign() {
        var type = CallType(name: "calls", interarrivalSeconds: .deterministic(60), serviceSeconds: .deterministic(100),
                            patienceSeconds: .deterministic(10_000))  // never used: who must queue takes a callback
        type.callback = CallbackPolicy(offerAboveSeconds: 0, acceptance: 1, reachProbability: 1)
        type.callback!.campaign = 0
        var config = CenterConfig(callTypes: [type], agents: 1, horizon: .time(warmupSeconds: 0, measuredSeconds: 200))
        var c = campaign(list: 0, outcomes: DialOutcomes(connect: 1))
        c.maxAttempts = 2
        config.campaigns = [c]
        config.groups[0].campaigns = [0]
        let (counters, records) = CenterModel.simulateRecordingCalls(config, seed: 1, replication: 0)
        let second = try! XCTUnwrap(records.first { $0.arrivalSeconds == 120 })
        XCTAssertEqual(second.outcome, .calledBack)
        XCTAssertEqual(second.answerSeconds, 170)
        XCTAssertEqual(second.callbackAttempts, 1)
        XCTAssertEqual(second.serviceStartSeconds, 170)
        XCTAssertTrue(counters.isConserved, "\(counters.offered) offered, \(counters.endedCalls) ended")
        XCTAssertEqual(counters.campaigns[0].tally.completed, counters.calledBack)
        XCTAssertGreaterThan(counters.calledBack, 0)

        config.campaigns[0].outcomes = DialOutcomes(connect: 0)
        config.horizon = .time(warmupSeconds: 0, measuredSeconds: 3_000)
        let failing = CenterModel.simulate(config, seed: 1, replication: 0)
        XCTAssertTrue(failing.isConserved)
        XCTAssertEqual(failing.calledBack, 0)
        XCTAssertEqual(failing.callbackFailed, failing.callbacks)
        XCTAssertGreaterThan(failing.callbacks, 10)
        XCTAssertLessThanOrEqual(failing.campaigns[0].tally.attempts, 2 * failing.callbacks)
    }

    /// Blending under every routing policy: two call types (VIP first under `priority`,
    /// weighted 4:1 under `longest_weighted_wait`) on one blended pool with a predictive
    /// campaign; each run conserves calls and dials, the campaign dials, and where VIPs go
    /// first they wait less than retail callers (over 5 days, seed 9).
    func testBlendingUnderEveryRoutingPolicy() {
        var base = CenterConfig(
            callTypes: [CallType(name: "vip", arrivalsPerHour: 60, serviceSeconds: .exponential(mean: 180), patienceSeconds: .exponential(mean: 120)),
                        CallType(name: "retail", arrivalsPerHour: 300, serviceSeconds: .exponential(mean: 180),
                                 patienceSeconds: .exponential(mean: 120))],
            agents: 19, horizon: .time(warmupSeconds: 600, measuredSeconds: 7_200))
        var c = campaign(list: 400, outcomes: DialOutcomes(connect: 0.4, machine: 0.3))
        c.dialer = .predictive(Pacing(ratio: 1.2))
        base.campaigns = [c]
        base.groups[0].campaigns = [0]
        base.groups[0].inboundReserve = 1
        for policy in RoutingPolicy.allCases {
            var config = base
            config.routing.policy = policy
            if policy == .priority { config.routing.priorities = [0, 1] }
            if policy == .longestWeightedWait { config.routing.weights = [4, 1] }
            XCTAssertTrue(config.problems.isEmpty, "\(policy): \(config.problems.map(\.message))")
            var vipWait = 0.0, retailWait = 0.0
            for r in 0..<5 {
                let counters = CenterModel.simulate(config, seed: 9, replication: UInt64(r))
                XCTAssertTrue(counters.isConserved, "\(policy)")
                XCTAssertTrue(counters.campaigns[0].tally.isConserved, "\(policy)")
                XCTAssertGreaterThan(counters.campaigns[0].tally.attempts, 50, "\(policy)")
                vipWait += counters.byCallType[0].queue.totalWaitAnsweredSeconds / Double(counters.byCallType[0].queue.answered)
                retailWait += counters.byCallType[1].queue.totalWaitAnsweredSeconds / Double(counters.byCallType[1].queue.answered)
            }
            if policy == .priority { XCTAssertLessThan(vipWait, retailWait / 2, "VIPs first") }
        }
    }
}
