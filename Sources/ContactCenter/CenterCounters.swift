import Measures

/// What one replication counted over the calls that arrived in the measurement window
/// (filled by the `Recorder`). Every measured arrival ends in exactly one of: blocked (all
/// lines busy), blocked at the IVR (all ports busy), contained, IVR-abandoned,
/// disconnected, IVR step limit (IVR outcomes), balked, answered (live or
/// on a callback), abandoned, callback failed — or, only when the run hit its time bound
/// or nobody was left to serve, unfinished. Conservation (`endedCalls`): offered + redials
/// = those outcomes + unfinished (a redial is one more attempt of a caller who abandoned
/// or heard a busy signal, and ends in one more outcome).
public struct CenterCounters: Sendable, Equatable {
    /// The parts the model has (`CenterConfig.parts`): which metrics apply.
    public var parts: ModelParts = []
    /// The queue figures of the whole center (definitions in `QueueTally`).
    public var queue = QueueTally()
    /// Attempts by callers who abandoned and called again (not counted in `offered`).
    public var redials = 0
    /// Calls that ended with the customer accepting another channel, and the contacts
    /// customers made in another channel (on the offer or after abandoning; not in `offered`).
    public var switchedOnOffer = 0
    public var channelSwitchAttempts = 0
    /// Callbacks that reached the customer (counted in `answered` too).
    public var calledBack = 0
    /// Σ (time the callback reached the customer − time he asked for it).
    public var totalCallbackDelaySeconds = 0.0
    /// Attempts that heard a busy signal: all lines busy.
    public var blocked = 0
    /// The IVR's figures (a model with an IVR: `ModelParts.ivr`).
    public var ivr = IVRCounters()
    public var unfinished = 0
    /// Waits of every call that entered the queue: answered (live or on a callback),
    /// abandoned (time in queue) or whose callbacks failed.
    public var waits = WaitHistogram()
    public var windowStartSeconds = 0.0
    public var windowEndSeconds = Double.nan
    public var busyAgentSeconds = 0.0
    public var staffedAgentSeconds = 0.0
    /// Agents take breaks (`AgentAbsence`): ∫ agents away dt over the window.
    public var agentsAwaySeconds = 0.0
    /// ∫ (number of calls waiting) dt over the window.
    public var queueLengthIntegral = 0.0
    /// Chats (`ModelParts.chat`): ∫ chats in progress dt and ∫ agents holding at least one
    /// chat dt over the window.
    public var chatSeconds = 0.0
    public var agentsChattingSeconds = 0.0
    public var serviceLevelTargetSeconds = 0.0
    /// The run stopped at its simulated-time bound before every call finished.
    public var truncated = false
    /// The measured calls the horizon asks for (`Horizon.calls`); nil for a time window.
    public var requestedCalls: Int?
    /// Day plans: the figures of each period, calls counted in the period they arrived.
    public var periods: [PeriodCounters] = []
    public var periodSeconds = 0.0
    /// Day plans: the day's busyness factor B and its law's variance 1/shape (1 and 0
    /// without busyness).
    public var busyness = 1.0
    public var busynessVariance = 0.0
    /// Day plans: clock labels of the periods ("08:00", …).
    public var periodLabels: [String] = []
    /// A plan over several days: periods per 24 hours (0: one day), for the per-day figures.
    public var periodsPerDay = 0
    /// Misrouted calls the wrong group handed on to the right skill (agent-to-agent
    /// transfers), and Σ of their second waits; kept with an IVR and several groups.
    public var agentTransfers = 0
    /// Handed-on callers who hung up during their second wait (they count as answered).
    public var transferAbandoned = 0
    public var totalTransferWaitSeconds = 0.0
    /// Per call type (kept when there are several).
    public var byCallType: [CallTypeCounters] = []
    /// Per channel (kept when there are several: `<channel>.<metric>`).
    public var byChannel: [CallTypeCounters] = []
    /// Deferred work (e-mail: `ModelParts.deferred`), outside the center's queue figures.
    public var deferred = DeferredTally()
    /// Per agent group (kept when there are several).
    public var byGroup: [GroupCounters] = []
    /// Per outbound campaign (`CenterConfig.campaigns`).
    public var campaigns: [CampaignCounters] = []
    /// Abandonments of chat types with silent abandonment, those silent (their chats left
    /// queued), and of those chats the ones an agent took (for the inactivity timeout).
    public var abandonedMaySilently = 0
    public var silentAbandoned = 0
    public var silentChatsTaken = 0
    /// Chats agents took (answered, or left silently), measured ones.
    public var chatsTaken = 0

