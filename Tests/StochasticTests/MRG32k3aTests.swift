import XCTest
@testable import Stochastic

final class MRG32k3aTests: XCTestCase {
    /// A1p76, A2p76, A1p127, A2p127 as published in L'Ecuyer's RngStreams.c
    /// (L'Ecuyer, Simard, Chen & Kelton 2002); ours are computed by squaring A.
    func testJumpMatricesMatchPublishedValues() {
        XCTAssertEqual(MRG32k3a.substreamJump.0.entries, [
            82_758_667, 1_871_391_091, 4_127_413_238,
            3_672_831_523, 69_195_019, 1_871_391_091,
            3_672_091_415, 3_528_743_235, 69_195_019])
        XCTAssertEqual(MRG32k3a.substreamJump.1.entries, [
            1_511_326_704, 3_759_209_742, 1_610_795_712,
            4_292_754_251, 1_511_326_704, 3_889_917_532,
            3_859_662_829, 4_292_754_251, 3_708_466_080])
        XCTAssertEqual(MRG32k3a.streamJump.0.entries, [
            2_427_906_178, 3_580_155_704, 949_770_784,
            226_153_695, 1_230_515_664, 3_580_155_704,
            1_988_835_001, 986_791_581, 1_230_515_664])
        XCTAssertEqual(MRG32k3a.streamJump.1.entries, [
            1_464_411_153, 277_697_599, 1_610_723_613,
            32_183_930, 1_464_411_153, 1_022_607_788,
            2_824_425_944, 32_183_930, 2_093_834_863])
    }

    /// Output of RngStream.c from its default state (12345, …, 12345): the first five
    /// uniforms, their integers Y = u·(m1+1), and u[999], u[99999], u[999999].
    func testReferenceOutputFromDefaultSeed() {
        let stream = RandomStream.referenceStream()
        var u: [Double] = []
        for _ in 0..<1_000_000 { u.append(stream.uniform()) }
        XCTAssertEqual(Array(u[0..<5]), [0.12701112204657714, 0.3185275653967945, 0.30918601558327008,
                                          0.82584686292711362, 0.2216299157820229])
        XCTAssertEqual(u[0] * 4_294_967_088, 545_508_589)
        XCTAssertEqual(u[1] * 4_294_967_088, 1_368_065_410)
        XCTAssertEqual(u[2] * 4_294_967_088, 1_327_943_761)
        XCTAssertEqual(u[999], 0.98607848680213228)
        XCTAssertEqual(u[99_999], 0.69628910995743587)
        XCTAssertEqual(u[999_999], 0.37578835621568801)
    }

    /// Advancing by the matrix A^k equals k steps of the C recurrence.
    func testMatrixAdvanceEqualsStepping() {
        let stream = RandomStream.referenceStream()
        for _ in 0..<1234 { _ = stream.uniform() }
        let jumped = MRG32k3a.advance(MRG32k3a.referenceSeed, by: (MRG32k3a.a1, MRG32k3a.a2), times: 1234)
        XCTAssertEqual(stream.state, jumped)
    }

    /// Substream r starts where r substream jumps from the stream start lead, and
    /// powers compose: (A^(2^76))^3 = A^(2^76) · A^(2^76) · A^(2^76).
    /// The jump tables (one matrix–vector product per set bit) put a stream where binary
    /// powering of the jump matrices does, for stream numbers up to 2^64 − 1 and
    /// substreams up to 2^51 − 1.
    func testJumpTablesEqualMatrixPowers() {
        for (stream, substream) in [(0, 0), (1, 1), (5, 2), (0xDEAD_BEEF_1234, 99_999), (UInt64.max, (1 << 51) - 1), (1 << 63, 1 << 50)]
            as [(UInt64, UInt64)] {
            let byPowers = MRG32k3a.advance(MRG32k3a.advance(MRG32k3a.referenceSeed, by: MRG32k3a.streamJump, times: stream),
                                            by: MRG32k3a.substreamJump, times: substream)
            XCTAssertEqual(MRG32k3a.startState(stream: stream, substream: substream), byPowers, "\(stream), \(substream)")
        }
    }

    func testSubstreamPositionsCompose() {
        let j = MRG32k3a.substreamJump
        XCTAssertEqual(j.0.power(3), j.0 * j.0 * j.0)
        XCTAssertEqual(j.1.power(3), j.1 * j.1 * j.1)
        let s0 = MRG32k3a.startState(stream: 5, substream: 0)
        let s2 = MRG32k3a.startState(stream: 5, substream: 2)
        XCTAssertEqual(MRG32k3a.advance(MRG32k3a.advance(s0, by: j, times: 1), by: j, times: 1), s2)
        // A^(2^127) = (A^(2^76))^(2^51).
        XCTAssertEqual(j.0.power(1 << 51), MRG32k3a.streamJump.0)
        XCTAssertEqual(j.1.power(1 << 51), MRG32k3a.streamJump.1)
    }

    func testStreamNumbersAreInjectiveAndBelowOnePeriod() {
        var seen = Set<UInt64>()
        for seed: UInt64 in [0, 1, 2, StreamID.maxSeed] {
            for purpose in StreamPurpose.allCases {
                for entity in [0, 1, 2, StreamID.maxEntity] {
                    let id = StreamID(seed: seed, purpose: purpose, entity: entity)
                    XCTAssertTrue(seen.insert(id.streamNumber).inserted, "\(id)")
                    XCTAssertLessThan(id.streamNumber, 1 << 63)  // N · 2^127 < 2^190 < period
                }
            }
        }
    }

    func testSameSourceSameNumbersDifferentSourceDifferentNumbers() {
        let id = StreamID(seed: 7, purpose: .serviceTime, entity: 3)
        let a = RandomStream(id, replication: 4), b = RandomStream(id, replication: 4)
        let first = (0..<100).map { _ in a.uniform() }
        XCTAssertEqual(first, (0..<100).map { _ in b.uniform() })
        let others = [
            RandomStream(id, replication: 5),
            RandomStream(StreamID(seed: 8, purpose: .serviceTime, entity: 3), replication: 4),
            RandomStream(StreamID(seed: 7, purpose: .patience, entity: 3), replication: 4),
            RandomStream(StreamID(seed: 7, purpose: .serviceTime, entity: 4), replication: 4),
        ]
        for other in others {
            XCTAssertNotEqual(first, (0..<100).map { _ in other.uniform() })
        }
    }

    func testUniformsStayInsideOpenUnitInterval() {
        let s = RandomStream(StreamID(seed: 3, purpose: .test), replication: 0)
        for _ in 0..<100_000 {
            let u = s.uniform()
            XCTAssertTrue(u > 0 && u < 1)
        }
    }
}
