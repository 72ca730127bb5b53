import ContactCenter
import Foundation
import Stochastic
import XCTest
@testable import ScenarioFiles

func fixture(_ name: String) -> String {
    Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent(name).path
}

final class ScenarioLoadingTests: XCTestCase {
    /// The example of issue 3 loads exactly as written.
    func testIssueExampleLoadsAsWritten() throws {
        let s = try ScenarioLoader.load(file: fixture("valid-example.yaml"))
        XCTAssertEqual(s.name, "erlang-a-100")
        XCTAssertEqual(s.seed, 1)
        XCTAssertEqual(s.replications, 5)
        XCTAssertEqual(s.serviceLevelGoal, 0.8)
        XCTAssertEqual(s.config.groups, [AgentGroupConfig(name: "general", agents: 310, skills: ["retail"])])
        XCTAssertEqual(s.config.horizon, .calls(warmupCalls: 10_000, measuredCalls: 1_000_000))
        XCTAssertEqual(s.config.serviceLevelTargetSeconds, 20)
        XCTAssertEqual(s.config.agents, 310)
        XCTAssertEqual(s.config.callTypes, [CallType(name: "retail", arrivalsPerHour: 6000, serviceSeconds: .exponential(mean: 180),
                                                     patienceSeconds: .exponential(mean: 120))])
    }

