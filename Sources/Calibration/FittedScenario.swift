import Foundation
import ScenarioFiles
import Stochastic

/// The scenario `ccsim fit` writes: one day of the fitted day type in periods, with a
/// comment above each fitted number saying where it came from (method, sample size, test).
/// It reads back through `ScenarioLoader` (the fit checks this before writing anything).
/// `notReady`: each team's not-ready spells (`AgentsOnDuty.Team.notReady`) written as its
/// agents' `absence:` (present, counted on duty, but not taking calls).
public enum FittedScenario {
    public static func yaml(_ fit: CenterFit, name: String, source: String, targetSeconds: Double, replications: Int,
                            notReady: Bool = false) -> String {
        var out: [String] = []
        // Comments quote names from the log (call types, teams, the file's name): whatever
        // would end the comment's line (CR, LF, NEL, LS, PS, other controls) becomes a space.
        func line(_ s: String) { out.append(s.drop { $0 == " " }.hasPrefix("#") ? YAMLText.commentSafe(s) : s) }
        let arrivals = fit.arrivals
        let minutes = fit.options.periodMinutes
        line("# Fitted by `ccsim fit` from \(source): \(fit.log.count) calls kept of \(fit.log.rowsRead) rows read")
        line("# (dropped rows by reason and every method: fit.md). Day type \(fit.dayType): \(arrivals.days.count) days.")
        line("name: \(name)")
        line("description: \(YAMLText.quoted("fitted from \(source), day type \(fit.dayType), \(arrivals.days.count) days"))")
        line("seed: 1")
        line("replications: \(replications)")
        line("service_level: {target_seconds: \(number(targetSeconds))}")
        line("periods: {minutes: \(number(minutes)), count: \(fit.periodCount), opening: \(YAMLText.quoted(clockText(fit.openingSeconds)))}")
        if let shape = arrivals.busynessShape {
            line("# busyness by moments on the daily totals: mean \(fixed(arrivals.dailyMean, 1)), variance \(fixed(arrivals.dailyVariance, 1))")
            line("# over \(arrivals.days.count) days: 1/shape = (variance − mean) ÷ mean²")
            line("busyness: {shape: \(sig(shape))}")
        } else {
            line("# no busyness: the daily totals vary no more than Poisson (variance \(fixed(arrivals.dailyVariance, 1)) ≤ mean \(fixed(arrivals.dailyMean, 1)))")
        }
        line("call_types:")
        for (t, type) in fit.types.enumerated() {
            let rates = arrivals.types[t]
            line("  - name: \(YAMLText.quoted(type.name))")
            line("    # calls per hour by period: mean over \(arrivals.days.count) days (\(fixed(rates.callsPerDay, 1)) calls a day; 95 % intervals in fit.md)")
            line("    arrivals: {per_hour_by_period: [\(rates.perHourByPeriod.map { fixed($0, 2) }.joined(separator: ", "))]}")
            if let h = type.handling {
                if let why = h.degenerate {
                    line("    # handling: deterministic \(fixed(h.mean, 1)) s, \(why)")
                } else if case .empirical = h.law {
                    line("    # handling: empirical (\(DurationFit.quantileCount) slice means; mean \(fixed(h.mean, 1)) s kept): the closer of a")
                    line("    # lognormal and an exponential of that mean misses the \(h.observations) services by KS distance \(fixed(h.ksDistance, 3)) (p \(pValue(h.ksPValue)))")
                } else {
                    line("    # handling: mean-preserving \(h.lawName), mean \(fixed(h.mean, 1)) s and sd \(fixed(h.sd, 1)) s of \(h.observations) services")
                    line("    # (KS distance \(fixed(h.ksDistance, 3)), p \(pValue(h.ksPValue)))")
                }
                line("    service: \(law(h.law))")
                if let factors = type.handlingFactors {
                    line("    # handling varies by time of day (χ² test of equal period means, p \(pValue(type.handlingByPeriodPValue))):")
                    line("    # each period's mean ÷ the day's (1 where fewer than 30 services); the law above is of time ÷ factor")
                    line("    service_factor_by_period: [\(factors.map { fixed($0, 4) }.joined(separator: ", "))]")
                }
            } else {
                line("    # handling: no service with a duration in the log; 1 s stands in")
                line("    service: {deterministic: 1}")
            }
            if let p = type.patience {
                line("    # patience: \(p.abandons) abandons over \(fixed(p.exposureSeconds / 3600, 1)) h waited by \(p.waits) queued calls;")
                line("    # exponential MLE mean \(fixed(p.exponentialMean, 1)) s [\(fixed(p.meanLow, 1)), \(fixed(p.meanHigh, 1))], constant hazard p \(pValue(p.constantHazardPValue))")
                line("    patience: \(law(p.law))")
            } else {
                line("    # patience: nobody abandoned in the log (unlimited)")
            }
            if let p = type.ivrPatience {
                line("    # IVR patience: \(p.abandons) of \(p.waits) IVR callers left in the IVR (\(fixed(100 * (type.ivrHangupShare ?? 0), 1)) %),")
                line("    # censored at the exit of those who went on; exponential MLE mean \(fixed(p.exponentialMean, 1)) s, constant hazard p \(pValue(p.constantHazardPValue))")
                line("    ivr_patience: \(law(p.law))")
            }
        }
        if let delay = fit.ivrDelay {
            line("ivr:")
            line("  start: ivr")
            line("  nodes:")
            line("    # time in the IVR of callers who went on to the queue (\(delay.observations) calls, \(delay.censored) censored by hang-ups;")
            line("    # Kaplan–Meier, then \(delay.lawName): mean \(fixed(delay.mean, 1)) s)")
            line("    ivr: {announcement: {seconds: \(law(delay.law)), next: agents}}")
            line("    agents: {transfer: {skill: any}}")
        }
        if let precedence = fit.precedence, let levels = precedence.priorities {
            let evidence = precedence.pairs.filter(\.precedes).map { "\($0.first) over \($0.second) \($0.overtakes) times, \($0.overtaken) the other way" }
            line("# Precedence from the log (fit.md, \"Precedence\"): a served call overtook a waiting, earlier caller of another type")
            line("# its agent serves: " + evidence.joined(separator: "; ") + ".")
            line("routing:")
            line("  policy: priority")
            line("  priorities: {" + fit.types.map { "\(YAMLText.quoted($0.name)): \(levels[$0.name] ?? 0)" }.joined(separator: ", ") + "}")
        }
        line("agents:")
        if let agents = fit.agents, !agents.teams.isEmpty {
            for team in agents.teams {
                line("  # \(team.agents.count) agents seen serving \(team.skills.joined(separator: ", ")); on duty per period by the presence rule (fit.md),")
                line("  # mean over \(arrivals.days.count) days")
                line("  - group: \(YAMLText.quoted(team.name))")
                line("    count_by_period: [\(team.onDutyByPeriod.map { fixed($0, 2) }.joined(separator: ", "))]")
                line("    skills: [\(team.skills.map(YAMLText.quoted).joined(separator: ", "))]")
                if let acw = team.afterCallWork {
                    line("    # after-call work: \(acw.observations) gaps between an agent's calls that began while a caller waited (\(acw.censored) censored); \(acw.lawName), mean \(fixed(acw.mean, 1)) s")
                    line("    after_call_work: \(law(acw.law))")
                }
                if notReady, let spells = team.notReady, let every = team.notReadyEverySeconds {
                    line("    # not ready while present: \(spells.observations) spells in which callers of the team's skills waited beyond the")
                    line("    # wrap-up (\(fixed(100 * team.notReadyShare, 1)) % of the time on duty), mean \(fixed(spells.mean, 1)) s, one every \(fixed(every, 0)) s on duty")
                    line("    absence: {every: {exponential: {mean: \(sig(every))}}, lasting: \(law(spells.law))}")
                }
            }
        } else {
            // No agent column: a placeholder the planner replaces (ccsim staff plans it).
            line("  # \(fit.log.hasAgents ? "no agent served a call in the log" : "the log names no agents"): replace this placeholder "
                 + "(or plan it with ccsim staff)")
            line("  - group: agents")
            let load = fit.types.enumerated().map { t, type in
                arrivals.types[t].perHourByPeriod.map { $0 * (type.handling?.mean ?? 1) / 3600 }
            }
            let perPeriod = (0..<fit.periodCount).map { p in load.reduce(0.0) { $0 + $1[p] } }
            line("    count_by_period: [\(perPeriod.map { String(Int(($0 * 1.1).rounded(.up)) + 1) }.joined(separator: ", "))]")
            line("    skills: [\(fit.types.map { YAMLText.quoted($0.name) }.joined(separator: ", "))]")
        }
        return out.joined(separator: "\n") + "\n"
    }

