import XCTest
@testable import ContactCenter

/// Per-call records (`simulateRecordingCalls`): what each attempt did, and who served it.
final class CallRecordTests: XCTestCase {
    /// The script of `ScriptedCenterTests.testTwoAgentsWithAbandonment` (calls every 10 s
    /// from 10 s, service 25 s, patience 8 s, 2 agents): agent 0 serves call 1 (10–35),
    /// call 3 (35–60) and call 6 (60–85); agent 1 serves call 2 (20–45) and call 4 (45–70);
    /// call 5 waits from 50 s and abandons at 58 s.
    func testScriptedRecords() throws {
        let config = CenterConfig(
            callTypes: [CallType(name: "x", interarrivalSeconds: .deterministic(10), serviceSeconds: .deterministic(25),
                                 patienceSeconds: .deterministic(8))],
            agents: 2, serviceLevelTargetSeconds: 20, horizon: .calls(warmupCalls: 0, measuredCalls: 6))
        let (counters, records) = CenterModel.simulateRecordingCalls(config, seed: 1, replication: 0)
        XCTAssertEqual(counters, CenterModel.simulate(config, seed: 1, replication: 0))
        XCTAssertEqual(records.map(\.call), [0, 1, 2, 3, 4, 5])
        XCTAssertEqual(records.map(\.arrivalSeconds), [10, 20, 30, 40, 50, 60])
        XCTAssertEqual(records.map(\.queueEntrySeconds), [10, 20, 30, 40, 50, 60])
        XCTAssertEqual(records.map(\.answerSeconds), [10, 20, 35, 45, nil, 60])
        XCTAssertEqual(records.map(\.agent), [0, 1, 0, 1, nil, 0])
        XCTAssertEqual(records.map(\.group), [0, 0, 0, 0, nil, 0])
        XCTAssertEqual(records.map(\.serviceEndSeconds), [35, 45, 60, 70, nil, 85])
        XCTAssertEqual(records.map(\.wrapUpEndSeconds), [35, 45, 60, 70, nil, 85])
        XCTAssertEqual(records[4].abandonSeconds, 58)
        XCTAssertEqual(records.map(\.outcome), [.answered, .answered, .answered, .answered, .abandoned, .answered])
        XCTAssertTrue(records.allSatisfy { $0.measured && $0.attempt == 0 && $0.ivrExitSeconds == nil })
    }

    /// Behind an IVR, with three groups, redials, callbacks, hand-ons and after-call work,
    /// under every policy: recording changes no result; the measured records' outcomes
    /// add up to the counters; every redial is a later attempt of an abandoned call; and no
    /// agent works on two calls at once (his services, after-call work included, are
    /// disjoint in time).
    func testRecordsAgreeWithCountersAndAgentsAreNeverDoubleBooked() {
        for policy in RoutingPolicy.allCases {
            var config = RoutingFixtures.threeGroupsBehindIVR()
            config.routing.policy = policy
            let plain = CenterModel.simulate(config, seed: 11, replication: 1)
            let (counters, records) = CenterModel.simulateRecordingCalls(config, seed: 11, replication: 1)
            XCTAssertEqual(counters, plain, "\(policy)")
            let measured = records.filter(\.measured)
            func count(_ outcomes: CallRecord.Outcome...) -> Int { measured.filter { outcomes.contains($0.outcome) }.count }
            XCTAssertEqual(measured.filter { $0.attempt == 0 }.count, counters.offered)
            XCTAssertEqual(measured.filter { $0.attempt > 0 }.count, counters.redials)
            XCTAssertEqual(count(.answered, .calledBack), counters.answered)
            XCTAssertEqual(count(.calledBack), counters.calledBack)
            XCTAssertEqual(count(.abandoned), counters.abandoned)
            XCTAssertEqual(count(.callbackFailed), counters.callbackFailed)
            XCTAssertEqual(count(.balked), counters.balked)
            XCTAssertEqual(count(.unfinished), 0)
            XCTAssertEqual(measured.filter { $0.handedOnSeconds != nil }.count, counters.agentTransfers)
            XCTAssertGreaterThan(counters.agentTransfers, 0)
            XCTAssertGreaterThan(counters.calledBack, 0)
            let byCall = Dictionary(grouping: records, by: \.call)
            for attempts in byCall.values where attempts.count > 1 {
                let sorted = attempts.sorted { $0.attempt < $1.attempt }
                XCTAssertEqual(sorted.map(\.attempt), Array(0..<sorted.count))
                for (a, b) in zip(sorted, sorted.dropFirst()) {
                    XCTAssertEqual(a.outcome, .abandoned)
                    XCTAssertGreaterThan(b.arrivalSeconds, a.abandonSeconds!)
                }
            }
            let served = records.filter { $0.agent != nil }
            for (key, works) in Dictionary(grouping: served, by: { [$0.group!, $0.agent!] }) {
                XCTAssertLessThan(key[1], config.groups[key[0]].agents, "agent numbers stay within the head count")
                let spans = works.map { ($0.serviceStartSeconds!, $0.wrapUpEndSeconds!) }.sorted { $0.0 < $1.0 }
                for (a, b) in zip(spans, spans.dropFirst()) {
                    XCTAssertLessThanOrEqual(a.1, b.0, "\(policy): group \(key[0]) agent \(key[1]) double-booked")
                }
            }
        }
    }
}

