import Calibration
import ScenarioFiles
import Foundation
import Stochastic
import TestSupport
import XCTest

/// The estimators on draws of known laws (seeded test streams; 99.99 % intervals).
final class EstimatorTests: XCTestCase {
    /// The piecewise-constant hazard law: moments equal numerical integrals of its survival
    /// (exact to 1e-9), its quantile inverts S, and 300,000 draws have its mean and variance.
    func testPiecewiseExponentialLaw() {
        let law = Distribution.piecewiseExponential(breaks: [60, 180], means: [1200, 200, 600])
        func survival(_ t: Double) -> Double { exp(-(min(t, 60) / 1200 + max(0, min(t, 180) - 60) / 200 + max(0, t - 180) / 600)) }
        var mean = 0.0, second = 0.0
        let h = 0.01
        for k in 0..<1_000_000 {  // Simpson-free midpoint rule on [0, 10,000 s]; the tail beyond is e^-(…) ≈ 1e-7 of it
            let t = (Double(k) + 0.5) * h
            mean += survival(t) * h
            second += 2 * t * survival(t) * h
        }
        let tail = survival(10_000) * 600
        XCTAssertEqual(law.mean, mean + tail, accuracy: 1e-6 * law.mean)
        XCTAssertEqual(law.variance + law.mean * law.mean, second + 2 * tail * (10_000 + 600), accuracy: 1e-5 * second)
        for u in [0.01, 0.05, 0.3, 0.6, 0.9, 0.999] {
            XCTAssertEqual(1 - survival(law.quantile(u)), u, accuracy: 1e-12)
        }
        let sample = SampleMoments(draws(law, n: 300_000, seed: 41))
        XCTAssert(sample.meanCovers(law.mean), "mean \(sample.mean) vs \(law.mean)")
        XCTAssert(sample.varianceCovers(law.variance), "variance \(sample.variance) vs \(law.variance)")
        XCTAssertEqual(law.parameterProblems.count, 0)
        XCTAssertEqual(Distribution.piecewiseExponential(breaks: [60, 50], means: [1, 2]).parameterProblems.map(\.key),
                       ["breaks[1]", "means"])
    }

    /// Durations: a lognormal sample keeps the lognormal (mean within 99.99 %), an
    /// exponential one the exponential, a two-humped one becomes empirical with the
    /// sample's mean exactly (to the written precision).
    func testDurationFitPicksItsLawAndKeepsTheMean() throws {
        let lognormal = draws(.lognormal(mean: 200, sd: 150), n: 20_000, seed: 42)
        let fit = try XCTUnwrap(DurationFit(times: lognormal))
        XCTAssertEqual(fit.lawName, "lognormal")
        XCTAssertLessThanOrEqual(abs(fit.mean - 200), SampleMoments.z * 150 / Double(20_000).squareRoot())
        XCTAssertEqual(fit.censored, 0)
        let exponential = try XCTUnwrap(DurationFit(times: draws(.exponential(mean: 30), n: 20_000, seed: 43)))
        XCTAssertEqual(exponential.lawName, "exponential")
        let humps = draws(.mixture([.init(weight: 0.5, .deterministic(60)), .init(weight: 0.5, .uniform(low: 400, high: 500))]),
                          n: 10_000, seed: 44)
        let twoHumped = try XCTUnwrap(DurationFit(times: humps))
        XCTAssertEqual(twoHumped.lawName, "empirical")
        let sampleMean = humps.reduce(0, +) / Double(humps.count)
        XCTAssertEqual(twoHumped.mean, sampleMean, accuracy: 1e-9 * sampleMean)
        XCTAssertEqual(twoHumped.law.mean, sampleMean, accuracy: 1e-5 * sampleMean)
        XCTAssertNil(DurationFit(times: [0, 0, 0]))
    }

    /// Censored patience: exponential patience (mean 300 s) censored by independent waits
    /// (exponential, mean 200 s): the MLE's exact 99.99 % interval holds 300, the constant
    /// hazard is not rejected at 1e-5, and Kaplan–Meier without censoring is the empirical survival.
    func testCensoredPatience() throws {
        let patience = draws(.exponential(mean: 300), n: 40_000, seed: 45, entity: 1)
        let service = draws(.exponential(mean: 200), n: 40_000, seed: 45, entity: 2)
        let waits = zip(patience, service).map { min($0, $1) }
        let fit = try XCTUnwrap(PatienceFit(waits: waits, abandoned: zip(patience, service).map { $0 < $1 }))
        let interval = fit.meanInterval(level: wideLevel)
        XCTAssert(interval.low <= 300 && 300 <= interval.high, "\(interval)")
        XCTAssertGreaterThan(fit.constantHazardPValue, 1e-5)
        XCTAssertEqual(fit.lawName, "exponential")
        let all = try XCTUnwrap(PatienceFit(waits: [3, 1, 2, 2], abandoned: [true, true, true, true]))
        XCTAssertEqual(all.kaplanMeier.map(\.survival), [1, 0.75, 0.25, 0])
        XCTAssertEqual(all.exponentialMean, 2)
        XCTAssertNil(PatienceFit(waits: [5, 6], abandoned: [false, false]))
    }

