import Stochastic

/// An outbound campaign: a list of customers the center calls, a dialer that decides when
/// to dial, and agents of the groups that list it (`AgentGroupConfig.campaigns`) who talk
/// to the customers reached.
///
/// Every list entry is dialled at most `maxAttempts` times; each dial ends in one
/// `DialOutcome` (probabilities `outcomes`, drawn per attempt): a right-party connect is
/// talked to (`talkSeconds`, then `afterCallWorkSeconds`) and completes the entry; a wrong
/// party takes an agent `wrongPartySeconds` and closes the entry (the number is wrong); a
/// machine, no answer or busy line is retried `retryDelaySeconds` later (by outcome) until
/// the attempts are used up (then the entry is exhausted). Entries left when the calling
/// window closes stay on the list. All of an entry's draws come from its own block
/// (entry e, attempt j: `RandomAccessCallerBlocks`), so a campaign's variants see the same
/// customers and inbound streams never move.
public struct Campaign: Sendable, Equatable {
    public var name: String
    /// Entries on the list when the window opens; nil: an endless list (never exhausted).
    public var listSize: Int?
    /// New entries per hour while the window is open (Poisson), beside `listSize`; with a
    /// day plan, per period instead (`newEntriesPerHourByPeriod`, a piecewise-constant rate).
    public var newEntriesPerHour = 0.0
    public var newEntriesPerHourByPeriod: [Double]?
    /// The calling windows [start, end) in seconds of the replication's clock, in time
    /// order and apart (e.g. 09:00–12:00 and 14:00–19:00); empty: the horizon's
    /// measurement window (a day: the whole day). No dial is made between them; the list
    /// and its new entries carry over.
    public var windowsSeconds: [ClosedRange<Double>] = []
    public var maxAttempts = 3
    public var outcomes: DialOutcomes
    /// With a day plan: the outcomes of a dial made in period k (who is at home, by hour);
    /// nil: `outcomes` all day.
    public var outcomesByPeriod: [DialOutcomes]?
    /// Dial to answer (right party, wrong party or machine); a busy line is known after
    /// `busySeconds`, no answer after `noAnswerSeconds` of ringing.
    public var ringSeconds: Distribution = .deterministic(15)
    public var noAnswerSeconds = 30.0
    public var busySeconds = 5.0
    /// Delay before the next attempt, by the outcome of the last one.
    public var retryDelaySeconds = RetryDelays()
    public var talkSeconds: Distribution
    public var wrongPartySeconds: Distribution = .deterministic(20)
    public var afterCallWorkSeconds: Distribution?
    public var dialer: Dialer = .progressive
    /// How long a reached customer (predictive dialling) waits for an agent before the
    /// system hangs up on him: a nuisance call.
    public var connectWaitSeconds: Distribution = .deterministic(2)

    public init(name: String, listSize: Int?, outcomes: DialOutcomes, talkSeconds: Distribution, dialer: Dialer = .progressive) {
        self.name = name
        self.listSize = listSize
        self.outcomes = outcomes
        self.talkSeconds = talkSeconds
        self.dialer = dialer
    }

