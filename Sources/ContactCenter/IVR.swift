import Stochastic

/// What a caller wants; decides the IVR leaf that serves him and his handling time.
public struct Intent: Sendable, Equatable {
    public var name: String
    /// The agent skill that serves this intent (a transfer to another skill is a misroute).
    public var skill: String
    /// Handling time by an agent (seconds).
    public var serviceSeconds: Distribution

    public init(name: String, skill: String, serviceSeconds: Distribution) {
        self.name = name
        self.skill = skill
        self.serviceSeconds = serviceSeconds
    }
}

/// Share of a call type's callers with a given intent (index into `CenterConfig.intents`).
public struct IntentShare: Sendable, Equatable {
    public var intent: Int
    public var weight: Double
    public init(intent: Int, weight: Double) {
        self.intent = intent
        self.weight = weight
    }
}

/// One option of a menu: its announcement ("for your card bill, press 2": `seconds`)
/// and the node it leads to.
public struct IVROption: Sendable, Equatable {
    public var label: String
    public var seconds: Double
    public var target: Int
    public init(label: String, seconds: Double, target: Int) {
        self.label = label
        self.seconds = seconds
        self.target = target
    }
}

/// A menu: an intro, then the options one after another; the caller presses as soon as
/// his option has been announced, after a reaction time.
public struct IVRMenu: Sendable, Equatable {
    public var introSeconds: Double
    public var options: [IVROption]
    public var reactionSeconds: Distribution
    /// P(invalid or missing input) per attempt; the menu then plays `invalidSeconds` of
    /// "sorry, I did not understand" and replays; after `maxRetries` replays the caller
    /// goes to `fallback`.
    public var invalidProbability: Double
    public var invalidSeconds: Double
    public var maxRetries: Int
    public var fallback: Int
    /// P(the caller presses 0 for an agent right after the intro), and where 0 leads.
    public var zeroProbability: Double
    public var zeroTarget: Int?
    /// P(the caller presses a neighbouring option instead of his own).
    public var misSelectionProbability: Double

    public init(introSeconds: Double, options: [IVROption], reactionSeconds: Distribution = .deterministic(1),
                invalidProbability: Double = 0, invalidSeconds: Double = 5, maxRetries: Int = 2, fallback: Int,
                zeroProbability: Double = 0, zeroTarget: Int? = nil, misSelectionProbability: Double = 0) {
        self.introSeconds = introSeconds
        self.options = options
        self.reactionSeconds = reactionSeconds
        self.invalidProbability = invalidProbability
        self.invalidSeconds = invalidSeconds
        self.maxRetries = maxRetries
        self.fallback = fallback
        self.zeroProbability = zeroProbability
        self.zeroTarget = zeroTarget
        self.misSelectionProbability = misSelectionProbability
    }
}

public enum IVRNodeKind: Sendable, Equatable {
    /// A message; then `next`.
    case announcement(seconds: Distribution, next: Int)
    /// Caller identification (account number, PIN): `next`, or `onFailure` with probability.
    case identification(seconds: Distribution, failureProbability: Double, next: Int, onFailure: Int)
    case menu(IVRMenu)
    /// A self-service transaction; succeeds with the probability given for the caller's
    /// intent (0 for intents not listed), which ends the call (contained); else `onFailure`.
    case selfService(seconds: Distribution, successProbability: [Double], onFailure: Int)
    /// A speech prompt with recognition, confirmation, reprompts and a fallback
    /// (`SpeechPrompt`). (Boxed, as the bot: their payloads are larger than a menu's, and
    /// every walk step reads a node's kind.)
    indirect case speech(SpeechPrompt)
    /// A service bot's dialog: resolves the caller, or hands him off (`BotDialog`).
    indirect case bot(BotDialog)
    /// "Press 2 to continue in chat": plays for `seconds`; a caller whose call type has a
    /// `ChannelSwitch` with `ivrAcceptance` p accepts with probability p (his call ends
    /// here, his contact joins the other channel's queue), the others go on to `next`.
    case channelOffer(seconds: Distribution, next: Int)
    /// Hands the call to the agent queue for `skill` (nil: generalists, never a misroute).
    case transfer(skill: String?)
    /// The IVR ends the call (e.g. after too many invalid inputs).
    case hangup
}

public struct IVRNode: Sendable, Equatable {
    public var name: String
    public var kind: IVRNodeKind
    public init(name: String, kind: IVRNodeKind) {
        self.name = name
        self.kind = kind
    }
}

/// Personalisation of the menu from what the bank knows about the caller.
public struct DynamicMenuPolicy: Sendable, Equatable {
    /// Per call type: share of callers the bank can identify (label coverage).
    public var coverage: [Double]
    /// Per call type: P(the predicted intent is the caller's true intent).
    public var accuracy: [Double]
    /// Offer the predicted intent first ("Are you calling about your card bill?").
    public var offer: Bool
    /// Seconds the offer prompt and the caller's yes/no take.
    public var offerPromptSeconds: Double
    /// The node where the offer is made (before its menu plays).
    public var offerAt: Int
    /// Order every menu's options by the call type's intent mix (most likely first).
    public var reorder: Bool