    /// The shipped scenarios are valid.
    func testShippedScenariosAreValid() throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Scenarios").standardized
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".yaml") }
        XCTAssertFalse(files.isEmpty)
        for file in files { XCTAssertNoThrow(try ScenarioLoader.load(file: directory.appendingPathComponent(file).path), file) }
    }

    /// An IVR scenario with variants: each variant is the base with its overrides.
    func testIVRScenarioWithVariants() throws {
        let s = try ScenarioLoader.load(file: fixture("valid-ivr.yaml"))
        XCTAssertEqual(s.variants.map(\.name), ["static", "dynamic"])
        XCTAssertEqual(s.variants[0].config.ivr?.policy, .staticMenu)
        guard case .dynamic(let p) = s.variants[1].config.ivr?.policy else { return XCTFail("dynamic") }
        XCTAssertEqual(p.coverage, [0.5])
        XCTAssertEqual(p.accuracy, [0.8])
        XCTAssertTrue(p.offer)
        XCTAssertEqual(s.config.intents.map(\.name), ["balance", "agent"])
        XCTAssertEqual(s.config.callTypes[0].intentMix, [IntentShare(intent: 0, weight: 0.6), IntentShare(intent: 1, weight: 0.4)])
        // The call type's handling time is the intent mixture: mean 0.6·150 + 0.4·200.
        XCTAssertEqual(s.config.callTypes[0].serviceSeconds.mean, 170, accuracy: 1e-9)
        XCTAssertNil(s.yaml)
    }

    /// The depth sweep: 5 points × 2 variants, each point validated with its override.
    func testSweepBlock() throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Scenarios").standardized
        let s = try ScenarioLoader.load(file: directory.appendingPathComponent("ivr-depth.yaml").path)
        let sweep = try XCTUnwrap(s.sweep)
        XCTAssertEqual(sweep.parameters.map(\.path), ["ivr.nodes.lookup.announcement.next"])
        XCTAssertEqual(sweep.parameters[0].axis, [1, 2, 3, 4, 5])
        XCTAssertEqual(sweep.parameters[0].label, "menu depth (levels)")
        XCTAssertEqual(sweep.points.count, 5)
        XCTAssertEqual(sweep.points.map { $0.variants.map(\.name) }, Array(repeating: ["static", "dynamic"], count: 5))
        guard case .announcement(_, let next) = sweep.points[4].variants[0].config.ivr!.nodes[1].kind else { return XCTFail() }
        XCTAssertEqual(sweep.points[4].variants[0].config.ivr!.nodes[next].name, "level5")
        XCTAssertEqual(s.check?.metrics.count, 5)
    }

    /// The bank hotline's accuracy sweep: the speech node exists only in the speech variants
    /// and the bot's, so the path is set there (0.70 … 0.95) and the three key-press variants
    /// run unchanged at every point; the bot variant routes the self-service intents to its
    /// bot and hands off by intent; a path no variant has is refused.
    func testSweepOfAPathOnlySomeVariantsHave() throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Scenarios").standardized
        let file = directory.appendingPathComponent("bank-hotline.yaml").path
        let s = try ScenarioLoader.load(file: file)
        let sweep = try XCTUnwrap(s.sweep)
        XCTAssertEqual(sweep.points.count, 6)
        func correct(_ v: ScenarioVariant) -> Double? {
            for node in v.config.ivr!.nodes { if case .speech(let p) = node.kind { return p.recognition[0].correct } }
            return nil
        }
        for (point, value) in zip(sweep.points, [0.70, 0.75, 0.80, 0.85, 0.90, 0.95]) {
            XCTAssertEqual(point.variants.map(\.name), ["static", "dynamic", "dynamic-accurate", "speech", "speech-dynamic", "bot"])
            XCTAssertEqual(point.variants[3].config.ivr!.nodes.count, s.variants[3].config.ivr!.nodes.count)
            for k in 3..<6 { XCTAssertEqual(correct(point.variants[k]), value) }
            for k in 0..<3 { XCTAssertEqual(point.variants[k].config, s.variants[k].config) }
        }
        let bot = s.variants[5].config.ivr!
        let speak = try XCTUnwrap(bot.nodes.firstIndex { $0.name == "speak" }), assistant = try XCTUnwrap(bot.nodes.firstIndex { $0.name == "assistant" })
        guard case .speech(let p) = bot.nodes[speak].kind, case .bot(let b) = bot.nodes[assistant].kind else { return XCTFail("kinds") }
        let intents = s.config.intents.map(\.name)
        XCTAssertEqual(p.routes[intents.firstIndex(of: "card_bill")!], assistant)
        XCTAssertEqual(bot.nodes[p.routes[intents.firstIndex(of: "loan")!]].name, "to_loans")
        XCTAssertEqual(bot.nodes[b.handoffs[intents.firstIndex(of: "transfer")!]].name, "to_accounts")
        XCTAssertEqual(b.contextFactor, 0.9)
        XCTAssertThrowsError(try ScenarioLoader.load(file: file, sweep: [("ivr.nodes.speek.speech.recognition.correct", ["0.8"])])) { error in
            XCTAssertTrue("\(error)".contains("sweep.ivr.nodes.speek: no such key (in the base and in every variant)"), "\(error)")
        }
    }

    /// A speech prompt and a bot with every key: rates by call type and by intent,
    /// confusions, confirmation, routes (given, and the transfer for the skill), a bot's
    /// turns by intent, handoffs by skill and its context factor.
    func testSpeechAndBotNodes() throws {
        let s = try ScenarioLoader.load(file: fixture("valid-speech.yaml"))
        let ivr = try XCTUnwrap(s.config.ivr)
        let index = { (name: String) in ivr.nodes.firstIndex { $0.name == name }! }
        guard case .speech(let p) = ivr.nodes[index("speak")].kind, case .bot(let b) = ivr.nodes[index("helper")].kind else {
            return XCTFail("kinds")
        }
        XCTAssertEqual(p.recognition, [RecognitionRates(correct: 0.85, noMatch: 0.05)])
        XCTAssertEqual(p.recognitionByIntent, [nil, RecognitionRates(correct: 0.95, noInput: 0.01)])
        XCTAssertEqual(p.confusions, [[IntentShare(intent: 1, weight: 2)], []])
        XCTAssertEqual([p.confirmCorrect, p.confirmWrong, p.yesHeardAsNo, p.noHeardAsYes], [0.2, 0.6, 0, 0.1])
        XCTAssertEqual(p.confirmSeconds, .deterministic(4))
        XCTAssertEqual(p.repromptSeconds, .uniform(low: 3, high: 5))
        XCTAssertEqual(p.maxReprompts, 1)
        XCTAssertEqual(p.fallback, index("main"))
        XCTAssertEqual(p.routes, [index("helper"), index("to_general")])
        XCTAssertEqual(b.turns, [.exponential(mean: 3), .deterministic(1)])
        XCTAssertEqual(b.resolution, [0.7, 0])
        XCTAssertEqual(b.handoffs, [index("to_accounts"), index("to_general")])
        XCTAssertEqual(b.handoff, index("to_general"))
        XCTAssertEqual(b.contextFactor, 0.8)
        XCTAssertTrue(s.config.parts.isSuperset(of: [.speech, .bot]))
    }

    /// A day in periods: rates and agents per period, busyness, the day as the horizon.
    func testDayPlan() throws {
        let s = try ScenarioLoader.load(file: fixture("valid-day.yaml"))
        let day = try XCTUnwrap(s.config.day)
        XCTAssertEqual(day.periodSeconds, 1800)
        XCTAssertEqual(day.arrivalsPerHour, [[100, 200, 150, 0]])
        XCTAssertEqual(day.agents, [6, 10, 8, 2])
        XCTAssertEqual(day.busynessShape, 25)
        XCTAssertEqual(day.label(3), "10:30")
        XCTAssertEqual(s.config.horizon, .time(warmupSeconds: 0, measuredSeconds: 7200))
        XCTAssertEqual(s.config.groups[0].agents, 10)
        XCTAssertNil(s.serviceLevelOnShareOfDays)
    }

    /// Fractional head counts and breaks: 10.25 = 10 agents and a quarter of an 11th.
    func testFractionalStaffingAndAbsence() throws {
        let s = try ScenarioLoader.load(file: fixture("valid-day-presence.yaml"))
        let day = try XCTUnwrap(s.config.day)
        XCTAssertEqual(day.agents, [6, 10, 8, 2])
        XCTAssertEqual(day.partialAgentShareByGroup, [[0, 0.25, 0, 0]])
        XCTAssertEqual(day.staffedAgents, [6, 10.25, 8, 2])
        XCTAssertEqual(s.config.groups[0].absence, AgentAbsence(everySeconds: .exponential(mean: 3600),
                                                                lastingSeconds: .lognormal(mean: 600, sd: 300)))
    }

    /// Planners' counts per period (`per_period`: calls in a 30-minute period = twice the
    /// hourly rate), and what-if variants that change head counts: add, scale (fractions
    /// kept for count_by_period, rounded for count, never below 0).
    func testPerPeriodCountsAndWhatIfVariants() throws {
        let perPeriod = try ScenarioLoader.load(file: fixture("valid-day-per-period.yaml"))
        XCTAssertEqual(perPeriod.config.day?.arrivalsPerHour, [[100, 200, 150, 0]])
        let text = try String(contentsOfFile: fixture("valid-day.yaml"), encoding: .utf8) + """
            variants:
              - {name: plan, set: {}}
              - {name: five-sick, set: {agents.all.count_by_period: {add: -5}}}
              - {name: lean, set: {agents.all.count_by_period: {scale: 0.95}}}
            """
        let s = try ScenarioLoader.parse(text, file: "what-if.yaml")
        XCTAssertEqual(s.variants.map { $0.config.day!.agents }, [[6, 10, 8, 2], [1, 5, 3, 0], [5, 9, 7, 1]])
        XCTAssertEqual(s.variants[2].config.day!.partialAgentShareByGroup[0].map { ($0 * 1000).rounded() / 1000 }, [0.7, 0.5, 0.6, 0.9])
        let count = try ScenarioLoader.parse(text.replacingOccurrences(of: "count_by_period: [6, 10, 8, 2]", with: "count: 10")
            .replacingOccurrences(of: "agents.all.count_by_period: {scale: 0.95}", with: "agents.all.count: {scale: 0.96}")
            .replacingOccurrences(of: "agents.all.count_by_period: {add: -5}", with: "agents.all.count: {add: -15}"), file: "what-if.yaml")
        XCTAssertEqual(count.variants.map { $0.config.day!.agents[0] }, [10, 0, 10])
        XCTAssertThrowsError(try ScenarioLoader.parse(text.replacingOccurrences(of: "{add: -5}", with: "{add: many}"), file: "bad.yaml")) {
            XCTAssertTrue("\($0)".contains("bad.yaml:16: variants[1].set.agents.all.count_by_period.add: must be a number"), "\($0)")
        }
    }

    /// A chance goal for staffing: the service-level goal on at least a share of days.
    func testChanceGoal() throws {
        let s = try ScenarioLoader.parse("""
            name: chance
            periods: {minutes: 30, count: 2}
            service_level: {target_seconds: 20, goal: 0.8, on_share_of_days: 0.9}
            call_types: [{name: a, arrivals: {per_hour_by_period: [60, 90]}, service: {deterministic: 30}}]
            agents: [{group: g, count: 2, skills: [a]}]
            """, file: "chance.yaml")
        XCTAssertEqual(s.serviceLevelGoal, 0.8)
        XCTAssertEqual(s.serviceLevelOnShareOfDays, 0.9)
    }

    /// Defaults: seed 1, 10 replications, 20 s target, no goal, warm-up 0, patience infinite.
    func testDefaults() throws {
        let s = try ScenarioLoader.parse("""
            name: minimal
            horizon: {calls: 1000}
            call_types: [{name: a, arrivals: {per_hour: 60}, service: {deterministic: 30}}]
            agents: [{group: g, count: 1, skills: [a]}]
            """, file: "minimal.yaml")
        XCTAssertEqual(s.seed, 1)
        XCTAssertEqual(s.replications, 10)
        XCTAssertEqual(s.config.serviceLevelTargetSeconds, 20)
        XCTAssertNil(s.serviceLevelGoal)
        XCTAssertEqual(s.config.horizon, .calls(warmupCalls: 0, measuredCalls: 1000))
        XCTAssertNil(s.config.callTypes[0].patienceSeconds)
        XCTAssertEqual(s.config.callTypes[0].balkProbability, 0)
    }
}

