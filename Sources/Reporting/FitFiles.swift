import Calibration
import Foundation
import Measures
import Stochastic

/// The files of `ccsim fit` besides the scenario: `fit.md` (every estimate with its
/// method, sample size and test; dropped rows by reason) and the data of its figures,
/// `fit-arrivals.csv`, `fit-agents.csv` (and by day, `fit-agents-by-day.csv`),
/// `fit-handling.csv` (QQ points), `fit-patience.csv` (Kaplan–Meier vs fitted survival)
/// and `fit-days.csv` (the log's days).
public enum FitFiles {
    public static func files(_ fit: CenterFit, scenarioYAML: String, scenarioName: String, source: String,
                             notReadyTest: NotReadyTest? = nil) -> [(name: String, contents: String)] {
        [
            ("scenario.yaml", scenarioYAML),
            ("fit.md", markdown(fit, scenarioName: scenarioName, source: source, notReadyTest: notReadyTest)),
            ("fit-arrivals.csv", arrivalsCSV(fit)),
            ("fit-agents.csv", agentsCSV(fit)),
            ("fit-agents-by-day.csv", agentsByDayCSV(fit)),
            ("fit-handling.csv", handlingCSV(fit)),
            ("fit-patience.csv", patienceCSV(fit)),
            ("fit-days.csv", daysCSV(fit)),
        ]
    }

    /// The fit's answer, one line per question a reader asks first (fit.md opens with it,
    /// the manifest keeps it as `verdict`, the report shows it first): the days and calls it
    /// rests on, whether each fitted law is consistent with the log (handling times by
    /// Kolmogorov–Smirnov at the 1 % level, patience by the constant-hazard test, the
    /// within-day shape by its χ² test), the warnings, and what tells whether the scenario
    /// reproduces the log's KPIs (the backtest).
    public static func verdict(_ fit: CenterFit, source: String) -> [String] {
        let pv = pValueText
        let dropped = fit.dropped.values.reduce(0, +)
        var lines = ["Fitted day type \(fit.dayType) on \(fit.arrivals.days.count) days: \(fit.log.count) calls kept of \(fit.log.rowsRead) rows"
            + (dropped > 0 ? " (\(dropped) dropped, reasons in fit.md)" : "") + "."]
        let a = fit.arrivals
        lines.append(a.withinDayPValue < 0.001
            ? "Arrivals: the days' shapes differ beyond one busyness factor per day (χ² p \(pv(a.withinDayPValue))): the fitted day understates the periods' spread."
            : "Arrivals: the days share one shape up to a busyness factor (χ² p \(pv(a.withinDayPValue)))"
                + (a.busynessShape.map { "; busyness cv \(fixed(1 / $0.squareRoot(), 2))." } ?? "; no busyness beyond Poisson."))
        for t in fit.types {
            let name = GnuplotText.controlsAsSpaces(t.name)
            if let h = t.handling {
                lines.append("Handling times of \(name): " + (h.lawName == "empirical"
                    ? "neither lognormal nor exponential fits (KS D \(fixed(h.ksDistance, 3))): the observed distribution is used (empirical)."
                    : "\(h.lawName), consistent with the log (KS D \(fixed(h.ksDistance, 3)), p \(pv(h.ksPValue)))."))
            }
            if let p = t.patience {
                lines.append("Patience of \(name): " + (p.lawName == "exponential"
                    ? "exponential, mean \(fixed(p.exponentialMean, 0)) s (95 % \(fixed(p.meanLow, 0))–\(p.meanHigh.isFinite ? fixed(p.meanHigh, 0) : "∞")), a constant hazard not rejected (p \(pv(p.constantHazardPValue)))."
                    : "the hazard is not constant (p \(pv(p.constantHazardPValue))): piecewise exponential."))
            }
        }
        if !fit.warnings.isEmpty { lines.append("\(fit.warnings.count) warning(s) in fit.md.") }
        lines.append("Whether the scenario reproduces the log's KPIs: ccsim backtest \(source) scenario.yaml.")
        return lines
    }

