import CGSL

/// What a random stream is used for. Raw values are part of the stream numbering
/// (see `StreamID`): never renumber a case, only append (14 is retired: v1's draws of a
/// group's own handling times at answer time).
public enum StreamPurpose: UInt8, Sendable, CaseIterable {
    case interarrival = 1
    /// One uniform per call, turned into handling times by inversion (the call's intent's
    /// or type's law, and any group's own law for its type).
    case serviceTime = 2
    case patience = 3
    case balking = 4
    case busyness = 5
    // 6 and 12 are free (they named purposes nothing drew from): numbers are never reused,
    // so that every stream keeps its place.
    case intent = 7
    /// One block per caller for his IVR walk (see `SequentialCallBlocks`).
    case ivrWalk = 8
    /// Time budget for the whole IVR.
    case ivrPatience = 9
    /// Per-caller blocks (`RandomAccessCallerBlocks`): acceptance of each callback offer and the
    /// attempt on which the callback reaches him.
    case callback = 10
    /// Per-caller blocks (`RandomAccessCallerBlocks`): the decision and delay of each redial.
    case redial = 11
    /// Each caller's tolerance of an announced expected wait.
    case announcedWait = 13
    /// One uniform per call, turned into the answering group's after-call work by inversion.
    case afterCallWork = 15
    /// Each caller's patience for a second wait after an agent handed him on.
    case transferPatience = 16
    /// Per-agent blocks (`RandomAccessCallerBlocks`, entity from the group's name): the presence
    /// before, and the length of, each of an agent's absences.
    case absence = 17
    /// Per-entry blocks (`RandomAccessCallerBlocks`, entity from the campaign's name): part j
    /// holds attempt j's draws (outcome, ring, talk, wrong-party talk, wrap-up, connect
    /// wait, reading).
    case outboundEntry = 18
    /// The times between new entries of a campaign's list.
    case listArrival = 19
    /// Per call type, block k = its k-th caller, part j = his j-th queue entry: whether he
    /// takes the offer to go on in another channel, whether he tries it after abandoning,
    /// the delay before, and his patience there (`ChannelSwitch`).
    case channelSwitch = 20
    /// Per call type (chat), block k = its k-th customer, part j = his j-th queue entry:
    /// whether, abandoning, he leaves silently (`SilentAbandonment`).
    case silentAbandon = 21
    /// Reserved for tests and tools that need a stream of their own.
    case test = 255
}

/// Identifies one source of randomness: (seed, purpose, entity).
///
/// **Guarantee (no overlap, no collision).** All streams are disjoint segments of one
/// MRG32k3a sequence (period ≈ 2^191). `StreamID` maps injectively to the stream number
/// `N = seed · 2^32 + purpose · 2^24 + entity` (seed < 2^31, entity < 2^24), and
/// stream N starts at position N · 2^127. Replication r uses substream r, which starts
/// 2^76 · r further (r < 2^51). So two different (seed, purpose, entity, replication)
/// never share a number as long as one replication draws fewer than 2^76 numbers from
/// one stream, and N · 2^127 < 2^190 stays inside one period.
public struct StreamID: Hashable, Sendable, CustomStringConvertible {
    public static let maxSeed: UInt64 = (1 << 31) - 1
    public static let maxEntity: Int = (1 << 24) - 1
    public static let maxReplication: UInt64 = (1 << 51) - 1

    public let seed: UInt64
    public let purpose: StreamPurpose
    public let entity: Int

    public init(seed: UInt64, purpose: StreamPurpose, entity: Int = 0) {
        precondition(seed <= Self.maxSeed, "seed \(seed) exceeds \(Self.maxSeed)")
        precondition(entity >= 0 && entity <= Self.maxEntity, "entity \(entity) out of range")
        self.seed = seed
        self.purpose = purpose
        self.entity = entity
    }

    /// The global stream number N (see the type's documentation).
    public var streamNumber: UInt64 {
        (seed << 32) | (UInt64(purpose.rawValue) << 24) | UInt64(entity)
    }

    public var description: String { "(seed \(seed), \(purpose), entity \(entity))" }
}

