/// Jump-ahead arithmetic for MRG32k3a (L'Ecuyer 1999; streams and substreams as in
/// L'Ecuyer, Simard, Chen & Kelton 2002, "An object-oriented random-number package with
/// many long streams and substreams", Oper. Res. 50(6):1073-1075).
///
/// The generator's two components are linear recurrences x_n = A x_{n-1} (mod m), so
/// advancing by k steps is a multiplication by A^k (mod m), computed by binary powering.
/// The recurrence step itself lives in C (`shim.h`), registered as a `gsl_rng_type`.
public enum MRG32k3a {
    public static let m1: UInt64 = 4_294_967_087
    public static let m2: UInt64 = 4_294_944_443

    /// L'Ecuyer's reference seed: the state of stream 0 in RngStreams.
    public static let referenceSeed: [UInt64] = [12345, 12345, 12345, 12345, 12345, 12345]

    /// A 3×3 matrix of residues modulo `modulus`, row-major.
    public struct Matrix: Equatable, Sendable {
        public var entries: [UInt64]
        public let modulus: UInt64

        public init(_ entries: [UInt64], modulus: UInt64) {
            precondition(entries.count == 9, "a 3×3 matrix has 9 entries")
            self.entries = entries
            self.modulus = modulus
        }

        public static func identity(modulus: UInt64) -> Matrix {
            Matrix([1, 0, 0, 0, 1, 0, 0, 0, 1], modulus: modulus)
        }

        /// (a · b) mod m for a, b < m < 2^32: the product fits in 64 bits.
        @inline(__always)
        static func mulMod(_ a: UInt64, _ b: UInt64, _ m: UInt64) -> UInt64 { (a &* b) % m }

        public static func * (lhs: Matrix, rhs: Matrix) -> Matrix {
            precondition(lhs.modulus == rhs.modulus, "moduli differ")
            let m = lhs.modulus
            var out = [UInt64](repeating: 0, count: 9)
            for i in 0..<3 {
                for j in 0..<3 {
                    var sum: UInt64 = 0
                    for k in 0..<3 {
                        sum = (sum + mulMod(lhs.entries[3 * i + k], rhs.entries[3 * k + j], m)) % m
                    }
                    out[3 * i + j] = sum
                }
            }
            return Matrix(out, modulus: m)
        }

        /// Matrix–vector product modulo m.
        public func apply(_ v: [UInt64]) -> [UInt64] {
            precondition(v.count == 3)
            return (0..<3).map { i in
                (0..<3).reduce(UInt64(0)) { ($0 + Self.mulMod(entries[3 * i + $1], v[$1], modulus)) % modulus }
            }
        }

        /// self^exponent by binary powering. - Complexity: O(log exponent) products.
        public func power(_ exponent: UInt64) -> Matrix {
            var result = Matrix.identity(modulus: modulus)
            var base = self
            var e = exponent
            while e > 0 {
                if e & 1 == 1 { result = result * base }
                e >>= 1
                if e > 0 { base = base * base }
            }
            return result
        }

        /// self^(2^e) by e squarings.
        public func powerOfTwo(_ e: Int) -> Matrix {
            var result = self
            for _ in 0..<e { result = result * result }
            return result
        }
    }

    /// One-step transition matrices of the two components (state oldest first).
    public static let a1 = Matrix([0, 1, 0, 0, 0, 1, m1 - 810_728, 1_403_580, 0], modulus: m1)
    public static let a2 = Matrix([0, 1, 0, 0, 0, 1, m2 - 1_370_589, 0, 527_612], modulus: m2)

    /// Substream length 2^76 (RngStreams' A1p76, A2p76).
    public static let substreamJump = (a1.powerOfTwo(76), a2.powerOfTwo(76))
    /// Stream length 2^127 (RngStreams' A1p127, A2p127).
    public static let streamJump = (a1.powerOfTwo(127), a2.powerOfTwo(127))

    /// The state reached from `state` after `count` jumps of the given size.
    public static func advance(_ state: [UInt64], by jump: (Matrix, Matrix), times count: UInt64) -> [UInt64] {
        precondition(state.count == 6)
        let first = jump.0.power(count).apply(Array(state[0..<3]))
        let second = jump.1.power(count).apply(Array(state[3..<6]))
        return first + second
    }

    /// Start of substream `substream` of stream `stream`, counting from the reference seed:
    /// position 2^127 · stream + 2^76 · substream in the generator's single sequence.
    /// One matrix–vector product per component for each set bit of `stream` and of
    /// `substream` (`JumpTable`): a replication opens its dozen streams in microseconds.
    public static func startState(stream: UInt64, substream: UInt64) -> [UInt64] {
        precondition(substream < 1 << 51, "substream \(substream) beyond 2^51")
        var x = (referenceSeed[0], referenceSeed[1], referenceSeed[2]), y = (referenceSeed[3], referenceSeed[4], referenceSeed[5])
        streamTable.advance(&x, &y, by: stream)
        substreamTable.advance(&x, &y, by: substream)
        return [x.0, x.1, x.2, y.0, y.1, y.2]
    }

    static let streamTable = JumpTable(log2Step: 127, bits: 64)
    static let substreamTable = JumpTable(log2Step: 76, bits: 51)
}

/// Jumps of count · 2^s steps without matrix powers: the table holds A^(2^(s+e)) of both
/// components for e = 0 ..< bits, and a jump applies the entry of each set bit e of the
/// count to the state (the powers of A commute): at most `bits` 3×3 matrix–vector
/// products per component, no allocation.
public struct JumpTable: Sendable {
    let first: [[UInt64]]
    let second: [[UInt64]]

    public init(log2Step s: Int, bits: Int) {
        var a = MRG32k3a.a1.powerOfTwo(s), b = MRG32k3a.a2.powerOfTwo(s)
        var first: [[UInt64]] = [], second: [[UInt64]] = []
        for e in 0..<bits {
            first.append(a.entries)
            second.append(b.entries)
            if e + 1 < bits {
                a = a * a
                b = b * b
            }
        }
        self.first = first
        self.second = second
    }

    /// Advances the state (x: first component, y: second, oldest first) by count · 2^s.
    @inline(__always)
    public func advance(_ x: inout (UInt64, UInt64, UInt64), _ y: inout (UInt64, UInt64, UInt64), by count: UInt64) {
        precondition(count >> UInt64(first.count) == 0 || first.count >= 64, "count \(count) beyond the table")
        var bits = count, e = 0
        while bits != 0 {
            if bits & 1 == 1 {
                x = Self.apply(first[e], x, MRG32k3a.m1)
                y = Self.apply(second[e], y, MRG32k3a.m2)
            }
            bits >>= 1
            e += 1
        }
    }

    /// m · v (mod modulus) for a row-major 3×3 m with entries and v below 2^32.
    @inline(__always)
    static func apply(_ m: [UInt64], _ v: (UInt64, UInt64, UInt64), _ modulus: UInt64) -> (UInt64, UInt64, UInt64) {
        func row(_ r: Int) -> UInt64 {
            ((m[3 * r] &* v.0) % modulus + (m[3 * r + 1] &* v.1) % modulus + (m[3 * r + 2] &* v.2) % modulus) % modulus
        }
        return (row(0), row(1), row(2))
    }
}
