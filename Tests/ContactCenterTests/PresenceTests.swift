import Measures
import Stochastic
import TestSupport
import XCTest
@testable import ContactCenter

/// Agents' presence within a period: breaks and absences (`AgentAbsence`) and fractional
/// staffing (`DayPlan.partialAgentShareByGroup`).
final class PresenceTests: XCTestCase {
    /// One agent, calls every `gap` s (patience 10⁶ s: nobody abandons), 100 s handling.
    func oneAgent(gapSeconds: Double, calls: Int, every: Double, lasting: Double) -> CenterConfig {
        var config = CenterConfig(callTypes: [CallType(name: "calls", interarrivalSeconds: .deterministic(gapSeconds),
                                                       serviceSeconds: .deterministic(100), patienceSeconds: .deterministic(1e6))],
                                  agents: 1, horizon: .calls(warmupCalls: 0, measuredCalls: calls))
        config.groups[0].absence = AgentAbsence(everySeconds: .deterministic(every), lastingSeconds: .deterministic(lasting))
        return config
    }

    /// A break due during a call waits for its end. Calls at 60, 120, …, 600; the agent's
    /// break is due 250 s after he comes on duty (0) or returns, and lasts 110 s. He serves
    /// 60 (to 160) and 120 (160–260), leaves at 260 (due at 250), is back at 370 (next due
    /// 620) and serves 180 (to 470), 240 (to 570), 300 (to 670), leaves at 670, is back at
    /// 780 (due 1030): 360 (to 880), 420 (to 980), 480 (to 1080), leaves at 1080, is back
    /// at 1190: 540 (to 1290), 600. Waits 0, 40, 190, 230, 270, 420, 460, 500, 650, 690.
    func testBreakWaitsForTheCallInHand() {
        let config = oneAgent(gapSeconds: 60, calls: 10, every: 250, lasting: 110)
        XCTAssertTrue(config.problems.isEmpty, "\(config.problems)")
        let (c, records) = CenterModel.simulateRecordingCalls(config, seed: 1, replication: 0)
        XCTAssertEqual(c.answered, 10)
        XCTAssertEqual(records.compactMap(\.answerSeconds), [60, 160, 370, 470, 570, 780, 880, 980, 1190, 1290])
        XCTAssertEqual(c.totalWaitAnsweredSeconds, 3450, accuracy: 1e-9)
        XCTAssertTrue(c.isConserved)
    }

    /// An idle agent leaves when his break is due: due at 250, away until 450; the call at
    /// 340 waits 110 s, the call at 680 is answered at once (next break due 700, taken at 780).
    func testIdleAgentLeavesAtOnce() {
        let config = oneAgent(gapSeconds: 340, calls: 2, every: 250, lasting: 200)
        let (c, records) = CenterModel.simulateRecordingCalls(config, seed: 1, replication: 0)
        XCTAssertEqual(records.compactMap(\.answerSeconds), [450, 680])
        XCTAssertEqual(c.totalWaitAnsweredSeconds, 110, accuracy: 1e-9)
        // The window runs from the first arrival to the last, [340, 680]: away 340–450.
        XCTAssertEqual(c.metrics["agents_away_mean"] ?? .nan, 110.0 / 340.0, accuracy: 1e-12)
    }

    /// Nearly idle agents (1 s calls, 1 call/min) are away L ÷ (E + L) of the time with
    /// exponential presence (mean E = 3000 s) and breaks (L = 600 s): 10 agents →
    /// 10 · 600 / 3600 = 1.667 away on average. 20 replications of 10 hours, seed 3, the
    /// 99.99 % t interval of `agents_away_mean` (its share of busy time moves it by < 0.2 %).
    func testAwayShareIsRenewalShare() {
        var config = CenterConfig(callTypes: [CallType(name: "calls", arrivalsPerHour: 60, serviceSeconds: .deterministic(1))],
                                  agents: 10, horizon: .time(warmupSeconds: 3600, measuredSeconds: 36000))
        config.groups[0].absence = AgentAbsence(everySeconds: .exponential(mean: 3000), lastingSeconds: .exponential(mean: 600))
        let away = (0..<20).map { CenterModel.simulate(config, seed: 3, replication: UInt64($0)).metrics["agents_away_mean"]! }
        let interval = wideInterval(away)
        XCTAssertTrue(interval.contains(10 * 600 / 3600), "away \(interval.mean) ± \(interval.halfWidth)")
    }

    /// 0.5 agents in an hour's period: the second agent of 1.5 works the first 30 minutes
    /// only. With calls far beyond capacity (no patience), agent 1 starts calls before 1800
    /// and none after; agent 0 works all hour; the period's staffed time is 1.5 h.
    func testFractionalAgentLeavesAtHisShare() {
        var config = dayConfig(rates: [[200, 0]], agents: [1, 0], minutes: 60, patience: nil)
        config.day!.partialAgentShareByGroup = [[0.5, 0]]
        XCTAssertTrue(config.problems.isEmpty, "\(config.problems)")
        let (c, records) = CenterModel.simulateRecordingCalls(config, seed: 2, replication: 0)
        let starts = records.filter { $0.answerSeconds != nil }
        let second = starts.filter { $0.agent == 1 }.compactMap(\.answerSeconds)
        XCTAssertFalse(second.isEmpty)
        XCTAssertLessThan(second.max()!, 1800)
        XCTAssertGreaterThan(starts.filter { $0.agent == 0 }.compactMap(\.answerSeconds).max()!, 3000)
        XCTAssertEqual(c.periods[0].agents, 1.5)
        XCTAssertEqual(c.staffedAgentSeconds, 1.5 * 3600, accuracy: 1e-9)
    }

    /// Broken keys are named.
    func testInvalidAbsenceAndFractionsAreRejected() {
        var config = oneAgent(gapSeconds: 60, calls: 10, every: 250, lasting: 110)
        config.groups[0].absence = AgentAbsence(everySeconds: .deterministic(0), lastingSeconds: .exponential(mean: -1))
        let paths = config.problems.map(\.path)
        XCTAssertTrue(paths.contains("agents[0].absence.every"), "\(paths)")
        XCTAssertTrue(paths.contains { $0.hasPrefix("agents[0].absence.lasting") }, "\(paths)")
        var day = dayConfig(rates: [[200, 0]], agents: [1, 0], minutes: 60)
        day.day!.partialAgentShareByGroup = [[1.5, 0]]
        XCTAssertTrue(day.problems.map(\.path).contains("agents[0].count_by_period[0]"), "\(day.problems)")
    }
}