    public init() {}

    /// Every campaign's figures together.
    public var outboundTotal: OutboundTally { campaigns.reduce(OutboundTally()) { $0 + $1.tally } }

    public var offered: Int { queue.offered }
    public var enteredQueue: Int { queue.enteredQueue }
    public var answered: Int { queue.answered }
    public var answeredWithinTarget: Int { queue.answeredWithinTarget }
    public var abandoned: Int { queue.abandoned }
    public var balked: Int { queue.balked }
    public var delayed: Int { queue.delayed }
    public var callbacks: Int { queue.callbackRequests }
    public var callbackFailed: Int { queue.callbackFailed }
    public var totalWaitAnsweredSeconds: Double { queue.totalWaitAnsweredSeconds }

    /// Measured attempts that ended, by any outcome: with `unfinished`, offered + redials.
    public var endedCalls: Int {
        ivr.contained + ivr.abandoned + ivr.disconnected + ivr.stepLimit + ivr.switchedChannel + blocked + ivr.blocked + balked + answered + abandoned
            + callbackFailed + switchedOnOffer
    }

    /// Every measured attempt ended exactly once, and none was left unfinished.
    public var isConserved: Bool {
        unfinished == 0 && offered + redials + channelSwitchAttempts == endedCalls && deferred.isConserved
    }

    /// The measurement window's length (seconds; 0 before it closes).
    public var windowSeconds: Double { max(windowEndSeconds - windowStartSeconds, 0) }

    /// Each metric of this replication as a `Fraction` (a count or a wait quantile ÷ 1; an
    /// undefined quantile 0 ÷ 0), the form replications are combined in: every catalogue
    /// metric of `Metric.centerView` and `Metric.conditional` that applies to this model
    /// (definitions in `MetricCatalogue.swift`); with an IVR, per node and move the figures
    /// of `IVRFlow.fractions` (`ivr.<node>.calls_mean` is Σ seconds measured callers spent
    /// there ÷ window; over all nodes Σ IVR time ÷ window, which differs from
    /// `ivr_ports_busy_mean` only by the stays that straddle the window's ends); per call
    /// type `<type>.<metric>` (`Metric.callTypeView`), per group `<group>.occupancy`.
    public var fractions: [String: Fraction] {
        var out: [String: Fraction] = [:]
        for metric in Metric.centerView + Metric.conditional {
            if let f = metric.value(self) { out[metric.name] = f }
        }
        if parts.contains(.ivr) { out.merge(ivr.flow.fractions(entered: Double(ivr.entered), window: windowSeconds)) { first, _ in first } }
        for type in byChannel + byCallType {
            for metric in Metric.callTypeView { out[Self.qualified(type.name, metric.name)] = metric.value(type.queue)! }
        }
        for group in byGroup {
            out[Self.qualified(group.name, Metric.occupancy.name)] = Fraction(group.busyAgentSeconds, group.staffedAgentSeconds)
        }
        if campaigns.count > 1 {
            for campaign in campaigns {
                for metric in Metric.campaignView { out[Self.qualified(campaign.name, metric.name)] = metric.value(campaign.tally)! }
            }
        }
        for (d, day) in days.enumerated() {
            for metric in Metric.dayView { out[Self.qualified(Self.dayName(d), metric.name)] = metric.value(day)! }
            if parts.contains(.deferred) {
                // (0 ÷ 0 until the day has closed: a model at time 0 lists the name.)
                let backlog = deferred.backlogAtClose.indices.contains(d) ? Fraction(Double(deferred.backlogAtClose[d]), 1) : Fraction(0, 0)
                out[Self.qualified(Self.dayName(d), Metric.backlogEnd.name)] = backlog
            }
        }
        return out
    }

    /// A plan over several days: each day's calls (the periods of its opening hours and its
    /// night), in day order; empty for one day.
    public var days: [QueueTally] {
        guard periodsPerDay > 0 else { return [] }
        return stride(from: 0, to: periods.count, by: periodsPerDay).map { start in
            periods[start..<min(start + periodsPerDay, periods.count)].reduce(QueueTally()) { $0 + $1.queue }
        }
    }

