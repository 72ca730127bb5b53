import ContactCenter
import Experiments
import Foundation
import Measures

/// `ccsim backtest LOG SCENARIO`: the log's KPIs with ccsim's own metric definitions
/// (Scenarios/README.md, "Metrics"), per period of the scenario's day and for the day,
/// next to the scenario's simulated ones.
///
/// Observed, per day of the chosen day type and per period (calls counted in the period
/// they arrived): `offered` (every kept call), entered = served + abandoned, `service_level`
/// = answered within T ÷ entered, `asa_seconds` = Σ waits of answered ÷ answered,
/// `mean_wait_seconds` = Σ waits ÷ entered, `abandon_rate` = abandoned ÷ entered, `p_wait`
/// = waited > 0 ÷ entered, `occupancy` = busy seconds in the period (service, plus the
/// after-call-work mean the log implies after each, `AgentsOnDuty`) ÷ (agents on duty × the
/// period) with agents on duty from the log's presence rule when it names agents, else the
/// scenario's; for the day also `mean_ivr_seconds` and
/// `ivr_hangup_rate` (left in the IVR ÷ entered the IVR; simulated 1 − `transfer_rate`).
/// Each figure over days is a ratio of sums with the delta-method 95 % interval, the same
/// estimator as the simulated figure over replications. The difference d = simulated −
/// observed has the 95 % half-width h = √(h_obs² + h_sim²) (independent samples); with a
/// practical tolerance τ (`Tolerance`: 3 points of service level, 10 % of the observed
/// value for the rest) a KPI `agrees` when it is consistent and the interval is narrow
/// enough to say so (|d| ≤ h ≤ τ), or when the difference's whole interval lies within ±τ
/// (|d| + h ≤ τ); it is `off` when the difference is significant and beyond the tolerance
/// (|d| > h and |d| > τ); else `inconclusive`: the intervals are too wide to tell.
///
/// `perDay`: each log day replayed with its own volume (its counts per period and type as
/// the rates, no busyness) and, when the log names agents, its own agents on duty (the
/// log's teams mapped to the scenario's groups, `GroupMapping`; a team no group serves
/// stops the backtest: never the scenario's staffing under the log's name), on its own random
/// streams (seed + 1 + the day's index); the day's observed KPI against its simulated
/// mean, the correlation over days, and the mean over days of simulated − observed with
/// its Student t interval (a bias the day-to-day spread does not hide).
public struct Backtest: Sendable {
    public struct Row: Sendable {
        /// nil: the whole day.
        public var period: Int?
        public var metric: String
        public var observed: ConfidenceInterval
        public var simulated: ConfidenceInterval
        public var relativeError: Double { (simulated.mean - observed.mean) / observed.mean }
        /// The practical tolerance τ for this KPI (`Tolerance.allowed`).
        public var tolerance: Double
        public var agreement: Agreement { Agreement(observed: observed, simulated: simulated, tolerance: tolerance) }
        public var agrees: Bool { agreement == .agrees }
    }

    /// Whether a simulated KPI matches the observed one in practice (the rule above).
    public enum Agreement: String, Sendable {
        case agrees, off, inconclusive

        public init(observed: ConfidenceInterval, simulated: ConfidenceInterval, tolerance: Double) {
            let h = (pow(observed.halfWidth.isFinite ? observed.halfWidth : 0, 2)
                     + pow(simulated.halfWidth.isFinite ? simulated.halfWidth : 0, 2)).squareRoot()
            self.init(difference: simulated.mean - observed.mean, halfWidth: h, tolerance: tolerance)
        }

        /// The rule for a difference d with 95 % half-width h (a per-day bias, too).
        public init(difference: Double, halfWidth h: Double, tolerance: Double) {
            let d = abs(difference)
            if !d.isFinite || !h.isFinite || !tolerance.isFinite { self = .inconclusive }
            else if (d <= h && h <= tolerance) || d + h <= tolerance { self = .agrees }
            else if d > h && d > tolerance { self = .off }
            else { self = .inconclusive }
        }
    }

    /// The practical tolerances: how far a simulated KPI may be from the log's and still
    /// serve a planner (defaults from the calibration issue: 3 points of service level, 10 %
    /// for rates, times and counts).
    public struct Tolerance: Sendable, Equatable {
        public var relative = 0.10
        public var serviceLevelPoints = 0.03
        public init() {}

