import Foundation
import Stochastic

/// One stream of calls with its own Poisson arrivals and caller behaviour.
public struct CallType: Sendable, Equatable {
    public var name: String
    /// Time between consecutive arrivals (seconds); exponential for Poisson arrivals.
    public var interarrivalSeconds: Distribution
    /// Handling time of one call (seconds).
    public var serviceSeconds: Distribution
    /// Time a caller is willing to wait in queue (seconds); nil: infinitely patient.
    public var patienceSeconds: Distribution?
    /// Probability that a caller who finds every agent busy hangs up at once (balks)
    /// instead of queueing. Callers who find a free agent never balk.
    public var balkProbability: Double
    /// What this type's callers want (indices into `CenterConfig.intents`); empty:
    /// no intents, and `serviceSeconds` is the handling time. With intents, the handling
    /// time is the intent's and `serviceSeconds` is the mixture over the intent mix.
    public var intentMix: [IntentShare] = []
    /// Time budget for the whole IVR (seconds); nil: unlimited.
    public var ivrPatienceSeconds: Distribution?
    /// Balking on an announced wait: a caller who must queue hears the expected wait
    /// (place in line × mean handling time ÷ agents) and hangs up at once when it exceeds
    /// his tolerance, drawn from this law per caller; nil: no announcement.
    public var announcedWaitToleranceSeconds: Distribution?
    /// Patience for the second wait of a caller an agent handed on to the right skill (a
    /// misroute), drawn per caller; nil: the patience he had left after his first wait.
    public var transferPatienceSeconds: Distribution?
    /// Redials: P(a caller who abandoned the queue calls again), and the delay before he
    /// does. A redial keeps the caller's handling need and patience, goes straight to the
    /// queue (not through the IVR) and is counted as a redial, not a new caller.
    public var redialProbability = 0.0
    public var redialDelaySeconds: Distribution = .exponential(mean: 600)
    /// A caller redials at most this many times, then gives up (his last abandonment
    /// stands): with probability 1, zero patience and zero delay a caller would otherwise
    /// redial forever at one instant.
    public var redialMaxAttempts = CallType.defaultRedialMaxAttempts
    public static let defaultRedialMaxAttempts = 100
    /// Callbacks offered to callers facing a long wait; nil: none.
    public var callback: CallbackPolicy?
    /// A day in periods: the handling time of a call that arrived in period k is its drawn
    /// time × factor k (time-of-day effects `ccsim fit` finds); nil: 1 in every period.
    public var serviceFactorByPeriod: [Double]?
    /// The medium its contacts come by: a chat skips the IVR and the lines, and an agent of
    /// a group with `AgentGroupConfig.chat` holds several at once.
    public var channel = Channel.voice
    /// Its own service-level target T (a chat answered within 60 s, a call within 20 s);
    /// nil: the scenario's (`CenterConfig.serviceLevelTargetSeconds`), or for e-mail its
    /// due time. Every view counts a call against its own type's target.
    public var serviceLevelTargetSeconds: Double?
    /// E-mail (deferred work): the time from arrival by which it should be answered
    /// (`within_due_rate`).
    public var dueSeconds = 86_400.0
    /// Moving this type's customers to another channel (voice to chat): an offer on a long
    /// announced wait, and a try there after abandoning; nil: none.
    public var channelSwitch: ChannelSwitch?
    /// A chat customer who abandons may leave silently (`SilentAbandonment`): nil, never.
    public var silentAbandonment: SilentAbandonment?

    /// Poisson arrivals at `arrivalsPerHour` (exponential inter-arrival times).
    public init(name: String, arrivalsPerHour: Double, serviceSeconds: Distribution,
                patienceSeconds: Distribution? = nil, balkProbability: Double = 0) {
        self.init(name: name, interarrivalSeconds: .exponential(mean: 3600 / arrivalsPerHour),
                  serviceSeconds: serviceSeconds, patienceSeconds: patienceSeconds,
                  balkProbability: balkProbability)
    }

    /// A renewal arrival process with any inter-arrival law.
    public init(name: String, interarrivalSeconds: Distribution, serviceSeconds: Distribution,
                patienceSeconds: Distribution? = nil, balkProbability: Double = 0) {
        self.name = name
        self.interarrivalSeconds = interarrivalSeconds
        self.serviceSeconds = serviceSeconds
        self.patienceSeconds = patienceSeconds
        self.balkProbability = balkProbability
    }