/// Transfers with scripted times: the IVR always sends the caller to the neighbouring
/// option (mis-selection 1), so every call reaches the wrong skill.
final class ScriptedTransferTests: XCTestCase {
    /// The menu sends every caller (intent x, a call every 100 s, 2 measured) to y;
    /// y-team hands him on after 30 s to x-team (one agent each).
    func handOnCenter(serviceSeconds: Double, patienceSeconds: Double? = nil) -> CenterConfig {
        let menu = IVRMenu(introSeconds: 1, options: [IVROption(label: "x", seconds: 2, target: 1),
                                                      IVROption(label: "y", seconds: 2, target: 2)],
                           fallback: 1, misSelectionProbability: 1)
        var type = CallType(name: "c", interarrivalSeconds: .deterministic(100), serviceSeconds: .deterministic(serviceSeconds),
                            patienceSeconds: patienceSeconds.map { .deterministic($0) })
        type.intentMix = [IntentShare(intent: 0, weight: 1)]
        var config = CenterConfig(callTypes: [type], agents: 1, horizon: .calls(warmupCalls: 0, measuredCalls: 2))
        config.intents = [Intent(name: "x", skill: "x", serviceSeconds: .deterministic(serviceSeconds)),
                          Intent(name: "y", skill: "y", serviceSeconds: .deterministic(serviceSeconds))]
        config.ivr = IVRConfig(nodes: [IVRNode(name: "menu", kind: .menu(menu)),
                                       IVRNode(name: "to-x", kind: .transfer(skill: "x")),
                                       IVRNode(name: "to-y", kind: .transfer(skill: "y"))],
                               start: 0, misrouteHandlingSeconds: .deterministic(30))
        config.groups = [AgentGroupConfig(name: "y-team", agents: 1, skills: ["y"]), AgentGroupConfig(name: "x-team", agents: 1, skills: ["x"])]
        return config
    }

    /// Callers with intent x (service 50 s) every 100 s, 2 measured; menu intro 1 s, options
    /// x and y of 2 s each, reaction 1 s: each caller presses y after 1 + 2 + 2 + 1 = 6 s.
    /// Group "y-team" (skill y) answers at once (wait 0), spends the misroute handling
    /// (30 s) and hands the call on; "x-team" (skill x) takes it at once and serves 50 s.
    /// Call 1: arrives 100, IVR exit 106, answered 106, handed on 136, served 136–186.
    /// Call 2: the same 100 s later. So: answered 2 (at their first pick-up, both within
    /// the target), agent transfers 2, misroute_rate = 2 ÷ 2 = 1, ivr_misselection_rate =
    /// 2 ÷ 2 = 1, transfer_wait_seconds = 0.
    func testHandOnIsOneAnswerAndOneAgentTransfer() {
        let config = handOnCenter(serviceSeconds: 50)
        XCTAssertTrue(config.problems.isEmpty, "\(config.problems)")
        let (c, records) = CenterModel.simulateRecordingCalls(config, seed: 1, replication: 0)
        XCTAssertEqual([c.offered, c.enteredQueue, c.answered, c.agentTransfers, c.ivr.misselected], [2, 2, 2, 2, 2])
        XCTAssertEqual(c.metrics["misroute_rate"], 1)
        XCTAssertEqual(c.metrics["ivr_misselection_rate"], 1)
        XCTAssertEqual(c.metrics["transfer_wait_seconds"], 0)
        XCTAssertEqual(c.metrics["service_level"], 1)
        XCTAssertTrue(c.isConserved)
        XCTAssertEqual(records.map(\.ivrExitSeconds), [106, 206])
        XCTAssertEqual(records.map(\.answerSeconds), [106, 206])
        XCTAssertEqual(records.map(\.handedOnSeconds), [136, 236])
        XCTAssertEqual(records.map(\.group), [1, 1])
        XCTAssertEqual(records.map(\.serviceStartSeconds), [136, 236])
        XCTAssertEqual(records.map(\.serviceEndSeconds), [186, 286])
        XCTAssertEqual(records.map(\.ivrOutcome), [.transferred(misrouted: true), .transferred(misrouted: true)])
    }

    /// The same hand-ons, with x-team busy longer (service 150 s): call 1 is served
    /// 136–286, call 2 is handed on at 236 and would wait until 286 (50 s). With 40 s of
    /// queue patience (none of it used: answered at once) he hangs up at 276: counted once,
    /// as answered with a hand-on abandoned (transfer_abandon_rate 1 ÷ 2), his 40 s in
    /// transfer_wait_seconds (40 ÷ 2 transfers = 20). With a second-wait patience of 60 s
    /// (transfer_patience) he waits the 50 s and is served.
    func testHandedOnCallerMayHangUpOnHisSecondWait() {
        var config = handOnCenter(serviceSeconds: 150, patienceSeconds: 40)
        XCTAssertTrue(config.problems.isEmpty, "\(config.problems)")
        let (c, records) = CenterModel.simulateRecordingCalls(config, seed: 1, replication: 0)
        XCTAssertEqual([c.offered, c.answered, c.abandoned, c.agentTransfers, c.transferAbandoned], [2, 2, 0, 2, 1])
        XCTAssertEqual(c.metrics["transfer_abandon_rate"], 0.5)
        XCTAssertEqual(c.metrics["transfer_wait_seconds"], 20)
        XCTAssertTrue(c.isConserved)
        XCTAssertEqual(records.map(\.abandonSeconds), [nil, 276])
        XCTAssertEqual(records.map(\.serviceStartSeconds), [136, nil])

        config.callTypes[0].transferPatienceSeconds = .deterministic(60)
        let (second, kept) = CenterModel.simulateRecordingCalls(config, seed: 1, replication: 0)
        XCTAssertEqual(second.transferAbandoned, 0)
        XCTAssertEqual(kept.map(\.serviceStartSeconds), [136, 286])
        XCTAssertEqual(second.metrics["transfer_wait_seconds"], 25)  // (0 + 50) ÷ 2
    }
}
