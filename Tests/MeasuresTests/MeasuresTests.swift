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

    /// The bucket read from a value's bits is the bucket of the arithmetic definition
    /// (v in [2^e, 2^(e+1)) → subBuckets·(e+1) + ⌊(v/2^e − 1)·subBuckets⌋), at every bucket
    /// edge, just below and above it, and at values spread over the whole range.
    func testBucketFromBitsEqualsArithmeticDefinition() {
        func definition(_ v: Double) -> Int {
            if v < 1 { return Int(v * Double(WaitHistogram.subBuckets)) }
            let e = Int(v.exponent)
            let fraction = v / Double(sign: .plus, exponent: e, significand: 1) - 1
            return WaitHistogram.subBuckets * (e + 1) + Int(fraction * Double(WaitHistogram.subBuckets))
        }
        var values: [Double] = []
        for i in 0..<WaitHistogram.bucketCount {
            let (low, high) = WaitHistogram.edges(of: i)
            values += [low, low.nextUp, high.nextDown, (low + high) / 2].filter { $0 > 0 && $0 < 33_554_432 }
        }
        var x = 1e-3
        while x < 33_554_432 { values.append(x); x *= 1.000_37 }
        for v in values { XCTAssertEqual(WaitHistogram.bucket(of: v), definition(v), "v = \(v)") }
        XCTAssertGreaterThan(values.count, 50_000)
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

    /// The buckets are allocated once, at the first nonzero value (none before: an empty
    /// histogram costs nothing), and never grow; merging into an empty one equals the other.
    func testMemoryDoesNotDependOnCount() {
        var h = WaitHistogram()
        XCTAssertEqual(h.counts.count, 0)
        h.add(0)
        XCTAssertEqual(h.counts.count, 0)
        for i in 0..<200_000 { h.add(Double(i % 5000) * 0.37) }
        XCTAssertEqual(h.counts.count, WaitHistogram.bucketCount)
        var merged = WaitHistogram()
        merged.merge(h)
        XCTAssertEqual(merged, h)
        XCTAssertEqual(WaitHistogram(), { var z = WaitHistogram(); z.merge(WaitHistogram()); return z }())
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

    /// Coverage: 8,000 intervals, each from 10 exponential draws (mean 1; seed 9). The count
    /// covering the true mean is Binomial(8000, ~0.95) only for normal data; for the
    /// skewed exponential the t interval under-covers: its true coverage at n = 10 is
    /// 0.900. We check 0.88 ≤ coverage ≤ 0.97 (0.88 is 6 binomial sd, 0.0034 each, below
    /// 0.900), which a mis-scaled interval fails (measured on 400,000 samples: z instead of
    /// t covers 0.869, 3 sd below the bound; s/n instead of s/√n 0.485).
    func testCoverageIsNearNominal() {
        let x = draws(.exponential(mean: 1), n: 80_000, seed: 9)
        var covered = 0
        for k in 0..<8000 where ConfidenceInterval.studentT(Array(x[(10 * k)..<(10 * k + 10)])).contains(1) {
            covered += 1
        }
        let coverage = Double(covered) / 8000
        XCTAssertGreaterThanOrEqual(coverage, 0.88)
        XCTAssertLessThanOrEqual(coverage, 0.97)
    }

    /// Differences (1, 1, 1, 1.5): mean 1.125, s = 0.25, half-width t_{0.975, 3} · 0.25 ÷ 2
    /// = 3.182446 · 0.125; the unpaired spread (s ≈ 1.3) would give a half-width 5 times wider.
    func testPairedUsesDifferences() {
        let ci = ConfidenceInterval.paired([1, 2, 3, 4], [2, 3, 4, 5.5])
        XCTAssertEqual(ci.mean, 1.125)
        XCTAssertEqual(ci.halfWidth, 3.182446 * 0.125, accuracy: 1e-6)
        let same = ConfidenceInterval.pairedRatioOfSums(baseline: ([1, 2, 3, 4], [1, 1, 1, 1]), variant: ([2, 3, 4, 5.5], [1, 1, 1, 1]))
        XCTAssertEqual(same.mean, ci.mean, accuracy: 1e-15)  // with denominators 1, the paired ratio is the paired t
        XCTAssertEqual(same.halfWidth, ci.halfWidth, accuracy: 1e-12)
    }

    /// Unequal denominators, computed by hand (t_{0.975, 3} = 3.182446305284263): the ratio
    /// of sums x = (1, 2, 3, 4) over y = (2, 2, 4, 4) is 10/12 ± t·s_d/(√4·3) = 0.3227958573061413;
    /// the paired difference with u = (2, 3, 3, 6) over v = (4, 4, 4, 8) is 14/20 − 10/12
    /// ± t·s_z/√4 = 0.20947436676795592, each linearised term over its own mean denominator.
    func testRatioIntervalsWithUnequalDenominatorsByHand() {
        let plain = ConfidenceInterval.ratioOfSums(numerators: [1, 2, 3, 4], denominators: [2, 2, 4, 4])
        XCTAssertEqual(plain.mean, 10.0 / 12, accuracy: 1e-15)
        XCTAssertEqual(plain.halfWidth, 0.3227958573061413, accuracy: 1e-9)
        let paired = ConfidenceInterval.pairedRatioOfSums(baseline: ([1, 2, 3, 4], [2, 2, 4, 4]), variant: ([2, 3, 3, 6], [4, 4, 4, 8]))
        XCTAssertEqual(paired.mean, 14.0 / 20 - 10.0 / 12, accuracy: 1e-15)
        XCTAssertEqual(paired.halfWidth, 0.20947436676795592, accuracy: 1e-9)
    }
}

final class RatioEstimatorTests: XCTestCase {
    /// Ratio of sums and its delta-method half-width by hand: x = (8, 9, 15), y = (10, 10, 20):
    /// R = 32/40 = 0.8; d = x − R·y = (0, 1, −1), s_d = 1, ȳ = 40/3, t_{0.975, 2} = 4.302653,
    /// half-width = 4.302653 · 1 / (√3 · 40/3).
    func testRatioOfSumsByHand() {
        let ci = ConfidenceInterval.ratioOfSums(numerators: [8, 9, 15], denominators: [10, 10, 20])
        XCTAssertEqual(ci.mean, 0.8, accuracy: 1e-15)
        XCTAssertEqual(ci.halfWidth, 4.302653 / (3.0.squareRoot() * 40 / 3), accuracy: 1e-6)
        XCTAssertTrue(ConfidenceInterval.ratioOfSums(numerators: [0, 0], denominators: [0, 0]).mean.isNaN)
        XCTAssertTrue(ConfidenceInterval.ratioOfSums(numerators: [1], denominators: [2]).halfWidth.isNaN)
        // A control without spread changes nothing.
        XCTAssertEqual(ConfidenceInterval.ratioOfSums(numerators: [8, 9, 15], denominators: [10, 10, 20],
                                                      controls: [[1, 1, 1]], controlMeans: [1]), ci)
    }

    /// A control that explains the numerator exactly: x_i = y_i·(0.5 + 0.1·(c_i − 1)) with
    /// y constant. The regression removes all spread, and the estimate moves to the value
    /// at the control's known mean: R = 0.5.
    func testControlThatExplainsEverything() {
        let c: [Double] = [0.8, 1.1, 1.3, 0.9, 1.2]
        let ci = ConfidenceInterval.ratioOfSums(numerators: c.map { 10 * (0.5 + 0.1 * ($0 - 1)) }, denominators: [10, 10, 10, 10, 10],
                                                controls: [c], controlMeans: [1])
        XCTAssertEqual(ci.mean, 0.5, accuracy: 1e-12)
        XCTAssertEqual(ci.halfWidth, 0, accuracy: 1e-12)
    }

    /// One control by hand: x = (2, 4, 5, 4, 5), y = 1, c = (1, …, 5), μ = 2. R₀ = 4, z = x − 4
    /// = (−2, 0, 1, 0, 1), d = c − 3 = (−2, −1, 0, 1, 2), A = Σd² = 10, β = Σdz ÷ A = 0.6,
    /// residuals (−0.8, 0.6, 1, −0.6, −0.2), Σe² = 2.4, s_e² = 2.4 ÷ 3; R = 4 − 0.6·(3 − 2) =
    /// 3.4; variance factor 1/5 + (3 − 2)² ÷ 10 = 0.3; half-width t_{0.975,3} · √(0.8 · 0.3)
    /// = 3.182446305 · 0.489898 = 1.559074. Paired with u = (3, 5, 7, 5, 6): D₀ = 5.2 − 4,
    /// z = (−0.2, −0.2, 0.8, −0.2, −0.2), β = 0, D = 1.2, s_e² = 0.8 ÷ 3, half-width
    /// t_{0.975,3} · √(0.8/3 · 0.3) = 0.900132. Without the extrapolation term (1/n only)
    /// the half-widths would be 1.273 and 0.735 (the regression's interval).
    ///
    /// The jackknife's (the default): each day left out in turn (5 groups of one), the same
    /// estimate on the other four: 4.2, 3.142857, 3.15, 3.485714, 3.4 (paired 1.4, 1.285714,
    /// 1, 1.228571, 1.2); half-width t_{0.975,3} · √(4/5 · Σ(θ_k − θ̄)²) = 2.460681 (paired
    /// 0.832566), computed independently with NumPy.
    func testControlVariateIntervalsByHand() {
        let x: [Double] = [2, 4, 5, 4, 5], y: [Double] = [1, 1, 1, 1, 1], c: [Double] = [1, 2, 3, 4, 5]
        let ci = ConfidenceInterval.ratioOfSums(numerators: x, denominators: y, controls: [c], controlMeans: [2], variance: .regression)
        XCTAssertEqual(ci.mean, 3.4, accuracy: 1e-12)
        XCTAssertEqual(ci.halfWidth, 1.5590739163504, accuracy: 1e-9)
        let paired = ConfidenceInterval.pairedRatioOfSums(baseline: (x, y), variant: ([3, 5, 7, 5, 6], y), controls: [c], controlMeans: [2],
                                                          variance: .regression)
        XCTAssertEqual(paired.mean, 1.2, accuracy: 1e-12)
        XCTAssertEqual(paired.halfWidth, 0.9001317452914, accuracy: 1e-9)
        let jackknife = ConfidenceInterval.ratioOfSums(numerators: x, denominators: y, controls: [c], controlMeans: [2])
        XCTAssertEqual(jackknife.mean, 3.4, accuracy: 1e-12)
        XCTAssertEqual(jackknife.halfWidth, 2.4606811850939225, accuracy: 1e-9)
        let pairedJackknife = ConfidenceInterval.pairedRatioOfSums(baseline: (x, y), variant: ([3, 5, 7, 5, 6], y), controls: [c],
                                                                   controlMeans: [2])
        XCTAssertEqual(pairedJackknife.mean, 1.2, accuracy: 1e-12)
        XCTAssertEqual(pairedJackknife.halfWidth, 0.8325660076828164, accuracy: 1e-9)
        // Controls at their means: the factor is 1/n, the plain paired interval's shape.
        let centred = ConfidenceInterval.pairedRatioOfSums(baseline: (x, y), variant: ([3, 5, 7, 5, 6], y), controls: [c], controlMeans: [3],
                                                           variance: .regression)
        XCTAssertEqual(centred.halfWidth, 3.182446305284263 * (0.8 / 3 / 5).squareRoot(), accuracy: 1e-9)
        // No spread: the plain paired interval.
        XCTAssertEqual(ConfidenceInterval.pairedRatioOfSums(baseline: (x, y), variant: ([3, 5, 7, 5, 6], y), controls: [[1, 1, 1, 1, 1]],
                                                           controlMeans: [1]),
                       ConfidenceInterval.pairedRatioOfSums(baseline: (x, y), variant: ([3, 5, 7, 5, 6], y)))
    }

    /// Coverage of the control-variate ratio interval on days shaped like a contact
    /// center's: B ~ Gamma(25, 1/25); y = 100·B calls; x = y·p(B) + noise, p(B) = 1/(1 + B⁴)
    /// (a day's service level falls steeply with busyness). True ratio E[B·p(B)] ÷ E[B] by
    /// Simpson's rule on the Gamma density. 1,000 intervals of n = 200 days (seed 7): the
    /// count covering it is within 3.9 binomial standard deviations of 950 (α ≈ 1e-4), and
    /// the intervals are narrower than without the controls.
    func testControlVariateCoverage() {
        let shape = 25.0
        func density(_ b: Double) -> Double {
            exp((shape - 1) * log(b) - shape * b + shape * log(shape) - SpecialFunctions.lnGamma(shape))
        }
        func p(_ b: Double) -> Double { 1 / (1 + b * b * b * b) }
        let steps = 4_000, upper = 4.0, h = upper / Double(steps)
        var integral = 0.0
        for i in 0...steps {
            let b = max(Double(i) * h, 1e-12), w: Double = (i == 0 || i == steps) ? 1 : (i % 2 == 1 ? 4 : 2)
            integral += w * b * p(b) * density(b)
        }
        let truth = integral * h / 3
        let busyness = draws(.gamma(shape: shape, scale: 1 / shape), n: 200_000, seed: 7)
        let noise = draws(.uniform(low: -5, high: 5), n: 200_000, seed: 7, entity: 1)
        var covered = 0, narrower = 0
        for r in 0..<1_000 {
            let b = Array(busyness[(200 * r)..<(200 * r + 200)]), e = Array(noise[(200 * r)..<(200 * r + 200)])
            let y = b.map { 100 * $0 }
            let x = (0..<200).map { y[$0] * p(b[$0]) + e[$0] }
            let cv = ConfidenceInterval.ratioOfSums(numerators: x, denominators: y, controls: [b, b.map { ($0 - 1) * ($0 - 1) }],
                                                    controlMeans: [1, 1 / shape])
            if cv.contains(truth) { covered += 1 }
            if cv.halfWidth < ConfidenceInterval.ratioOfSums(numerators: x, denominators: y).halfWidth { narrower += 1 }
        }
        let sd = (1_000 * 0.95 * 0.05).squareRoot()
        XCTAssertEqual(Double(covered), 950, accuracy: 3.9 * sd, "covered \(covered) of 1000 (truth \(truth))")
        XCTAssertEqual(narrower, 1_000)
    }

    /// Wilson intervals against Newcombe (Stat. Med. 17, 1998, Table I, 4 decimals):
    /// 81/263 → 0.2553–0.3662, 15/148 → 0.0624–0.1605, 0/20 → 0–0.1611, 1/29 → 0.0061–0.1718.
    func testWilsonAgainstNewcombe() {
        for (k, n, low, high) in [(81, 263, 0.2553, 0.3662), (15, 148, 0.0624, 0.1605), (0, 20, 0.0, 0.1611), (1, 29, 0.0061, 0.1718)] {
            let w = ProportionInterval.wilson(successes: k, trials: n)
            XCTAssertEqual(w.low, low, accuracy: 5e-5, "\(k)/\(n)")
            XCTAssertEqual(w.high, high, accuracy: 5e-5, "\(k)/\(n)")
            XCTAssertEqual(w.estimate, Double(k) / Double(n))
        }
        let all = ProportionInterval.wilson(successes: 20, trials: 20)
        XCTAssertEqual(all.high, 1)
        XCTAssertEqual(all.low, 1 - 0.1611, accuracy: 5e-5)  // symmetric to 0/20
    }
}

/// p-values of a difference and Holm's step-down correction, by hand.
final class MultipleComparisonTests: XCTestCase {
    /// mean 1, SE 0.5, n = 10: t = 2 on 9 degrees of freedom, two-sided p = 0.07653
    /// (Student t table); a zero half-width gives 0 for a nonzero mean, and NaN (nothing to
    /// test) for mean 0.
    func testPValueOfZero() {
        let se = 0.5, t = SpecialFunctions.studentTQuantile(0.975, degreesOfFreedom: 9)
        XCTAssertEqual(ConfidenceInterval(mean: 1, halfWidth: t * se, n: 10, level: 0.95).pValueOfZero, 0.07653, accuracy: 5e-5)
        XCTAssertEqual(ConfidenceInterval(mean: -1, halfWidth: t * se, n: 10, level: 0.95).pValueOfZero, 0.07653, accuracy: 5e-5)
        XCTAssertEqual(ConfidenceInterval(mean: 2, halfWidth: 0, n: 10, level: 0.95).pValueOfZero, 0)
        XCTAssertTrue(ConfidenceInterval(mean: 0, halfWidth: 0, n: 10, level: 0.95).pValueOfZero.isNaN)
        XCTAssertTrue(ConfidenceInterval(mean: 1, halfWidth: .nan, n: 1, level: 0.95).pValueOfZero.isNaN)
    }

    /// The example of Holm's method on Wikipedia ("Holm–Bonferroni method"): p = 0.01,
    /// 0.04, 0.03, 0.005 at α = 0.05: 0.005 ≤ 0.05/4 and 0.01 ≤ 0.05/3 are rejected; 0.03 >
    /// 0.05/2 stops. Unadjusted, all four would be; Bonferroni (0.0125) rejects two too,
    /// and Holm rejects one more than Bonferroni (0.05/3) on (0.01, 0.02, 0.5): 0.02 ≤ 0.05/2.
    func testHolmStepDown() {
        XCTAssertEqual(Holm.rejected([0.01, 0.04, 0.03, 0.005]), [true, false, false, true])
        XCTAssertEqual(Holm.rejected([0.01, 0.02, 0.5]), [true, true, false])
        XCTAssertEqual(Holm.rejected([.nan, 0.04]), [false, true])  // NaN not counted: m = 1
        XCTAssertEqual(Holm.rejected([]), [])
    }
}
