import Stochastic

/// The medium a call type's contacts come by. Voice calls take an agent whole, go through
/// the IVR (when there is one) and hold a trunk line; chats skip both, and an agent may
/// hold several at once (`ChatCapacity`); e-mails (tickets) are deferred work
/// (`CenterModel+Deferred`): no patience, a due time, taken when no real-time contact
/// waits, carried over from day to day.
public enum Channel: String, Sendable, Equatable, CaseIterable {
    case voice, chat, email

    /// Contacts that wait on the line (voice, chat), as opposed to deferred work.
    public var isRealTime: Bool { self != .email }

    /// The name of this channel's figure `metric` (`chat.service_level`): the one way
    /// results, goals and reports name per-channel figures.
    public func figure(_ metric: String) -> String { CenterCounters.qualified(rawValue, metric) }
}

/// How many chats an agent of a group holds at once, and how much each one slows down
/// while he holds others.
///
/// Model (processor sharing with a concurrency penalty): a chat's work w is its handling
/// time at concurrency 1 (its law, × the period factor, + the group's after-call work).
/// While the agent holds n chats, each progresses at rate 1 ÷ f(n), f(1) = 1: a chat
/// alone for its whole life lasts w, and one held with n − 1 others throughout lasts
/// f(n) w. The agent's throughput at concurrency n is n ÷ f(n) chats per unit of work, so
/// a slowdown f(n) < n is what makes concurrency worth having (Tezcan & Zhang 2014,
/// "Routing and staffing in customer service chat systems with impatient customers",
/// Operations Research 62(4): the same state-dependent service rate).
public struct ChatCapacity: Sendable, Equatable {
    /// The most chats an agent holds at once (c ≥ 1).
    public var concurrency: Int
    /// f(1), …, f(c): each chat's slowdown while the agent holds n chats.
    public var slowdownFactors: [Double]
    /// Whether an agent holding chats takes a call, and what becomes of his chats meanwhile.
    public var voice = VoiceWhileChatting.never

    /// An agent holding chats and a waiting call (voice takes him whole: no new chat while
    /// on it): `never` — he takes calls only with no chat in hand; `hold` — he takes it at
    /// once (before new chats), his chats paused until the call and its wrap-up end, then
    /// resumed where they were; `goOn` ("continue") — he takes it, his chats going on at
    /// their pace.
    public enum VoiceWhileChatting: String, Sendable, Equatable, CaseIterable {
        case never, hold
        case goOn = "continue"
    }

    /// A linear slowdown: f(n) = 1 + s (n − 1), each extra chat slowing every one by s.
    public init(concurrency: Int, slowdownPerExtraChat s: Double) {
        self.concurrency = concurrency
        slowdownFactors = (0..<max(concurrency, 0)).map { 1 + s * Double($0) }
    }

    /// Factors given per level: `factors[n − 1]` = f(n).
    public init(concurrency: Int, factors: [Double]) {
        self.concurrency = concurrency
        slowdownFactors = factors
    }

    /// One chat at a time, no slowdown: an agent serves chats as he serves calls.
    public static let single = ChatCapacity(concurrency: 1, slowdownPerExtraChat: 0)

    public static let maxConcurrency = 50

    /// Every problem as (key, message); empty when valid.
    public var problems: [(key: String, message: String)] {
        guard (1...Self.maxConcurrency).contains(concurrency) else {
            return [("concurrency", "must be an integer in 1...\(Self.maxConcurrency) (got \(concurrency))")]
        }
        guard slowdownFactors.count == concurrency else {
            return [("slowdown_by_level", "needs one factor per level 1...\(concurrency) (got \(slowdownFactors.count))")]
        }
        if slowdownFactors[0] != 1 { return [("slowdown_by_level[0]", "must be 1: a chat alone takes its own time (got \(slowdownFactors[0]))")] }
        for (k, f) in slowdownFactors.enumerated() where !(f >= 1 && f <= 1000) {
            return [("slowdown_by_level[\(k)]", "must be in [1, 1000] (got \(f))")]
        }
        return []
    }
}

/// Silent abandonment of chat (Castellanos, Yom-Tov and Goldberg, "Silent abandonment in
/// text-based contact centers", 2023): a chat customer whose patience runs out closes the
/// page without closing the chat with probability `share`. He has left (counted abandoned,
/// his wait his patience, and free to redial or switch) but his chat stays in the queue as
/// the center sees it; the agent who takes it sends the first reply, waits for an answer
/// and closes it after `inactivityTimeoutSeconds`: a chat whose work at concurrency 1 is
/// that time (slowed, like any chat, by the others he holds). The decision: part j (his
/// queue entries so far) of his block in the stream (silentAbandon, type name), 1 uniform.
public struct SilentAbandonment: Sendable, Equatable {
    public var share: Double
    public var inactivityTimeoutSeconds: Double

