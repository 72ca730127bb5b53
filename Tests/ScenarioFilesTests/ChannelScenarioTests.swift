import ContactCenter
@testable import ScenarioFiles
import Stochastic
import XCTest

/// `channel:`, a type's own `service_level_target_seconds:` and the groups' `chat:` as a
/// user writes them, and each mistake refused with its key path.
final class ChannelScenarioTests: XCTestCase {
    static let center = """
        name: channels
        horizon: {seconds: 7200}
        service_level: {target_seconds: 20}
        call_types:
          - name: phone
            arrivals: {per_hour: 120}
            service: {exponential: {mean: 240}}
            patience: {exponential: {mean: 120}}
          - name: web
            channel: chat
            service_level_target_seconds: 60
            arrivals: {per_hour: 90}
            service: {lognormal: {mean: 480, sd: 300}}
            patience: {exponential: {mean: 240}}
        agents:
          - group: voice
            count: 10
            skills: [phone]
          - group: digital
            count: 6
            skills: [web, phone]
            chat: {concurrency: 3, slowdown: 0.25}
        """

    func testChannelsAsWritten() throws {
        let s = try ScenarioLoader.parse(Self.center, file: "channels.yaml")
        XCTAssertEqual(s.config.callTypes.map(\.channel), [.voice, .chat])
        XCTAssertEqual(s.config.callTypes.map(\.serviceLevelTargetSeconds), [nil, 60])
        XCTAssertNil(s.config.groups[0].chat)
        XCTAssertEqual(s.config.groups[1].chat, ChatCapacity(concurrency: 3, factors: [1, 1.25, 1.5]))
        XCTAssertEqual(s.config.channels, [.voice, .chat])
        let silent = try ScenarioLoader.parse(Self.center.replacingOccurrences(
            of: "service_level_target_seconds: 60", with: "service_level_target_seconds: 60\n    silent_abandonment: {share: 0.3, inactivity_timeout_seconds: 120}"),
            file: "silent.yaml")
        XCTAssertEqual(silent.config.callTypes[1].silentAbandonment, SilentAbandonment(share: 0.3, inactivityTimeoutSeconds: 120))
        let levels = try ScenarioLoader.parse(Self.center.replacingOccurrences(
            of: "slowdown: 0.25", with: "slowdown_by_level: [1, 1.1, 1.6]"), file: "c.yaml")
        XCTAssertEqual(levels.config.groups[1].chat?.slowdownFactors, [1, 1.1, 1.6])
        XCTAssertEqual(s.config.groups[1].chat?.voice, .never)
        let continuing = try ScenarioLoader.parse(Self.center.replacingOccurrences(of: "slowdown: 0.25", with: "slowdown: 0.25, voice: continue"),
                                                  file: "c.yaml")
        XCTAssertEqual(continuing.config.groups[1].chat?.voice, .goOn)
        // Per channel and per type figures, the chat's service level against its own 60 s.
        let counters = CenterModel.simulate(s.config, seed: 3, replication: 0)
        for name in ["voice.service_level", "chat.service_level", "web.service_level", "concurrency_mean"] {
            XCTAssertNotNil(counters.metrics[name], name)
        }
        XCTAssertEqual(counters.metrics["chat.service_level"], counters.metrics["web.service_level"])
        XCTAssertTrue(counters.isConserved)
    }

    /// `switch:` names the target type; the offer and the retry after abandoning as written.
    func testChannelSwitchAsWritten() throws {
        let text = Self.center.replacingOccurrences(of: "    patience: {exponential: {mean: 120}}\n", with: """
                patience: {exponential: {mean: 120}}
                switch: {to: web, offer_above_seconds: 90, acceptance: 0.3, after_abandon: {probability: 0.2, delay: {deterministic: 300}}}

            """)
        let s = try ScenarioLoader.parse(text, file: "s.yaml")
        XCTAssertEqual(s.config.callTypes[0].channelSwitch, ChannelSwitch(toCallType: 1, offerAboveSeconds: 90, acceptance: 0.3,
                                                                          retryProbability: 0.2, retryDelaySeconds: .deterministic(300)))
        XCTAssertTrue(s.config.parts.contains(.channelSwitch))
        for (from, to, message) in [("to: web,", "to: wbe,", "call_types[0].switch.to: no call type is named \"wbe\" (did you mean 'web'?)"),
                                    ("to: web,", "to: phone,", "call_types[0].switch.to: must be a call type of another live channel"),
                                    ("acceptance: 0.3, ", "", "call_types[0].switch.offer_above_seconds: the offer needs both"),
                                    ("probability: 0.2", "probability: 2", "call_types[0].switch.after_abandon.probability: must be in [0, 1]")] {
            XCTAssertThrowsError(try ScenarioLoader.parse(text.replacingOccurrences(of: from, with: to), file: "s.yaml")) { error in
                XCTAssertTrue("\(error)".contains(message), "expected \(message) in \(error)")
            }
        }
    }

    /// A chat's own target counts its waits against 60 s: with every type at 60 s the
    /// center's figures equal those with the chat's own 60 s and the phone's 20 s set to 60.
    func testOwnTargetIsTheTypes() throws {
        let own = try ScenarioLoader.parse(Self.center, file: "a.yaml").config
        var all60 = own
        all60.serviceLevelTargetSeconds = 60
        all60.callTypes[1].serviceLevelTargetSeconds = nil
        let a = CenterModel.simulate(own, seed: 5, replication: 0), b = CenterModel.simulate(all60, seed: 5, replication: 0)
        XCTAssertEqual(a.byCallType[1], b.byCallType[1], "the chat counted against 60 s in both")
        XCTAssertNotEqual(a.byCallType[0].queue.answeredWithinTarget, b.byCallType[0].queue.answeredWithinTarget)
        XCTAssertEqual(a.queue.answeredWithinTarget, a.byCallType[0].queue.answeredWithinTarget + a.byCallType[1].queue.answeredWithinTarget)
    }

