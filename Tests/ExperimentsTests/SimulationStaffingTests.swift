import ContactCenter
import Measures
import Staffing
import XCTest
@testable import Experiments

/// Simulation-based staffing: decisions, and plans that hold on days they were not chosen on.
///
/// Statistical budget: each out-of-sample assertion uses a 99.99 % interval (α = 1e-4 per
/// period), so a correct plan fails one of this file's 28 period checks with probability
/// below 0.3 % on a re-roll of all streams.
final class SimulationStaffingTests: XCTestCase {
    static let level = 0.9999

    /// A small day (6 half hours, 13–27 Erlangs) with lognormal handling,
    /// exponential patience and daily busyness Gamma(shape 25): the spread between days
    /// that fooled the 20-day plan.
    static func smallDay(busynessShape: Double? = 25, rates: [Double] = [200, 300, 400, 400, 300, 200]) -> CenterConfig {
        var config = CenterConfig(
            callTypes: [CallType(name: "calls", arrivalsPerHour: rates[0], serviceSeconds: .lognormal(mean: 240, sd: 150),
                                 patienceSeconds: .exponential(mean: 180))],
            agents: 40, horizon: .time(warmupSeconds: 0, measuredSeconds: Double(rates.count) * 1800))
        config.day = DayPlan(periodSeconds: 1800, arrivalsPerHour: [rates], agents: rates.map { _ in 20 },
                             busynessShape: busynessShape)
        return config
    }

    /// Erlang A per period (the search's starting point).
    static func erlangA(_ rates: [Double], goal: Double = 0.8) throws -> [Int] {
        try rates.map { rate in
            try Traffic(callsPerHour: rate, ahtSeconds: 240, patienceSeconds: 180)
                .requiredAgents(goal: .serviceLevel(targetSeconds: 20, fraction: goal), model: .erlangA).agents
        }
    }

    /// Periods whose 99.99 % interval on 400 days of another seed lies wholly below the goal.
    func periodsMissing(_ plan: [Int], config: CenterConfig, goal: SimulatedStaffingGoal) -> [Int] {
        let estimates = PlanValidation.evaluate(config, plans: [plan], goal: goal, seed: 1_234, days: 400, jobs: 2,
                                                level: Self.level)[0]
        return plan.indices.filter { k in
            guard let e = estimates[k] else { return false }
            return goal.onShareOfDays.map { e.high < $0 } ?? (goal.atLeast ? e.high < goal.bound : e.low > goal.bound)
        }
    }

    /// The selection with sequential decisions (at least 100 days, then until the interval
    /// clears the goal or is ±1 point) holds on 400 days of another seed in every period;
    /// the same check catches the plan with one agent fewer in every period (so it can
    /// catch an understaffed plan: the defect of choosing on a few days, which misses
    /// periods by about one agent).
    func testSelectedPlanHoldsOnOtherDays() throws {
        let config = Self.smallDay()
        let rates = config.day!.arrivalsPerHour[0]
        let goal = SimulatedStaffingGoal(metric: .serviceLevel, bound: 0.8)
        let initial = try Self.erlangA(rates)
        let selected = SimulationStaffing.select(config, initial: initial, goal: goal, options: .init(seed: 11, jobs: 2))
        XCTAssertTrue(selected.unreachable.isEmpty)
        XCTAssertGreaterThanOrEqual(selected.daysUsed, 100)
        XCTAssertEqual(periodsMissing(selected.plan, config: config, goal: goal), [], "plan \(selected.plan)")
        let oneFewer = selected.plan.map { $0 - 1 }
        XCTAssertFalse(periodsMissing(oneFewer, config: config, goal: goal).isEmpty, "plan \(oneFewer)")
    }

    /// Common random numbers in the search: the selection is the same on 1 and 2 threads,
    /// and on the same 100 days (seed 11) the busiest period's service level rises with
    /// every agent added, from 3 below the selected head count to 3 above (the search
    /// assumes this monotonicity).
    func testSelectionIsIndependentOfJobsAndMonotone() throws {
        let config = Self.smallDay()
        let goal = SimulatedStaffingGoal(metric: .serviceLevel, bound: 0.8)
        let initial = try Self.erlangA(config.day!.arrivalsPerHour[0])
        let one = SimulationStaffing.select(config, initial: initial, goal: goal, options: .init(seed: 11, maxDays: 200, jobs: 1))
        let two = SimulationStaffing.select(config, initial: initial, goal: goal, options: .init(seed: 11, maxDays: 200, jobs: 2))
        XCTAssertEqual(one.plan, two.plan)
        XCTAssertEqual(one.daysUsed, two.daysUsed)
        let k = 3
        let plans = (-3...3).map { d in one.plan.enumerated().map { $0.offset == k ? $0.element + d : $0.element } }
        let levels = PlanValidation.evaluate(config, plans: plans, goal: goal, seed: 11, days: 100, jobs: 2).map { $0[k]!.value }
        XCTAssertEqual(levels, levels.sorted(), "service level by head count \(levels)")
        XCTAssertEqual(Set(levels).count, levels.count, "service level by head count \(levels)")
    }