        /// τ for `metric` observed at `observed` (service levels in absolute points, the
        /// rest relative to the observed value).
        public func allowed(_ metric: String, observed: Double) -> Double {
            metric.hasPrefix(Metric.serviceLevel.name) ? serviceLevelPoints : relative * abs(observed)
        }
    }

    public struct DayRow: Sendable {
        public var day: Int32
        public var metric: String
        public var observed: Double
        public var simulated: ConfidenceInterval
    }

    public struct Options: Sendable {
        public var dayType: String?
        public var perDay = false
        public var perDayReplications = 10
        public var jobs = availableCores
        public var idleGapSeconds = 1800.0
        public var tolerance = Tolerance()
        /// The simulated side's estimates with control variates (the day's busyness and
        /// arrivals, `ControlVariates`) when `ControlVariates.used` allows.
        public var controlVariates = true
        /// As `CenterFit.Options.weekend`.
        public var weekend: Set<Int>?
        public init() {}
    }

    public static let periodMetrics = [Metric.offered, .serviceLevel, .asaSeconds, .meanWaitSeconds, .abandonRate, .pWait, .occupancy]
        .map(\.name)
    /// With an IVR: its time, and the share of IVR callers who did not reach the queue
    /// (left or resolved there: 1 − `transfer_rate`; a log tells the two apart no better).
    public static let ivrMetrics = [Metric.meanIVRSeconds.name, ivrHangupRate]
    static let ivrHangupRate = "ivr_hangup_rate"

    public var dayType: String
    public var days: [Int32]
    public var periodLabels: [String]
    public var rows: [Row]
    public var dayRows: [DayRow]
    /// Pearson correlation over days of observed vs simulated, per metric (`perDay`).
    public var correlations: [String: Double]
    /// Mean over days of (simulated mean − observed), with its 95 % Student t interval,
    /// per metric (`perDay`): a bias the day-to-day spread does not hide.
    public var perDayBias: [String: ConfidenceInterval]
    /// Per metric (`perDay`): the log's mean over days, and whether the bias is within the
    /// practical tolerance of it (`Agreement` of the bias and its interval).
    public var perDayObservedMean: [String: Double]
    public var perDayAgreement: [String: Agreement]
    /// The practical tolerances the verdicts used.
    public var tolerance: Tolerance
    /// Calls outside the scenario's day (not compared), and calls of types the scenario lacks.
    public var callsOutsideDay: Int
    public var agentsFrom: String
    /// [day][group][period] → the log's agents on duty each replayed day was given
    /// (`perDay`; the log's teams mapped to the scenario's groups); nil: the log names none.
    public var perDayAgentsByGroup: [[[Double]]]?
    public var replications: Int
    /// Whether the simulated side's figures used control variates (`Options.controlVariates`).
    public var controlVariates: Bool

    public struct Mismatch: Error, CustomStringConvertible {
        public let description: String
    }

    /// Holds `config` against `log`: simulates the scenario's day (and with `perDay` each
    /// logged day with its own volume and agents) and compares them period by period.
    /// - Throws: `Mismatch` (no day plan, call types the scenario lacks), `DayTypes.Unknown`.
    public static func run(log: CallLog, config: CenterConfig, seed: UInt64, replications: Int, options: Options) throws -> Backtest {
        try Backtest(log: log, config: config, seed: seed, replications: replications, options: options)
    }