    /// Mean arrival rate (calls per hour) = 3600 / E[inter-arrival].
    public var arrivalsPerHour: Double { 3600 / interarrivalSeconds.mean }
}

/// Which arrivals are measured.
public enum Horizon: Sendable, Equatable {
    /// Steady state: the first `warmupCalls` arrivals are simulated but not counted;
    /// the next `measuredCalls` are counted; then arrivals stop and the center drains.
    case calls(warmupCalls: Int, measuredCalls: Int)
    /// Arrivals in [warmupSeconds, warmupSeconds + measuredSeconds) are counted; arrivals
    /// stop at the end of that window (closing) and the calls inside finish.
    case time(warmupSeconds: Double, measuredSeconds: Double)
}

/// A contact center: call types, an optional IVR, agent groups and their routing.
public struct CenterConfig: Sendable, Equatable {
    public var callTypes: [CallType]
    /// The agent groups (at least one). `init(callTypes:agents:…)` makes one group with
    /// every skill: a single pool.
    public var groups: [AgentGroupConfig]
    public var routing = RoutingConfig()
    /// Agents on duty in all groups; setting it needs a single group.
    public var agents: Int {
        get { groups.reduce(0) { $0 + $1.agents } }
        set {
            precondition(groups.count == 1, "agents can be set on a single pool only")
            groups[0].agents = newValue
        }
    }
    /// Service-level target T (seconds): "answered within T".
    public var serviceLevelTargetSeconds: Double
    public var horizon: Horizon
    /// Hard bound on simulated time; a run that reaches it stops and reports
    /// `truncated` (calls still in the system are counted as `unfinished`).
    public var maxSimulatedSeconds: Double
    /// Intents callers may have (used by call types with an intent mix and by the IVR).
    public var intents: [Intent] = []
    /// The IVR every call goes through before the agent queue; nil: straight to the queue.
    public var ivr: IVRConfig?
    /// The center's trunk lines: calls in the IVR, waiting or talking to an agent at once
    /// (after-call work and callbacks' outbound calls hold none). An attempt that finds
    /// them all busy is blocked (a busy signal) and may redial. nil: no limit.
    public var lines: Int?
    /// A day in periods (rates and agents per period); nil: constant rates and `agents`.
    /// With a day plan the horizon is `.time(warmupSeconds: 0, measuredSeconds: day length)`.
    public var day: DayPlan?
    /// Outbound campaigns dialled by the groups that list them (`AgentGroupConfig.campaigns`).
    public var campaigns: [Campaign] = []

    public init(callTypes: [CallType], agents: Int, serviceLevelTargetSeconds: Double = 20,
                horizon: Horizon, maxSimulatedSeconds: Double = 10 * 365 * 86_400) {
        self.callTypes = callTypes
        self.groups = [AgentGroupConfig(name: "agents", agents: agents)]
        self.serviceLevelTargetSeconds = serviceLevelTargetSeconds
        self.horizon = horizon
        self.maxSimulatedSeconds = maxSimulatedSeconds
    }

    /// What is valid but worth a look, as (key path, message): a calls horizon whose calls
    /// need more simulated time than `maxSimulatedSeconds` on average (the runs would be
    /// truncated); an IVR loop callers can go round (a failed identification sending them
    /// back to it, a menu falling back to itself, …): a walk ends at
    /// `IVRConfig.maxNodeVisits` node visits, counted as `ivr_step_limit_rate`.
    public var warnings: [(path: String, message: String)] {
        guard problems.isEmpty else { return [] }
        var out: [(path: String, message: String)] = []
        if case .calls(let warmup, let measured) = horizon, day == nil {
            // Arrivals of all types together come at Σ rates; the calls asked for take
            // (warmup + measured) ÷ Σ rates of simulated time on average.
            let perSecond = callTypes.reduce(0) { $0 + $1.arrivalsPerHour } / 3600
            let expected = Double(warmup + measured) / perSecond
            if expected > maxSimulatedSeconds {
                out.append(("horizon.max_simulated_seconds", "the \(warmup + measured) calls asked for arrive in about "
                            + "\(Int(expected.rounded())) s of simulated time, beyond this bound (\(Int(maxSimulatedSeconds)) s): "
                            + "runs would stop early, truncated (exit 1 unless --allow-truncation)"))
            }
        }
        guard let ivr else { return out }
        return out + ivr.loops.map { loop in
            let names = loop.prefix(5).map { ivr.nodes[$0].name }.joined(separator: ", ") + (loop.count > 5 ? ", …" : "")
            return ("ivr.nodes.\(ivr.nodes[loop[0]].name)", "is in a loop callers can go round (\(names)); a walk that reaches "
                    + "\(IVRConfig.maxNodeVisits) node visits ends there, counted in ivr_step_limit_rate")
        }
    }

