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
    public static func startState(stream: UInt64, substream: UInt64) -> [UInt64] {
        let streamStart = advance(referenceSeed, by: streamJump, times: stream)
        return advance(streamStart, by: substreamJump, times: substream)
    }
}
