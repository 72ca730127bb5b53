import Measures

/// How a metric reads, for every table, report, plot and baseline: nothing downstream
/// guesses it from the name.
public enum MetricKind: Sendable, Equatable {
    /// A number of calls or events (whole numbers).
    case count
    /// A share, numerator ≤ denominator in the usual case, shown in % (differences in
    /// percentage points).
    case rate
    /// A time in seconds.
    case seconds
    /// A mean number over time (agents, callers waiting or in the IVR), a maximum, or a
    /// head count: shown with a decimal.
    case level
}

/// The parts a model may have beyond agents and a queue. A metric that measures a part
/// (`Metric.needs`) is reported only for models that have it (`CenterConfig.parts`).
public struct ModelParts: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let ivr = ModelParts(rawValue: 1 << 0)
    /// The IVR's ports are limited (`IVRConfig.ports`).
    public static let ivrPorts = ModelParts(rawValue: 1 << 1)
    /// Trunk lines are limited (`CenterConfig.lines`).
    public static let lines = ModelParts(rawValue: 1 << 2)
    /// Some call type's callers redial.
    public static let redials = ModelParts(rawValue: 1 << 3)
    /// Some call type is offered callbacks.
    public static let callbacks = ModelParts(rawValue: 1 << 4)
    /// Some group's agents take breaks (`AgentAbsence`).
    public static let breaks = ModelParts(rawValue: 1 << 5)
    /// Misrouted calls can be handed on between groups (an IVR and several groups).
    public static let agentTransfers = ModelParts(rawValue: 1 << 6)
    /// Outbound campaigns (`CenterConfig.campaigns`).
    public static let outbound = ModelParts(rawValue: 1 << 7)
    /// An IVR with a speech prompt (`IVRNodeKind.speech`).
    public static let speech = ModelParts(rawValue: 1 << 8)
    /// An IVR with a service bot (`IVRNodeKind.bot`).
    public static let bot = ModelParts(rawValue: 1 << 9)
    /// Some call type is a chat (`Channel.chat`).
    public static let chat = ModelParts(rawValue: 1 << 10)
    /// Some call type is deferred work (`Channel.email`).
    public static let deferred = ModelParts(rawValue: 1 << 11)
    /// Some call type's customers may move to another channel (`ChannelSwitch`).
    public static let channelSwitch = ModelParts(rawValue: 1 << 12)
    /// An IVR with a channel offer ("press 2 for chat", `IVRNodeKind.channelOffer`).
    public static let ivrChannelOffer = ModelParts(rawValue: 1 << 13)
    /// Some chat type's customers may abandon silently (`SilentAbandonment`).
    public static let silentAbandonment = ModelParts(rawValue: 1 << 14)
}

extension CenterConfig {
    /// The parts this model has.
    public var parts: ModelParts {
        var parts: ModelParts = []
        if ivr != nil { parts.insert(.ivr) }
        if ivr?.ports != nil { parts.insert(.ivrPorts) }
        if lines != nil { parts.insert(.lines) }
        if callTypes.contains(where: { $0.redialProbability > 0 }) { parts.insert(.redials) }
        if callTypes.contains(where: { $0.callback != nil }) { parts.insert(.callbacks) }
        if groups.contains(where: { $0.absence != nil }) { parts.insert(.breaks) }
        if ivr != nil && groups.count > 1 { parts.insert(.agentTransfers) }
        if !campaigns.isEmpty { parts.insert(.outbound) }
        if hasChat { parts.insert(.chat) }
        if hasDeferredWork { parts.insert(.deferred) }
        if callTypes.contains(where: { $0.channelSwitch != nil }) { parts.insert(.channelSwitch) }
        if callTypes.contains(where: { $0.silentAbandonment != nil }) { parts.insert(.silentAbandonment) }
        for node in ivr?.nodes ?? [] {
            if case .speech = node.kind { parts.insert(.speech) }
            if case .bot = node.kind { parts.insert(.bot) }
            if case .channelOffer = node.kind { parts.insert(.ivrChannelOffer) }
        }
        return parts
    }
}