final class ScenarioRoundTripTests: XCTestCase {
    /// Scenario → canonical YAML → Scenario is the identity, for every distribution law,
    /// both horizons and several pooled groups.
    func testRoundTrips() throws {
        let laws: [Distribution] = [
            .exponential(mean: 180), .erlang(phases: 3, mean: 240), .gamma(shape: 0.7, scale: 100),
            .lognormal(mean: 200, sd: 150), .weibull(shape: 1.5, scale: 300), .deterministic(0.1),
            .uniform(low: 10, high: 40.5), .empirical([5, 10, 10, 60.25]),
            .mixture([.init(weight: 0.1, .deterministic(0)), .init(weight: 0.9, .exponential(mean: 1000))]),
        ]
        for (i, law) in laws.enumerated() {
            let horizon: Horizon = i % 2 == 0 ? .calls(warmupCalls: 100, measuredCalls: 5000)
                                              : .time(warmupSeconds: 1800, measuredSeconds: 28_800.5)
            var config = CenterConfig(
                callTypes: [
                    CallType(name: "x", interarrivalSeconds: law, serviceSeconds: law, patienceSeconds: law, balkProbability: 0.25),
                    CallType(name: "y", arrivalsPerHour: 7, serviceSeconds: .exponential(mean: 1.0 / 3.0)),
                ],
                agents: 6, serviceLevelTargetSeconds: 15.5, horizon: horizon, maxSimulatedSeconds: 1e7)
            config.groups = [AgentGroupConfig(name: "a b", agents: 4, skills: ["x", "y"]), AgentGroupConfig(name: "c", agents: 2, skills: ["y"])]
            var scenario = Scenario(
                name: "round-trip-\(i)", description: "law \(i): \"quoted\"", seed: UInt64(i), replications: 3 + i,
                serviceLevelGoal: i % 3 == 0 ? nil : 0.85, config: config)
            if i % 3 == 1 { scenario.serviceLevelOnShareOfDays = 0.9 }
            let yaml = try XCTUnwrap(scenario.yaml)
            let reread = try ScenarioLoader.parse(yaml, file: "round-trip.yaml")
            XCTAssertEqual(reread, scenario, yaml)
        }
    }
}

