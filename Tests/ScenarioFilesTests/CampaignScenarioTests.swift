import ContactCenter
@testable import ScenarioFiles
import Stochastic
import XCTest

/// `campaigns:` and the groups' `outbound:` / `inbound_reserve:` as a user writes them,
/// and each mistake refused with its key path.
final class CampaignScenarioTests: XCTestCase {
    static let day = """
        name: blend
        periods: {minutes: 60, count: 8, opening: "09:00"}
        call_types:
          - name: calls
            arrivals: {per_hour_by_period: [100, 120, 120, 100, 100, 120, 120, 80]}
            service: {exponential: {mean: 180}}
            patience: {exponential: {mean: 120}}
        agents:
          - group: pool
            count: 10
            skills: [calls]
            outbound: [cards]
            inbound_reserve: 2
        campaigns:
          - name: cards
            list: {size: 400, per_hour: 5}
            window: {from: "10:00", to: "16:30"}
            attempts: 4
            outcomes: {connect: 0.4, wrong_party: 0.05, machine: 0.15, busy: 0.05}
            ring: {exponential: {mean: 12}}
            no_answer_seconds: 25
            busy_seconds: 4
            retry_seconds: {no_answer: 1800, busy: 300, machine: 3600}
            talk: {lognormal: {mean: 150, sd: 90}}
            wrong_party_talk: {deterministic: 15}
            after_call_work: {exponential: {mean: 20}}
            dialer: {predictive: {ratio: 1.6, min_free_agents: 2, max_inbound_waiting: 0, target_nuisance: 0.03}}
            connect_wait: {deterministic: 2}
        """

    func testACampaignAsWritten() throws {
        let s = try ScenarioLoader.parse(Self.day, file: "blend.yaml")
        let c = try XCTUnwrap(s.config.campaigns.first)
        XCTAssertEqual(c.name, "cards")
        XCTAssertEqual(c.listSize, 400)
        XCTAssertEqual(c.newEntriesPerHour, 5)
        XCTAssertEqual(c.windowsSeconds, [3600...27_000])
        let twoWindows = try ScenarioLoader.parse(Self.day.replacingOccurrences(
            of: "window: {from: \"10:00\", to: \"16:30\"}", with: "window: [{from: \"09:30\", to: \"12:00\"}, {from: \"14:00\", to: \"16:30\"}]"),
            file: "w.yaml")
        XCTAssertEqual(twoWindows.config.campaigns[0].windowsSeconds, [1800...10_800, 18_000...27_000])
        XCTAssertThrowsError(try ScenarioLoader.parse(Self.day.replacingOccurrences(
            of: "window: {from: \"10:00\", to: \"16:30\"}", with: "window: [{from: \"14:00\", to: \"16:30\"}, {from: \"09:30\", to: \"12:00\"}]"),
            file: "w.yaml")) { XCTAssertTrue("\($0)".contains("campaigns[0].window: windows must lie within the day"), "\($0)") }
        XCTAssertEqual(c.maxAttempts, 4)
        XCTAssertEqual(c.outcomes, DialOutcomes(connect: 0.4, wrongParty: 0.05, machine: 0.15, busy: 0.05))
        XCTAssertEqual(c.outcomes.noAnswer, 0.35, accuracy: 1e-12)
        XCTAssertEqual(c.retryDelaySeconds.busy, 300)
        XCTAssertEqual(c.noAnswerSeconds, 25)
        XCTAssertEqual(c.wrongPartySeconds, .deterministic(15))
        XCTAssertEqual(c.dialer, .predictive(Pacing(ratio: 1.6, minFreeAgents: 2, maxInboundWaiting: 0, targetNuisance: 0.03)))
        XCTAssertEqual(s.config.groups[0].campaigns, [0])
        XCTAssertEqual(s.config.groups[0].inboundReserve, 2)
        XCTAssertTrue(s.config.parts.contains(.outbound))
        // The other dialers, and an endless list.
        for (text, dialer) in [("progressive", Dialer.progressive), ("{preview: {reading: {deterministic: 30}}}", .preview(readingSeconds: .deterministic(30)))] {
            let other = try ScenarioLoader.parse(Self.day.replacingOccurrences(
                of: "{predictive: {ratio: 1.6, min_free_agents: 2, max_inbound_waiting: 0, target_nuisance: 0.03}}", with: text), file: "b.yaml")
            XCTAssertEqual(other.config.campaigns[0].dialer, dialer)
        }
        let endless = try ScenarioLoader.parse(Self.day.replacingOccurrences(of: "{size: 400, per_hour: 5}", with: "{endless: true}"), file: "e.yaml")
        XCTAssertNil(endless.config.campaigns[0].listSize)
    }