/// Installs GSL's "off" error handler once; GSL's default handler aborts the process.
/// Every entry point that calls GSL goes through `RandomStream` or `SpecialFunctions`,
/// which call this first. Idempotent and thread-safe (a Swift global is initialised once).
public enum GSL {
    private static let handlerInstalled: Bool = {
        _ = gsl_set_error_handler_off()
        return true
    }()

    @inline(__always)
    public static func ensureErrorHandlerOff() { _ = handlerInstalled }

    /// The version string of the linked GSL library.
    public static var version: String { String(cString: ccsim_gsl_version()) }
}

/// A GSL random number generator positioned at the start of one substream of MRG32k3a.
/// Every GSL sampler (`gsl_ran_*`) draws from it. Not thread-safe: one replication owns it.
public final class RandomStream {
    @usableFromInline let rng: UnsafeMutablePointer<gsl_rng>
    public let id: StreamID
    public let replication: UInt64

    /// Substream `replication` of stream `id`.
    public init(_ id: StreamID, replication: UInt64) {
        precondition(replication <= StreamID.maxReplication, "replication \(replication) out of range")
        GSL.ensureErrorHandlerOff()
        guard let rng = gsl_rng_alloc(ccsim_gsl_rng_mrg32k3a()) else {
            fatalError("gsl_rng_alloc failed: out of memory")
        }
        self.rng = rng
        self.id = id
        self.replication = replication
        let state = MRG32k3a.startState(stream: id.streamNumber, substream: replication)
        let words = ccsim_mrg32k3a_words(rng)!
        for i in 0..<6 { words[i] = Int64(state[i]) }
    }

    /// A stream at L'Ecuyer's reference seed (12345, …, 12345): stream 0 of RngStreams.
    /// Used to check the generator against published output.
    public static func referenceStream() -> RandomStream {
        RandomStream(state: MRG32k3a.referenceSeed)
    }

    /// A stream at an explicit MRG32k3a state (x1 oldest first, then x2).
    public convenience init(state: [UInt64]) {
        self.init(StreamID(seed: 0, purpose: .test), replication: 0)
        precondition(state.count == 6)
        let words = ccsim_mrg32k3a_words(rng)!
        for i in 0..<6 { words[i] = Int64(state[i]) }
    }

    deinit { gsl_rng_free(rng) }

    /// The current six state words.
    public var state: [UInt64] {
        let words = ccsim_mrg32k3a_words(rng)!
        return (0..<6).map { UInt64(words[$0]) }
    }

    /// Puts the generator back at a state read earlier from `state` (a checkpoint of a
    /// paused simulation: the numbers drawn next are those drawn after the read).
    public func restore(state: [UInt64]) {
        precondition(state.count == 6, "an MRG32k3a state has six words")
        let words = ccsim_mrg32k3a_words(rng)!
        for i in 0..<6 { words[i] = Int64(state[i]) }
    }

    /// A non-owning handle for the simulation's hot path (no reference counting).
    /// Valid only while this stream is alive: whoever holds handles keeps the stream.
    @inlinable public var handle: RandomStreamHandle { RandomStreamHandle(rng: rng) }

    /// A uniform variate in (0, 1) (MRG32k3a never returns 0 or 1).
    @inlinable public func uniform() -> Double { gsl_rng_uniform(rng) }

    /// true with probability p. Always consumes exactly one uniform (u in (0,1), so p = 0
    /// is never and p = 1 always true), which keeps variants with different p synchronised.
    @inlinable public func bernoulli(_ p: Double) -> Bool { gsl_rng_uniform(rng) < p }
}

/// A trivially copyable, non-owning reference to a `RandomStream`'s generator, so that
/// the event loop draws numbers without retain/release traffic. It must not outlive the
/// `RandomStream` it came from (the owner keeps the streams in a stored property).
public struct RandomStreamHandle {
    @usableFromInline let rng: UnsafeMutablePointer<gsl_rng>

    @inlinable init(rng: UnsafeMutablePointer<gsl_rng>) { self.rng = rng }

    /// A uniform variate in (0, 1).
    @inlinable public func uniform() -> Double { gsl_rng_uniform(rng) }

    /// true with probability p; always consumes exactly one uniform.
    @inlinable public func bernoulli(_ p: Double) -> Bool { gsl_rng_uniform(rng) < p }
}