    /// An IVR's `channel_offer` node and the callers' `switch.ivr_acceptance`, as written;
    /// one without the other refused with its key.
    func testIVRChannelOfferAsWritten() throws {
        let text = Self.center.replacingOccurrences(of: "patience: {exponential: {mean: 120}}",
                                                    with: "patience: {exponential: {mean: 120}}\n    switch: {to: web, ivr_acceptance: 0.25}")
            + """

            ivr:
              start: welcome
              nodes:
                welcome: {announcement: {seconds: 20, next: offer}}
                offer: {channel_offer: {seconds: {lognormal: {mean: 8, sd: 2}}, next: queue}}
                queue: {transfer: {skill: any}}
            """
        let config = try ScenarioLoader.parse(text, file: "ivr.yaml").config
        XCTAssertEqual(config.callTypes[0].channelSwitch?.ivrAcceptance, 0.25)
        XCTAssertEqual(config.ivr?.nodes[1].kind, .channelOffer(seconds: .lognormal(mean: 8, sd: 2), next: 2))
        XCTAssertTrue(config.parts.contains(.ivrChannelOffer))
        for (from, to, message) in [
            ("ivr_acceptance: 0.25", "ivr_acceptance: 1.5", "call_types[0].switch.ivr_acceptance: must be in [0, 1] (got 1.5)"),
            ("\n    switch: {to: web, ivr_acceptance: 0.25}", "", "ivr.nodes.offer: a channel_offer no caller can accept"),
            ("offer: {channel_offer: {seconds: {lognormal: {mean: 8, sd: 2}}, next: queue}}", "offer: {announcement: {seconds: 8, next: queue}}",
             "call_types[0].switch.ivr_acceptance: needs an IVR node of kind channel_offer"),
            ("next: queue}}", "next: nowhere}}", "ivr.nodes.offer.channel_offer.next: no node is named \"nowhere\""),
        ] {
            let bad = text.replacingOccurrences(of: from, with: to)
            XCTAssertNotEqual(bad, text, from)
            XCTAssertThrowsError(try ScenarioLoader.parse(bad, file: "ivr.yaml"), message) { error in
                XCTAssertTrue("\(error)".contains(message), "expected \(message) in \(error)")
            }
        }
    }

    func testMistakesNameTheirKey() {
        let cases: [(String, String, String)] = [
            ("channel: chat", "channel: fax", "call_types[1].channel: must be one of voice, chat, email (got fax)"),
            ("channel: chat", "channel: email", "call_types[1].patience: does not apply to e-mail"),
            ("service_level_target_seconds: 60", "due_hours: 24", "call_types[1].due_hours: applies to e-mail (channel: email)"),
            ("name: channels", "name: channels\ndays: 3", "days: needs periods: (the day that repeats)"),
            ("concurrency: 3, slowdown: 0.25", "concurrency: 0", "agents[1].chat.concurrency: must be an integer in 1...50 (got 0)"),
            ("concurrency: 3, slowdown: 0.25", "concurrency: 3, slowdown: -1", "agents[1].chat.slowdown: must be in [0, 100] (got -1.0)"),
            ("slowdown: 0.25", "slowdown_by_level: [1, 1.2]", "agents[1].chat.slowdown_by_level: needs one factor per level 1...3 (got 2)"),
            ("slowdown: 0.25", "slowdown_by_level: [1.2, 1.3, 1.4]", "agents[1].chat.slowdown_by_level[0]: must be 1"),
            ("slowdown: 0.25", "slowdown: 0.25, slowdown_by_level: [1, 2, 3]", "give either slowdown (linear) or slowdown_by_level"),
            ("slowdown: 0.25", "slowdown: 0.25, voice: sometimes", "agents[1].chat.voice: must be one of never, hold, continue (got sometimes)"),
            ("service_level_target_seconds: 60", "service_level_target_seconds: -5", "call_types[1].service_level_target_seconds: must be ≥ 0"),
            ("web", "chat", "call_types[1].name: names a channel (chat)"),
            ("service_level_target_seconds: 60", "silent_abandonment: {share: 0.3}",
             "call_types[1].silent_abandonment.inactivity_timeout_seconds: is required"),
            ("service_level_target_seconds: 60", "silent_abandonment: {share: 2, inactivity_timeout_seconds: 120}",
             "call_types[1].silent_abandonment.share: must be in [0, 1] (got 2.0)"),
            ("patience: {exponential: {mean: 240}}", "patience: {exponential: {mean: 240}}\n    ivr_patience: {exponential: {mean: 60}}",
             "call_types[1].ivr_patience: is for voice callers"),
        ]
        for (from, to, message) in cases {
            let text = Self.center.replacingOccurrences(of: from, with: to)
            XCTAssertNotEqual(text, Self.center, from)
            XCTAssertThrowsError(try ScenarioLoader.parse(text, file: "c.yaml"), message) { error in
                XCTAssertTrue("\(error)".contains(message), "expected \(message) in \(error)")
            }
        }
    }
}