    /// Every problem as (key, message) under the campaign's path; empty when valid.
    public var problems: [(key: String, message: String)] {
        var out: [(key: String, message: String)] = []
        if name.isEmpty { out.append(("name", "must not be empty")) }
        if let n = listSize, !(0...100_000_000).contains(n) { out.append(("list.size", "must be in 0...100000000 (got \(n))")) }
        if !(newEntriesPerHour >= 0 && newEntriesPerHour <= 1e7) {
            out.append(("list.per_hour", "must be in 0...1e7 (got \(newEntriesPerHour))"))
        }
        for (k, w) in windowsSeconds.enumerated() where !(w.lowerBound >= 0 && w.upperBound.isFinite && w.lowerBound < w.upperBound
                                                          && (k == 0 || windowsSeconds[k - 1].upperBound < w.lowerBound)) {
            out.append(("window", "windows must lie within the day, each open before it closes, in time order and apart "
                        + "(got \(w.lowerBound)...\(w.upperBound) s)"))
        }
        if !(1...20).contains(maxAttempts) { out.append(("attempts", "must be in 1...20 (got \(maxAttempts))")) }
        out += outcomes.problems.map { ("outcomes" + ($0.key.isEmpty ? "" : "." + $0.key), $0.message) }
        for (k, o) in (outcomesByPeriod ?? []).enumerated() {
            out += o.problems.map { ("outcomes_by_period[\(k)]" + ($0.key.isEmpty ? "" : "." + $0.key), $0.message) }
        }
        for (k, x) in (newEntriesPerHourByPeriod ?? []).enumerated() where !(x >= 0 && x <= 1e7) {
            out.append(("list.per_hour_by_period[\(k)]", "must be in 0...1e7 (got \(x))"))
        }
        for (key, law) in [("ring", ringSeconds), ("talk", talkSeconds), ("wrong_party_talk", wrongPartySeconds),
                           ("connect_wait", connectWaitSeconds)] + (afterCallWorkSeconds.map { [("after_call_work", $0)] } ?? []) {
            for q in law.parameterProblems { out.append((key + (q.key.isEmpty ? "" : "." + q.key), q.message)) }
        }
        for (key, x) in [("no_answer_seconds", noAnswerSeconds), ("busy_seconds", busySeconds),
                         ("retry_seconds.no_answer", retryDelaySeconds.noAnswer), ("retry_seconds.busy", retryDelaySeconds.busy),
                         ("retry_seconds.machine", retryDelaySeconds.machine)]
            where !(x >= 0 && x <= Distribution.maxMeanSeconds) {
            out.append((key, "must be in 0...1e9 seconds (got \(x))"))
        }
        out += dialer.problems.map { ("dialer.\($0.key)", $0.message) }
        return out
    }
}

/// How one dial ends.
public enum DialOutcome: Int, Sendable, CaseIterable {
    case connect, wrongParty, machine, noAnswer, busy
}

/// The probabilities of a dial's outcomes (they sum to 1).
public struct DialOutcomes: Sendable, Equatable {
    public var connect: Double
    public var wrongParty = 0.0
    public var machine = 0.0
    public var busy = 0.0
    /// What is left: 1 − the others.
    public var noAnswer: Double { max(0, 1 - connect - wrongParty - machine - busy) }

    public init(connect: Double, wrongParty: Double = 0, machine: Double = 0, busy: Double = 0) {
        self.connect = connect
        self.wrongParty = wrongParty
        self.machine = machine
        self.busy = busy
    }

    /// The outcome of uniform u: connect, wrong party, machine, busy, then no answer, by
    /// cumulative probability.
    public func outcome(_ u: Double) -> DialOutcome {
        var edge = connect
        if u < edge { return .connect }
        edge += wrongParty
        if u < edge { return .wrongParty }
        edge += machine
        if u < edge { return .machine }
        edge += busy
        return u < edge ? .busy : .noAnswer
    }

    var problems: [(key: String, message: String)] {
        var out: [(key: String, message: String)] = []
        for (key, p) in [("connect", connect), ("wrong_party", wrongParty), ("machine", machine), ("busy", busy)] where !(p >= 0 && p <= 1) {
            out.append((key, "must be in [0, 1] (got \(p))"))
        }
        let total = connect + wrongParty + machine + busy
        if out.isEmpty && total > 1 + 1e-9 { out.append(("", "connect, wrong_party, machine and busy must sum to at most 1 (got \(total))")) }
        return out
    }
}

/// Seconds before the next attempt, by the last attempt's outcome.
public struct RetryDelays: Sendable, Equatable {
    public var noAnswer = 3600.0
    public var busy = 600.0
    public var machine = 7200.0
    public init() {}

    func seconds(after outcome: DialOutcome) -> Double {
        switch outcome {
        case .noAnswer: return noAnswer
        case .busy: return busy
        case .machine: return machine
        case .connect, .wrongParty: return .infinity
        }
    }
}

/// When a campaign dials.
public enum Dialer: Sendable, Equatable {
    /// An agent takes an entry, reads it for a time from this law, then dials and waits
    /// for the outcome; he talks if the customer answers.
    case preview(readingSeconds: Distribution)
    /// One dial per agent free for outbound work, who waits for its outcome.
    case progressive
    /// Dials without holding agents: as many as `Pacing` says per agent free for outbound
    /// work; a reached customer takes a free agent of the campaign's groups or waits
    /// `Campaign.connectWaitSeconds`, then the system hangs up (a nuisance call).
    case predictive(Pacing)

    var problems: [(key: String, message: String)] {
        switch self {
        case .preview(let reading): return reading.parameterProblems.map { ("reading" + ($0.key.isEmpty ? "" : "." + $0.key), $0.message) }
        case .progressive: return []
        case .predictive(let pacing): return pacing.problems
        }
    }
}

