import Foundation
import ScenarioFiles
import Stochastic

/// What `ccsim fit` estimates from a call log (each part documents its method):
/// the day's periods and opening hours, day types, arrivals and busyness (`ArrivalFit`),
/// handling times per type (`DurationFit`, with per-period means tested), patience per
/// type from censored waits (`PatienceFit`), the IVR (time law of callers who went on to
/// the queue and IVR patience, censored at their exit), agents on duty per team and after-
/// call work (`AgentsOnDuty`), and routing hints.
public struct CenterFit: Sendable {
    public struct Options: Sendable {
        public var periodMinutes = 30.0
        /// Day type to fit (a type's name, weekdays by name, or `all`, `DayTypes.choose`);
        /// nil: the type with the most days.
        public var dayType: String?
        /// Weekdays (0 = Monday) that never share a day type with working days (nil: the
        /// data decide).
        public var weekend: Set<Int>?
        public var idleGapSeconds = 1800.0
        public init() {}
    }

    public struct TypeFit: Sendable {
        public var name: String
        public var handling: DurationFit?
        public var zeroLengthServices: Int
        public var servicesWithoutEnd: Int
        /// Mean handling time per period of arrival ÷ the overall mean (nil: too few calls),
        /// and the χ² test of equal means (p-value).
        public var handlingMultipliers: [Double?]
        public var handlingByPeriodPValue: Double
        /// Below p = 0.001: the factors written (`service_factor_by_period`: the
        /// multipliers, 1 for periods with fewer than 30 services), and `handling` is then
        /// the law of the durations divided by their period's factor.
        public var handlingFactors: [Double]?
        public var patience: PatienceFit?
        public var ivrPatience: PatienceFit?
        public var ivrHangupShare: Double?
        /// Mean wait (s) of this type's queued calls by hour of the day, and of the other types.
        public var meanWaitByHour: [(hour: Int, own: Double, others: Double)] = []
    }

    public var log: CallLog
    public var options: Options
    /// Opening hours (seconds after midnight of the log's clock) of the calls kept.
    public var openingSeconds: Double
    public var closingSeconds: Double
    public var periodCount: Int
    /// Day type name → its days (day numbers).
    public var dayTypes: [(name: String, days: [Int32])]
    /// How the weekdays were grouped into types, with the tests (nil: a day index).
    public var dayGrouping: DayGrouping?
    public var dayType: String
    /// Dates within the log's range without any call (calendar logs), as day numbers.
    public var daysWithoutData: [Int32]
    public var arrivals: ArrivalFit
    public var types: [TypeFit]
    public var ivrDelay: DurationFit?
    public var agents: AgentsOnDuty?
    /// Which types are served first while others wait (nil: one type, or no agents named).
    public var precedence: Precedence?
    /// Rows dropped by reason: the reader's, and those outside the opening hours.
    public var dropped: [String: Int]

