import Measures
import XCTest
@testable import ContactCenter

/// The metric catalogue: one declaration per name, a definition on every view that lists
/// it, how each reads; and each queue definition at its boundaries, computed by hand on a
/// scripted tally (a wait of exactly T, abandons before and after T, unequal denominators).
final class MetricCatalogueTests: XCTestCase {
    func testEveryNameOnceAndEveryViewDefined() {
        XCTAssertEqual(Metric.byName.count, Metric.catalogue.count, "a name declared twice")
        let tally = QueueTally()
        for m in Metric.queueView + Metric.callTypeView { XCTAssertNotNil(m.value(tally), m.name) }
        let period = PeriodCounters(agents: 3, hasIVR: true, hasOutbound: true)
        for m in Metric.periodView + Metric.periodIVRView + Metric.periodOutboundView {
            XCTAssertNotNil(m.value(period, periodSeconds: 1800), m.name)
        }
        for m in Metric.campaignView { XCTAssertNotNil(m.value(OutboundTally()), m.name) }
        var counters = CenterCounters()
        counters.parts = [.ivr, .ivrPorts, .lines, .redials, .callbacks, .breaks, .agentTransfers, .outbound, .speech, .bot, .chat, .deferred, .channelSwitch,
                          .ivrChannelOffer, .silentAbandonment]
        for m in Metric.centerView + Metric.conditional { XCTAssertNotNil(m.value(counters), m.name) }
        XCTAssertEqual(Set(counters.fractions.keys), Set((Metric.centerView + Metric.conditional).map(\.name)))
        // Without an IVR, lines, redials, callbacks, absences or transfers: only what applies.
        let plain = Set(CenterCounters().fractions.keys)
        XCTAssertEqual(plain, Set((Metric.queueView + [.waitP50Seconds, .waitP90Seconds, .waitP99Seconds, .occupancy, .meanQueueLength,
                                                       .unfinished]).map(\.name)))
        for m in Metric.headline + Metric.swept { XCTAssertNotNil(Metric.byName[m.name], m.name) }
    }

    /// The speech and bot definitions on scripted counts: the speech figures over the
    /// prompts entered, the bot's over its dialogs; absent without such nodes.
    func testSpeechAndBotDefinitions() {
        var counters = CenterCounters()
        counters.parts = [.ivr, .speech, .bot]
        var t = SpeechTally()
        (t.prompts, t.firstCorrect, t.confirmations, t.reprompts, t.fallbacks) = (200, 150, 40, 30, 8)
        (t.botEntered, t.botContained, t.botZeroOuts, t.botTurns) = (50, 30, 6, 140)
        counters.ivr.speech = t
        let expected: [(Metric, Double)] = [(.recognitionRate, 0.75), (.confirmationRate, 0.2), (.repromptRate, 0.15),
                                            (.speechFallbackRate, 0.04), (.botContainment, 0.6), (.zeroOutRate, 0.12),
                                            (.meanBotTurns, 2.8)]
        for (metric, value) in expected { XCTAssertEqual(metric.value(counters)?.value ?? .nan, value, accuracy: 1e-12, metric.name) }
        counters.parts = [.ivr, .speech]
        XCTAssertNil(Metric.botContainment.value(counters))
        XCTAssertNotNil(Metric.recognitionRate.value(counters))
        counters.parts = [.ivr]
        XCTAssertNil(Metric.recognitionRate.value(counters))
    }

    /// The outbound definitions on a scripted tally: the nuisance rate over live answers
    /// (right and wrong parties), attempts per entry dialled, the list's done share.
    func testOutboundDefinitions() {
        var t = OutboundTally()
        t.attempts = 120
        t.connects = 40
        t.wrongParties = 10
        t.nuisance = 5
        t.completed = 36
        t.entriesStarted = 80
        t.entriesDone = 60
        t.listEntries = 200
        XCTAssertEqual(Metric.outboundNuisanceRate.value(t)!.value, 5.0 / 50)
        XCTAssertEqual(Metric.outboundAttemptsPerEntry.value(t)!.value, 120.0 / 80)
        XCTAssertEqual(Metric.listExhaustedShare.value(t)!.value, 60.0 / 200)
        XCTAssertEqual(Metric.outboundCompleted.value(t)!.value, 36)
        var counters = CenterCounters()
        counters.parts = [.outbound]
        counters.staffedAgentSeconds = 1_000
        var a = CampaignCounters(name: "a"), b = CampaignCounters(name: "b")
        a.tally = t
        b.tally.agentSeconds = 250
        a.tally.agentSeconds = 150
        counters.campaigns = [a, b]
        XCTAssertEqual(Metric.outboundTalkShare.value(counters)!.value, 0.4)
        XCTAssertEqual(counters.metrics["b.outbound_attempts"], 0)
        XCTAssertEqual(counters.metrics["a.outbound_nuisance_rate"], 0.1)
        XCTAssertNil(counters.metrics["a.outbound_talk_share"], "the talk share is the agents', not a campaign's")
    }

