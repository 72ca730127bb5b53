import Stochastic

/// How a caller leaves the IVR.
public enum IVROutcome: Sendable, Equatable {
    /// Resolved in self-service.
    case contained
    /// Sent to the agent queue; misrouted when the leaf's skill is not his intent's.
    case transferred(misrouted: Bool)
    /// Hung up: his IVR patience (time budget) ran out.
    case abandoned
    /// The IVR ended the call (a hang-up node, e.g. after too many invalid inputs).
    case disconnected
    /// Accepted a `channelOffer` node's offer: his call ends in the IVR and his contact
    /// joins another channel's queue (`ChannelSwitch.ivrAcceptance`).
    case switchedChannel
    /// The walk reached `IVRConfig.maxNodeVisits` node visits (a loop the caller kept going
    /// round, e.g. a failed identification sending him back to it): ended there and
    /// counted apart (`ivr_step_limit_rate`), never silently as a hang-up.
    case stepLimit
}

/// A caller's stay at one IVR node: the seconds he spends there.
struct IVRVisit {
    var node: Int32
    var seconds: Double
}

/// A walk's time: seconds so far against the caller's budget, and his stays.
struct WalkClock {
    var t = 0.0
    let budget: Double
    var visits = ContiguousArray<IVRVisit>()

    init(budget: Double) { self.budget = budget }

    /// The walk ends at a leaf (a transfer or a hang-up): a stay of 0 s, so the stays
    /// name every node he passed.
    @inline(__always)
    mutating func arrive(at node: Int) {
        visits.append(IVRVisit(node: Int32(node), seconds: 0))
    }

    /// Adds `seconds` at `node` unless they would exceed the budget (then the rest of the
    /// budget is spent there and the walk ends: false).
    @inline(__always)
    mutating func spend(_ seconds: Double, at node: Int) -> Bool {
        let fits = t + seconds <= budget
        let spent = fits ? seconds : budget - t
        if let last = visits.last, last.node == Int32(node) {
            visits[visits.count - 1].seconds += spent
        } else {
            visits.append(IVRVisit(node: Int32(node), seconds: spent))
        }
        t = fits ? t + seconds : budget
        return fits
    }
}

/// Navigation precomputed from the graph, once per configuration.
///
/// A caller navigates toward the best leaf for his intent: a self-service leaf that can
/// resolve it, else a transfer to his intent's skill, else a transfer to generalists.
/// At each menu he takes the option whose subtree (following options and `next` links,
/// not failure, fallback or press-0 links) holds the best such leaf; ties go to the
/// option announced first in the static menu.
struct IVRWalker {
    let nodes: [IVRNode]
    let start: Int
    let intents: [Intent]
    /// [node][intent] → index into the menu's options (menus only).
    let route: [[Int?]]
    /// [intent] → the best leaf anywhere in the graph (the offer's destination).
    let directLeaf: [Int?]
    /// [call type][node] → option indices in announcement order (menus only).
    let order: [[[Int]]]
    /// [call type] → (intent, weight) of the intent mix (for a wrong prediction).
    let mix: [[IntentShare]]
    let policy: DynamicMenuPolicy?
    /// [call type] → P(accepting a channel offer node's offer) (`ChannelSwitch.ivrAcceptance`; 0 without a switch).
    let channelOfferAcceptance: [Double]