    /// Each mistake names its key path.
    func testMistakesAreRefusedWithTheirPath() {
        let cases: [(String, String, String)] = [
            ("outbound: [cards]", "outbound: [card]", "agents[0].outbound[0]: names no campaign (campaigns: \"cards\")"),
            ("connect: 0.4,", "connect: 0.9,", "campaigns[0].outcomes: connect, wrong_party, machine and busy must sum to at most 1"),
            ("attempts: 4", "attempts: 0", "campaigns[0].attempts: must be in 1...20"),
            ("{from: \"10:00\", to: \"16:30\"}", "{from: \"16:00\", to: \"10:00\"}", "campaigns[0].window: must open at or after"),
            ("ratio: 1.6", "ratio: 0.5", "campaigns[0].dialer.ratio: must be in [1, 20]"),
            ("target_nuisance: 0.03", "target_nuisance: 3", "campaigns[0].dialer.target_nuisance: must be in (0, 1)"),
            ("{size: 400, per_hour: 5}", "{sise: 400}", "campaigns[0].list.sise: unknown key"),
            ("    inbound_reserve: 2\n", "    inbound_reserve: -1\n", "agents[0].inbound_reserve: must be ≥ 0"),
            ("talk: {lognormal: {mean: 150, sd: 90}}", "talk: 150", "campaigns[0].talk: must be a distribution"),
            ("dialer: {predictive", "dialer: {robotic", "campaigns[0].dialer.robotic: unknown key"),
            ("    outbound: [cards]\n    inbound_reserve: 2\n", "", "campaigns[0]: no agent group calls for it"),
        ]
        for (from, to, expected) in cases {
            let text = Self.day.replacingOccurrences(of: from, with: to)
            XCTAssertNotEqual(text, Self.day, from)
            XCTAssertThrowsError(try ScenarioLoader.parse(text, file: "x.yaml"), expected) { error in
                XCTAssertTrue((error as? ScenarioError)?.description.contains(expected) ?? false, "\(error)\nexpected: \(expected)")
            }
        }
        // A clock window needs a day's clock.
        let steady = """
            name: s
            horizon: {warmup_seconds: 0, seconds: 3600}
            call_types: [{name: calls, arrivals: {per_hour: 10}, service: {exponential: {mean: 60}}}]
            agents: [{group: pool, count: 2, outbound: [c]}]
            campaigns: [{name: c, list: {size: 5}, window: {from: "10:00", to: "11:00"}, outcomes: {connect: 1}, talk: {deterministic: 60}}]
            """
        XCTAssertThrowsError(try ScenarioLoader.parse(steady, file: "s.yaml")) { error in
            XCTAssertTrue("\(error)".contains("campaigns[0].window.from: a clock time needs periods:"), "\(error)")
        }
    }

    /// `callback: {…, campaign: NAME}`: the requests join that campaign's list; the keys
    /// the campaign decides are refused beside it, and an unknown name is named.
    func testCallbacksByACampaign() throws {
        let text = Self.day.replacingOccurrences(of: "    patience: {exponential: {mean: 120}}\n",
                                                 with: "    patience: {exponential: {mean: 120}}\n    callback: {offer_above_seconds: 60, acceptance: 0.5, campaign: cards}\n")
        XCTAssertNotEqual(text, Self.day)
        let s = try ScenarioLoader.parse(text, file: "cb.yaml")
        XCTAssertEqual(s.config.callTypes[0].callback?.campaign, 0)
        XCTAssertEqual(s.config.callTypes[0].callback?.acceptance, 0.5)
        for (from, to, expected) in [
            ("campaign: cards}", "campaign: cars}", "call_types[0].callback.campaign: names no campaign (campaigns: \"cards\")"),
            ("campaign: cards}", "campaign: cards, attempts: 3}", "call_types[0].callback.attempts: the campaign decides it"),
        ] {
            XCTAssertThrowsError(try ScenarioLoader.parse(text.replacingOccurrences(of: from, with: to), file: "x.yaml")) { error in
                XCTAssertTrue("\(error)".contains(expected), "\(error)\nexpected: \(expected)")
            }
        }
    }

    /// Per period: outcomes (one map per period) and new entries; a group's own talk and
    /// wrap-up with reached customers. A list of the wrong length names its key.
    func testByPeriodKeysAndAGroupsOwnLaws() throws {
        let byPeriod = (0..<8).map { "{connect: 0.\($0 + 1)}" }.joined(separator: ", ")
        let text = Self.day
            .replacingOccurrences(of: "list: {size: 400, per_hour: 5}", with: "list: {size: 400, per_hour_by_period: [0, 0, 5, 5, 5, 5, 0, 0]}")
            .replacingOccurrences(of: "    attempts: 4\n", with: "    attempts: 4\n    outcomes_by_period: [\(byPeriod)]\n")
            .replacingOccurrences(of: "    inbound_reserve: 2\n",
                                  with: "    inbound_reserve: 2\n    outbound_talk: {deterministic: 90}\n    outbound_after_call_work: {deterministic: 10}\n")
        let s = try ScenarioLoader.parse(text, file: "p.yaml")
        let c = s.config.campaigns[0]
        XCTAssertEqual(c.newEntriesPerHourByPeriod, [0, 0, 5, 5, 5, 5, 0, 0])
        XCTAssertEqual(c.outcomesByPeriod?.map(\.connect), (1...8).map { Double($0) / 10 })
        XCTAssertEqual(s.config.groups[0].outboundTalkSeconds, .deterministic(90))
        XCTAssertEqual(s.config.groups[0].outboundAfterCallWorkSeconds, .deterministic(10))
        XCTAssertThrowsError(try ScenarioLoader.parse(text.replacingOccurrences(of: "[0, 0, 5, 5, 5, 5, 0, 0]", with: "[5, 5]"), file: "x.yaml")) {
            XCTAssertTrue("\($0)".contains("campaigns[0].list.per_hour_by_period: needs a day in periods and one entry per period (got 2)"), "\($0)")
        }
    }
}