    /// The exponential patience mean's exact interval, 2T ÷ χ²_{2a}(0.975) … 2T ÷ χ²_{2a}(0.025),
    /// against values computed independently (SciPy 1.17's chi2.ppf) for a given exposure T and
    /// abandon count a, from one abandon to 200,000 (a real center's month: the upper bound
    /// once read "n/a" there).
    func testPatienceIntervalEqualsTheExactChiSquareOne() {
        let expected: [(abandons: Int, seconds: Double, low: Double, high: Double)] = [
            (1, 600, 162.6510184090901, 23698.734123124326),
            (10, 3600, 210.71357421445563, 750.7212090864426),
            (131, 24840, 160.91788652228246, 226.78962515642579),
            (5000, 1.8e6, 350.22623029113015, 370.19066879819223),
            (40000, 7.2e6, 178.24897525414906, 181.77707442862905),
            (200_000, 3.6e7, 179.2137272731378, 180.79148251464042),
        ]
        for e in expected {
            let (low, high) = PatienceFit.meanInterval(exposureSeconds: e.seconds, abandons: e.abandons, level: 0.95)
            XCTAssertEqual(low, e.low, accuracy: 1e-9 * e.low, "a = \(e.abandons): low")
            XCTAssertEqual(high, e.high, accuracy: 1e-9 * e.high, "a = \(e.abandons): high")
        }
        // Every count up to a million abandons: a finite interval around the mean T ÷ a.
        var a = 1
        while a <= 1_000_000 {
            let (low, high) = PatienceFit.meanInterval(exposureSeconds: 180 * Double(a), abandons: a, level: 0.95)
            XCTAssertTrue(low.isFinite && high.isFinite && low < 180 && 180 < high, "a = \(a): \(low)–\(high)")
            a = a * 3 / 2 + 1
        }
    }

    /// The arrivals' and the busyness shape's intervals against hand-computed ones (SciPy
    /// 1.17): four days (Monday–Thursday) with 10, 14, 12, 20 calls from 09:00 and 5, 25, 5,
    /// 45 from 09:30. Rates per hour 20, 28, 24, 40: mean 28, Student t (3 df) 95 % interval
    /// 14.250260472566765–41.749739527433235; 10, 50, 10, 90: 40, −20.94 (0: no negative
    /// rate)–100.93920723315249. Daily totals 15, 39, 17, 65: shape m² ÷ (s² − m) =
    /// 2.2607561929595827, its interval from the χ² (3 df) interval of s²: 0.15316818321537176–8.198398891309587.
    func testArrivalAndBusynessIntervalsEqualHandComputedOnes() throws {
        var rows = ["date,arrival,outcome"]
        for (day, counts) in [(2, [10, 5]), (3, [14, 25]), (4, [12, 5]), (5, [20, 45])] {
            for (p, n) in counts.enumerated() {
                for j in 0..<n { rows.append(String(format: "2026-03-%02d,9:%02d:%02d,OK", day, 30 * p + j * 10 / 60, j * 10 % 60)) }
            }
        }
        let layout = LogLayout(columns: [.date: ["date"], .arrival: ["arrival"], .outcome: ["outcome"]], outcomeCodes: ["OK": .ivrOnly])
        let log = try CallLogReader.parse(bytes: Array((rows.joined(separator: "\n") + "\n").utf8), file: "four.csv", layout: layout)
        let fit = try CenterFit(log: log, layout: layout, options: CenterFit.Options())
        XCTAssertEqual(fit.arrivals.days.count, 4)
        let rates = try XCTUnwrap(fit.arrivals.types.first)
        XCTAssertEqual(rates.perHourByPeriod, [28, 40])
        XCTAssertEqual(rates.lowByPeriod[0], 14.250260472566765, accuracy: 1e-9)
        XCTAssertEqual(rates.highByPeriod[0], 41.749739527433235, accuracy: 1e-9)
        XCTAssertEqual(rates.lowByPeriod[1], 0)
        XCTAssertEqual(rates.highByPeriod[1], 100.93920723315249, accuracy: 1e-9)
        XCTAssertEqual(try XCTUnwrap(fit.arrivals.busynessShape), 2.2607561929595827, accuracy: 1e-12)
        let shape = fit.arrivals.busynessShapeInterval(level: 0.95)
        XCTAssertEqual(shape.low, 0.15316818321537176, accuracy: 1e-9)
        XCTAssertEqual(shape.high, 8.198398891309587, accuracy: 1e-9)
    }
}