    init(_ ivr: IVRConfig, intents: [Intent], mixes: [[IntentShare]], channelOfferAcceptance: [Double] = []) {
        nodes = ivr.nodes
        self.channelOfferAcceptance = channelOfferAcceptance.isEmpty ? mixes.map { _ in 0 } : channelOfferAcceptance
        start = ivr.start
        self.intents = intents
        mix = mixes
        if case .dynamic(let p) = ivr.policy { policy = p } else { policy = nil }

        // quality[node][intent]: 3 self-service that can resolve it, 2 transfer to its
        // skill, 1 transfer to generalists, 0 nothing reachable.
        // A bot counts as a self-service leaf for the intents it can resolve.
        func leafQuality(_ kind: IVRNodeKind, _ i: Int) -> Int {
            switch kind {
            case .selfService(_, let p, _): return p[i] > 0 ? 3 : 0
            case .bot(let b): return b.resolution[i] > 0 ? 3 : 0
            case .transfer(let skill): return skill == nil ? 1 : (skill == intents[i].skill ? 2 : 0)
            case .announcement, .identification, .menu, .speech, .channelOffer, .hangup: return 0
            }
        }
        var memo = [[Int?]](repeating: [Int?](repeating: nil, count: intents.count), count: nodes.count)
        let nodes = self.nodes
        func quality(_ n: Int, _ i: Int, _ visiting: inout Set<Int>) -> Int {
            if let q = memo[n][i] { return q }
            if visiting.contains(n) { return 0 }
            visiting.insert(n)
            defer { visiting.remove(n) }
            let q: Int
            switch nodes[n].kind {
            // (A channel offer: a caller navigating to his intent declines it.)
            case .announcement(_, let next), .identification(_, _, let next, _), .channelOffer(_, let next): q = quality(next, i, &visiting)
            case .menu(let m): q = m.options.map { quality($0.target, i, &visiting) }.max() ?? 0
            // A speech prompt sends him where his own intent, recognised, leads; a bot that
            // cannot resolve him hands him off with it.
            case .speech(let s): q = quality(s.routes[i], i, &visiting)
            case .bot(let b): q = b.resolution[i] > 0 ? 3 : quality(b.handoffs[i], i, &visiting)
            case .selfService, .transfer, .hangup: q = leafQuality(nodes[n].kind, i)
            }
            memo[n][i] = q
            return q
        }
        var route = [[Int?]](repeating: [Int?](repeating: nil, count: intents.count), count: nodes.count)
        for (n, node) in nodes.enumerated() {
            guard case .menu(let m) = node.kind else { continue }
            for i in intents.indices {
                var visiting: Set<Int> = [n]
                var best: (option: Int, quality: Int)?
                for (o, option) in m.options.enumerated() {
                    let q = quality(option.target, i, &visiting)
                    if q > 0 && q > (best?.quality ?? 0) { best = (o, q) }
                }
                route[n][i] = best?.option
            }
        }
        self.route = route
        directLeaf = intents.indices.map { i in
            var best: (node: Int, quality: Int, success: Double)?
            for (n, node) in nodes.enumerated() {
                let q = leafQuality(node.kind, i)
                guard q > 0 else { continue }
                var success = 0.0
                if case .selfService(_, let p, _) = node.kind { success = p[i] }
                if case .bot(let b) = node.kind { success = b.resolution[i] }
                if best == nil || q > best!.quality || (q == best!.quality && success > best!.success) {
                    best = (n, q, success)
                }
            }
            return best?.node
        }
        let reorder = policy?.reorder ?? false
        order = mixes.map { shares in
            nodes.enumerated().map { n, node -> [Int] in
                guard case .menu(let m) = node.kind else { return [] }
                let identity = Array(m.options.indices)
                guard reorder else { return identity }
                let mass = m.options.indices.map { o in
                    shares.reduce(0.0) { $0 + (route[n][$1.intent] == o ? $1.weight : 0) }
                }
                return identity.sorted { mass[$0] != mass[$1] ? mass[$0] > mass[$1] : $0 < $1 }
            }
        }
    }

    /// Safety bound on node visits in one walk (validation rejects cycles without exit).
    static let maxSteps = IVRConfig.maxNodeVisits

