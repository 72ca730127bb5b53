import Stochastic
import TestSupport
import XCTest
@testable import ContactCenter

/// E-mail as deferred work (`CenterModel+Deferred`) and plans over several days
/// (`DayPlan.spanning`): scripted cases computed by hand, a replay of the backlog day by
/// day, and conservation over a week.
final class DeferredWorkTests: XCTestCase {
    /// Two agents; calls every 10 s of 150 s (more than they can serve; patience 10⁴ s)
    /// and e-mails every 100 s of 50 s, in a window of 1,000 s.
    func sharedAgents(deferredShare: Double) -> CenterConfig {
        var config = CenterConfig(
            callTypes: [CallType(name: "calls", interarrivalSeconds: .deterministic(10), serviceSeconds: .deterministic(150),
                                 patienceSeconds: .deterministic(10_000)),
                        CallType(name: "mail", interarrivalSeconds: .deterministic(100), serviceSeconds: .deterministic(50))],
            agents: 2, horizon: .time(warmupSeconds: 0, measuredSeconds: 1_000))
        config.callTypes[1].channel = .email
        config.groups[0].deferredShare = deferredShare
        return config
    }

    /// With no share the agents never run out of calls: the nine e-mails of the window
    /// (100, …, 900) are all left in the backlog.
    func testEmailWaitsBehindCalls() {
        let config = sharedAgents(deferredShare: 0)
        XCTAssertTrue(config.problems.isEmpty, "\(config.problems)")
        let c = CenterModel.simulate(config, seed: 1, replication: 0)
        XCTAssertEqual(c.deferred.offered, 9)
        XCTAssertEqual(c.deferred.answered, 0)
        XCTAssertEqual(c.deferred.leftAtEnd, 9)
        XCTAssertEqual(c.deferred.backlogAtClose, [9])
        XCTAssertTrue(c.isConserved)
        XCTAssertEqual(c.offered, 99, "the center's figures are the calls' (arrivals at 10, …, 990)")
    }

    /// A share of 0.5 keeps one agent of two on e-mail first while any waits (either
    /// agent, whoever frees up while none is on e-mail). A: call 10–160, e-mails 100
    /// (160–210) and 200 (210–260), call 260–410; B: call 20–170, call 170–320 (A is on
    /// e-mail), e-mail 300 (320–370), call 370–520; then A takes 400 at 410, B 500 at 520,
    /// A 600 at 610, B 700 at 720, A 800 at 810, B 900 at 920. Ages 60, 10, 20, 10, 20, 10,
    /// 20, 10, 20: 180 s over 9, none left.
    func testShareTakesEmailFirst() {
        let (c, records) = CenterModel.simulateRecordingCalls(sharedAgents(deferredShare: 0.5), seed: 1, replication: 0)
        let mail = records.filter { $0.callType == 1 && $0.measured }
        XCTAssertEqual(mail.compactMap(\.answerSeconds), [160, 210, 320, 410, 520, 610, 720, 810, 920])
        XCTAssertEqual(mail.compactMap(\.agent), [0, 0, 1, 0, 1, 0, 1, 0, 1])
        XCTAssertEqual(c.deferred.answered, 9)
        XCTAssertEqual(c.deferred.answeredWithinDue, 9)
        XCTAssertEqual(c.deferred.totalAgeSeconds, 180, accuracy: 1e-9)
        XCTAssertEqual(c.deferred.leftAtEnd, 0)
        XCTAssertEqual(c.metrics["mean_age_hours"] ?? .nan, 180.0 / 9 / 3600, accuracy: 1e-12)
        XCTAssertEqual(c.metrics["within_due_rate"], 1)
        XCTAssertTrue(c.isConserved)
    }

    /// With e-mails piling up (one every 10 s) the share keeps exactly one agent of two on
    /// e-mail at a time: the first e-mail (10) finds the second agent idle, and from then
    /// on he answers one every 50 s while the other agent serves calls; no two overlap.
    func testShareCapsTheAgentsOnEmail() {
        var config = sharedAgents(deferredShare: 0.5)
        config.callTypes[1].interarrivalSeconds = .deterministic(10)
        let (_, records) = CenterModel.simulateRecordingCalls(config, seed: 1, replication: 0)
        let starts = records.filter { $0.callType == 1 }.compactMap(\.answerSeconds)
        XCTAssertEqual(Array(starts.prefix(4)), [10, 60, 110, 160])
        XCTAssertTrue(zip(starts, starts.dropFirst()).allSatisfy { $1 - $0 >= 50 }, "\(starts)")
    }