    static func law(_ d: Distribution) -> String {
        switch d {
        case .lognormal(let mu, let sigma):
            let mean = exp(mu + sigma * sigma / 2), sd = mean * (exp(sigma * sigma) - 1).squareRoot()
            return "{lognormal: {mean: \(sig(mean)), sd: \(sig(sd))}}"
        case .exponential(let mean): return "{exponential: {mean: \(sig(mean))}}"
        case .deterministic(let value): return "{deterministic: \(sig(value))}"
        case .piecewiseExponential(let breaks, let means):
            return "{piecewise_exponential: {breaks: [\(breaks.map { sig($0) }.joined(separator: ", "))], means: [\(means.map { sig($0) }.joined(separator: ", "))]}}"
        case .empirical(let values): return "{empirical: [\(values.map { sig($0) }.joined(separator: ", "))]}"
        default: return Scenario.yaml(d)
        }
    }

    /// Six significant digits, without exponent for the magnitudes of seconds.
    static func sig(_ x: Double) -> String {
        guard x.isFinite else { return "\(x)" }
        if x == 0 { return "0" }
        let decimals = max(0, 5 - Int(floor(log10(abs(x)))))
        return fixed(x, min(decimals, 9))
    }

    static func fixed(_ x: Double, _ decimals: Int) -> String {
        guard x.isFinite else { return "\(x)" }
        var s = String(format: "%.\(decimals)f", x)
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s == "-0" ? "0" : s
    }

    static func number(_ x: Double) -> String { fixed(x, 6) }

    static func pValue(_ p: Double) -> String { p < 0.0001 ? "< 0.0001" : fixed(p, 4) }

}