    /// Every problem as (key path, message); empty when the model can run.
    public var problems: [(path: String, message: String)] {
        var out: [(path: String, message: String)] = []
        if let lines, lines < 1 { out.append(("lines", "must be at least 1 (got \(lines))")) }
        if let ports = ivr?.ports, ports < 1 { out.append(("ivr.ports", "must be at least 1 (got \(ports))")) }
        if callTypes.isEmpty { out.append(("call_types", "must list at least one call type (got none)")) }
        if callTypes.count > StreamID.maxEntity { out.append(("call_types", "too many call types (got \(callTypes.count))")) }
        var firstWithName: [String: Int] = [:]
        for (i, t) in callTypes.enumerated() {
            let p = "call_types[\(i)]"
            // Names key the random streams (`StreamEntity.assign`): they must be distinct.
            if let first = firstWithName[t.name] {
                out.append(("\(p).name", "repeats the name of call_types[\(first)] (got \"\(t.name)\")"))
            } else { firstWithName[t.name] = i }
            for q in t.interarrivalSeconds.parameterProblems { out.append(("\(p).arrivals.\(q.key)", q.message)) }
            if t.interarrivalSeconds.parameterProblems.isEmpty && !(t.interarrivalSeconds.mean > 0) {
                out.append(("\(p).arrivals", "mean time between arrivals must be positive (got \(t.interarrivalSeconds.mean))"))
            }
            for q in t.serviceSeconds.parameterProblems { out.append(("\(p).service.\(q.key)", q.message)) }
            if let factors = t.serviceFactorByPeriod {
                if factors.count != (day?.count ?? -1) {
                    out.append(("\(p).service_factor_by_period", "needs a day in periods and one factor per period (got \(factors.count) factors)"))
                }
                for (k, f) in factors.enumerated() where !(f > 0 && f <= 100) {
                    out.append(("\(p).service_factor_by_period[\(k)]", "must be in (0, 100] (got \(f))"))
                }
            }
            if let patience = t.patienceSeconds {
                for q in patience.parameterProblems { out.append(("\(p).patience.\(q.key)", q.message)) }
            }
            if !(t.balkProbability >= 0 && t.balkProbability <= 1) {
                out.append(("\(p).balk_probability", "must be in [0, 1] (got \(t.balkProbability))"))
            }
            if let tolerance = t.announcedWaitToleranceSeconds {
                for q in tolerance.parameterProblems { out.append(("\(p).announced_wait_balking.tolerance.\(q.key)", q.message)) }
            }
            if let second = t.transferPatienceSeconds {
                for q in second.parameterProblems { out.append(("\(p).transfer_patience.\(q.key)", q.message)) }
            }
            if !(t.redialProbability >= 0 && t.redialProbability <= 1) {
                out.append(("\(p).redial.probability", "must be in [0, 1] (got \(t.redialProbability))"))
            }
            for q in t.redialDelaySeconds.parameterProblems { out.append(("\(p).redial.delay.\(q.key)", q.message)) }
            if !(0...100_000).contains(t.redialMaxAttempts) {
                out.append(("\(p).redial.max_attempts", "must be in 0...100000 (got \(t.redialMaxAttempts))"))
            }
            if let cb = t.callback { out += cb.problems.map { ("\(p).callback.\($0.key)", $0.message) } }
            if let target = t.serviceLevelTargetSeconds, !(target.isFinite && target >= 0) {
                out.append(("\(p).service_level_target_seconds", "must be a finite number ≥ 0 (got \(target))"))
            }
        }
        if let day {
            out += day.problems
            if day.arrivalsPerHour.count != callTypes.count {
                out.append(("call_types", "the day plan needs one rate list per call type"))
            }
            if horizon != .time(warmupSeconds: 0, measuredSeconds: day.lengthSeconds) {
                out.append(("horizon", "a day of periods is its own horizon (0 to the closing time)"))
            }
            if callTypes.contains(where: { $0.interarrivalSeconds != .exponential(mean: $0.interarrivalSeconds.mean) }) {
                out.append(("call_types", "arrivals by period are Poisson: give per_hour_by_period"))
            }
        } else if agents < 1 || agents > 10_000_000 {
            out.append(("agents", "must be an integer in 1...10000000 (got \(agents))"))
        }
        if !(serviceLevelTargetSeconds.isFinite && serviceLevelTargetSeconds >= 0) {
            out.append(("service_level.target_seconds", "must be a finite number ≥ 0 (got \(serviceLevelTargetSeconds))"))
        }
        switch horizon {
        case .calls(let warmup, let measured):
            if warmup < 0 { out.append(("horizon.warmup_calls", "must be ≥ 0 (got \(warmup))")) }
            if measured < 1 { out.append(("horizon.calls", "must be ≥ 1 (got \(measured))")) }
        case .time(let warmup, let measured):
            if !(warmup.isFinite && warmup >= 0) { out.append(("horizon.warmup_seconds", "must be a finite number ≥ 0 (got \(warmup))")) }
            if !(measured.isFinite && measured > 0) { out.append(("horizon.seconds", "must be a positive finite number (got \(measured))")) }
        }
        if !(maxSimulatedSeconds > 0) { out.append(("horizon.max_simulated_seconds", "must be positive (got \(maxSimulatedSeconds))")) }
        out += intentProblems
        out += campaignProblems
        out += channelProblems
        if let ivr { out += ivrProblems(ivr) }
        if out.isEmpty { out += routingProblems }
        // Unstable: load ≥ agents and nobody ever leaves the queue (trunk lines bound it).
        let load = offeredLoadErlangs
        let everyoneWaits = callTypes.allSatisfy {
            $0.patienceSeconds == nil && $0.balkProbability == 0 && $0.announcedWaitToleranceSeconds == nil
        }
        // (An agent holding several chats may serve more than one Erlang: no bound is claimed.)
        let concurrentChats = groups.contains { ($0.chat?.concurrency ?? 1) > 1 }
        if out.isEmpty && everyoneWaits && load >= Double(agents) && day == nil && lines == nil && !concurrentChats {
            let shownLoad = (load * 1000).rounded() / 1000
            let loadText = shownLoad == shownLoad.rounded() && abs(shownLoad) < 1e15 ? String(Int64(shownLoad)) : String(shownLoad)
            out.append(("agents", "the offered load \(loadText) Erlangs is at least the \(agents) agents and no caller "
                + "abandons or balks: the queue would grow without bound; add agents or patience"))
        }
        return out
    }

