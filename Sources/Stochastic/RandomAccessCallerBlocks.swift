import CGSL

/// Random access to one block of numbers per caller, for decisions a caller takes at
/// moments that depend on the state of the center (a redial after abandoning, accepting
/// a callback offer, being reached on a callback attempt).
///
/// Caller k (the k-th arrival of his call type in the replication) owns block k, which
/// starts 2^40 · k draws into the replication's substream of (purpose, call type); the
/// block is cut into parts of 2^20 draws, part j for his j-th decision of that purpose
/// (e.g. his j-th abandonment). So the numbers a caller uses depend only on (type, k, j),
/// never on what other callers did before him: variants that change one caller's path
/// leave every other caller's decisions untouched.
///
/// Blocks stay disjoint while k < 2^36 and parts while j < 2^20 and a part draws fewer
/// than 2^20 numbers.
/// - Complexity: `generator(caller:part:)` costs one 3×3 matrix–vector product per
///   component for each set bit of k and of j (at most 56): meant for rare decisions;
///   the IVR walk, drawn by every caller, uses the sequential `SequentialCallBlocks`.
public final class RandomAccessCallerBlocks {
    public static let blockLength: UInt64 = 1 << 40
    public static let partLength: UInt64 = 1 << 20
    public static let maxCallers = 1 << 36
    public static let maxParts = 1 << 20

    /// Jumps of multiples of 2^20 draws (parts), up to 2^76 (blocks of 2^36 callers).
    static let jumps = JumpTable(log2Step: 20, bits: 56)

    private let owner: RandomStream
    private let start: [UInt64]

    public init(_ id: StreamID, replication: UInt64) {
        owner = RandomStream(id, replication: replication)
        start = owner.state
    }

    /// Positions the generator at part `part` of caller `caller`'s block and returns it.
    /// The handle is valid until the next call of this method.
    public func generator(caller: Int, part: Int) -> RandomStreamHandle {
        precondition(caller >= 0 && caller < Self.maxCallers && part >= 0 && part < Self.maxParts,
                     "caller \(caller) or part \(part) outside the block layout")
        var x = (start[0], start[1], start[2]), y = (start[3], start[4], start[5])
        // Position 2^40·k + 2^20·j = (2^20·k + j) parts of 2^20 draws.
        Self.jumps.advance(&x, &y, by: UInt64(caller) << 20 | UInt64(part))
        let words = ccsim_mrg32k3a_words(owner.rng)!
        words[0] = Int64(x.0); words[1] = Int64(x.1); words[2] = Int64(x.2)
        words[3] = Int64(y.0); words[4] = Int64(y.1); words[5] = Int64(y.2)
        return owner.handle
    }
}