    public init(coverage: [Double], accuracy: [Double], offer: Bool, offerPromptSeconds: Double, offerAt: Int, reorder: Bool) {
        self.coverage = coverage
        self.accuracy = accuracy
        self.offer = offer
        self.offerPromptSeconds = offerPromptSeconds
        self.offerAt = offerAt
        self.reorder = reorder
    }
}

public enum IVRPolicy: Sendable, Equatable {
    case staticMenu
    case dynamic(DynamicMenuPolicy)
}

/// The IVR in front of the agent queue.
public struct IVRConfig: Sendable, Equatable {
    /// The most node visits one caller's walk may make before it ends as a step limit
    /// (`IVROutcome.stepLimit`): a bound for graphs a caller can go round many times.
    public static let maxNodeVisits = 1000

    public var nodes: [IVRNode]
    public var start: Int
    public var policy: IVRPolicy
    /// Time an agent spends on a misrouted call before transferring it (seconds).
    public var misrouteHandlingSeconds: Distribution
    /// The IVR's ports (channels): callers in the IVR at once. A caller who arrives when
    /// all are busy hears a busy signal (`blocked` at the IVR) and may redial. nil: no limit.
    public var ports: Int?

    public init(nodes: [IVRNode], start: Int, policy: IVRPolicy = .staticMenu,
                misrouteHandlingSeconds: Distribution = .deterministic(60), ports: Int? = nil) {
        self.ports = ports
        self.nodes = nodes
        self.start = start
        self.policy = policy
        self.misrouteHandlingSeconds = misrouteHandlingSeconds
    }
}

extension IVRNodeKind {
    /// The kind's name in scenarios and reports: announcement, identification, menu,
    /// self_service, speech, bot, channel_offer, transfer, hangup.
    public var name: String {
        switch self {
        case .announcement: "announcement"
        case .identification: "identification"
        case .menu: "menu"
        case .selfService: "self_service"
        case .speech: "speech"
        case .bot: "bot"
        case .channelOffer: "channel_offer"
        case .transfer: "transfer"
        case .hangup: "hangup"
        }
    }

    /// Callers spend time here (a transfer or hang-up leaf takes none).
    public var holdsCallers: Bool {
        switch self {
        case .transfer, .hangup: false
        case .announcement, .identification, .menu, .selfService, .speech, .bot, .channelOffer: true
        }
    }

    /// A walk can end here: resolved (self-service, a bot), moved to another channel, sent
    /// to agents, or hung up on.
    public var canEndWalk: Bool {
        switch self {
        case .selfService, .bot, .channelOffer, .transfer, .hangup: true
        case .announcement, .identification, .menu, .speech: false
        }
    }

    /// The nodes a caller may go to next (options, fallback and press-0 of a menu,
    /// success and failure of an identification, a self-service's failure, a speech
    /// prompt's routes and fallback, a bot's handoffs).
    public var successors: [Int] {
        switch self {
        case .announcement(_, let next), .channelOffer(_, let next): [next]
        case .identification(_, _, let next, let failure): [next, failure]
        case .menu(let m): m.options.map(\.target) + [m.fallback] + (m.zeroTarget.map { [$0] } ?? [])
        case .selfService(_, _, let failure): [failure]
        case .speech(let s): Self.distinct(s.routes + [s.fallback])
        case .bot(let b): Self.distinct(b.handoffs + [b.handoff])
        case .transfer, .hangup: []
        }
    }
}

extension IVRNodeKind {
    /// `nodes` without repeats, in first-seen order.
    static func distinct(_ nodes: [Int]) -> [Int] {
        var out: [Int] = []
        for n in nodes where !out.contains(n) { out.append(n) }
        return out
    }
}

extension IVRConfig {
    /// The loops of the graph: each set of nodes (≥ 2, or one pointing to itself) among
    /// which a caller can go round and round, as node indices in graph order, loops in
    /// order of their first node (strongly connected components; Kosaraju, iterative).
    /// - Complexity: O(nodes + edges).
    public var loops: [[Int]] {
        let n = nodes.count
        let next = nodes.map { $0.kind.successors.filter { (0..<n).contains($0) } }
        var previous = [[Int]](repeating: [], count: n)
        for (x, ys) in next.enumerated() { for y in ys { previous[y].append(x) } }
        // First pass: finishing order on the graph.
        var visited = [Bool](repeating: false, count: n), order: [Int] = []
        for root in 0..<n where !visited[root] {
            visited[root] = true
            var stack = [(root, 0)]
            while let (x, k) = stack.last {
                if k < next[x].count {
                    stack[stack.count - 1].1 += 1
                    let y = next[x][k]
                    if !visited[y] { visited[y] = true; stack.append((y, 0)) }
                } else {
                    order.append(x)
                    stack.removeLast()
                }
            }
        }
        // Second pass: components on the reversed graph, latest finish first.
        var component = [Int](repeating: -1, count: n), components: [[Int]] = []
        for root in order.reversed() where component[root] < 0 {
            var members = [root], stack = [root]
            component[root] = components.count
            while let x = stack.popLast() {
                for y in previous[x] where component[y] < 0 {
                    component[y] = components.count
                    members.append(y)
                    stack.append(y)
                }
            }
            components.append(members.sorted())
        }
        return components.filter { $0.count > 1 || next[$0[0]].contains($0[0]) }.sorted { $0[0] < $1[0] }
    }
}