    private init(log: CallLog, config: CenterConfig, seed: UInt64, replications: Int, options: Options) throws {
        guard let plan = config.day else {
            throw Mismatch(description: "the scenario has no day in periods (periods:); a backtest compares periods of a day")
        }
        let typeNames = config.callTypes.map(\.name)
        let unknown = log.callTypes.filter { !typeNames.contains($0) }
        if !unknown.isEmpty && !(log.callTypes == ["calls"] && typeNames.count == 1) {
            throw Mismatch(description: "the log's call types \(unknown.joined(separator: ", ")) are not in the scenario (it has \(typeNames.joined(separator: ", ")))")
        }
        let (name, days) = try DayTypes(log, weekend: options.weekend).choose(options.dayType)
        self.dayType = name
        self.days = days
        self.replications = replications
        let periods = plan.count
        periodLabels = (0..<periods).map { plan.label($0) }
        let opening = Double(plan.openingMinute) * 60, periodSeconds = plan.periodSeconds
        let target = config.serviceLevelTargetSeconds
        let dayIndex = Dictionary(uniqueKeysWithValues: days.enumerated().map { ($1, $0) })
        /// The scenario's type index of each log type.
        let typeMap = log.callTypes.map { typeNames.firstIndex(of: $0) ?? 0 }

        // Observed counts per day and period, and per day.
        var tallies = [[ObservedTally]](repeating: [ObservedTally](repeating: ObservedTally(), count: periods), count: days.count)
        var dayTallies = [ObservedTally](repeating: ObservedTally(), count: days.count)
        /// Counts into period p of day k and into day k.
        func count(_ k: Int, _ p: Int, _ update: (inout ObservedTally) -> Void) {
            update(&tallies[k][p])
            update(&dayTallies[k])
        }
        var countsByType = [[[Double]]](repeating: [[Double]](repeating: [Double](repeating: 0, count: periods), count: typeNames.count),
                                        count: days.count)
        var outside = 0
        var calls: [Int] = []
        for i in 0..<log.count {
            guard let k = dayIndex[log.day[i]] else { continue }
            let p = Int(((log.arrival[i] - opening) / periodSeconds).rounded(.down))
            guard p >= 0 && p < periods else { outside += 1; continue }
            calls.append(i)
            let t = log.callType[i] >= 0 ? typeMap[Int(log.callType[i])] : 0
            countsByType[k][t][p] += 1
            count(k, p) { $0.count(log, call: i, target: target) }
        }
        callsOutsideDay = outside
        // Busy seconds of service within each period (by the period they fall in).
        for i in calls where log.outcome[i] == .served && !log.serviceEnd[i].isNaN {
            guard let k = dayIndex[log.day[i]] else { continue }
            var t = log.serviceStart[i]
            let end = log.serviceEnd[i]
            while t < end {
                let p = Int(((t - opening) / periodSeconds).rounded(.down))
                let periodEnd = opening + Double(p + 1) * periodSeconds
                let upTo = min(end, periodEnd)
                if p >= 0 && p < periods { count(k, p) { $0.busySeconds += upTo - t } }
                t = upTo
                if p >= periods { break }
            }
        }
        // Agents on duty: the log's (presence rule) or the scenario's.
        var agentsByDay: [[[Double]]]? = nil  // [day][group][period]
        let groupNames = config.groups.map(\.name)
        if log.hasAgents {
            let onDuty = AgentsOnDuty(log: log, days: days, dayIndex: dayIndex, calls: calls, opening: opening,
                                      periodSeconds: periodSeconds, periods: periods, idleGapSeconds: options.idleGapSeconds)
            // After-call work the log implies (AgentsOnDuty) is busy time too, after each service.
            for i in calls where log.outcome[i] == .served && !log.serviceEnd[i].isNaN && log.agent[i] >= 0 {
                guard let k = dayIndex[log.day[i]], let team = onDuty.teamOfAgent[Int(log.agent[i])],
                      let acw = onDuty.teams[team].afterCallWork?.mean else { continue }
                let p = Int(((log.serviceEnd[i] - opening) / periodSeconds).rounded(.down))
                if p >= 0 && p < periods { count(k, p) { $0.busySeconds += acw } }
            }
            let total = (0..<days.count).map { k in (0..<periods).map { p in onDuty.teams.reduce(0.0) { $0 + $1.onDutyByDay[k][p] } } }
            for k in days.indices { for p in 0..<periods { count(k, p) { $0.staffedSeconds += total[k][p] * periodSeconds } } }
            // Each team of the log to a group of the scenario (by name, else by skills).
            var servedByTeam = [[String: Int]](repeating: [:], count: onDuty.teams.count)
            for i in calls where log.outcome[i] == .served && log.agent[i] >= 0 && log.callType[i] >= 0 {
                guard let team = onDuty.teamOfAgent[Int(log.agent[i])] else { continue }
                servedByTeam[team][log.callTypes[Int(log.callType[i])], default: 0] += 1
            }
            let mapping = GroupMapping(teams: onDuty.teams.enumerated().map { ($1.name, $1.skills, servedByTeam[$0]) },
                                       groups: config.groups.map { ($0.name, $0.skills) })
            if options.perDay, !mapping.unmapped.isEmpty {
                throw Mismatch(description: "the log's agents cannot be replayed in this scenario: no group serves what "
                    + mapping.unmapped.map { "team \(onDuty.teams[$0].name) (\(onDuty.teams[$0].agents.count) agents) served" }.joined(separator: "; ")
                    + " (its groups: " + config.groups.map { "\($0.name) [\(($0.skills ?? ["every skill"]).joined(separator: ", "))]" }
                        .joined(separator: ", ") + "); the per-day replay needs each day's own agents")
            }
            agentsByDay = days.indices.map { k in
                groupNames.indices.map { g in
                    (0..<periods).map { p in mapping.groupOfTeam.indices.reduce(0.0) { mapping.groupOfTeam[$1] == g ? $0 + onDuty.teams[$1].onDutyByDay[k][p] : $0 } }
                }
            }
            agentsFrom = "the log (presence rule" + (mapping.isByName ? "" : "; teams to groups by skills: " + mapping.groupOfTeam.enumerated()
                .compactMap { t, g in g.map { "\(onDuty.teams[t].name) → \(groupNames[$0])" } }.joined(separator: ", ")) + ")"
        } else {
            let staffed = plan.staffedAgents
            for k in days.indices { for p in 0..<periods { count(k, p) { $0.staffedSeconds += staffed[p] * periodSeconds } } }
            agentsFrom = "the scenario (the log names no agents)"
        }

        // Simulated.
        let simulated = ReplicatedResult.simulate([config], seed: seed, replications: replications, jobs: options.jobs)[0]
        controlVariates = ControlVariates.used(asked: options.controlVariates, replications: replications, configs: [config])
        let controls = controlVariates ? ControlVariates(config) : nil
        let hasIVR = config.ivr != nil && log.hasIVR
        var rows: [Row] = []
        let periodControls = (0..<periods).map { p in controls?.period(p, of: simulated) }
        for metric in Self.periodMetrics {
            for p in 0..<periods {
                let observed = ObservedTally.interval(metric, tallies.map { $0[p] })
                rows.append(Row(period: p, metric: metric, observed: observed,
                                simulated: simulated.periodInterval(p, metric, controls: periodControls[p]),
                                tolerance: options.tolerance.allowed(metric, observed: observed.mean)))
            }
        }
        for metric in Self.periodMetrics + (hasIVR ? Self.ivrMetrics : []) {
            let observed = ObservedTally.interval(metric, dayTallies)
            rows.append(Row(period: nil, metric: metric, observed: observed, simulated: Self.simulatedDay(metric, simulated, controls: controls),
                            tolerance: options.tolerance.allowed(metric, observed: observed.mean)))
        }
        self.rows = rows

        // Per day: each day replayed with its volume (and agents).
        var dayRows: [DayRow] = []
        var correlations: [String: Double] = [:]
        var bias: [String: ConfidenceInterval] = [:]
        var observedMean: [String: Double] = [:]
        var agreement: [String: Agreement] = [:]
        if options.perDay {
            var configs: [CenterConfig] = []
            for k in days.indices {
                var c = config
                c.day!.busynessShape = nil
                c.day!.arrivalsPerHour = countsByType[k].map { $0.map { $0 * 3600 / periodSeconds } }
                if let agentsByDay {
                    c.day!.agentsByGroup = agentsByDay[k].map { $0.map { Int($0.rounded(.down)) } }
                    c.day!.partialAgentShareByGroup = agentsByDay[k].map { $0.map { $0 - $0.rounded(.down) } }
                }
                configs.append(c)
            }
            // Each day on its own streams (seed + 1 + its index): independent days, so the
            // spread over days of simulated − observed is a valid interval for their bias.
            let results = configs.enumerated().map { k, c in
                ReplicatedResult.simulate([c], seed: seed &+ 1 &+ UInt64(k), replications: options.perDayReplications, jobs: options.jobs)[0]
            }
            // With enough replications a day's replay is corrected to its expected arrivals, the log's.
            let dayControls = configs.map { c in
                ControlVariates.used(asked: options.controlVariates, replications: options.perDayReplications, configs: [c])
                    ? ControlVariates(c) : nil
            }
            for metric in Self.periodMetrics + (hasIVR ? Self.ivrMetrics : []) {
                var xs: [Double] = [], ys: [Double] = []
                for k in days.indices {
                    let (x, y) = dayTallies[k].fraction(metric)
                    let observed = y > 0 ? x / y : .nan
                    let sim = Self.simulatedDay(metric, results[k], controls: dayControls[k])
                    dayRows.append(DayRow(day: days[k], metric: metric, observed: observed, simulated: sim))
                    if observed.isFinite && sim.mean.isFinite { xs.append(observed); ys.append(sim.mean) }
                }
                correlations[metric] = pearson(xs, ys)
                if xs.count >= 2 {
                    let b = ConfidenceInterval.studentT(zip(ys, xs).map { $0 - $1 })
                    let mean = xs.reduce(0, +) / Double(xs.count)
                    bias[metric] = b
                    observedMean[metric] = mean
                    agreement[metric] = Agreement(difference: b.mean, halfWidth: b.halfWidth,
                                                  tolerance: options.tolerance.allowed(metric, observed: mean))
                }
            }
        }
        self.dayRows = dayRows
        self.perDayAgentsByGroup = options.perDay ? agentsByDay : nil
        self.correlations = correlations
        self.perDayBias = bias
        self.perDayObservedMean = observedMean
        self.perDayAgreement = agreement
        self.tolerance = options.tolerance
    }