    /// The chance goal "80 % within 20 s on at least 90 % of days": the repaired plan meets
    /// it on 400 days of another seed, without and with busyness; it never staffs below
    /// the expected-value plan (on a constant-rate day a day's service level spreads around
    /// its mean, so meeting it on 90 % of days needs more than meeting it on average).
    func testChanceGoalHoldsOnOtherDays() throws {
        let rates: [Double] = [300, 300, 300]
        let initial = try Self.erlangA(rates)
        for shape in [nil, 25.0] as [Double?] {
            let config = Self.smallDay(busynessShape: shape, rates: rates)
            let chance = SimulatedStaffingGoal(metric: .serviceLevel, bound: 0.8, onShareOfDays: 0.9)
            let expected = SimulatedStaffingGoal(metric: .serviceLevel, bound: 0.8)
            let options = SimulationStaffing.Options(seed: 5, maxDays: 600, jobs: 2)
            let staffed = DayStaffing.run(config, initial: initial, formulaPlans: [], goal: chance, options: options)
            let plan = staffed.plans.last!.agents
            XCTAssertEqual(periodsMissing(plan, config: config, goal: chance), [], "shape \(shape ?? 0): plan \(plan)")
            let onAverage = SimulationStaffing.select(config, initial: initial, goal: expected, options: options).plan
            for k in plan.indices { XCTAssertGreaterThanOrEqual(plan[k], onAverage[k], "shape \(shape ?? 0), period \(k)") }
        }
    }

    /// A blended day: calls, and chats (their own 60 s target) held 3 at a time and put on
    /// hold while the agent takes a call. Staffed for the calls' 80 % within 20 s and the
    /// chats' 90 % within 60 s, the repaired plan meets both parts on 400 days of another
    /// seed in every period; staffed for the center's goal alone (calls and chats together)
    /// it misses the chats' goal there in some period (the chat goal binds, so this check
    /// can fail) and never staffs more.
    func testChannelGoalsHoldOnOtherDays() throws {
        let rates: [Double] = [240, 320, 320, 240]
        var config = Self.smallDay(busynessShape: 25, rates: rates)
        var chat = CallType(name: "web-chat", arrivalsPerHour: 90, serviceSeconds: .lognormal(mean: 360, sd: 200),
                            patienceSeconds: .exponential(mean: 300))
        chat.channel = .chat
        chat.serviceLevelTargetSeconds = 60
        config.callTypes.append(chat)
        config.day!.arrivalsPerHour.append([90, 110, 120, 120])
        config.groups = [AgentGroupConfig(name: "blended", agents: 40)]
        config.groups[0].chat = ChatCapacity(concurrency: 3, slowdownPerExtraChat: 0.25)
        config.groups[0].chat!.voice = .hold
        XCTAssertTrue(config.problems.isEmpty, "\(config.problems)")
        let center = SimulatedStaffingGoal(metric: .serviceLevel, bound: 0.8)
        var joint = center
        joint.further = [SimulatedStaffingGoal(metric: .serviceLevel, bound: 0.8, channel: .voice),
                         SimulatedStaffingGoal(metric: .serviceLevel, bound: 0.9, channel: .chat)]
        let initial = try Self.erlangA(rates)
        let options = SimulationStaffing.Options(seed: 21, maxDays: 600, jobs: 2)
        let plan = DayStaffing.run(config, initial: initial, formulaPlans: [], goal: joint, options: options).plans.last!.agents
        for part in joint.parts {
            XCTAssertEqual(periodsMissing(plan, config: config, goal: part), [], "\(part.name): plan \(plan)")
        }
        let centerOnly = DayStaffing.run(config, initial: initial, formulaPlans: [], goal: center, options: options).plans.last!.agents
        XCTAssertFalse(periodsMissing(centerOnly, config: config, goal: joint.further[1]).isEmpty, "plan \(centerOnly)")
        for k in plan.indices { XCTAssertGreaterThanOrEqual(plan[k], centerOnly[k], "period \(k): \(plan) vs \(centerOnly)") }
    }