    /// The name of day d's figures: `day1`, `day2`, …
    public static func dayName(_ d: Int) -> String { "day\(d + 1)" }

    /// `fractions` divided out: each metric's value in this replication (NaN over an empty
    /// population).
    public var metrics: [String: Double] { fractions.mapValues(\.value) }

    /// Metrics that say something went wrong, in `metrics` always but listed in reports
    /// and comparisons only when some replication has them nonzero (`ReplicationRecord.hasNonzero`).
    public static let conditionalMetricNames = Metric.conditional.map(\.name)

    /// Metric names in report order (IVR metrics only for centers with an IVR).
    public static let metricNames = Metric.centerView.map(\.name)

    /// Every metric name of this run in report order: the standard ones that apply, then
    /// per call type (`vip.service_level`, …) and per group (`senior.occupancy`).
    public var orderedMetricNames: [String] {
        let m = metrics
        let dayNames = days.indices.flatMap { d in
            (Metric.dayView.map(\.name) + (parts.contains(.deferred) ? [Metric.backlogEnd.name] : [])).map { Self.qualified(Self.dayName(d), $0) }
        }
        return Self.metricNames.filter { m[$0] != nil }
            + Self.breakdownMetricNames(callTypes: (byChannel + byCallType).map(\.name), groups: byGroup.map(\.name)) + dayNames
            + (campaigns.count > 1 ? campaigns.flatMap { c in Metric.campaignView.map { Self.qualified(c.name, $0.name) } } : [])
    }

    /// A per-call-type or per-group metric's name: `vip.service_level`, `senior.occupancy`.
    static func qualified(_ owner: String, _ metric: String) -> String { owner + "." + metric }

    /// The per-call-type and per-group metric names, in report order (pass no call types
    /// or groups when there is only one: those figures are the totals).
    public static func breakdownMetricNames(callTypes: [String], groups: [String]) -> [String] {
        callTypes.flatMap { t in Metric.callTypeView.map { qualified(t, $0.name) } }
            + groups.flatMap { g in Metric.groupView.map { qualified(g, $0.name) } }
    }
}

/// What measured callers did in the IVR over a replication.
public struct IVRCounters: Sendable, Equatable {
    /// Callers who got a port (entered the IVR), and how their walks ended: resolved in
    /// self-service, hung up, disconnected by the IVR, stopped at the bound on node visits
    /// (`IVROutcome.stepLimit`), sent to agents (`transferred`; to a leaf of the wrong
    /// skill: `misselected`, counted in `transferred` too).
    public var entered = 0
    public var contained = 0
    public var abandoned = 0
    public var disconnected = 0
    public var stepLimit = 0
    /// Accepted a channel offer node's offer (moved to another channel from the IVR).
    public var switchedChannel = 0
    public var transferred = 0
    public var misselected = 0
    /// Σ time in the IVR of the callers who entered.
    public var totalSeconds = 0.0
    /// Attempts that heard a busy signal at the IVR (every port busy).
    public var blocked = 0
    /// ∫ callers in the IVR dt over the window, and the most at once.
    public var portSeconds = 0.0
    public var portsBusyMax = 0
    /// Per node and move (`IVRFlow`).
    public var flow = IVRFlow()
    /// Speech prompts' and bots' events (`SpeechTally`; with such nodes:
    /// `ModelParts.speech`, `.bot`).
    public var speech = SpeechTally()

    public init() {}
}

/// One call type's figures (definitions in `QueueTally`).
public struct CallTypeCounters: Sendable, Equatable {
    public var name: String
    public var queue = QueueTally()

    public init(name: String) { self.name = name }

    /// The per-call-type metrics listed in reports (`<type>.<metric>`).
    public static let metricNames = Metric.callTypeView.map(\.name)
}

/// One agent group's time: busy (serving, wrapping up, dialling) and scheduled.
public struct GroupCounters: Sendable, Equatable {
    public var name: String
    public var busyAgentSeconds = 0.0
    public var staffedAgentSeconds = 0.0

    public init(name: String) { self.name = name }
}

