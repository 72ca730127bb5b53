import ContactCenter
import XCTest
@testable import Experiments

final class ManyGroupsTests: XCTestCase {
    /// Found by fuzzing: with thousands of groups every metric was recomputed for every
    /// other one (all of a run's metrics rebuilt per lookup: 4,000 groups took 9.4 s for
    /// 10 calls). Each run's metrics are now built once: 1,500 groups summarise in about
    /// 5 ms (debug build) instead of 2.5 s; the bound leaves a hundredfold margin.
    func testSummaryOfManyGroupsIsLinear() {
        var config = CenterConfig(callTypes: [CallType(name: "a", arrivalsPerHour: 60, serviceSeconds: .exponential(mean: 60))],
                                  agents: 1, horizon: .calls(warmupCalls: 0, measuredCalls: 10))
        config.groups = (0..<1_500).map { AgentGroupConfig(name: "g\($0)", agents: 1, skills: ["a"]) }
        let result = CenterExperiment(config: config, seed: 1, replications: 3).run(jobs: 2)
        let started = Date()
        let summary = VariantSummary(result)
        let seconds = Date().timeIntervalSince(started)
        XCTAssertEqual(summary.metrics["g1499.occupancy"]?.n, 3)
        XCTAssertLessThan(seconds, 5, "summary of 1,500 groups took \(seconds) s")  // a hang guard (quadratic: minutes)
    }
}
