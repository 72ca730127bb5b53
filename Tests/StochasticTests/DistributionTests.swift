import TestSupport
import XCTest
@testable import Stochastic

/// Each distribution: n = 300,000 draws with seed 20261123; the sample mean and the
/// sample variance must lie within the 99.99 % large-sample interval (see
/// `SampleMoments`) of the theoretical values.
final class DistributionTests: XCTestCase {
    let n = 300_000
    let seed: UInt64 = 20_261_123

    func checkMoments(_ d: Distribution, entity: Int, file: StaticString = #filePath, line: UInt = #line) {
        let m = SampleMoments(draws(d, n: n, seed: seed, entity: entity))
        XCTAssertTrue(m.meanCovers(d.mean),
                      "\(d): mean \(m.mean) ± \(m.meanHalfWidth) vs \(d.mean)", file: file, line: line)
        XCTAssertTrue(m.varianceCovers(d.variance),
                      "\(d): variance \(m.variance) ± \(m.varianceHalfWidth) vs \(d.variance)", file: file, line: line)
    }

    func testExponential() { checkMoments(.exponential(mean: 180), entity: 1) }
    func testErlang() { checkMoments(.erlang(phases: 3, mean: 240), entity: 2) }
    func testGamma() { checkMoments(.gamma(shape: 0.7, scale: 100), entity: 3) }
    func testLognormalByMuSigma() { checkMoments(.lognormal(mu: 5, sigma: 0.5), entity: 4) }
    func testLognormalByMeanAndSD() {
        let d = Distribution.lognormal(mean: 200, sd: 150)
        XCTAssertEqual(d.mean, 200, accuracy: 1e-9)
        XCTAssertEqual(d.variance.squareRoot(), 150, accuracy: 1e-9)
        checkMoments(d, entity: 5)
    }
    func testWeibull() { checkMoments(.weibull(shape: 1.5, scale: 300), entity: 6) }
    func testUniform() { checkMoments(.uniform(low: 10, high: 40), entity: 7) }
    func testEmpirical() { checkMoments(.empirical([5, 10, 10, 60, 240]), entity: 8) }
    func testMixture() {
        checkMoments(.mixture([.init(weight: 0.1, .deterministic(0)), .init(weight: 0.9, .exponential(mean: 1000))]),
                     entity: 9)
    }

    func testDeterministicIsExact() {
        XCTAssertEqual(draws(.deterministic(42), n: 100, seed: seed), Array(repeating: 42, count: 100))
        XCTAssertEqual(Distribution.deterministic(42).variance, 0)
    }

    /// 10 % zero, 90 % exponential: the share of exact zeros is inside the 99.99 %
    /// binomial interval 0.1 ± 3.891 · √(0.1 · 0.9 / n).
    func testMixtureZeroShare() {
        let d = Distribution.mixture([.init(weight: 0.1, .deterministic(0)), .init(weight: 0.9, .exponential(mean: 1000))])
        let zeros = Double(draws(d, n: n, seed: seed, entity: 10).filter { $0 == 0 }.count) / Double(n)
        XCTAssertEqual(zeros, 0.1, accuracy: SampleMoments.z * (0.1 * 0.9 / Double(n)).squareRoot())
    }

    /// Each listed value of an empirical law appears with frequency 1/k (99.99 % binomial interval).
    func testEmpiricalFrequencies() {
        let values: [Double] = [1, 2, 3, 4]
        let sample = draws(.empirical(values), n: n, seed: seed, entity: 11)
        for v in values {
            let share = Double(sample.filter { $0 == v }.count) / Double(n)
            XCTAssertEqual(share, 0.25, accuracy: SampleMoments.z * (0.25 * 0.75 / Double(n)).squareRoot())
        }
    }

    func testParameterProblemsNameTheParameter() {
        XCTAssertEqual(Distribution.exponential(mean: -1).parameterProblems.map(\.key), ["mean"])
        XCTAssertEqual(Distribution.uniform(low: 5, high: 5).parameterProblems.map(\.key), ["high"])
        XCTAssertEqual(Distribution.erlang(phases: 0, mean: .nan).parameterProblems.map(\.key), ["phases", "mean"])
        XCTAssertEqual(Distribution.mixture([.init(weight: 0.5, .exponential(mean: 1)),
                                             .init(weight: 0.2, .deterministic(-1))]).parameterProblems.map(\.key),
                       ["[1].value", "weights"])
        XCTAssertEqual(Distribution.empirical([]).parameterProblems.map(\.key), ["values"])
        XCTAssertTrue(Distribution.lognormal(mean: 200, sd: 150).parameterProblems.isEmpty)
    }

    /// Student t quantiles against the published table (e.g. NIST/SEMATECH e-Handbook
    /// 1.3.6.7.2): t_{0.975, 4} = 2.776, t_{0.975, 9} = 2.262, t_{0.975, 29} = 2.045.
    func testStudentTQuantiles() {
        XCTAssertEqual(SpecialFunctions.studentTQuantile(0.975, degreesOfFreedom: 4), 2.776, accuracy: 5e-4)
        XCTAssertEqual(SpecialFunctions.studentTQuantile(0.975, degreesOfFreedom: 9), 2.262, accuracy: 5e-4)
        XCTAssertEqual(SpecialFunctions.studentTQuantile(0.975, degreesOfFreedom: 29), 2.045, accuracy: 5e-4)
    }
}