    /// One caller's walk through the IVR: his outcome, the seconds he spent in it and the
    /// node where he left (the transfer leaf for a transferred call). `visits` is set to
    /// the seconds he spends at each node, in order (a node he is at twice appears once per
    /// stay, a menu replayed once; a stay his budget cuts short counts up to the cut; the
    /// leaf he ends at, 0 s), so Σ visits = seconds and consecutive stays are his moves.
    ///
    /// Draws, in this order, from the caller's own block: 3 uniforms (identified,
    /// prediction correct, which wrong intent) whatever the policy; then per node visit:
    /// announcement 1 duration; identification 1 duration + 1 uniform; menu attempt
    /// 1 reaction time + 4 uniforms (press 0, invalid input, mis-selection, which
    /// neighbour); self-service 1 duration + 1 uniform; speech attempt 3 durations
    /// (prompt or reprompt, utterance, confirmation) + 4 uniforms (outcome, which wrong
    /// intent, confirm, answer misheard), used or not, so a recogniser's rates change the
    /// outcome of an attempt and nothing else; bot 1 turn count, per turn 1 duration +
    /// 1 uniform (zero-out), then 1 uniform (resolved); channel offer 1 duration + 1
    /// uniform (accepts), whatever his type's acceptance. The offer prompt draws nothing, so
    /// with a wrong prediction the rest of the walk is the static walk, number for number.
    ///
    /// `speech` is set to the walk's speech and bot events (`SpeechTally`).
    func walk(callType: Int, intent: Int, budgetSeconds budget: Double, rng: RandomStreamHandle,
              visits: inout ContiguousArray<IVRVisit>, speech: inout SpeechTally) -> (outcome: IVROutcome, seconds: Double, node: Int) {
        speech = SpeechTally()
        let uIdentified = rng.uniform(), uCorrect = rng.uniform(), uWrongIntent = rng.uniform()
        // The clock works on the caller's buffer (swapped in and back: no copy, and no
        // closure capturing it, which would cost a dynamic exclusivity check per step).
        var clock = WalkClock(budget: budget)
        swap(&clock.visits, &visits)
        clock.visits.removeAll(keepingCapacity: true)
        defer { swap(&clock.visits, &visits) }
        var node = start
        var offerMade = false
        // The intent the IVR has taken him to have (an accepted offer or speech result),
        // which a bot's handoff carries.
        var believed: Int?
        for _ in 0..<Self.maxSteps {
            if let p = policy, p.offer, !offerMade, node == p.offerAt {
                offerMade = true
                if uIdentified < p.coverage[callType] {
                    guard clock.spend(p.offerPromptSeconds, at: node) else { return (.abandoned, clock.t, node) }
                    let predicted = uCorrect < p.accuracy[callType] ? intent : wrongIntent(callType, intent, uWrongIntent)
                    if predicted == intent, let leaf = directLeaf[intent] {
                        believed = intent
                        node = leaf
                        continue
                    }
                }
            }
            switch nodes[node].kind {
            case .announcement(let seconds, let next):
                guard clock.spend(seconds.sample(rng), at: node) else { return (.abandoned, clock.t, node) }
                node = next
            case .identification(let seconds, let failure, let next, let onFailure):
                let d = seconds.sample(rng), u = rng.uniform()
                guard clock.spend(d, at: node) else { return (.abandoned, clock.t, node) }
                node = u < failure ? onFailure : next
            case .menu(let m):
                guard let target = menuChoice(m, node: node, callType: callType, intent: intent, rng: rng, clock: &clock)
                else { return (.abandoned, clock.t, node) }
                node = target
            case .selfService(let seconds, let success, let onFailure):
                let d = seconds.sample(rng), u = rng.uniform()
                guard clock.spend(d, at: node) else { return (.abandoned, clock.t, node) }
                if u < success[intent] { return (.contained, clock.t, node) }
                node = onFailure
            case .speech(let prompt):
                speech.prompts += 1
                guard let next = speechChoice(prompt, node: node, callType: callType, intent: intent, rng: rng, clock: &clock,
                                              tally: &speech, believed: &believed)
                else { return (.abandoned, clock.t, node) }
                node = next
            case .bot(let b):
                speech.botEntered += 1
                let turns = Int(min(Double(Self.maxBotTurns), max(1, b.turns[intent].sample(rng).rounded(.up))))
                var zeroOut = false
                for _ in 0..<turns {
                    let d = b.turnSeconds.sample(rng), u = rng.uniform()
                    speech.botTurns += 1
                    guard clock.spend(d, at: node) else { return (.abandoned, clock.t, node) }
                    if u < b.zeroOutPerTurn {
                        zeroOut = true
                        break
                    }
                }
                let uResolved = rng.uniform()
                if zeroOut {
                    speech.botZeroOuts += 1
                } else if uResolved < b.resolution[intent] {
                    speech.botContained += 1
                    return (.contained, clock.t, node)
                }
                if let carried = believed {
                    if carried == intent { speech.handlingFactor = b.contextFactor }
                    node = b.handoffs[carried]
                } else {
                    node = b.handoff
                }
            case .channelOffer(let seconds, let next):
                let d = seconds.sample(rng), u = rng.uniform()
                guard clock.spend(d, at: node) else { return (.abandoned, clock.t, node) }
                if u < channelOfferAcceptance[callType] { return (.switchedChannel, clock.t, node) }
                node = next
            case .transfer(let skill):
                clock.arrive(at: node)
                return (.transferred(misrouted: skill != nil && skill != intents[intent].skill), clock.t, node)
            case .hangup:
                clock.arrive(at: node)
                return (.disconnected, clock.t, node)
            }
        }
        return (.stepLimit, clock.t, node)
    }

    /// `walk` without the stays (tests and tools).
    func walk(callType: Int, intent: Int, budgetSeconds budget: Double, rng: RandomStreamHandle) -> (outcome: IVROutcome, seconds: Double, node: Int) {
        var visits = ContiguousArray<IVRVisit>()
        var speech = SpeechTally()
        return walk(callType: callType, intent: intent, budgetSeconds: budget, rng: rng, visits: &visits, speech: &speech)
    }

    /// The most turns one bot dialog takes (a turn law's larger draws are cut there).
    static let maxBotTurns = 1000