    private var intentProblems: [(path: String, message: String)] {
        var out: [(path: String, message: String)] = []
        if intents.count > Int(Int16.max) { out.append(("intents", "at most \(Int16.max) intents (got \(intents.count))")) }
        for (i, intent) in intents.enumerated() {
            for q in intent.serviceSeconds.parameterProblems { out.append(("intents[\(i)].service.\(q.key)", q.message)) }
        }
        for (c, type) in callTypes.enumerated() where !type.intentMix.isEmpty {
            let total = type.intentMix.reduce(0) { $0 + $1.weight }
            if type.intentMix.contains(where: { !($0.weight >= 0 && $0.weight <= 1) || !intents.indices.contains($0.intent) })
                || abs(total - 1) > 1e-9 {
                out.append(("call_types[\(c)].intents", "shares must name known intents, lie in [0, 1] and sum to 1 (got sum \(total))"))
            }
            if let p = type.ivrPatienceSeconds {
                for q in p.parameterProblems { out.append(("call_types[\(c)].ivr_patience.\(q.key)", q.message)) }
            }
        }
        if ivr != nil {
            for (c, type) in callTypes.enumerated() where type.intentMix.isEmpty && type.channel == .voice {
                out.append(("call_types[\(c)].intents", "an IVR needs every voice call type's intent mix (got none)"))
            }
        }
        return out
    }