/// One metric, declared once (`MetricCatalogue.swift` holds every declaration): its stable
/// name (PRODUCT.md, "Metric names"; scripts and baselines depend on it), how it reads,
/// and its definition as numerator ÷ denominator on each view it has. A replication keeps
/// the numerator and the denominator (`Fraction`); replications combine as a ratio of sums.
///
/// Views: `overQueue` on a `QueueTally` (the center, each call type, each period: calls
/// counted where they arrived), `overCenter` on a whole replication's `CenterCounters`
/// (figures only the center has: IVR, lines, agent time, quantiles), `overPeriod` on one
/// period of a day (its own time: agents, occupancy, ports), `overOutbound` on an
/// `OutboundTally` (all campaigns, each campaign, each period). Where a metric has a queue
/// (or outbound) definition, every such view uses it. A metric that `needs` parts the model lacks has
/// no value (it is not reported).
public struct Metric: Sendable {
    public let name: String
    public let kind: MetricKind
    /// Its name in words, for axes and captions ("service level", "ASA").
    public let title: String
    /// The definition in words, as PRODUCT.md states it.
    public let definition: String
    /// The parts of the model it measures.
    public let needs: ModelParts
    /// Which way is better, for a comparison's verdict (nil: neither, e.g. occupancy).
    public let better: Better?

    public enum Better: Sendable, Equatable {
        case higher, lower
    }
    let overQueue: (@Sendable (QueueTally) -> Fraction)?
    let overCenter: (@Sendable (CenterCounters) -> Fraction)?
    let overPeriod: (@Sendable (PeriodCounters, _ periodSeconds: Double) -> Fraction)?
    let overOutbound: (@Sendable (OutboundTally) -> Fraction)?

    init(_ name: String, _ kind: MetricKind, _ definition: String, title: String? = nil, better: Better? = nil, needs: ModelParts = [],
         queue: (@Sendable (QueueTally) -> Fraction)? = nil,
         center: (@Sendable (CenterCounters) -> Fraction)? = nil,
         period: (@Sendable (PeriodCounters, Double) -> Fraction)? = nil,
         outbound: (@Sendable (OutboundTally) -> Fraction)? = nil) {
        self.name = name
        self.kind = kind
        self.needs = needs
        self.better = better
        self.title = title ?? name.replacingOccurrences(of: "_seconds", with: "").replacingOccurrences(of: "_", with: " ")
        self.definition = definition
        self.overQueue = queue
        self.overCenter = center
        self.overPeriod = period
        self.overOutbound = outbound
    }

    /// Its value on an outbound tally (nil: not an outbound metric).
    public func value(_ tally: OutboundTally) -> Fraction? { overOutbound?(tally) }

    /// Its value on a queue view (nil: not a queue metric).
    public func value(_ tally: QueueTally) -> Fraction? { overQueue?(tally) }

    /// Whether a model with `parts` has this metric.
    public func applies(to parts: ModelParts) -> Bool { parts.isSuperset(of: needs) }

    /// Its value for a whole replication: the queue definition on the center's tally, or
    /// the center's own (nil where the model lacks what it measures).
    public func value(_ counters: CenterCounters) -> Fraction? {
        guard applies(to: counters.parts) else { return nil }
        return overQueue.map { $0(counters.queue) } ?? overOutbound.map { $0(counters.outboundTotal) } ?? overCenter?(counters)
    }

    /// Its value in one period of a day: the period's own definition, else the queue
    /// definition on the period's calls.
    public func value(_ period: PeriodCounters, periodSeconds: Double) -> Fraction? {
        guard applies(to: period.parts) else { return nil }
        return overPeriod.map { $0(period, periodSeconds) } ?? overQueue.map { $0(period.queue) }
            ?? overOutbound.map { $0(period.outbound) }
    }

    /// The catalogue entry a metric name refers to: its own name, or, for a breakdown
    /// (`vip.service_level`, `senior.occupancy`, `ivr.menu.calls_mean`), the part after the
    /// last dot.
    public static func named(_ name: String) -> Metric? {
        byName[name] ?? name.lastIndex(of: ".").flatMap { byName[String(name[name.index(after: $0)...])] }
    }

    /// How `name` reads (`named`); a name outside the catalogue reads as a rate.
    public static func kind(of name: String) -> MetricKind { named(name)?.kind ?? .rate }

    /// Its title with its unit, for an axis: "service level (%)", "ASA (s)".
    public var axisLabel: String {
        switch kind {
        case .rate: title + " (%)"
        case .seconds: title + " (s)"
        case .count, .level: title
        }
    }

    static let byName: [String: Metric] = Dictionary(uniqueKeysWithValues: catalogue.map { ($0.name, $0) })
}