    /// Decisions from scripted days: clear above, clear below, too close at the precision,
    /// more days wanted in between; an empty period meets any goal.
    func testDecisions() {
        let goal = SimulatedStaffingGoal(metric: .serviceLevel, bound: 0.8)
        func days(_ ratios: [Double]) -> [DayObservation] { ratios.map { DayObservation(numerator: 100 * $0, denominator: 100) } }
        XCTAssertNil(goal.decision(days([0.9]), maxDays: 100))  // one day: no interval
        let above = goal.decision(days([0.9, 0.92, 0.91, 0.9]), maxDays: 100)!
        XCTAssertTrue(above.meets && above.clear)
        let below = goal.decision(days([0.7, 0.72, 0.71, 0.7]), maxDays: 100)!
        XCTAssertTrue(!below.meets && below.clear)
        XCTAssertNil(goal.decision(days([0.7, 0.9, 0.75, 0.88]), maxDays: 100))  // straddles, wide
        let capped = goal.decision(days([0.7, 0.9, 0.75, 0.88]), maxDays: 4)!  // straddles at the day limit
        XCTAssertFalse(capped.clear)
        XCTAssertTrue(capped.meets)  // estimate 0.8075 ≥ 0.8
        let close = goal.decision(days([0.801, 0.799, 0.802, 0.8]), maxDays: 100)!  // ±0.2 points ≤ 1 point
        XCTAssertFalse(close.clear)
        XCTAssertTrue(close.meets)
        let empty = goal.decision([DayObservation(numerator: 0, denominator: 0), DayObservation(numerator: 0, denominator: 0)],
                                  maxDays: 100)!
        XCTAssertTrue(empty.meets && empty.clear)

        let asa = SimulatedStaffingGoal(metric: .asaSeconds, bound: 30)  // at most: the other side
        XCTAssertTrue(asa.decision((0..<4).map { DayObservation(numerator: 20 * 100 + Double($0), denominator: 100) }, maxDays: 9)!.meets)
        XCTAssertFalse(asa.decision((0..<4).map { DayObservation(numerator: 40 * 100 + Double($0), denominator: 100) }, maxDays: 9)!.meets)

        let share = SimulatedStaffingGoal(metric: .serviceLevel, bound: 0.8, onShareOfDays: 0.5)
        let e = share.estimate(days([0.9, 0.7, 0.85, 0.81]))  // 3 of 4 days meet 0.8
        XCTAssertEqual(e.value, 0.75)
        XCTAssertEqual(e.expected.mean, 0.815, accuracy: 1e-12)
    }

    /// A goal with a further (chat) goal: met when both are, missed clearly when either
    /// clearly misses, undecided while either needs days; each part decided on its own days.
    func testJointDecisions() {
        var goal = SimulatedStaffingGoal(metric: .serviceLevel, bound: 0.8)
        goal.further = [SimulatedStaffingGoal(metric: .serviceLevel, bound: 0.9, channel: .chat)]
        XCTAssertEqual(goal.parts.map(\.name), ["service_level", "chat.service_level"])
        func days(_ calls: [Double], _ chats: [Double]) -> [DayObservation] {
            zip(calls, chats).map { call, chat in
                var o = DayObservation(numerator: 100 * call, denominator: 100)
                o.further = [DayObservation(numerator: 50 * chat, denominator: 50)]
                return o
            }
        }
        let both = goal.decision(days([0.9, 0.92, 0.91, 0.9], [0.95, 0.96, 0.95, 0.97]), maxDays: 100)!
        XCTAssertTrue(both.meets && both.clear)
        XCTAssertEqual(both.estimate.further.count, 1)
        XCTAssertEqual(both.estimate.further[0].value, 3.83 / 4, accuracy: 1e-12)
        XCTAssertTrue(goal.isMet(by: both.estimate) && !goal.isUndecided(both.estimate))
        // Calls clearly meet, chats clearly miss: a clear miss, whatever the calls say.
        let chatsMiss = goal.decision(days([0.9, 0.92, 0.91, 0.9], [0.7, 0.72, 0.71, 0.7]), maxDays: 100)!
        XCTAssertTrue(!chatsMiss.meets && chatsMiss.clear)
        XCTAssertTrue(goal.isOwnMet(by: chatsMiss.estimate))
        XCTAssertFalse(goal.isMet(by: chatsMiss.estimate))
        // Chats clearly miss while the calls still straddle 0.8 widely: decided at once, no
        // more days (the calls' estimate kept beside the chats').
        let early = goal.decision(days([0.7, 0.9, 0.75, 0.88], [0.7, 0.72, 0.71, 0.7]), maxDays: 100)!
        XCTAssertTrue(!early.meets && early.clear)
        XCTAssertEqual(early.estimate.further.count, 1)
        XCTAssertEqual(early.estimate.value, 0.8075, accuracy: 1e-12)
        // Chats straddle 0.9 widely: more days, though the calls are clear.
        XCTAssertNil(goal.decision(days([0.9, 0.92, 0.91, 0.9], [0.8, 1.0, 0.82, 0.99]), maxDays: 100))
        XCTAssertTrue(goal.isUndecided(goal.estimate(days([0.9, 0.92, 0.91, 0.9], [0.8, 1.0, 0.82, 0.99]))))
        // At the day limit the straddling part is decided on its estimate (0.9025 ≥ 0.9), not clear.
        let capped = goal.decision(days([0.9, 0.92, 0.91, 0.9], [0.8, 1.0, 0.82, 0.99]), maxDays: 4)!
        XCTAssertTrue(capped.meets && !capped.clear)
        // A period without chats meets the chat goal.
        let noChats = goal.decision(days([0.9, 0.92, 0.91, 0.9], [0, 0, 0, 0]).map { d in
            var o = d
            o.further = [DayObservation(numerator: 0, denominator: 0)]
            return o
        }, maxDays: 100)!
        XCTAssertTrue(noChats.meets && noChats.clear)
    }
}
