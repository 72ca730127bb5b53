import Foundation
import TestSupport
import XCTest
@testable import Stochastic

/// Inversion (`Distribution.quantile`), name-keyed stream entities and per-caller blocks.
final class QuantileTests: XCTestCase {
    /// Published quantiles at their printed rounding: χ² with 2 and 10 degrees of freedom
    /// (gamma with shape k/2, scale 2) at 0.95 is 5.991 and 18.307 (Abramowitz & Stegun,
    /// table 26.8); the standard normal's 0.975 quantile 1.959964 (A&S 26.2).
    func testPublishedQuantiles() {
        XCTAssertEqual(Distribution.gamma(shape: 1, scale: 2).quantile(0.95), 5.991, accuracy: 5e-4)
        XCTAssertEqual(Distribution.erlang(phases: 5, mean: 10).quantile(0.95), 18.307, accuracy: 5e-4)
        XCTAssertEqual(Distribution.lognormal(mu: 1, sigma: 0.5).quantile(0.975), exp(1 + 0.5 * 1.959964), accuracy: 1e-5)
        XCTAssertEqual(Distribution.exponential(mean: 180).quantile(0.5), 180 * log(2), accuracy: 1e-9)
        XCTAssertEqual(Distribution.weibull(shape: 2, scale: 100).quantile(0.5), 100 * log(2).squareRoot(), accuracy: 1e-9)
        XCTAssertEqual(Distribution.uniform(low: 10, high: 40).quantile(0.25), 17.5)
        XCTAssertEqual(Distribution.deterministic(7).quantile(0.9), 7)
    }

    /// Empirical laws sorted for inversion give the empirical quantile; a mixture picks
    /// its component by u and rescales u inside it.
    func testEmpiricalAndMixtureInversion() {
        let empirical = Distribution.empirical([60, 5, 240, 10]).preparedForInversion
        XCTAssertEqual([0.1, 0.3, 0.6, 0.99].map(empirical.quantile), [5, 10, 60, 240])
        let mixture = Distribution.mixture([.init(weight: 0.25, .deterministic(1)), .init(weight: 0.75, .uniform(low: 10, high: 20))])
        XCTAssertEqual(mixture.quantile(0.2), 1)
        XCTAssertEqual(mixture.quantile(0.25 + 0.75 / 2), 15, accuracy: 1e-12)
    }

    /// F⁻¹(U) has the law's moments: 200,000 uniforms (seed 20261129), 99.99 % intervals
    /// (z = 3.89), for the laws whose inversion is not a closed form in one line.
    func testInversionHasTheLawsMoments() {
        let stream = RandomStream(StreamID(seed: 20_261_129, purpose: .test, entity: 40), replication: 0)
        for law in [Distribution.gamma(shape: 0.7, scale: 100), .erlang(phases: 3, mean: 240), .lognormal(mean: 240, sd: 150),
                    .mixture([.init(weight: 0.3, .exponential(mean: 60)), .init(weight: 0.7, .gamma(shape: 2, scale: 150))])] {
            let m = SampleMoments((0..<200_000).map { _ in law.quantile(stream.uniform()) }, z: 3.89)
            XCTAssertTrue(m.meanCovers(law.mean), "\(law): mean \(m.mean) ± \(m.meanHalfWidth) vs \(law.mean)")
            XCTAssertTrue(m.varianceCovers(law.variance), "\(law): variance \(m.variance) ± \(m.varianceHalfWidth) vs \(law.variance)")
        }
    }

    /// Inversion is finite and non-negative over the whole open unit interval, tails included.
    func testQuantilesAreFiniteAtTheTails() {
        for law in [Distribution.gamma(shape: 0.05, scale: 1e9 / 0.05), .gamma(shape: 500, scale: 2), .erlang(phases: 200, mean: 3600),
                    .lognormal(mu: 20, sigma: 3), .weibull(shape: 0.2, scale: 10)] {
            for u in [0x1p-53, 1e-12, 1e-6, 0.5, 1 - 1e-9, 1 - 0x1p-53] {
                let x = law.quantile(u)
                XCTAssertTrue(x.isFinite && x >= 0, "\(law) at \(u): \(x)")
            }
        }
    }
}

final class StreamLayoutTests: XCTestCase {
    /// FNV-1a 32-bit of "a" is 0xE40C292C and of "foobar" 0xBF9CF968 (published test
    /// vectors); folded to 24 bits: 0x0C292C ⊕ 0xE4 = 0x0C29C8, 0x9CF968 ⊕ 0xBF = 0x9CF9D7.
    func testEntityIsFoldedFNV1a() {
        XCTAssertEqual(StreamEntity.of("a"), 0x0C29C8)
        XCTAssertEqual(StreamEntity.of("foobar"), 0x9CF9D7)
        XCTAssertLessThanOrEqual(StreamEntity.of(String(repeating: "x", count: 1000)), StreamID.maxEntity)
    }

    /// 10,000 names get distinct entities whatever their order; a name whose hash no other
    /// name shares keeps it when names are added.
    func testAssignmentIsDistinctAndOrderFree() {
        let names = (0..<10_000).map { "t\($0)" }
        let entities = StreamEntity.assign(names)
        XCTAssertEqual(Set(entities).count, names.count)
        XCTAssertEqual(StreamEntity.assign(names.reversed()), entities.reversed())
        let collided = names.indices.filter { entities[$0] != StreamEntity.of(names[$0]) }
        XCTAssertFalse(collided.isEmpty)  // birthday collisions exist at this size (about 3)
        XCTAssertLessThan(collided.count, 10)
        XCTAssertEqual(StreamEntity.assign(["t5", "new line"]).first, StreamEntity.of("t5"))
    }

    /// Caller k's part j starts exactly 2^40·k + 2^20·j draws into the substream (by matrix
    /// powers, k jumps of 2^40 then j of 2^20: the offset itself exceeds 64 bits for
    /// k ≥ 2^24). Found here: the offset used to be computed in 64 bits, so callers k and
    /// k + 2^24 of one type shared a block (16.8 million callers of a type in one
    /// replication).
    func testRandomAccessCallerBlocksArePositionedByJumpAhead() {
        let id = StreamID(seed: 5, purpose: .redial, entity: 77)
        let blocks = RandomAccessCallerBlocks(id, replication: 3)
        let start = RandomStream(id, replication: 3).state
        let block = (MRG32k3a.a1.powerOfTwo(40), MRG32k3a.a2.powerOfTwo(40)), part = (MRG32k3a.a1.powerOfTwo(20), MRG32k3a.a2.powerOfTwo(20))
        for (caller, j) in [(0, 0), (0, 1), (1, 0), (12_345, 7), (1 << 24, 0), (RandomAccessCallerBlocks.maxCallers - 1, RandomAccessCallerBlocks.maxParts - 1)] {
            let expected = MRG32k3a.advance(MRG32k3a.advance(start, by: block, times: UInt64(caller)), by: part, times: UInt64(j))
            let reference = RandomStream(state: expected)
            let handle = blocks.generator(caller: caller, part: j)
            XCTAssertEqual((0..<3).map { _ in handle.uniform() }, (0..<3).map { _ in reference.uniform() }, "caller \(caller) part \(j)")
        }
        let first = blocks.generator(caller: 0, part: 0).uniform()
        XCTAssertNotEqual(blocks.generator(caller: 1 << 24, part: 0).uniform(), first)  // no longer the same block
    }
}