    /// Due times: with 15 s the four ages of 10 s count (5 of 20 s or 60 s miss); with no
    /// share the nine left at 1,000 s are past due when they arrived before 850 (due
    /// 150 s): 0 ÷ (0 + 8).
    func testWithinDueCountsTheOverdueLeft() {
        var config = sharedAgents(deferredShare: 0.5)
        config.callTypes[1].dueSeconds = 15
        let c = CenterModel.simulate(config, seed: 1, replication: 0)
        XCTAssertEqual(c.deferred.answeredWithinDue, 4)
        XCTAssertEqual(c.metrics["within_due_rate"] ?? .nan, 4.0 / 9, accuracy: 1e-12)
        config = sharedAgents(deferredShare: 0)
        config.callTypes[1].dueSeconds = 150
        let d = CenterModel.simulate(config, seed: 1, replication: 0)
        XCTAssertEqual(d.deferred.overdueAtEnd, 8, "arrived 100, …, 800; the one of 900 is not yet due")
        XCTAssertEqual(d.metrics["within_due_rate"], 0)
    }

    // MARK: Several days

    /// One agent answers e-mails of 1,200 s, open 8 hours a day in hourly periods, over
    /// three days; e-mails come at 4 an hour by day and 1 an hour by night.
    func threeDays(seedRates: (day: Double, night: Double) = (4, 1)) -> CenterConfig {
        var config = CenterConfig(callTypes: [CallType(name: "mail", arrivalsPerHour: seedRates.day, serviceSeconds: .deterministic(1_200))],
                                  agents: 1, horizon: .time(warmupSeconds: 0, measuredSeconds: 8 * 3600))
        config.callTypes[0].channel = .email
        config.day = DayPlan(periodSeconds: 3600, openingMinute: 8 * 60, arrivalsPerHour: [Array(repeating: seedRates.day, count: 8)],
                             agents: Array(repeating: 1, count: 8)).spanning(days: 3, nightArrivalsPerHour: [seedRates.night])
        config.horizon = .time(warmupSeconds: 0, measuredSeconds: config.day!.lengthSeconds)
        return config
    }

    /// The backlog at each close, replayed by hand from the recorded arrivals: the agent
    /// takes the oldest e-mail whenever he is free in open hours (the one in hand at the
    /// close is finished), none at night.
    func testBacklogCarriedOverDaysMatchesAReplay() {
        let config = threeDays()
        XCTAssertTrue(config.problems.isEmpty, "\(config.problems)")
        XCTAssertEqual(config.day!.count, 2 * 24 + 8)
        XCTAssertEqual(config.day!.label(24), "d2 08:00")
        for replication in 0..<5 {
            let (c, records) = CenterModel.simulateRecordingCalls(config, seed: 11, replication: UInt64(replication))
            let arrivals = records.map(\.arrivalSeconds)
            var free = 0.0, next = 0, expectedBacklog: [Int] = [], answers: [Double] = []
            for day in 0..<3 {
                let open = Double(day) * 86_400, close = open + 8 * 3600
                free = max(free, open)
                while next < arrivals.count {
                    let start = max(free, arrivals[next])
                    guard start < close else { break }
                    answers.append(start)
                    free = start + 1_200
                    next += 1
                }
                expectedBacklog.append(arrivals.filter { $0 < close }.count - next)
            }
            XCTAssertEqual(c.deferred.backlogAtClose, expectedBacklog, "replication \(replication)")
            XCTAssertEqual(records.compactMap(\.answerSeconds), answers, "replication \(replication)")
            XCTAssertEqual(c.deferred.offered, arrivals.count)
            XCTAssertEqual(c.deferred.answered + c.deferred.leftAtEnd, c.deferred.offered)
            XCTAssertGreaterThan(arrivals.filter { $0.truncatingRemainder(dividingBy: 86_400) > 8 * 3600 }.count, 5, "night mail")
        }
    }

    /// Agents with breaks: one back from a break after the close goes home, so no e-mail
    /// is answered at night (every answer within a day's 8 open hours), over 5 replications.
    func testNoEmailAnsweredAtNight() {
        var config = threeDays()
        config.groups[0].absence = AgentAbsence(everySeconds: .exponential(mean: 3000), lastingSeconds: .exponential(mean: 900))
        for replication in 0..<5 {
            let (c, records) = CenterModel.simulateRecordingCalls(config, seed: 12, replication: UInt64(replication))
            let answers = records.compactMap(\.answerSeconds)
            XCTAssertGreaterThan(answers.count, 50)
            for t in answers { XCTAssertLessThan(t.truncatingRemainder(dividingBy: 86_400), 8 * 3600, "answered at \(t)") }
            XCTAssertEqual(c.deferred.answered + c.deferred.leftAtEnd, c.deferred.offered)
        }
    }

