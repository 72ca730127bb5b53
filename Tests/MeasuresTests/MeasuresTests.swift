import Stochastic
import TestSupport
import XCTest
@testable import Measures

final class TallyTests: XCTestCase {
    func testMatchesTwoPassFormulasAndMerges() {
        let xs: [Double] = [2, 4, 4, 4, 5, 5, 7, 9]
        let t = Tally(xs)
        XCTAssertEqual(t.mean, 5)
        XCTAssertEqual(t.variance, 32.0 / 7.0, accuracy: 1e-12)
        XCTAssertEqual(t.min, 2)
        XCTAssertEqual(t.max, 9)
        var a = Tally(xs[0..<3]), b = Tally(xs[3...])
        a.merge(b)
        XCTAssertEqual(a.mean, t.mean, accuracy: 1e-12)
        XCTAssertEqual(a.variance, t.variance, accuracy: 1e-12)
        b = Tally()
        b.merge(t)
        XCTAssertEqual(b, t)
    }

    /// Welford stays accurate where the naive Σx² − n·x̄² formula cancels catastrophically.
    func testNumericallyStableForLargeOffsets() {
        let t = Tally([1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16])
        XCTAssertEqual(t.variance, 30, accuracy: 1e-6)
    }
}

final class TimeWeightedAverageTests: XCTestCase {
    func testIntegratesPiecewiseConstantValues() {
        var q = TimeWeightedAverage(value: 0, at: 0)
        q.update(to: 2, at: 10)  // 0 on [0,10)
        q.update(to: 1, at: 15)  // 2 on [10,15)
        XCTAssertEqual(q.integral(upTo: 20), 15)  // 1 on [15,20)
        XCTAssertEqual(q.average(upTo: 20), 0.75)
        q.restart(at: 20)
        XCTAssertEqual(q.average(upTo: 30), 1)
    }
}

final class WaitHistogramTests: XCTestCase {
    /// Quantiles of 100,000 exponential waits (mean 60 s, seed 4) agree with the exact
    /// order statistics to the stated accuracy: relative 1/256 at ≥ 1 s, absolute 1/256 s below.
    func testQuantilesWithinStatedAccuracy() {
        var h = WaitHistogram()
        var values = draws(.mixture([.init(weight: 0.3, .deterministic(0)), .init(weight: 0.7, .exponential(mean: 60))]),
                           n: 100_000, seed: 4)
        for v in values { h.add(v) }
        values.sort()
        for q in [0.1, 0.3, 0.31, 0.5, 0.9, 0.99, 0.999] {
            let exact = values[Int((q * Double(values.count)).rounded(.up)) - 1]
            let tolerance = max(exact * WaitHistogram.relativeAccuracy, 1.0 / 256) + 1e-12
            XCTAssertEqual(h.quantile(q), exact, accuracy: tolerance, "q = \(q)")
        }
        XCTAssertEqual(h.quantile(0.2), 0)  // 30 % exact zeros
        XCTAssertEqual(h.total, 100_000)
    }

    func testMergeEqualsAddingEverything() {
        var a = WaitHistogram(), b = WaitHistogram(), all = WaitHistogram()
        for (i, v) in [0, 0.5, 3, 17, 250, 1e4, 1e9].enumerated() {
            if i % 2 == 0 { a.add(v) } else { b.add(v) }
            all.add(v)
        }
        a.merge(b)
        XCTAssertEqual(a, all)
        XCTAssertEqual(all.overflowCount, 1)
        XCTAssertEqual(all.quantile(1), .infinity)
        XCTAssertTrue(WaitHistogram().quantile(0.5).isNaN)
    }

    func testMemoryDoesNotDependOnCount() {
        var h = WaitHistogram()
        let buckets = h.counts.count
        for i in 0..<200_000 { h.add(Double(i % 5000) * 0.37) }
        XCTAssertEqual(h.counts.count, buckets)
    }
}

final class ConfidenceIntervalTests: XCTestCase {
    /// x̄ ± t_{0.975,4} s/√5 for 1…5: mean 3, s = √2.5, t = 2.776445 (published).
    func testStudentTInterval() {
        let ci = ConfidenceInterval.studentT([1, 2, 3, 4, 5])
        XCTAssertEqual(ci.mean, 3)
        XCTAssertEqual(ci.halfWidth, 2.776445 * (2.5).squareRoot() / (5).squareRoot(), accuracy: 1e-5)
        XCTAssertEqual(ci.n, 5)
        XCTAssertTrue(ConfidenceInterval.studentT([7]).halfWidth.isNaN)
        XCTAssertEqual(ConfidenceInterval.studentT([2, 2, 2]).halfWidth, 0)
    }

    /// Coverage: 2,000 intervals, each from 10 exponential draws (mean 1; seed 9). The count
    /// covering the true mean is Binomial(2000, ~0.95) only for normal data; for the
    /// skewed exponential the t interval under-covers a little (about 0.92–0.94 at n = 10).
    /// We check 0.90 ≤ coverage ≤ 0.97, which a mis-scaled interval (e.g. z instead of t
    /// or s/n instead of s/√n) fails.
    func testCoverageIsNearNominal() {
        let x = draws(.exponential(mean: 1), n: 20_000, seed: 9)
        var covered = 0
        for k in 0..<2000 where ConfidenceInterval.studentT(Array(x[(10 * k)..<(10 * k + 10)])).contains(1) {
            covered += 1
        }
        let coverage = Double(covered) / 2000
        XCTAssertGreaterThanOrEqual(coverage, 0.90)
        XCTAssertLessThanOrEqual(coverage, 0.97)
    }

    func testPairedUsesDifferences() {
        let ci = ConfidenceInterval.paired([1, 2, 3, 4], [2, 3, 4, 5.5])
        XCTAssertEqual(ci.mean, 1.125)
        XCTAssertGreaterThan(ci.halfWidth, 0)
    }
}
