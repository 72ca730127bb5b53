import ContactCenter
import XCTest
@testable import Experiments

/// The break-even of a swept variant against an unchanged one: the sign pattern of the
/// paired mean differences along the axis and the linear interpolation of the crossing.
final class SweepBreakEvenTests: XCTestCase {
    func testOutcomes() {
        let axis = [0.70, 0.75, 0.80, 0.85, 0.90]
        // Higher is better: −4, −2, −1, +3, +5 → between 0.80 and 0.85 at 0.80 + 0.05 · 1/4.
        XCTAssertEqual(BreakEven.outcome(axis: axis, differences: [-4, -2, -1, 3, 5], better: .higher),
                       .crossing(axis: 0.8125, below: 2, rising: true))
        // Lower is better (a time): better up to the crossing, at 0.75 + 0.05 · 2/(2 + 6).
        XCTAssertEqual(BreakEven.outcome(axis: axis, differences: [-5, -2, 6, 7, 8], better: .lower),
                       .crossing(axis: 0.7625, below: 1, rising: false))
        XCTAssertEqual(BreakEven.outcome(axis: axis, differences: [1, 2, 3, 4, 5], better: .higher), .everywhere)
        XCTAssertEqual(BreakEven.outcome(axis: axis, differences: [1, 2, 3, 4, 5], better: .lower), .nowhere)
        XCTAssertEqual(BreakEven.outcome(axis: axis, differences: [-1, 2, -3, 4, 5], better: .higher), .mixed)
        // A difference of exactly 0 is not better.
        XCTAssertEqual(BreakEven.outcome(axis: [1, 2], differences: [0, 2], better: .higher), .crossing(axis: 1, below: 0, rising: true))
    }

    /// From summaries with all pairs: only changing − unchanged pairs, the difference taken
    /// the right way round whichever way the summary has it.
    func testFindTakesEachPairTheRightWayRound() {
        // Each point has reference − variant (a − b).
        func point(_ d: Double) -> [Difference] {
            let m = MetricSummary(mean: d, ciLow: d - 1, ciHigh: d + 1, halfWidth: 1, n: 10)
            return [Difference(variant: "a", baseline: "b",
                               metrics: ["service_level": DifferenceSummary(interval: m, pValue: 0.5, survivesHolm: false)])]
        }
        let found = BreakEven.find(axis: [1, 2, 3], names: ["a", "b"], points: [point(0.02), point(0.01), point(-0.03)],
                                   changing: [false, true], metrics: ["service_level", "occupancy", "asa_seconds"])
        XCTAssertEqual(found.count, 1)
        XCTAssertEqual(found[0].variant, "b")
        XCTAssertEqual(found[0].reference, "a")
        XCTAssertEqual(found[0].differences.map(\.mean), [-0.02, -0.01, 0.03])
        XCTAssertEqual(found[0].differences.map(\.ciLow), [-1.02, -1.01, -0.97])
        XCTAssertEqual(found[0].outcome, .crossing(axis: 2.25, below: 1, rising: true))
    }
}