    /// A bias of a rate in points with its interval: "+2.3 pts (1.1–3.5)".
    public static func points(_ e: ConfidenceInterval?) -> String {
        guard let e, e.mean.isFinite else { return "n/a" }
        return (e.mean >= 0 ? "+" : "") + fixed(100 * e.mean, 1) + " pts" + (e.halfWidth.isFinite ? " (\(fixed(100 * e.low, 1))–\(fixed(100 * e.high, 1)))" : "")
    }

    static func periodStart(_ fit: CenterFit, _ p: Int) -> String {
        clockText(fit.openingSeconds + Double(p) * fit.options.periodMinutes * 60)
    }

    static func arrivalsCSV(_ fit: CenterFit) -> String {
        var lines = ["call_type,period,start,per_hour,ci_low,ci_high"]
        for type in fit.arrivals.types {
            for p in 0..<fit.periodCount {
                lines.append([CSV.field(type.name), "\(p)", periodStart(fit, p), number(type.perHourByPeriod[p]),
                              number(type.lowByPeriod[p]), number(type.highByPeriod[p])].joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Per team and period: the mean over days of agents on duty with its 95 % interval
    /// (Student t over days).
    static func agentsCSV(_ fit: CenterFit) -> String {
        var lines = ["team,period,start,on_duty,ci_low,ci_high"]
        for team in fit.agents?.teams ?? [] {
            for p in 0..<fit.periodCount {
                let samples = team.onDutyByDay.map { $0[p] }
                let ci = samples.count >= 2 ? ConfidenceInterval.studentT(samples) : nil
                lines.append([CSV.field(team.name), "\(p)", periodStart(fit, p), number(team.onDutyByPeriod[p]),
                              number(ci?.low ?? .nan), number(ci?.high ?? .nan)].joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Per team, day and period: agents on duty that day (the presence rule).
    static func agentsByDayCSV(_ fit: CenterFit) -> String {
        var lines = ["team,day,date,period,start,on_duty"]
        for team in fit.agents?.teams ?? [] {
            for (k, day) in fit.arrivals.days.enumerated() {
                let date = fit.log.calendarDays ? civilDate(day) : ""
                for p in 0..<fit.periodCount {
                    lines.append([CSV.field(team.name), "\(day)", date, "\(p)", periodStart(fit, p),
                                  number(team.onDutyByDay[k][p])].joined(separator: ","))
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// QQ points at probabilities 0.01 … 0.99: the estimate's quantile vs the written law's.
    static func handlingCSV(_ fit: CenterFit) -> String {
        var lines = ["call_type,probability,observed_seconds,fitted_seconds"]
        for type in fit.types {
            guard let h = type.handling else { continue }
            let law = h.law.preparedForInversion
            for k in 1...99 {
                let u = Double(k) / 100
                let observed = h.steps.first { $0.cdf >= u }?.time ?? h.steps.last!.time
                lines.append([CSV.field(type.name), number(u), number(observed), number(law.quantile(u))].joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Survival of patience (queue and IVR) on a grid up to the last abandon: Kaplan–Meier
    /// and the written law (its survival, 1 − F, by bisection on the quantile function).
    static func patienceCSV(_ fit: CenterFit) -> String {
        var lines = ["call_type,wait,seconds,kaplan_meier,fitted"]
        for type in fit.types {
            for (kind, p) in [("queue", type.patience), ("ivr", type.ivrPatience)] {
                // Up to where at least 20 callers (or 1 %) still wait: beyond, the curve is noise.
                guard let p, let last = p.kaplanMeier.last(where: { $0.atRisk >= max(20, p.waits / 100) })?.time, last > 0
                else { continue }
                for k in 0...100 {
                    let t = last * Double(k) / 100
                    let km = p.kaplanMeier.last { $0.time <= t }?.survival ?? 1
                    lines.append([CSV.field(type.name), kind, number(t), number(km), number(survival(p.law, t))]
                        .joined(separator: ","))
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func survival(_ law: Distribution, _ t: Double) -> Double {
        switch law {
        case .exponential(let mean): return exp(-t / mean)
        case .piecewiseExponential(let breaks, let means):
            var hazard = 0.0, start = 0.0
            for (k, b) in breaks.enumerated() {
                hazard += (min(t, b) - start) / means[k]
                if t <= b { return exp(-hazard) }
                start = b
            }
            return exp(-(hazard + (t - start) / means[means.count - 1]))
        default:
            var low = 0.0, high = 1.0
            for _ in 0..<60 { let mid = (low + high) / 2; if law.quantile(mid) < t { low = mid } else { high = mid } }
            return 1 - low
        }
    }

    static func daysCSV(_ fit: CenterFit) -> String {
        var lines = ["day,date,weekday,day_type,calls"]
        var calls = [Int32: Int]()
        for d in fit.log.day { calls[d, default: 0] += 1 }
        for (name, days) in fit.dayTypes {
            for d in days {
                let date = fit.log.calendarDays ? civilDate(d) : ""
                let weekday = fit.log.calendarDays ? CallLog.weekdayNames[CallLog.weekday(ofDay: d)] : ""
                lines.append("\(d),\(date),\(weekday),\(name),\(calls[d] ?? 0)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func number(_ x: Double) -> String { x.isFinite ? "\(x)" : "" }

    // MARK: fit.md

    static func markdown(_ fit: CenterFit, scenarioName: String, source: String, notReadyTest: NotReadyTest? = nil) -> String {
        var md: [String] = []
        // Names from the log stay on their line: control characters (CR, LF, …) become spaces.
        func p(_ s: String = "") { md.append(GnuplotText.controlsAsSpaces(s)) }
        let pv = pValueText
        let log = fit.log
        let a = fit.arrivals
        p("# Fit of \(source)")
        p()
        p("`scenario.yaml` (name `\(scenarioName)`) is the fitted day: `ccsim run` it, or hold it against the log with")
        p("`ccsim backtest \(source) scenario.yaml`. Each number below says how it was estimated.")
        p()
        p("## Verdict")
        p()
        for line in verdict(fit, source: source) { p("- " + line) }
        p()
        if !fit.warnings.isEmpty {
            p("## Warnings")
            p()
            for warning in fit.warnings { p("- " + warning) }
            p()
        }
        p("## The log")
        p()
        let droppedTotal = fit.dropped.values.reduce(0, +)
        p("- Rows read: \(log.rowsRead); kept: \(log.count); dropped: \(droppedTotal).")
        for (reason, n) in fit.dropped.sorted(by: { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }) {
            p("  - \(reason): \(n)")
        }
        if !log.skippedExamples.isEmpty {
            p("- The first rows skipped as unreadable (`--bad-rows skip`): " + log.skippedExamples.joined(separator: "; ") + ".")
        }
        if log.abandonedInIVR > 0 {
            p("- Abandonments without a queue start (hung up before reaching the queue): \(log.abandonedInIVR), read as hang-ups in the")
            p("  IVR (IVR patience), not as queue abandonments.")
        }
        if log.skewCorrected > 0 {
            p("- Kept rows whose clocks disagreed by at most the skew allowance (times set equal): \(log.skewCorrected).")
        }
        p("- Steps recorded: IVR exit \(log.hasIVR ? "yes" : "no"), agents \(log.hasAgents ? "yes" : "no"), service end \(log.hasServiceEnd ? "yes" : "no").")
        p("- Opening hours: \(clockText(fit.openingSeconds))–\(clockText(fit.closingSeconds)), \(fit.periodCount) periods of \(fixed(fit.options.periodMinutes, 0)) min.")
        p("- Day types: " + fit.dayTypes.map { "\($0.name) \($0.days.count) days" }.joined(separator: ", ")
          + "; fitted: **\(fit.dayType)** (\(a.days.count) days; `--day-type` chooses).")
        if !fit.daysWithoutData.isEmpty {
            let list = fit.daysWithoutData.prefix(20).map { "\(civilDate($0)) (\(CallLog.weekdayNames[CallLog.weekday(ofDay: $0)]))" }
            p("- Days without data in the log's range (skipped, not zero-volume days): \(fit.daysWithoutData.count): "
              + list.joined(separator: ", ") + (fit.daysWithoutData.count > 20 ? ", …" : "") + ".")
        }
        p()
        md += dayTypesSection(fit).map(GnuplotText.controlsAsSpaces)
        p("## Arrivals (`fit-arrivals.csv`, `plots/fit-arrivals.svg`)")
        p()
        p("Calls per hour in each period: the mean over the \(a.days.count) days of the calls that arrived in it ÷ the period")
        p("in hours, 95 % interval from the days' spread (Student t).")
        if a.unclassifiedCalls > 0 {
            p("\(a.unclassifiedCalls) calls without a class (logs that classify only queued calls) were shared among the types in")
            p("proportion to the classified calls of the same period.")
        }
        p()
        p("| period | " + a.types.map { "\($0.name) (95 % CI)" }.joined(separator: " | ") + " |")
        p("|---|" + a.types.map { _ in "---:|" }.joined())
        for k in 0..<fit.periodCount {
            p("| \(periodStart(fit, k)) | " + a.types.map {
                "\(fixed($0.perHourByPeriod[k], 1)) (\(fixed($0.lowByPeriod[k], 1))–\(fixed($0.highByPeriod[k], 1)))"
            }.joined(separator: " | ") + " |")
        }
        p()
        p("**Busyness.** Daily totals: mean \(fixed(a.dailyMean, 1)), variance \(fixed(a.dailyVariance, 1)) over \(a.days.count) days. With")
        p("N | B ~ Poisson(B·Λ), B ~ Gamma(mean 1, variance 1/shape): Var N = Λ + Λ²/shape, so 1/shape = (s² − m) ÷ m² (method of moments).")
        if let shape = a.busynessShape {
            p("Shape **\(fixed(shape, 2))** (coefficient of variation of B \(fixed(1 / shape.squareRoot(), 3))).")
        } else {
            p("No over-dispersion beyond Poisson (or fewer than 3 days): no `busyness:`.")
        }
        p()
        p("**Within-day shape.** Given each day's total, the periods' counts against the day type's profile: X² = \(fixed(a.withinDayChiSquare, 1))")
        p("on \(a.withinDayDegrees) degrees of freedom, p \(pv(a.withinDayPValue)).")
        if a.withinDayPValue < 0.001 {
            p("**Warning:** the days' shapes differ beyond one busyness factor per day (over-dispersion within the day remains):")
            p("the fitted day understates the spread of the periods' volumes; fit day types apart, or shorter spans of days.")
        }
        p()
        p("## Handling times (`fit-handling.csv`, `plots/fit-handling.svg`)")
        p()
        p("Durations service end − service start of served calls. Mean-preserving lognormal (σ² = ln(1 + s²/m²), μ = ln m − σ²/2)")
        p("or exponential of the same mean, whichever is closer in Kolmogorov–Smirnov distance D, kept unless D > 0.03 with")
        p("√n·D > 1.63 (1 % level); else `empirical` (\(DurationFit.quantileCount) slice means of the observed distribution,")
        p("rescaled to the observed mean).")
        p()
        p("| call type | services | mean (s) | 95 % CI | sd (s) | KS D | p | law | zero-length | no end |")
        p("|---|---:|---:|---|---:|---:|---:|---|---:|---:|")
        for t in fit.types {
            if let h = t.handling {
                p("| \(t.name) | \(h.observations) | \(fixed(h.mean, 1)) | \(fixed(h.meanLow, 1))–\(fixed(h.meanHigh, 1)) | \(fixed(h.sd, 1)) | \(fixed(h.ksDistance, 4)) | \(pv(h.ksPValue)) | \(h.lawName) | \(t.zeroLengthServices) | \(t.servicesWithoutEnd) |")
            } else {
                p("| \(t.name) | 0 | – | – | – | – | – | (none) | \(t.zeroLengthServices) | \(t.servicesWithoutEnd) |")
            }
        }
        p()
        p("Zero-length services are left out of the law (and counted here); the calls stay in every other estimate.")
        for t in fit.types where t.handlingByPeriodPValue < 0.001 {
            let listed = t.handlingMultipliers.enumerated().compactMap { k, m in m.map { "\(periodStart(fit, k)) ×\(fixed($0, 2))" } }
            p()
            p("**\(t.name): handling time varies by time of day** beyond noise (χ² test of equal period means, p \(pv(t.handlingByPeriodPValue))).")
            p("Mean by period ÷ overall mean: " + listed.joined(separator: ", ") + ". Written as `service_factor_by_period`")
            p("(1 for periods with fewer than 30 services); the law in the table is then of each time ÷ its period's factor.")
        }
        p()
        p("## Patience (`fit-patience.csv`, `plots/fit-patience.svg`)")
        p()
        p("Waits in queue: an abandon is an event at its wait, an answered call censored at its wait. Exponential MLE: mean =")
        p("total time waited ÷ abandons, 95 % interval 2T ÷ χ²_{2a}(0.975) … 2T ÷ χ²_{2a}(0.025). Kaplan–Meier survival, and")
        p("a piecewise-constant hazard on up to 8 segments with equal numbers of abandons (the last rate continues: an exponential")
        p("tail); the likelihood-ratio test of a constant hazard (χ², segments − 1 degrees of freedom) picks it below p = 0.001.")
        p()
        p("| call type | wait | queued | abandons | hours waited | exp. mean (s) | 95 % CI | LR | p | law |")
        p("|---|---|---:|---:|---:|---:|---|---:|---:|---|")
        for t in fit.types {
            for (kind, pf) in [("queue", t.patience), ("IVR", t.ivrPatience)] {
                guard let pf else { continue }
                p("| \(t.name) | \(kind) | \(pf.waits) | \(pf.abandons) | \(fixed(pf.exposureSeconds / 3600, 1)) | \(fixed(pf.exponentialMean, 1)) | \(fixed(pf.meanLow, 1))–\(fixed(pf.meanHigh, 1)) | \(fixed(pf.likelihoodRatio, 1)) | \(pv(pf.constantHazardPValue)) | \(pf.lawName) |")
            }
            if t.patience == nil { p("| \(t.name) | queue | – | 0 | – | – | – | – | – | unlimited |") }
        }
        p()
        if log.hasIVR {
            p("## IVR")
            p()
            p("A plain IVR delay in front of the queue (`ivr:` with one announcement: no intents invented). Its time is that of")
            p("callers who went on to the queue, with callers who left in the IVR as censored observations (Kaplan–Meier), then")
            p("the handling-time rule (lognormal or empirical). Leaving in the IVR (hang-ups and self-service alike: a log tells")
            p("them apart only through its outcome codes) is `ivr_patience` per type, fitted as patience above.")
            if let d = fit.ivrDelay {
                p()
                p("- IVR time: \(d.observations) calls (\(d.censored) censored), mean \(fixed(d.mean, 1)) s (\(fixed(d.meanLow, 1))–\(fixed(d.meanHigh, 1))), sd \(fixed(d.sd, 1)) s, KS D \(fixed(d.ksDistance, 4)): \(d.lawName).")
            }
            for t in fit.types { if let s = t.ivrHangupShare { p("- \(t.name): \(fixed(100 * s, 2)) % left in the IVR.") } }
            p()
        }
        p("## Agents on duty (`fit-agents.csv`, `plots/fit-agents.svg`)")
        p()
        if let agents = fit.agents {
            p("Presence rule: an agent's day splits into sessions at gaps of more than \(fixed(agents.idleGapSeconds / 60, 0)) min between")
            p("his calls; within a session he is present while serving and, between calls, while no caller of his skills waited; while")
            p("one did, only for the after-call-work mean (longer is a break). On duty in a period = presence seconds ÷ the period's")
            p("seconds, per day, averaged over days (a lower bound in quiet periods: presence before a session's first call is unseen).")
            p("Skills: the call types that make at least 2 % of an agent's calls; agents with the same skills are one team (group).")
            for j in agents.joinedTypes {
                let how = j.served == 0
                    ? "no call of it was served on the fitted days: it joined the largest team, \(j.teams[0])"
                    : "its \(j.served) served calls were taken by " + zip(j.teams, j.servedByTeam).map { "\($0) (\(fixed(100 * Double($1) / Double(j.served), 0)) %)" }
                        .joined(separator: ", ") + (j.teams.count > 1 ? ", the teams it joined" : ", the team it joined")
                p("Call type \(j.type) is no agent's skill (under 2 % of every agent's calls): \(how), so that every caller is served.")
            }
            p()
            p("After-call work per team, from the gaps (≤ 600 s) between an agent's consecutive calls that began while a caller of his")
            p("skills waited (he would have taken the caller had he been free): a gap they waited through is a wrap-up of its length,")
            p("one in which the queue emptied first is right-censored where it emptied; Kaplan–Meier, then the handling-time rule;")
            p("none when the mean is below 1 s.")
            for team in agents.teams {
                if let acw = team.afterCallWork {
                    p("- \(team.name): \(acw.observations) gaps (\(acw.censored) censored), mean \(fixed(acw.mean, 1)) s, sd \(fixed(acw.sd, 1)) s: \(acw.lawName).")
                } else {
                    p("- \(team.name): none (\(team.afterCallWorkGaps) gaps that began while callers waited, mean below 1 s: the next caller was taken at once).")
                }
            }
            p()
            p("**Not ready while present.** In a gap of at most 10 minutes between an agent's calls, callers of his skills may")
            p("have waited beyond a long wrap-up (the after-call work's 95 % quantile): he was there and did not take them. Such")
            p("spells (5 s or more; a law from 30 of them) are a candidate for agents' `absence:` (on duty, not taking calls).")
            for team in agents.teams {
                if let spells = team.notReady, let every = team.notReadyEverySeconds {
                    p("- \(team.name): \(spells.observations) spells, \(fixed(100 * team.notReadyShare, 1)) % of the time on duty, mean "
                      + "\(fixed(spells.mean, 1)) s (\(spells.lawName)), one every \(fixed(every, 0)) s on duty.")
                } else {
                    p("- \(team.name): fewer than 30 spells (\(fixed(100 * team.notReadyShare, 1)) % of the time on duty).")
                }
            }
            if let test = notReadyTest {
                p()
                p("Tested by replaying each of the \(test.days) fitted days with its own volume and agents (\(test.replicationsPerDay) replications")
                p("each), mean bias over days (simulated − log, 95 % interval):")
                p()
                p("| candidate | service level bias | P(wait) bias | written |")
                p("|---|---:|---:|---|")
                for (k, c) in test.candidates.enumerated() {
                    p("| \(c.name) | \(points(c.serviceLevelBias)) | \(points(c.pWaitBias)) | \(k == test.chosen ? "yes" : "") |")
                }
            }
            p()
            p("| period | " + agents.teams.map { "\($0.name) (\($0.agents.count) agents)" }.joined(separator: " | ") + " |")
            p("|---|" + agents.teams.map { _ in "---:|" }.joined())
            for k in 0..<fit.periodCount {
                p("| \(periodStart(fit, k)) | " + agents.teams.map { fixed($0.onDutyByPeriod[k], 2) }.joined(separator: " | ") + " |")
            }
        } else {
            p("The log names no agents: the scenario has a placeholder group (the offered load × 1.1 + 1 per period) for the")
            p("planner to replace, or to plan with `ccsim staff`.")
        }
        p()
        if fit.types.count > 1 {
            md += precedenceSection(fit).map(GnuplotText.controlsAsSpaces)
            p("## Routing hints")
            p()
            p("Mean wait (s) of each type's queued calls by hour of arrival, next to the other types' in the same hour (hours with")
            p("at least 10 calls each). A type that waits much less than the others in the same hours has precedence (`routing:`).")
            p()
            for t in fit.types where !t.meanWaitByHour.isEmpty {
                p("- \(t.name): " + t.meanWaitByHour.map { "\($0.hour)h \(fixed($0.own, 1)) vs \(fixed($0.others, 1))" }.joined(separator: "; "))
            }
            if let agents = fit.agents {
                p("- Teams: " + agents.teams.map { "\($0.name) serves \($0.skills.joined(separator: ", ")) (\($0.agents.count) agents)" }.joined(separator: "; "))
            }
            p()
        }
        p("## Files")
        p()
        p("`scenario.yaml`, this file, `fit-arrivals.csv`, `fit-agents.csv` (per day: `fit-agents-by-day.csv`), `fit-handling.csv` (QQ points), `fit-patience.csv`")
        p("(Kaplan–Meier vs fitted survival), `fit-days.csv` (the log's days and their types), `manifest.json`; figures in `plots/`.")
        return md.joined(separator: "\n") + "\n"
    }
}
