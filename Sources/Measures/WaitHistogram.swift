/// Streaming histogram of non-negative durations for quantiles (wait percentiles), with
/// constant memory and a stated accuracy.
///
/// Buckets are log-linear (as in HdrHistogram): exact zeros have their own count; values
/// below 1 s fall in linear buckets of width 1/`subBuckets` s; a value in [2^e, 2^(e+1))
/// falls in one of `subBuckets` equal buckets of width 2^e/`subBuckets`. A quantile is
/// reported as its bucket's midpoint, so for values ≥ 1 s the relative error is at most
/// 1/(2·subBuckets) = 0.39 %, and below 1 s the absolute error is at most 1/256 s.
/// Values of 2^maxExponent s (≈ 388 days) or more land in an overflow count and are
/// reported as +infinity.
/// - Complexity: `add` O(1); `quantile` O(buckets) = O(subBuckets · maxExponent).
///   Memory: the 3,328 bucket counts (26 KB) are allocated at the first nonzero value, so
///   an empty histogram (or one replaced by an empty one once merged) costs almost nothing.
public struct WaitHistogram: Sendable, Equatable {
    /// log2 of `subBuckets`.
    public static let subBucketBits = 7
    public static let subBuckets = 1 << subBucketBits
    public static let maxExponent = 25
    public static let relativeAccuracy = 1.0 / Double(2 * subBuckets)

    /// Empty until a value falls in a bucket; then `bucketCount` entries.
    @usableFromInline var counts: [UInt64] = []
    @usableFromInline var zeros: UInt64 = 0
    @usableFromInline var overflows: UInt64 = 0
    @usableFromInline var recorded: UInt64 = 0

    /// Values recorded as exactly 0.
    public var zeroCount: UInt64 { zeros }
    /// Values at or above the overflow limit.
    public var overflowCount: UInt64 { overflows }
    /// All values recorded.
    public var total: UInt64 { recorded }

    @usableFromInline static let bucketCount = subBuckets * (maxExponent + 1)

    public init() {}

    /// Equal when every count is (unallocated counts are zeros).
    public static func == (a: WaitHistogram, b: WaitHistogram) -> Bool {
        guard a.zeros == b.zeros, a.overflows == b.overflows, a.recorded == b.recorded else { return false }
        if a.counts.isEmpty || b.counts.isEmpty { return (a.counts + b.counts).allSatisfy { $0 == 0 } }
        return a.counts == b.counts
    }

    /// Bucket of a value v > 0 below the overflow limit.
    /// For v ≥ 1 read from v's bits: v = 2^e · (1 + f) with e its unbiased exponent and the
    /// 52-bit fraction f; the sub-bucket ⌊f · subBuckets⌋ is the fraction's top `subBucketBits` bits.
    @inlinable @inline(__always)
    static func bucket(of v: Double) -> Int {
        if v < 1 { return Int(v * Double(subBuckets)) }
        let bits = v.bitPattern
        let e = Int(truncatingIfNeeded: bits >> 52) &- 1023  // v in [2^e, 2^(e+1)), v normal and > 0
        let subBucket = Int(truncatingIfNeeded: (bits >> UInt64(52 - subBucketBits)) & UInt64(subBuckets - 1))
        return subBuckets &* (e &+ 1) &+ subBucket
    }

    /// Lower and upper edge of bucket i.
    static func edges(of i: Int) -> (Double, Double) {
        let block = i / subBuckets, offset = i % subBuckets
        if block == 0 {
            return (Double(offset) / Double(subBuckets), Double(offset + 1) / Double(subBuckets))
        }
        let base = Double(sign: .plus, exponent: block - 1, significand: 1)
        let width = base / Double(subBuckets)
        return (base + Double(offset) * width, base + Double(offset + 1) * width)
    }

    @inlinable
    public mutating func add(_ v: Double) {
        precondition(v >= 0, "durations are non-negative (got \(v))")
        recorded &+= 1
        if v == 0 { zeros &+= 1; return }
        if v >= Double(sign: .plus, exponent: Self.maxExponent, significand: 1) {
            overflows &+= 1
            return
        }
        if counts.isEmpty { counts = [UInt64](repeating: 0, count: Self.bucketCount) }
        counts[Self.bucket(of: v)] &+= 1
    }

    /// The nonzero bucket counts as (bucket index, count), in index order: with the zero,
    /// overflow and total counts, everything the histogram holds (for writing it out).
    public var nonzeroBuckets: [(bucket: Int, count: UInt64)] {
        counts.indices.filter { counts[$0] > 0 }.map { ($0, counts[$0]) }
    }

    /// A histogram from counts written out by `nonzeroBuckets`; nil when a bucket index is
    /// out of range or the counts do not add up to `total`.
    public init?(zeros: UInt64, overflows: UInt64, total: UInt64, buckets: [(bucket: Int, count: UInt64)]) {
        var sum = zeros.addingReportingOverflow(overflows)
        guard !sum.overflow else { return nil }
        if !buckets.isEmpty { counts = [UInt64](repeating: 0, count: Self.bucketCount) }
        for (i, c) in buckets {
            guard i >= 0 && i < Self.bucketCount, c > 0, counts[i] == 0 else { return nil }
            counts[i] = c
            sum = sum.partialValue.addingReportingOverflow(c)
            guard !sum.overflow else { return nil }
        }
        guard sum.partialValue == total else { return nil }
        self.zeros = zeros
        self.overflows = overflows
        recorded = total
    }

    public mutating func merge(_ other: WaitHistogram) {
        if !other.counts.isEmpty {
            if counts.isEmpty { counts = other.counts } else { for i in counts.indices { counts[i] &+= other.counts[i] } }
        }
        zeros &+= other.zeros
        overflows &+= other.overflows
        recorded &+= other.recorded
    }

    /// The q-quantile (0 ≤ q ≤ 1): the smallest recorded value x with
    /// P(X ≤ x) ≥ q, to the accuracy stated on the type; NaN when empty.
    public func quantile(_ q: Double) -> Double {
        precondition(q >= 0 && q <= 1, "quantile level must be in [0, 1]")
        guard total > 0 else { return .nan }
        let rank = max(1, UInt64((q * Double(total)).rounded(.up)))
        var seen = zeroCount
        if seen >= rank { return 0 }
        for i in counts.indices where counts[i] > 0 {
            seen += counts[i]
            if seen >= rank {
                let (low, high) = Self.edges(of: i)
                return (low + high) / 2
            }
        }
        return .infinity
    }
}