    public init(log original: CallLog, layout: LogLayout, options: Options) throws {
        var log = original
        self.options = options
        let periodSeconds = options.periodMinutes * 60
        // Opening hours: declared, or the periods (grid from midnight) with calls on at
        // least half of the days.
        let allDays = log.days
        var opening: Double, closing: Double
        var hoursNote = "declared"
        if let o = layout.openingSeconds, let c = layout.closingSeconds {
            opening = o; closing = c
        } else {
            var daysWithCalls = [Int: Set<Int32>]()
            for i in 0..<log.count { daysWithCalls[Int((log.arrival[i] / periodSeconds).rounded(.down)), default: []].insert(log.day[i]) }
            let busy = daysWithCalls.filter { 2 * $0.value.count >= allDays.count }.keys
            let first = busy.min() ?? 0, last = busy.max() ?? 0
            opening = layout.openingSeconds ?? Double(first) * periodSeconds
            closing = layout.closingSeconds ?? Double(last + 1) * periodSeconds
            hoursNote = "detected"
        }
        let outside = (0..<log.count).filter { log.arrival[$0] < opening || log.arrival[$0] >= closing }
        var dropped = log.dropped
        if !outside.isEmpty {
            let reason = "arrival outside the opening hours (\(hoursNote) \(clockText(opening))–\(clockText(closing)))"
            dropped[reason, default: 0] += outside.count
            let outsideSet = Set(outside)
            log = log.filtered { !outsideSet.contains($0) }
        }
        self.dropped = dropped
        self.openingSeconds = opening
        self.closingSeconds = closing
        let periods = max(1, Int(((closing - opening) / periodSeconds).rounded(.up)))
        self.periodCount = periods

        // Day types.
        let dayTypes = DayTypes(log, weekend: options.weekend)
        self.dayTypes = dayTypes.types
        self.dayGrouping = dayTypes.grouping
        self.daysWithoutData = dayTypes.daysWithoutData
        let (chosenName, chosenDays) = try dayTypes.choose(options.dayType)
        self.dayType = chosenName
        let dayIndex = Dictionary(uniqueKeysWithValues: chosenDays.enumerated().map { ($1, $0) })
        let calls = (0..<log.count).filter { dayIndex[log.day[$0]] != nil }
        func period(_ i: Int) -> Int? {
            let p = Int(((log.arrival[i] - opening) / periodSeconds).rounded(.down))
            return p >= 0 && p < periods ? p : nil
        }
        arrivals = ArrivalFit(log: log, days: chosenDays, periods: periods, periodMinutes: options.periodMinutes,
                              calls: calls, period: period, dayIndex: dayIndex)

        // Per type: handling, patience, IVR.
        var byType = [[Int]](repeating: [], count: log.callTypes.count)
        for i in calls where log.callType[i] >= 0 { byType[Int(log.callType[i])].append(i) }
        var typeFits = byType.enumerated().map { t, mine in TypeFit(log: log, type: t, calls: mine, periods: periods, period: period) }
        let typeCount = typeFits.count
        // Waits by hour: own type vs the others (precedence hints).
        if typeCount > 1 {
            var sum = [[Double]](repeating: [Double](repeating: 0, count: 48), count: typeCount)
            var n = sum
            for i in calls where log.callType[i] >= 0 && !log.queueEntry[i].isNaN {
                let h = min(47, max(0, Int(log.arrival[i] / 3600)))
                sum[Int(log.callType[i])][h] += log.queueExit[i] - log.queueEntry[i]
                n[Int(log.callType[i])][h] += 1
            }
            for t in 0..<typeCount {
                var rows: [(Int, Double, Double)] = []
                for h in 0..<48 where n[t][h] >= 10 {
                    let otherSum = (0..<typeCount).filter { $0 != t }.reduce(0.0) { $0 + sum[$1][h] }
                    let otherN = (0..<typeCount).filter { $0 != t }.reduce(0.0) { $0 + n[$1][h] }
                    if otherN >= 10 { rows.append((h, sum[t][h] / n[t][h], otherSum / otherN)) }
                }
                typeFits[t].meanWaitByHour = rows
            }
        }
        self.types = typeFits
        // IVR delay: time of callers who went on to the queue, censored by hang-ups (pooled over types).
        if log.hasIVR {
            var times: [Double] = [], events: [Bool] = []
            for i in calls where !log.ivrExit[i].isNaN {
                times.append(log.ivrExit[i] - log.arrival[i]); events.append(log.outcome[i] != .ivrOnly)
            }
            ivrDelay = times.isEmpty ? nil : DurationFit(times: times, events: events)
        } else { ivrDelay = nil }
        agents = log.hasAgents ? AgentsOnDuty(log: log, days: chosenDays, dayIndex: dayIndex, calls: calls, opening: opening,
                                              periodSeconds: periodSeconds, periods: periods, idleGapSeconds: options.idleGapSeconds) : nil
        if let agents, log.callTypes.count > 1 {
            let skills = agents.teams.map { Set($0.skills.compactMap { log.callTypes.firstIndex(of: $0) }) }
            precedence = Precedence(log: log, calls: calls, teamSkills: { agents.teamOfAgent[$0].map { skills[$0] } })
        } else {
            precedence = nil
        }
        self.log = log
    }
}

/// hh:mm of seconds after midnight (`ClockTime.text`).
public func clockText(_ seconds: Double) -> String { ClockTime.text(seconds: seconds) }

extension CenterFit {
    /// What the planner must know before using the fitted scenario, each a sentence (fit
    /// prints them as warnings and fit.md lists them): laws fitted to samples with no
    /// spread, call types with no service to fit, a log that names no agents.
    public var warnings: [String] {
        var out: [String] = []
        for t in types {
            if let h = t.handling, let why = h.degenerate {
                out.append("call type \(t.name): handling time written deterministic \(String(format: "%.1f", h.mean)) s, \(why)")
            } else if t.handling == nil {
                out.append("call type \(t.name): no served call with a duration in the log; handling written as 1 s, a placeholder to replace")
            }
        }
        if let delay = ivrDelay, let why = delay.degenerate { out.append("IVR time written deterministic \(String(format: "%.1f", delay.mean)) s, \(why)") }
        for team in agents?.teams ?? [] {
            if let acw = team.afterCallWork, let why = acw.degenerate {
                out.append("team \(team.name): after-call work written deterministic \(String(format: "%.1f", acw.mean)) s, \(why)")
            }
        }
        if agents?.teams.isEmpty ?? true {
            out.append(log.hasAgents ? "no agent served a call in the log: the agents written are a placeholder to replace (or plan with ccsim staff)"
                       : "the log names no agents: the agents written are a placeholder to replace (or plan with ccsim staff)")
        }
        return out
    }
}