    static func simulatedDay(_ metric: String, _ result: ReplicatedResult, controls: ControlVariates?) -> ConfidenceInterval {
        if metric == ivrHangupRate {
            let f = result.fractions(Metric.transferRate.name)
            let hangups = zip(f.numerators, f.denominators).map { $1 - $0 }
            guard let controls else { return ConfidenceInterval.ratioOfSums(numerators: hangups, denominators: f.denominators) }
            let c = controls.window(result)
            return ConfidenceInterval.ratioOfSums(numerators: hangups, denominators: f.denominators, controls: c.values, controlMeans: c.means)
        }
        return controls.map { result.interval(metric, controls: $0) } ?? result.interval(metric)
    }
}

/// Pearson's r of paired samples (NaN with fewer than 3 pairs or no spread).
func pearson(_ x: [Double], _ y: [Double]) -> Double {
    let n = Double(x.count)
    guard x.count >= 3 else { return .nan }
    let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
    var sxy = 0.0, sxx = 0.0, syy = 0.0
    for (a, b) in zip(x, y) { sxy += (a - mx) * (b - my); sxx += (a - mx) * (a - mx); syy += (b - my) * (b - my) }
    return sxx > 0 && syy > 0 ? sxy / (sxx * syy).squareRoot() : .nan
}

