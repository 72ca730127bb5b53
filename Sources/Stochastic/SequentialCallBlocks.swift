import CGSL

/// One block of random numbers per call, for decisions whose number varies from call to
/// call (an IVR walk): call k of a replication draws from its own block, which starts
/// 2^40 · k draws into the replication's substream of (purpose, entity). What call k
/// does therefore never depends on what calls before it drew, so variants that change
/// one caller's path leave every other caller's draws untouched (common random numbers).
///
/// Blocks stay disjoint while a call draws fewer than 2^40 numbers and a replication
/// has fewer than 2^36 calls (2^36 · 2^40 = 2^76, one substream).
/// - Complexity: `startNextCall` is one 3×3 matrix–vector product per component.
public final class SequentialCallBlocks {
    public static let blockLength: UInt64 = 1 << 40
    static let jump = (MRG32k3a.a1.powerOfTwo(40), MRG32k3a.a2.powerOfTwo(40))

    private let owner: RandomStream
    private var nextStart: [UInt64]
    private let m1 = MRG32k3a.m1
    private let m2 = MRG32k3a.m2
    private let j1: [UInt64]
    private let j2: [UInt64]

    public init(_ id: StreamID, replication: UInt64) {
        owner = RandomStream(id, replication: replication)
        nextStart = owner.state
        j1 = Self.jump.0.entries
        j2 = Self.jump.1.entries
    }

    /// Where the blocks stand: the generator's state (inside the current call's block)
    /// and the start of the next call's block; `restore` puts both back.
    public var checkpoint: [UInt64] { owner.state + nextStart }

    public func restore(_ checkpoint: [UInt64]) {
        precondition(checkpoint.count == 12, "a block checkpoint has twelve words")
        owner.restore(state: Array(checkpoint[0..<6]))
        nextStart = Array(checkpoint[6..<12])
    }

    /// Positions the generator at the start of the next call's block and returns it.
    public func startNextCall() -> RandomStreamHandle {
        let words = ccsim_mrg32k3a_words(owner.rng)!
        for i in 0..<6 { words[i] = Int64(nextStart[i]) }
        // nextStart ← A^(2^40) · nextStart, per component.
        let a = (nextStart[0], nextStart[1], nextStart[2]), b = (nextStart[3], nextStart[4], nextStart[5])
        for row in 0..<3 {
            nextStart[row] = ((j1[3 * row] &* a.0) % m1 + (j1[3 * row + 1] &* a.1) % m1 + (j1[3 * row + 2] &* a.2) % m1) % m1
            nextStart[3 + row] = ((j2[3 * row] &* b.0) % m2 + (j2[3 * row + 1] &* b.1) % m2 + (j2[3 * row + 2] &* b.2) % m2) % m2
        }
        return owner.handle
    }
}