final class BrokenScenarioTests: XCTestCase {
    /// Every file of the broken corpus (Fixtures/broken, listed with the message it must
    /// produce in expectations.tsv) is refused with that message; none crashes.
    func testBrokenCorpus() throws {
        let listing = try String(contentsOfFile: fixture("broken/expectations.tsv"), encoding: .utf8)
        let cases = listing.split(separator: "\n").map { $0.split(separator: "\t", maxSplits: 1).map(String.init) }
        XCTAssertGreaterThanOrEqual(cases.count, 30)
        for entry in cases {
            let (file, expected) = (entry[0], entry[1])
            do {
                _ = try ScenarioLoader.load(file: fixture("broken/" + file))
                XCTFail("\(file): accepted")
            } catch let error as ScenarioError {
                XCTAssertTrue(error.description.contains(expected), "\(file):\n\(error.description)\nexpected: \(expected)")
                XCTAssertTrue(error.description.hasPrefix(fixture("broken/" + file)), "\(file): message names the file")
            }
        }
    }

    /// Problems are reported all at once, each with its line.
    func testEveryProblemAtOnceWithLines() {
        let text = """
            name: many-problems
            seed: -1
            horizon: {calls: 0}
            call_types:
              - name: a
                arrivals: {per_hour: 60}
                service: {exponential: {mean: 0}}
                patiance: {exponential: {mean: 60}}
            agents:
              - group: g
                count: 2
                skills: [b]
            """
        XCTAssertThrowsError(try ScenarioLoader.parse(text, file: "x.yaml")) { error in
            let problems = (error as! ScenarioError).problems
            XCTAssertEqual(problems.map(\.path), [
                "seed", "horizon.calls", "call_types[0].patiance", "call_types[0].service.exponential.mean",
                "agents[0].skills[0]", "agents",
            ])
            XCTAssertEqual(problems.map(\.line), [2, 3, 8, 7, 12, 10])
            XCTAssertEqual(problems[2].description, "call_types[0].patiance: unknown key (did you mean 'patience'?)")
            XCTAssertEqual(problems[0].located(in: "x.yaml"), "x.yaml:2: seed: must be in 0...2147483647 (got -1)")
        }
    }