    public init(share: Double, inactivityTimeoutSeconds: Double) {
        self.share = share
        self.inactivityTimeoutSeconds = inactivityTimeoutSeconds
    }
}

/// Customers of one call type moved to another channel's call type (voice callers to
/// chat: "press 2 to continue in chat"), carrying their need:
/// - on a long wait: a customer who must queue hears the expected wait (as announced:
///   place in line × mean handling time ÷ agents) and, when it exceeds
///   `offerAboveSeconds`, is offered the other channel; he accepts with `acceptance` and
///   his call ends there (counted as switched), his contact joining the other type's queue
///   at once;
/// - after abandoning (and not redialling): he tries the other channel with
///   `retryProbability`, `retryDelaySeconds` later;
/// - in the IVR, at a `channel_offer` node ("press 2 to continue in chat"): he accepts with
///   `ivrAcceptance` (drawn in his IVR walk), his call ends there and his contact joins the
///   other type's queue at once.
/// The new contact is served as the other type's (its skill, or his intent's when that
/// type's mix has it; its handling law at his own handling quantile; its patience drawn
/// for him), and neither redials nor switches again. Draws: part j (his queue entries so
/// far) of his block in the stream (channelSwitch, type name): acceptance, retry, delay,
/// patience, in that order, whether used or not.
public struct ChannelSwitch: Sendable, Equatable {
    /// The call type (of another real-time channel) the customers move to.
    public var toCallType: Int
    public var offerAboveSeconds: Double?
    public var acceptance: Double
    public var retryProbability: Double
    public var retryDelaySeconds: Distribution
    /// P(accepting a channel offer node's offer in the IVR).
    public var ivrAcceptance: Double

    public init(toCallType: Int, offerAboveSeconds: Double? = nil, acceptance: Double = 0, retryProbability: Double = 0,
                retryDelaySeconds: Distribution = .exponential(mean: 600), ivrAcceptance: Double = 0) {
        self.ivrAcceptance = ivrAcceptance
        self.toCallType = toCallType
        self.offerAboveSeconds = offerAboveSeconds
        self.acceptance = acceptance
        self.retryProbability = retryProbability
        self.retryDelaySeconds = retryDelaySeconds
    }
}

extension CenterConfig {
    /// The channels its call types use, in `Channel` order.
    public var channels: [Channel] { Channel.allCases.filter { c in callTypes.contains { $0.channel == c } } }

    /// The service-level target T a call of this type is counted against: its own, else
    /// for deferred work its due time, else the scenario's.
    public func serviceLevelTarget(ofCallType type: CallType) -> Double {
        type.serviceLevelTargetSeconds ?? (type.channel.isRealTime ? serviceLevelTargetSeconds : type.dueSeconds)
    }

    /// Some call type is a chat.
    var hasChat: Bool { callTypes.contains { $0.channel == .chat } }
    /// Some call type is deferred work (e-mail).
    var hasDeferredWork: Bool { callTypes.contains { !$0.channel.isRealTime } }