    /// Structural checks of the IVR graph: targets exist, every node is reachable from
    /// the start, and from every node some end (self-service, transfer, hang-up) can be
    /// reached, so no cycle lacks an exit.
    private func ivrProblems(_ ivr: IVRConfig) -> [(path: String, message: String)] {
        var out: [(path: String, message: String)] = []
        let n = ivr.nodes.count
        guard n > 0, ivr.nodes.indices.contains(ivr.start) else { return [("ivr.start", "must name a node (got none)")] }
        func edges(_ kind: IVRNodeKind) -> [Int] { kind.successors }
        if case .dynamic(let d) = ivr.policy, !(d.offerPromptSeconds >= 0 && d.offerPromptSeconds <= Distribution.maxMeanSeconds) {
            out.append(("ivr.dynamic.offer_prompt_seconds", "must be in 0...1e9 seconds (got \(d.offerPromptSeconds))"))
        }
        for node in ivr.nodes {
            let path = "ivr.nodes.\(node.name)"
            if edges(node.kind).contains(where: { !(0..<n).contains($0) }) { out.append((path, "points to a node that does not exist")) }
            // Durations are bounded (≤ 1e9 s each, like every law's mean), so that a walk's sum
            // over at most `IVRConfig.maxNodeVisits` visits stays a finite time.
            func seconds(_ key: String, _ x: Double) {
                if !(x >= 0 && x <= Distribution.maxMeanSeconds) { out.append(("\(path).\(key)", "must be in 0...1e9 seconds (got \(x))")) }
            }
            switch node.kind {
            case .announcement(let d, _), .identification(let d, _, _, _), .selfService(let d, _, _), .channelOffer(let d, _):
                for q in d.parameterProblems { out.append(("\(path).seconds\(q.key.isEmpty ? "" : "." + q.key)", q.message)) }
            case .speech(let sp):
                out += speechProblems(sp, path: path + ".speech")
            case .bot(let b):
                out += botProblems(b, path: path + ".bot")
            case .menu, .transfer, .hangup: break
            }
            switch node.kind {
            case .menu(let m):
                seconds("intro_seconds", m.introSeconds)
                seconds("invalid_seconds", m.invalidSeconds)
                for (k, o) in m.options.enumerated() { seconds("options[\(k)].seconds", o.seconds) }
                for q in m.reactionSeconds.parameterProblems { out.append(("\(path).reaction_seconds\(q.key.isEmpty ? "" : "." + q.key)", q.message)) }
                if m.options.isEmpty { out.append((path + ".options", "must list at least one option (got none)")) }
                for (name, p) in [("invalid_probability", m.invalidProbability), ("zero_probability", m.zeroProbability),
                                  ("mis_selection_probability", m.misSelectionProbability)] where !(p >= 0 && p <= 1) {
                    out.append(("\(path).\(name)", "must be in [0, 1] (got \(p))"))
                }
            case .selfService(_, let success, _):
                if success.count != intents.count { out.append((path, "needs one success probability per intent")) }
            case .identification(_, let p, _, _):
                if !(p >= 0 && p <= 1) { out.append((path + ".failure_probability", "must be in [0, 1] (got \(p))")) }
            case .announcement, .speech, .bot, .channelOffer, .transfer, .hangup: break
            }
        }
        guard out.isEmpty else { return out }
        // Reachable from the start.
        var reached = Set([ivr.start]), stack = [ivr.start]
        while let x = stack.popLast() {
            for y in edges(ivr.nodes[x].kind) where reached.insert(y).inserted { stack.append(y) }
        }
        for (i, node) in ivr.nodes.enumerated() where !reached.contains(i) {
            out.append(("ivr.nodes.\(node.name)", "is unreachable from the start node \(ivr.nodes[ivr.start].name)"))
        }
        // Can reach an end: fixed point over reverse reachability.
        var canEnd = ivr.nodes.map(\.kind.canEndWalk)
        var changed = true
        while changed {
            changed = false
            for (i, node) in ivr.nodes.enumerated() where !canEnd[i] && edges(node.kind).contains(where: { canEnd[$0] }) {
                canEnd[i] = true
                changed = true
            }
        }
        for (i, node) in ivr.nodes.enumerated() where reached.contains(i) && !canEnd[i] {
            out.append(("ivr.nodes.\(node.name)", "is in a cycle with no exit: no self-service, transfer or hang-up can be reached from it"))
        }
        if case .dynamic(let p) = ivr.policy {
            for (c, type) in callTypes.enumerated() {
                if !(p.coverage.indices.contains(c) && p.coverage[c] >= 0 && p.coverage[c] <= 1) {
                    out.append(("ivr.dynamic.coverage", "must give each call type a share in [0, 1] (call type \(type.name))"))
                }
                if !(p.accuracy.indices.contains(c) && p.accuracy[c] >= 0 && p.accuracy[c] <= 1) {
                    out.append(("ivr.dynamic.accuracy", "must give each call type a probability in [0, 1] (call type \(type.name))"))
                }
            }
            if !ivr.nodes.indices.contains(p.offerAt) { out.append(("ivr.dynamic.offer_at", "must name a node")) }
        }
        return out
    }