/// One period of a day: calls counted in the period they arrived (definitions in
/// `QueueTally`); agent time within the period.
public struct PeriodCounters: Sendable, Equatable {
    /// Scheduled agents (fractional staffing: 7.4).
    public var agents: Double
    public var queue = QueueTally()
    public var busyAgentSeconds = 0.0
    /// With an IVR: ∫ callers in the IVR dt within the period, and the most at once.
    public var hasIVR = false
    public var ivrPortSeconds = 0.0
    public var ivrPortsBusyMax = 0
    /// With outbound campaigns: the dials made in the period (all campaigns).
    public var hasOutbound = false
    public var outbound = OutboundTally()
    /// With several channels: each channel's contacts of the period (e-mail too, which
    /// `queue` leaves out), in `channels` order.
    public var channels: [Channel] = []
    public var byChannel: [QueueTally] = []

    public init(agents: Double, hasIVR: Bool = false, hasOutbound: Bool = false, channels: [Channel] = []) {
        self.agents = agents
        self.hasIVR = hasIVR
        self.hasOutbound = hasOutbound
        if channels.count > 1 {
            self.channels = channels
            byChannel = channels.map { _ in QueueTally() }
        }
    }

    /// Channel `channel`'s contacts of the period (nil: the center has one channel).
    public func queue(of channel: Channel) -> QueueTally? {
        channels.firstIndex(of: channel).map { byChannel[$0] }
    }

    /// The parts the period's metrics may measure.
    var parts: ModelParts {
        var parts: ModelParts = hasIVR ? .ivr : []
        if hasOutbound { parts.insert(.outbound) }
        return parts
    }

    /// Calls of the period that entered the queue and had not ended when the day did
    /// (e.g. a last period without agents and callers without patience).
    public var unfinished: Int { queue.unfinished }

    /// The period's metrics (`Metric.periodView`, with an IVR `Metric.periodIVRView`) as
    /// fractions: calls counted by the period they arrived in (queue definitions), agents,
    /// occupancy (busy ÷ scheduled agent time of the period) and IVR ports over the
    /// period's own time (`MetricCatalogue.swift`).
    public func fractions(periodSeconds: Double) -> [String: Fraction] {
        var out: [String: Fraction] = [:]
        for metric in Self.view(withIVR: hasIVR, withOutbound: hasOutbound) {
            out[metric.name] = metric.value(self, periodSeconds: periodSeconds)!
        }
        for (channel, queue) in zip(channels, byChannel) {
            for metric in Metric.periodChannelView { out[channel.figure(metric.name)] = metric.value(queue)! }
        }
        return out
    }

    /// This period's metric names in report order (`metricNames`, then the IVR's, the
    /// outbound campaigns', each channel's).
    public var metricNames: [String] { Self.metricNames(withIVR: hasIVR, withOutbound: hasOutbound, channels: channels) }

    static func view(withIVR: Bool, withOutbound: Bool = false) -> [Metric] {
        Metric.periodView + (withIVR ? Metric.periodIVRView : []) + (withOutbound ? Metric.periodOutboundView : [])
    }
    /// `channels`: those of a center with several (`chat.service_level`, … per channel).
    public static func metricNames(withIVR: Bool, withOutbound: Bool = false, channels: [Channel] = []) -> [String] {
        view(withIVR: withIVR, withOutbound: withOutbound).map(\.name)
            + channels.flatMap { c in Metric.periodChannelView.map { c.figure($0.name) } }
    }
    public static let ivrMetricNames = Metric.periodIVRView.map(\.name)

    public func metrics(periodSeconds: Double) -> [String: Double] { fractions(periodSeconds: periodSeconds).mapValues(\.value) }

    public static let metricNames = Metric.periodView.map(\.name)
}

/// Deferred work (e-mail) over a replication: measured contacts (arrived in the window),
/// how and when they were answered, and the backlog.
public struct DeferredTally: Sendable, Equatable {
    public var offered = 0
    public var answered = 0
    /// Answered by their due time (arrival + `CallType.dueSeconds`).
    public var answeredWithinDue = 0
    /// Σ (answered − arrived) of the answered ones.
    public var totalAgeSeconds = 0.0
    /// Still waiting when the window ended, and of them already past due then.
    public var leftAtEnd = 0
    public var overdueAtEnd = 0
    /// Contacts waiting (measured or not) at each day's close; one day: at the window's end.
    public var backlogAtClose: [Int] = []

    public init() {}

    /// Every measured contact was answered or is left in the backlog.
    public var isConserved: Bool { offered == answered + leftAtEnd }

    mutating func answered(ageSeconds age: Double, dueSeconds due: Double) {
        answered += 1
        if age <= due { answeredWithinDue += 1 }
        totalAgeSeconds += age
    }
}