    /// Found by fuzzing: a duplicate key's message quoted the whole mapping (990 KB for a
    /// large file); it now quotes at most a line of it.
    func testMessagesQuoteAtMostALine() {
        let text = "name: big\nseed: 1\n" + (0..<20_000).map { "x\($0): 1" }.joined(separator: "\n") + "\nseed: 2\n"
        XCTAssertThrowsError(try ScenarioLoader.parse(text, file: "big.yaml")) { error in
            let message = (error as! ScenarioError).description
            XCTAssertTrue(message.contains("duplicate key 'seed' in one mapping name: big …"), message)
            XCTAssertLessThan(message.count, 200, message)
        }
    }

    /// Found by fuzzing: did-you-mean searches compared every unknown name with every
    /// known one (5,000 × 5,000 took 34 s in a release build). Each search is bounded;
    /// keyword typos are still found, and here the first names still get their hint.
    func testSuggestionsAreBounded() {
        let known = (0..<5_000).map { String(format: "type%05d", $0) }
        let started = Date()
        let hints = (0..<1_000).map { Suggestion.hint(for: String(format: "tipe%05d", $0), in: known) }
        XCTAssertLessThan(Date().timeIntervalSince(started), 20)  // a hang guard: 0.8 s here in a debug build
        XCTAssertEqual(hints[0], " (did you mean 'type00000'?)")
        XCTAssertEqual(Suggestion.hint(for: "patiance", in: ["name", "arrivals", "service", "patience"]), " (did you mean 'patience'?)")
        XCTAssertEqual(Suggestion.hint(for: String(repeating: "x", count: 65), in: [String(repeating: "x", count: 64)]), "")
    }

    /// Found by fuzzing: nested aliases used as a key (fixture alias-bomb-key.yaml) made
    /// the YAML library hash 9^9 nodes (more than a minute); refused before composing.
    /// Anchors and aliases as values, and colons inside quotes, stay accepted.
    func testAliasAsKeyIsRefusedQuickly() throws {
        let started = Date()
        XCTAssertThrowsError(try ScenarioLoader.load(file: fixture("broken/alias-bomb-key.yaml")))
        XCTAssertLessThan(Date().timeIntervalSince(started), 2)
        let s = try ScenarioLoader.parse("""
            name: anchors
            description: "a note: *not an alias: here"
            horizon: {calls: 1000}
            call_types:
              - {name: a, arrivals: {per_hour: 60}, service: &svc {exponential: {mean: 30}}}
              - {name: b, arrivals: {per_hour: 60}, service: *svc}
            agents: [{group: g, count: 2, skills: [a, b]}]
            """, file: "anchors.yaml")
        XCTAssertEqual(s.config.callTypes[1].serviceSeconds, .exponential(mean: 30))
    }

    /// Found by fuzzing: a control character was reported "at byte 2384"; now by line
    /// and column (characters, so a multi-byte letter before it counts once).
    func testControlCharacterIsPlacedByLineAndColumn() {
        XCTAssertThrowsError(try ScenarioLoader.parse("name: é\nseed: 1\u{7}\n", file: "ctl.yaml")) {
            XCTAssertEqual(($0 as! ScenarioError).description,
                           "ctl.yaml:2: cannot be read as YAML at line 2, column 8: control characters are not allowed")
        }
    }

    func testMissingFileAndDirectory() {
        XCTAssertThrowsError(try ScenarioLoader.load(file: "/no/such/file.yaml")) {
            XCTAssertEqual(($0 as! ScenarioError).description, "/no/such/file.yaml: no such file")
        }
        XCTAssertThrowsError(try ScenarioLoader.load(file: NSTemporaryDirectory())) {
            XCTAssertTrue(($0 as! ScenarioError).description.contains("is a directory"))
        }
    }

    func testEditDistanceAndSuggestions() {
        XCTAssertEqual(Suggestion.editDistance("kitten", "sitting"), 3)
        XCTAssertEqual(Suggestion.editDistance("seed", "sede"), 1)  // transposition
        XCTAssertEqual(Suggestion.closest(to: "call_type", in: ScenarioLoader.topLevelKeys), "call_types")
        XCTAssertNil(Suggestion.closest(to: "zebra", in: ScenarioLoader.topLevelKeys))
    }
}