    /// Offered load in Erlangs: Σ λ_i · E[S_i].
    public var offeredLoadErlangs: Double {
        callTypes.reduce(0) { $0 + $1.arrivalsPerHour / 3600 * $1.serviceSeconds.mean }
    }
}

extension CenterConfig {
    /// Calls simulated per replication, warm-up included, when the horizon counts calls;
    /// for a time horizon, the expected number (Σ rate × (warm-up + window)).
    public var simulatedCallsPerReplication: Int {
        switch horizon {
        case .calls(let warmup, let measured): return warmup + measured
        case .time(let warmup, let measured):
            let perSecond = callTypes.reduce(0) { $0 + $1.arrivalsPerHour / 3600 }
            return Int((perSecond * (warmup + measured)).rounded())
        }
    }
}

/// Callbacks: a caller who would queue and hears an expected wait above
/// `offerAboveSeconds` is offered a callback; he accepts with `acceptance` and leaves the
/// live queue. Requests are dialled, oldest ready first, when an agent is free and no live
/// call waits, no sooner than `delaySeconds` after the request. An attempt reaches the
/// customer with `reachProbability` (then the agent serves him); a failed attempt costs
/// the agent `failedAttemptSeconds` and is retried `retryDelaySeconds` later, up to
/// `maxAttempts` attempts, then the bank stops (the bank's outbound rule: three attempts).
public struct CallbackPolicy: Sendable, Equatable {
    public var offerAboveSeconds: Double
    public var acceptance: Double
    public var reachProbability: Double
    public var maxAttempts: Int
    public var retryDelaySeconds: Double
    public var delaySeconds: Double
    public var failedAttemptSeconds: Double
    /// A campaign (index into `CenterConfig.campaigns`) whose dialer calls the requests
    /// back as list entries (its attempts, outcomes, retry delays and dialer; a right-party
    /// answer is the caller reached, then served with his own handling time); nil: agents
    /// dial ready requests themselves, as above.
    public var campaign: Int?

    public init(offerAboveSeconds: Double, acceptance: Double, reachProbability: Double, maxAttempts: Int = 3,
                retryDelaySeconds: Double = 600, delaySeconds: Double = 0, failedAttemptSeconds: Double = 30) {
        self.offerAboveSeconds = offerAboveSeconds
        self.acceptance = acceptance
        self.reachProbability = reachProbability
        self.maxAttempts = maxAttempts
        self.retryDelaySeconds = retryDelaySeconds
        self.delaySeconds = delaySeconds
        self.failedAttemptSeconds = failedAttemptSeconds
    }

    /// The attempt on which the customer is reached, from one uniform u: attempts are
    /// independent with success probability p, so the first success K is geometric,
    /// P(K > n) = (1 − p)^n, and K = ⌈ln u ÷ ln(1 − p)⌉ by inversion (at least 1; nil,
    /// never, when p = 0 or K is beyond any count of attempts). Attempts beyond
    /// `maxAttempts` are not made.
    public func reachAttempt(uniform u: Double) -> Int32? {
        if reachProbability >= 1 { return 1 }
        if reachProbability <= 0 { return nil }
        let k = (log(u) / log1p(-reachProbability)).rounded(.up)
        return k < Double(Int32.max) ? Int32(max(1, k)) : nil
    }

    /// Every problem as (parameter key, message); empty when valid.
    public var problems: [(key: String, message: String)] {
        var out: [(key: String, message: String)] = []
        for (key, p) in [("acceptance", acceptance), ("reach_probability", reachProbability)] where !(p >= 0 && p <= 1) {
            out.append((key, "must be in [0, 1] (got \(p))"))
        }
        for (key, x) in [("offer_above_seconds", offerAboveSeconds), ("retry_delay_seconds", retryDelaySeconds),
                         ("delay_seconds", delaySeconds), ("failed_attempt_seconds", failedAttemptSeconds)]
            where !(x >= 0 && x <= Distribution.maxMeanSeconds) {
            out.append((key, "must be in 0...1e9 seconds (got \(x))"))
        }
        if !(1...20).contains(maxAttempts) { out.append(("attempts", "must be in 1...20 (got \(maxAttempts))")) }
        return out
    }
}