/// A day's (or period's) observed calls: the queue figures in ccsim's own `QueueTally`
/// (the same definitions as the simulation's), agent time and the IVR.
struct ObservedTally: Sendable {
    var queue = QueueTally()
    var busySeconds = 0.0, staffedSeconds = 0.0
    var ivrEntered = 0.0, ivrLeft = 0.0, ivrSeconds = 0.0, ivrTimed = 0.0

    /// Counts call i of `log`: offered; through the IVR (left there or not, its time when
    /// known); entered the queue when served or abandoned, with its wait.
    mutating func count(_ log: CallLog, call i: Int, target: Double) {
        queue.offered += 1
        let outcome = log.outcome[i]
        if !log.ivrExit[i].isNaN || outcome == .ivrOnly {
            ivrEntered += 1
            if outcome == .ivrOnly { ivrLeft += 1 }
            if !log.ivrExit[i].isNaN { ivrSeconds += log.ivrExit[i] - log.arrival[i]; ivrTimed += 1 }
        }
        guard outcome == .served || outcome == .abandoned else { return }
        let wait = log.queueExit[i] - log.queueEntry[i]
        queue.enteredQueue += 1
        if wait > 0 { queue.delayed += 1 }
        if outcome == .served { queue.answered(after: wait, target: target) } else { queue.abandoned(after: wait, target: target) }
    }

    /// (numerator, denominator) of `metric`: the queue's by `QueueTally.fraction`.
    func fraction(_ metric: String) -> (Double, Double) {
        switch metric {
        case Metric.occupancy.name: return (busySeconds, staffedSeconds)
        case Metric.meanIVRSeconds.name: return (ivrSeconds, ivrTimed)
        case Backtest.ivrHangupRate: return (ivrLeft, ivrEntered)
        default:
            guard let f = queue.fraction(metric) else { preconditionFailure("unknown backtest metric \(metric)") }
            return (f.numerator, f.denominator)
        }
    }

    /// Ratio of sums over the tallies (days) with its delta-method 95 % interval.
    static func interval(_ metric: String, _ tallies: [ObservedTally]) -> ConfidenceInterval {
        let pairs = tallies.map { $0.fraction(metric) }
        return ConfidenceInterval.ratioOfSums(numerators: pairs.map(\.0), denominators: pairs.map(\.1))
    }
}