    /// Voice, chat and e-mail over a week: every call and chat ends (the center's
    /// conservation), every e-mail is answered or left (arrived = answered + backlog at
    /// the end), and each day's rates follow its factor.
    func testWeekConservesEveryContact() {
        var config = CenterConfig(
            callTypes: [CallType(name: "phone", arrivalsPerHour: 60, serviceSeconds: .exponential(mean: 240), patienceSeconds: .exponential(mean: 120)),
                        CallType(name: "web", arrivalsPerHour: 30, serviceSeconds: .exponential(mean: 400), patienceSeconds: .exponential(mean: 300)),
                        CallType(name: "mail", arrivalsPerHour: 10, serviceSeconds: .exponential(mean: 600))],
            agents: 1, horizon: .time(warmupSeconds: 0, measuredSeconds: 1))
        config.callTypes[1].channel = .chat
        config.callTypes[2].channel = .email
        config.groups = [AgentGroupConfig(name: "all", agents: 6)]
        config.groups[0].chat = ChatCapacity(concurrency: 2, slowdownPerExtraChat: 0.3)
        let open = 20
        config.day = DayPlan(periodSeconds: 1800, arrivalsPerHour: [Array(repeating: 60, count: open), Array(repeating: 30, count: open),
                                                                    Array(repeating: 10, count: open)],
                             agents: Array(repeating: 6, count: open), busynessShape: 30)
            .spanning(days: 7, nightArrivalsPerHour: [0, 0, 4], dayFactors: [1.2, 1, 1, 1, 0.9, 0.5, 0.4])
        config.horizon = .time(warmupSeconds: 0, measuredSeconds: config.day!.lengthSeconds)
        XCTAssertTrue(config.problems.isEmpty, "\(config.problems)")
        for r in 0..<3 {
            let c = CenterModel.simulate(config, seed: 5, replication: UInt64(r))
            XCTAssertTrue(c.isConserved, "replication \(r)")
            XCTAssertEqual(c.deferred.backlogAtClose.count, 7)
            XCTAssertEqual(c.deferred.answered + c.deferred.leftAtEnd, c.deferred.offered)
            XCTAssertEqual(c.periods.count, 6 * 48 + open)
            // Saturday (factor 0.5) has fewer calls than Monday (1.2): day tallies from its periods.
            func offered(day d: Int) -> Int { c.periods[(d * 48)..<(d * 48 + open)].reduce(0) { $0 + $1.queue.offered } }
            XCTAssertGreaterThan(offered(day: 0), offered(day: 5))
            XCTAssertEqual(c.periods[open..<48].reduce(0) { $0 + $1.queue.offered }, 0, "no calls or chats at night")
            // Day by day: each day's figures over its periods; the days add up to the week.
            XCTAssertEqual(c.days.count, 7)
            XCTAssertEqual(c.metrics["day6.offered"], Double(offered(day: 5)))
            var week = c.days.reduce(QueueTally()) { $0 + $1 }
            XCTAssertEqual(week.totalWaitAnsweredSeconds, c.queue.totalWaitAnsweredSeconds, accuracy: 1e-9 * week.totalWaitAnsweredSeconds)
            XCTAssertEqual(week.totalWaitAbandonedSeconds, c.queue.totalWaitAbandonedSeconds, accuracy: 1e-9 * week.totalWaitAbandonedSeconds)
            week.totalWaitAnsweredSeconds = c.queue.totalWaitAnsweredSeconds  // the same sums in another order
            week.totalWaitAbandonedSeconds = c.queue.totalWaitAbandonedSeconds
            XCTAssertEqual(week, c.queue)
            XCTAssertEqual(c.metrics["day3.backlog_end"], Double(c.deferred.backlogAtClose[2]))
            // Per period and channel: the periods add up to each channel's figures; calls and
            // chats of a period are its live contacts (e-mail is left out of them).
            XCTAssertEqual(c.periods[0].channels, [.voice, .chat, .email])
            for (i, channel) in c.byChannel.enumerated() {
                let summed = c.periods.reduce(QueueTally()) { $0 + $1.byChannel[i] }
                XCTAssertEqual(summed.offered, channel.queue.offered, channel.name)
                XCTAssertEqual(summed.answeredWithinTarget, channel.queue.answeredWithinTarget, channel.name)
                XCTAssertEqual(summed.abandoned, channel.queue.abandoned, channel.name)
                XCTAssertEqual(summed.totalWaitAnsweredSeconds, channel.queue.totalWaitAnsweredSeconds,
                               accuracy: 1e-9 * channel.queue.totalWaitAnsweredSeconds)
            }
            for p in c.periods {
                XCTAssertEqual(p.byChannel[0].offered + p.byChannel[1].offered, p.queue.offered)
                XCTAssertEqual(p.byChannel[0].answeredWithinTarget + p.byChannel[1].answeredWithinTarget, p.queue.answeredWithinTarget)
                let f = p.fractions(periodSeconds: c.periodSeconds)
                XCTAssertEqual(f["chat.offered"]?.numerator, Double(p.byChannel[1].offered))
                XCTAssertEqual(f["email.service_level"], Metric.serviceLevel.value(p.byChannel[2]))
            }
            XCTAssertEqual(c.metrics["day2.service_level"] ?? .nan,
                           Double(c.days[1].answeredWithinTarget) / Double(c.days[1].enteredQueue), accuracy: 1e-15)
        }
    }
}