    /// Problems of chats and chat groups, as (key path, message).
    var channelProblems: [(path: String, message: String)] {
        var out: [(path: String, message: String)] = []
        for (g, group) in groups.enumerated() {
            if let chat = group.chat { out += chat.problems.map { ("agents[\(g)].chat.\($0.key)", $0.message) } }
        }
        for (i, type) in callTypes.enumerated() {
            let p = "call_types[\(i)]"
            // (Even with one channel: results name a period's channel figures `chat.offered`.)
            if let channel = Channel(rawValue: type.name) {
                out.append(("\(p).name", "names a channel (\(channel.rawValue)): its per-channel figures would take the same names; rename the call type"))
            }
            if let silent = type.silentAbandonment {
                if type.channel != .chat { out.append(("\(p).silent_abandonment", "is for chats (channel: chat)")) }
                if type.patienceSeconds == nil { out.append(("\(p).silent_abandonment", "needs patience: (only customers who abandon leave silently)")) }
                if !(silent.share >= 0 && silent.share <= 1) { out.append(("\(p).silent_abandonment.share", "must be in [0, 1] (got \(silent.share))")) }
                if !(silent.inactivityTimeoutSeconds >= 0 && silent.inactivityTimeoutSeconds <= Distribution.maxMeanSeconds) {
                    out.append(("\(p).silent_abandonment.inactivity_timeout_seconds",
                                "must be in 0...1e9 seconds (got \(silent.inactivityTimeoutSeconds))"))
                }
            }
            guard type.channel != .voice else { continue }
            let what = type.channel == .chat ? "chats" : "e-mails"
            if type.callback != nil { out.append(("\(p).callback", "is for voice callers (\(what) are not called back)")) }
            if type.ivrPatienceSeconds != nil { out.append(("\(p).ivr_patience", "is for voice callers (\(what) skip the IVR)")) }
            guard type.channel == .email else { continue }
            if !(type.dueSeconds > 0 && type.dueSeconds <= 366 * 86_400) {
                out.append(("\(p).due_hours", "must be in (0, 8784] hours (got \(type.dueSeconds / 3600))"))
            }
            for (key, present) in [("patience", type.patienceSeconds != nil), ("balk_probability", type.balkProbability > 0),
                                   ("announced_wait_balking", type.announcedWaitToleranceSeconds != nil),
                                   ("redial", type.redialProbability > 0), ("transfer_patience", type.transferPatienceSeconds != nil)]
                where present {
                out.append(("\(p).\(key)", "does not apply to e-mail: deferred work waits until an agent takes it"))
            }
        }
        for (i, type) in callTypes.enumerated() {
            guard let move = type.channelSwitch else { continue }
            let p = "call_types[\(i)].switch"
            if !callTypes.indices.contains(move.toCallType) {
                out.append(("\(p).to", "must name a call type"))
            } else if callTypes[move.toCallType].channel == type.channel || !callTypes[move.toCallType].channel.isRealTime {
                out.append(("\(p).to", "must be a call type of another live channel (voice or chat; got \(callTypes[move.toCallType].name), "
                            + "\(callTypes[move.toCallType].channel.rawValue))"))
            }
            if let x = move.offerAboveSeconds, !(x >= 0 && x <= Distribution.maxMeanSeconds) {
                out.append(("\(p).offer_above_seconds", "must be in 0...1e9 seconds (got \(x))"))
            }
            for (key, q) in [("acceptance", move.acceptance), ("after_abandon.probability", move.retryProbability),
                             ("ivr_acceptance", move.ivrAcceptance)] where !(q >= 0 && q <= 1) {
                out.append(("\(p).\(key)", "must be in [0, 1] (got \(q))"))
            }
            for q in move.retryDelaySeconds.parameterProblems { out.append(("\(p).after_abandon.delay.\(q.key)", q.message)) }
        }
        // An IVR channel offer and the acceptances that take it: one without the other is a mistake.
        let offerNode = ivr?.nodes.firstIndex { if case .channelOffer = $0.kind { true } else { false } }
        for (i, type) in callTypes.enumerated() where (type.channelSwitch?.ivrAcceptance ?? 0) > 0 {
            if offerNode == nil {
                out.append(("call_types[\(i)].switch.ivr_acceptance", "needs an IVR node of kind channel_offer (where callers hear the offer)"))
            } else if !type.channel.isRealTime || type.channel != .voice {
                out.append(("call_types[\(i)].switch.ivr_acceptance", "is for voice callers (only they walk the IVR)"))
            }
        }
        // (An acceptance of 0 is allowed: a sweep may start there.)
        if let n = offerNode, !callTypes.contains(where: { $0.channelSwitch != nil }) {
            out.append(("ivr.nodes.\(ivr!.nodes[n].name)", "a channel_offer no caller can accept: give the callers' types "
                        + "switch: {to: <chat type>, ivr_acceptance: p}"))
        }
        for (g, group) in groups.enumerated() where !(group.deferredShare >= 0 && group.deferredShare <= 1) {
            out.append(("agents[\(g)].deferred_share", "must be in [0, 1] (got \(group.deferredShare))"))
        }
        if let day, day.days > 1 {
            if !campaigns.isEmpty { out.append(("days", "outbound campaigns run within one day: remove days: or the campaigns")) }
            for (i, type) in callTypes.enumerated() where type.name.hasPrefix("day") && Int(type.name.dropFirst(3)) != nil {
                out.append(("call_types[\(i)].name", "is a day's name (\(type.name)): its per-day figures would take the same names"))
            }
        }
        if hasDeferredWork, case .calls = horizon {
            out.append(("horizon", "e-mail needs a time horizon (seconds, or a day in periods): its backlog is counted at the window's end"))
        }
        return out
    }
}