    /// Runs the speech prompt's attempts (`SpeechPrompt`) and returns where the caller
    /// goes, or nil when his budget runs out; an accepted intent becomes `believed`.
    private func speechChoice(_ s: SpeechPrompt, node: Int, callType: Int, intent: Int, rng: RandomStreamHandle,
                              clock: inout WalkClock, tally: inout SpeechTally, believed: inout Int?) -> Int? {
        let rates = s.recognitionByIntent.isEmpty ? s.recognition[callType] : s.recognitionByIntent[intent] ?? s.recognition[callType]
        let confusion = s.confusions.isEmpty ? [] : s.confusions[intent]
        var failures = 0
        while true {
            let prompt = (failures == 0 ? s.promptSeconds : s.repromptSeconds).sample(rng)
            let speaking = s.speakingSeconds.sample(rng), confirming = s.confirmSeconds.sample(rng)
            let uOutcome = rng.uniform(), uWrong = rng.uniform(), uConfirm = rng.uniform(), uAnswer = rng.uniform()
            if failures > 0 { tally.reprompts += 1 }
            // Outcome bands of [0, 1): correct, wrong, no match, no input (the last n).
            let silent = uOutcome >= 1 - rates.noInput
            guard clock.spend(prompt + (silent ? s.noInputTimeoutSeconds : speaking), at: node) else { return nil }
            var recognised: Int?
            if uOutcome < rates.correct {
                recognised = intent
            } else if uOutcome < rates.correct + rates.wrong {
                recognised = confusion.isEmpty ? wrongIntent(callType, intent, uWrong) : Self.draw(confusion, excluding: intent, uWrong) ?? intent
            }
            if failures == 0 && recognised == intent { tally.firstCorrect += 1 }
            if let r = recognised, uConfirm < (r == intent ? s.confirmCorrect : s.confirmWrong) {
                tally.confirmations += 1
                guard clock.spend(confirming, at: node) else { return nil }
                // He says yes exactly when it is right; the answer may be misheard.
                let heardYes = r == intent ? uAnswer >= s.yesHeardAsNo : uAnswer < s.noHeardAsYes
                if !heardYes { recognised = nil }
            }
            if let r = recognised {
                believed = r
                return s.routes[r]
            }
            failures += 1
            if failures > s.maxReprompts {
                tally.fallbacks += 1
                return s.fallback
            }
        }
    }

    /// Plays the menu (with replays after invalid input) and returns where the caller
    /// goes, or nil when his budget runs out.
    private func menuChoice(_ m: IVRMenu, node: Int, callType: Int, intent: Int, rng: RandomStreamHandle,
                            clock: inout WalkClock) -> Int? {
        let order = self.order[callType][node]
        var retries = 0
        while true {
            let reaction = m.reactionSeconds.sample(rng)
            let uZero = rng.uniform(), uInvalid = rng.uniform(), uMis = rng.uniform(), uSide = rng.uniform()
            // Seconds until the option at announcement position p has been heard.
            func heard(_ p: Int) -> Double {
                var s = m.introSeconds
                for q in 0...p { s += m.options[order[q]].seconds }
                return s
            }
            if let zero = m.zeroTarget, uZero < m.zeroProbability {
                return clock.spend(m.introSeconds + reaction, at: node) ? zero : nil
            }
            guard let own = route[node][intent] else {
                // Nothing here for him: press 0 if it exists, else the first option.
                if let zero = m.zeroTarget { return clock.spend(m.introSeconds + reaction, at: node) ? zero : nil }
                return clock.spend(heard(0) + reaction, at: node) ? m.options[order[0]].target : nil
            }
            var position = order.firstIndex(of: own)!
            if uInvalid < m.invalidProbability {
                guard clock.spend(heard(position) + reaction + m.invalidSeconds, at: node) else { return nil }
                retries += 1
                if retries > m.maxRetries { return m.fallback }
                continue
            }
            if uMis < m.misSelectionProbability && order.count > 1 {
                let left = position > 0 && (uSide < 0.5 || position == order.count - 1)
                position += left ? -1 : 1
            }
            return clock.spend(heard(position) + reaction, at: node) ? m.options[order[position]].target : nil
        }
    }

    /// The intent of `shares`, other than `excluded`, that `u` falls on, in proportion to
    /// the weights; nil when the others weigh nothing. Two passes, no temporary array (this
    /// runs for many callers).
    static func draw(_ shares: [IntentShare], excluding excluded: Int, _ u: Double) -> Int? {
        var total = 0.0
        for share in shares where share.intent != excluded { total += share.weight }
        guard total > 0 else { return nil }
        var cumulative = 0.0
        var last = excluded
        for share in shares where share.intent != excluded && share.weight > 0 {
            cumulative += share.weight / total
            last = share.intent
            if u < cumulative { return share.intent }
        }
        return last
    }

    /// A wrong prediction: another intent of the call type's mix, drawn in proportion
    /// to its share; the true intent when the mix has no other.
    private func wrongIntent(_ callType: Int, _ intent: Int, _ u: Double) -> Int {
        Self.draw(mix[callType], excluding: intent, u) ?? intent
    }
}
