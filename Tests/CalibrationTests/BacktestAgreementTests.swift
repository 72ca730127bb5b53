@testable import Calibration
import Measures
import XCTest

/// The backtest's verdicts, directly: the agreement rule on hand-made differences, the
/// practical tolerances, and the correlation against NumPy's value.
final class BacktestAgreementTests: XCTestCase {
    /// d = |simulated − observed|, h its 95 % half-width, τ the tolerance: agrees when
    /// d ≤ h ≤ τ or d + h ≤ τ; off when d > h and d > τ; inconclusive otherwise.
    func testAgreementRule() {
        let cases: [(d: Double, h: Double, tau: Double, expected: Backtest.Agreement, why: String)] = [
            (0.01, 0.02, 0.03, .agrees, "consistent, and the interval narrow enough to say so"),
            (0.02, 0.005, 0.03, .agrees, "significant, but the whole interval within the tolerance"),
            (0.05, 0.01, 0.03, .off, "significant and beyond the tolerance"),
            (0.01, 0.20, 0.03, .inconclusive, "consistent only because the interval is wide"),
            (0.025, 0.01, 0.03, .inconclusive, "significant, within the tolerance, the interval straddling it"),
            (0.10, 0.20, 0.03, .inconclusive, "beyond the tolerance but not significant"),
            (0.03, 0.03, 0.03, .agrees, "on the bounds"),
            (.nan, 0.01, 0.03, .inconclusive, "no observed value"),
        ]
        for c in cases {
            XCTAssertEqual(Backtest.Agreement(difference: c.d, halfWidth: c.h, tolerance: c.tau), c.expected, c.why)
            XCTAssertEqual(Backtest.Agreement(difference: -c.d, halfWidth: c.h, tolerance: c.tau), c.expected, c.why + " (sign)")
        }
        // From two intervals: h = √(h_obs² + h_sim²) = 0.05 here, d = 0.02, τ = 0.03: inconclusive.
        let observed = ConfidenceInterval(mean: 0.80, halfWidth: 0.03, n: 20, level: 0.95), simulated = ConfidenceInterval(mean: 0.82, halfWidth: 0.04, n: 20, level: 0.95)
        XCTAssertEqual(Backtest.Agreement(observed: observed, simulated: simulated, tolerance: 0.03), .inconclusive)
        XCTAssertEqual(Backtest.Agreement(observed: observed, simulated: simulated, tolerance: 0.06), .agrees)
    }

    func testTolerancesByMetric() {
        let t = Backtest.Tolerance()
        XCTAssertEqual(t.allowed("service_level", observed: 0.8), 0.03)
        XCTAssertEqual(t.allowed("abandon_rate", observed: 0.104), 0.0104, accuracy: 1e-15)
        XCTAssertEqual(t.allowed("asa_seconds", observed: 36.5), 3.65, accuracy: 1e-12)
        XCTAssertEqual(t.allowed("offered", observed: 7000), 700, accuracy: 1e-9)
    }

    /// Pearson's r of (1, 2, 3, 4, 10) and (2, 4, 5, 9, 12): NumPy's corrcoef gives
    /// 0.9282545134378778; fewer than 3 pairs or no spread: undefined.
    func testCorrelation() {
        XCTAssertEqual(pearson([1, 2, 3, 4, 10], [2, 4, 5, 9, 12]), 0.9282545134378778, accuracy: 1e-14)
        XCTAssertEqual(pearson([1, 2, 3], [3, 2, 1]), -1, accuracy: 1e-15)
        XCTAssertTrue(pearson([1, 2], [1, 2]).isNaN)
        XCTAssertTrue(pearson([1, 1, 1], [1, 2, 3]).isNaN)
    }
}