    /// Chats: concurrency over the agents holding chats; per channel the call-type view
    /// (`chat.service_level`), listed before the call types.
    func testChatDefinitionsAndChannelView() {
        var counters = CenterCounters()
        XCTAssertNil(Metric.concurrencyMean.value(counters))
        counters.parts = [.chat]
        (counters.chatSeconds, counters.agentsChattingSeconds) = (5_000, 2_000)
        XCTAssertEqual(Metric.concurrencyMean.value(counters)!.value, 2.5)
        var chat = CallTypeCounters(name: "chat"), web = CallTypeCounters(name: "web")
        chat.queue.enteredQueue = 10
        chat.queue.answered(after: 5, target: 20)
        web.queue = chat.queue
        counters.byChannel = [CallTypeCounters(name: "voice"), chat]
        counters.byCallType = [CallTypeCounters(name: "phone"), web]
        XCTAssertEqual(counters.metrics["chat.service_level"], 0.1)
        let order = counters.orderedMetricNames
        XCTAssertLessThan(order.firstIndex(of: "chat.service_level")!, order.firstIndex(of: "phone.service_level")!)
        XCTAssertLessThan(order.firstIndex(of: "concurrency_mean")!, order.firstIndex(of: "voice.offered")!)
    }

    /// Deferred work: the backlog's mean over the days' closes, answered within due over
    /// those whose fate is known (answered, or left past due), the age in hours.
    func testDeferredDefinitions() {
        var counters = CenterCounters()
        counters.deferred.backlogAtClose = [4, 0, 8]
        (counters.deferred.answered, counters.deferred.answeredWithinDue, counters.deferred.overdueAtEnd) = (10, 6, 2)
        counters.deferred.totalAgeSeconds = 36_000
        XCTAssertNil(Metric.backlogEnd.value(counters))
        counters.parts = [.deferred]
        XCTAssertEqual(Metric.backlogEnd.value(counters)!.value, 4)
        XCTAssertEqual(Metric.withinDueRate.value(counters)!.value, 0.5)
        XCTAssertEqual(Metric.meanAgeHours.value(counters)!.value, 1)
    }

    func testHowNamesRead() {
        XCTAssertEqual(Metric.kind(of: "service_level"), .rate)
        XCTAssertEqual(Metric.kind(of: "vip.service_level"), .rate)
        XCTAssertEqual(Metric.kind(of: "senior.occupancy"), .rate)
        XCTAssertEqual(Metric.kind(of: "vip.asa_seconds"), .seconds)
        XCTAssertEqual(Metric.kind(of: "ivr.menu.calls_mean"), .level)
        XCTAssertEqual(Metric.kind(of: "ivr.menu.seconds_per_stay"), .seconds)
        XCTAssertEqual(Metric.kind(of: "ivr.a->b.moves"), .rate)
        XCTAssertEqual(Metric.kind(of: "agents"), .level)
        XCTAssertEqual(Metric.kind(of: "unfinished"), .count)
        XCTAssertEqual(Metric.kind(of: "redials"), .count)
        XCTAssertEqual(Metric.asaSeconds.axisLabel, "ASA (s)")
        XCTAssertEqual(Metric.serviceLevel.axisLabel, "service level (%)")
    }

    /// T = 20 s. Offered 9, of whom 2 balked; 7 entered: answered after 0, 20 (exactly T:
    /// within) and 20.5 s, abandoned after 10 and 20 s (short abandons: within T) and 45 s,
    /// and one whose callbacks failed after 100 s; 6 waited.
    func testQueueDefinitionsAtTheirBoundaries() throws {
        var t = QueueTally()
        t.offered = 9
        t.balked = 2
        t.enteredQueue = 7
        t.delayed = 6
        t.answered(after: 0, target: 20)
        t.answered(after: 20, target: 20)
        t.answered(after: 20.5, target: 20)
        t.abandoned(after: 10, target: 20)
        t.abandoned(after: 20, target: 20)
        t.abandoned(after: 45, target: 20)
        t.callbackFailed(after: 100)
        let expected: [(Metric, Double, Double)] = [
            (.offered, 9, 1), (.answered, 3, 1), (.abandoned, 3, 1),
            (.serviceLevel, 2, 7), (.serviceLevelAnswered, 2, 3), (.serviceLevelExcludingShortAbandons, 2, 5),
            (.serviceLevelCountingShortAbandons, 4, 7), (.pWait, 6, 7), (.asaSeconds, 40.5, 3),
            (.meanWaitSeconds, 40.5 + 75 + 100, 7), (.abandonRate, 3, 7), (.shortAbandonRate, 2, 7), (.balkRate, 2, 9),
        ]
        for (metric, numerator, denominator) in expected {
            let f = try XCTUnwrap(metric.value(t), metric.name)
            XCTAssertEqual(f.numerator, numerator, metric.name)
            XCTAssertEqual(f.denominator, denominator, metric.name)
        }
        XCTAssertEqual(t.unfinished, 0)
        XCTAssertEqual(Set(t.fractions.keys), Set(QueueTally.metricNames))
    }

    /// A period's own definitions: occupancy over its scheduled agent time, agents as a
    /// level, the IVR's ports over the period's length.
    func testPeriodDefinitions() throws {
        var p = PeriodCounters(agents: 7.5, hasIVR: true)
        p.busyAgentSeconds = 9_000
        p.ivrPortSeconds = 36_000
        p.ivrPortsBusyMax = 31
        let f = p.fractions(periodSeconds: 1800)
        XCTAssertEqual(f["occupancy"], Fraction(9_000, 7.5 * 1800))
        XCTAssertEqual(f["agents"], Fraction(7.5, 1))
        XCTAssertEqual(f["ivr_ports_busy_mean"], Fraction(36_000, 1800))
        XCTAssertEqual(f["ivr_ports_busy_max"], Fraction(31, 1))
        XCTAssertEqual(p.metricNames, Metric.periodView.map(\.name) + ["ivr_ports_busy_mean", "ivr_ports_busy_max"])
    }
}
