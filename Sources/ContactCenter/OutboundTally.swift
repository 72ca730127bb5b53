/// What the outbound campaigns did in a replication (one tally per campaign, one per
/// period of a day, and their total): dials counted when made in the measurement window
/// (each ends in exactly one outcome), and what became of the list's entries over the
/// whole replication (a list is worked from its window's opening, warm-up included).
///
/// Conservation: attempts = connects + wrong parties + machines + no answers + busy lines;
/// a live answer (connect or wrong party) is talked to by an agent or, with a predictive
/// dialer, hung up on by the system (`nuisance`); every entry taken from the list ends
/// completed, closed (a wrong number), exhausted (its attempts used up), or is still on
/// the list when the window closes.
public struct OutboundTally: Sendable, Equatable {
    public var attempts = 0
    /// Right-party answers (the customer picked up), talked to or hung up on.
    public var connects = 0
    public var wrongParties = 0
    public var machines = 0
    public var noAnswers = 0
    public var busyLines = 0
    /// Live answers (right or wrong party) the system hung up on: no agent within the
    /// campaign's connect wait.
    public var nuisance = 0
    /// Right-party conversations an agent took (a completed entry).
    public var completed = 0
    /// Entries dialled for the first time in the window; entries completed, closed as a
    /// wrong number or exhausted (attempts used up) in the replication.
    public var entriesStarted = 0
    public var entriesDone = 0
    public var entriesExhausted = 0
    /// Entries on the list: there when the window opened, or added while it was open
    /// (0 for an endless list).
    public var listEntries = 0
    /// Agent time on outbound work in the window: reading (preview), waiting on a dial
    /// (preview, progressive), talking and after-call work (seconds).
    public var agentSeconds = 0.0

    public init() {}

    /// Live answers: right and wrong parties.
    public var liveAnswers: Int { connects + wrongParties }

    /// Every dial ended in one outcome.
    public var isConserved: Bool { attempts == connects + wrongParties + machines + noAnswers + busyLines }

    static func + (a: OutboundTally, b: OutboundTally) -> OutboundTally {
        var s = a
        s.attempts += b.attempts
        s.connects += b.connects
        s.wrongParties += b.wrongParties
        s.machines += b.machines
        s.noAnswers += b.noAnswers
        s.busyLines += b.busyLines
        s.nuisance += b.nuisance
        s.completed += b.completed
        s.entriesStarted += b.entriesStarted
        s.entriesDone += b.entriesDone
        s.entriesExhausted += b.entriesExhausted
        s.listEntries += b.listEntries
        s.agentSeconds += b.agentSeconds
        return s
    }

    /// Counts one dial's outcome.
    mutating func count(_ outcome: DialOutcome) {
        switch outcome {
        case .connect: connects += 1
        case .wrongParty: wrongParties += 1
        case .machine: machines += 1
        case .noAnswer: noAnswers += 1
        case .busy: busyLines += 1
        }
    }
}

/// One campaign's figures (`<campaign>.<metric>` when there are several).
public struct CampaignCounters: Sendable, Equatable {
    public var name: String
    public var tally = OutboundTally()
    public init(name: String) { self.name = name }
}