/// A predictive dialer's pacing: dials in flight = ⌊ratio × agents free for outbound⌋,
/// only while at least `minFreeAgents` are free and at most `maxInboundWaiting` inbound
/// calls wait (a threshold rule). With `targetNuisance` the ratio adapts after every
/// reached customer: ln ratio += `adaptStep` × (target − 1{nuisance}), within
/// [`lowestAdaptedRatio`, `ratio` × 4], so the nuisance share settles at the target (a
/// stochastic approximation whose fixed point is P(nuisance) = target) unless even the
/// lowest ratio exceeds it.
public struct Pacing: Sendable, Equatable {
    /// The adapted ratio's floor: ⌊0.25 × free⌋ dials, none with fewer than 4 agents free.
    public static let lowestAdaptedRatio = 0.25
    public var ratio: Double
    public var minFreeAgents = 1
    public var maxInboundWaiting = Int.max
    public var targetNuisance: Double?
    public var adaptStep = 0.1

    public init(ratio: Double, minFreeAgents: Int = 1, maxInboundWaiting: Int = .max, targetNuisance: Double? = nil) {
        self.ratio = ratio
        self.minFreeAgents = minFreeAgents
        self.maxInboundWaiting = maxInboundWaiting
        self.targetNuisance = targetNuisance
    }

    var problems: [(key: String, message: String)] {
        var out: [(key: String, message: String)] = []
        if !(ratio >= 1 && ratio <= 20) { out.append(("ratio", "must be in [1, 20] dials per free agent (got \(ratio))")) }
        if !(1...100_000).contains(minFreeAgents) { out.append(("min_free_agents", "must be in 1...100000 (got \(minFreeAgents))")) }
        if maxInboundWaiting < 0 { out.append(("max_inbound_waiting", "must be ≥ 0 (got \(maxInboundWaiting))")) }
        if let t = targetNuisance, !(t > 0 && t < 1) { out.append(("target_nuisance", "must be in (0, 1) (got \(t))")) }
        return out
    }
}

extension CenterConfig {
    /// The campaigns' problems, and the groups' references to them.
    var campaignProblems: [(path: String, message: String)] {
        var out: [(path: String, message: String)] = []
        var seen: [String: Int] = [:]
        for (c, campaign) in campaigns.enumerated() {
            let path = "campaigns[\(c)]"
            out += campaign.problems.map { ("\(path).\($0.key)", $0.message) }
            if let first = seen[campaign.name] {
                out.append(("\(path).name", "repeats the name of campaigns[\(first)] (got \"\(campaign.name)\")"))
            } else { seen[campaign.name] = c }
            if !groups.contains(where: { $0.campaigns.contains(c) }) {
                out.append(("\(path)", "no agent group calls for it: list it under a group's outbound"))
            }
            for (key, count) in [("outcomes_by_period", campaign.outcomesByPeriod?.count), ("list.per_hour_by_period", campaign.newEntriesPerHourByPeriod?.count)] {
                if let count, count != (day?.count ?? -1) {
                    out.append(("\(path).\(key)", "needs a day in periods and one entry per period (got \(count))"))
                }
            }
        }
        for (i, type) in callTypes.enumerated() {
            if let k = type.callback?.campaign, !campaigns.indices.contains(k) {
                out.append(("call_types[\(i)].callback.campaign", "names a campaign that does not exist"))
            }
        }
        if !campaigns.isEmpty, case .calls = horizon {
            out.append(("campaigns", "outbound campaigns need a time window: horizon {warmup_seconds, seconds} or periods"))
        }
        if campaigns.count > StreamID.maxEntity { out.append(("campaigns", "too many campaigns (got \(campaigns.count))")) }
        for (g, group) in groups.enumerated() {
            if group.campaigns.contains(where: { !campaigns.indices.contains($0) }) {
                out.append(("agents[\(g)].outbound", "names a campaign that does not exist"))
            }
            for (key, law) in [("outbound_talk", group.outboundTalkSeconds), ("outbound_after_call_work", group.outboundAfterCallWorkSeconds)] {
                for q in law?.parameterProblems ?? [] { out.append(("agents[\(g)].\(key)" + (q.key.isEmpty ? "" : "." + q.key), q.message)) }
            }
            if !(0...10_000_000).contains(group.inboundReserve) {
                out.append(("agents[\(g)].inbound_reserve", "must be in 0...10000000 (got \(group.inboundReserve))"))
            }
        }
        return out
    }
}
