import CGLPK
import Foundation

/// The roster an integer program chose: how many people work each pattern.
public struct Roster: Sendable, Equatable {
    public enum Status: String, Sendable, Equatable {
        /// Proven optimal.
        case optimal
        /// Proven within the relative gap tolerance of the optimum (`mipGap`).
        case withinGap = "within_gap"
        /// The time limit stopped the search: the best roster found, not proven optimal.
        case bestFound = "best_found"
        /// A solver's roster with people taken off by simulation (`ccsim schedule`).
        case trimmed
        /// The search found no better roster in time: the cheaper of the relaxation's
        /// solution rounded up and its dive (`CoverProblem`).
        case fromRelaxation = "from_relaxation"
    }

    /// [column] → its pattern (a template's start and breaks) and the days of the horizon
    /// it is worked on (one day: `[true]`), and the people on it.
    public let patterns: [ShiftPattern]
    public let workDays: [[Bool]]
    public let people: [Int]
    public let status: Status
    /// The relaxation's optimum: no roster costs less (nil: not solved).
    public let lowerBound: Double?

    public init(patterns: [ShiftPattern], workDays: [[Bool]]? = nil, people: [Int], status: Status, lowerBound: Double? = nil) {
        self.patterns = patterns
        self.workDays = workDays ?? patterns.map { _ in [true] }
        self.people = people
        self.status = status
        self.lowerBound = lowerBound
    }

    /// This roster with one person fewer on column p (a trim: no longer the solver's).
    public func removing(one p: Int) -> Roster {
        var people = self.people
        people[p] -= 1
        return Roster(patterns: patterns, workDays: workDays, people: people, status: .trimmed, lowerBound: lowerBound)
    }

    /// Days of the horizon (1: one day).
    public var days: Int { workDays.first?.count ?? 1 }

    /// [period] → people working on day `day` (shares of a period count: 7.5 = 7 all
    /// period and one for half of it, e.g. on a 15-minute break).
    public func coverage(day: Int) -> [Double] {
        guard let periods = patterns.first?.coverage.count else { return [] }
        return (0..<periods).map { k in
            patterns.indices.reduce(0.0) { $0 + (workDays[$1][day] ? patterns[$1].coverage[k] * Double(people[$1]) : 0) }
        }
    }

    /// The first day's coverage (the only one of a one-day roster).
    public var coverage: [Double] { coverage(day: 0) }

    /// Over the horizon: Σ people × days worked × cost (or paid hours) of a day's shift.
    public var cost: Double { patterns.indices.reduce(0.0) { $0 + patterns[$1].cost * Double(people[$1] * worked($1)) } }
    public var paidHours: Double { patterns.indices.reduce(0.0) { $0 + patterns[$1].paidHours * Double(people[$1] * worked($1)) } }
    public var headcount: Int { people.reduce(0, +) }
    private func worked(_ p: Int) -> Int { workDays[p].filter { $0 }.count }
}

public struct RosterError: Error, CustomStringConvertible, Equatable {
    public let description: String
}

/// Shift scheduling as an integer program, solved with GLPK's branch and cut
/// (`glp_intopt`, presolve on):
///
///   minimise Σ_p cost_p · x_p  subject to  Σ_p a_{k,p} · x_p ≥ r_k for every period k,
///   min_t ≤ Σ_{p of template t} x_p ≤ max_t,  x_p ∈ ℤ≥0,
///
/// with x_p the people on pattern p (a template's start and break placement) and a_{k,p}
/// the share of period k it works (Dantzig's set-covering formulation of shift scheduling,
/// breaks placed explicitly as in Aykin's; Ernst et al. 2004 survey both).
public enum ShiftScheduler {
    /// - Parameters:
    ///   - required: [period] → people needed at work (may be fractional).
    ///   - timeLimitSeconds: GLPK's time limit; the best roster found by then is returned
    ///     (`Roster.Status.bestFound`).
    /// - Throws: `RosterError` when a period that needs people is covered by no pattern,
    ///   when the bounds on people make it infeasible, or when no roster is found in time.
    ///   - mipGap: stop once the roster's cost is proven within this fraction of the optimum
    ///     (`Roster.Status.withinGap`; 0: search to proven optimality).
    public static func solve(required: [Double], periodMinutes: Double, templates: [ShiftTemplate],
                             timeLimitSeconds: Double = 30, mipGap: Double = 0) throws -> Roster {
        try solve(requiredByDay: [required], periodMinutes: periodMinutes, templates: templates, daysOff: nil,
                  timeLimitSeconds: timeLimitSeconds, mipGap: mipGap)
    }

    /// Tour scheduling over several days (a week): each person works the same shift (start
    /// and breaks) on every day of his work pattern, which leaves `daysOff.count` days off
    /// (`consecutive`: in one block, counted round the week, as a weekly roster repeats).
    /// The columns are pattern × work pattern, the rows every (day, period).
    /// - Parameter requiredByDay: [day][period] → people needed at work.
    public static func solve(requiredByDay: [[Double]], periodMinutes: Double, templates: [ShiftTemplate],
                             daysOff: (count: Int, consecutive: Bool)?, timeLimitSeconds: Double = 30,
                             mipGap: Double = 0) throws -> Roster {
        let days = requiredByDay.count, periods = requiredByDay.first?.count ?? 0
        let dayPatterns = ShiftPattern.all(templates, periods: periods, periodMinutes: periodMinutes)
        for (d, required) in requiredByDay.enumerated() {
            let uncovered = required.indices.filter { k in required[k] > 0 && !dayPatterns.contains { $0.coverage[k] > 0 } }
            if !uncovered.isEmpty {
                throw RosterError(description: "no shift template covers period(s) " + uncovered.map(String.init).joined(separator: ", ")
                    + (days > 1 ? " of day \(d + 1)" : "") + " that need people: add start times or templates (shifts.templates)")
            }
        }
        let masks = workPatterns(days: days, daysOff: daysOff)
        if masks.isEmpty { throw RosterError(description: "no work pattern leaves \(daysOff?.count ?? 0) days off in \(days) (shifts.days_off)") }
        var patterns: [ShiftPattern] = [], workDays: [[Bool]] = []
        for pattern in dayPatterns {
            for mask in masks {
                patterns.append(pattern)
                workDays.append(mask)
            }
        }
        let required = requiredByDay.flatMap { $0 }
        guard !patterns.isEmpty else { return Roster(patterns: [], workDays: [], people: [], status: .optimal) }
        glp_term_out(0)  // GLP_OFF: no solver chatter on the terminal
        guard let lp = glp_create_prob() else { throw RosterError(description: "GLPK could not create a problem") }
        defer { glp_delete_prob(lp) }
        glp_set_obj_dir(lp, Int32(ccsim_glp_min()))
        let cells = required.count  // (day, period) rows
        let rows = cells + templates.count
        glp_add_rows(lp, Int32(rows))
        for k in 0..<cells { glp_set_row_bnds(lp, Int32(k + 1), Int32(ccsim_glp_lo()), max(0, required[k]), 0) }
        for (t, template) in templates.enumerated() {
            let row = Int32(cells + t + 1)
            if let most = template.maxPeople {
                glp_set_row_bnds(lp, row, Int32(ccsim_glp_db()), Double(template.minPeople), Double(most))
            } else {
                glp_set_row_bnds(lp, row, Int32(ccsim_glp_lo()), Double(template.minPeople), 0)
            }
        }
        glp_add_cols(lp, Int32(patterns.count))
        // The constraint matrix, 1-based (GLPK ignores element 0).
        var ia: [Int32] = [0], ja: [Int32] = [0], ar: [Double] = [0]
        for (p, pattern) in patterns.enumerated() {
            let column = Int32(p + 1)
            glp_set_col_kind(lp, column, Int32(ccsim_glp_iv()))
            glp_set_col_bnds(lp, column, Int32(ccsim_glp_lo()), 0, 0)
            glp_set_obj_coef(lp, column, pattern.cost * Double(workDays[p].filter { $0 }.count))
            for d in 0..<days where workDays[p][d] {
                for k in 0..<periods where pattern.coverage[k] > 0 {
                    ia.append(Int32(d * periods + k + 1)); ja.append(column); ar.append(pattern.coverage[k])
                }
            }
            ia.append(Int32(cells + pattern.template + 1)); ja.append(column); ar.append(1)
        }
        glp_load_matrix(lp, Int32(ia.count - 1), &ia, &ja, &ar)
        // The LP relaxation first: its optimum bounds the cost from below, and rosters built
        // from its solution (coverage coefficients are ≥ 0) start the integer search and
        // are what is left when it finds nothing better in time (large tours).
        var simplex = glp_smcp()
        glp_init_smcp(&simplex)
        simplex.msg_lev = Int32(ccsim_glp_msg_off())
        simplex.presolve = Int32(ccsim_glp_on())
        let lpCode = glp_simplex(lp, &simplex)
        if lpCode == Int32(ccsim_glp_enopfs()) || glp_get_status(lp) == Int32(ccsim_glp_nofeas()) {
            throw RosterError(description: "no roster meets every period within the templates' bounds on people (shifts.templates[].max_people)")
        }
        guard lpCode == 0, glp_get_status(lp) == Int32(ccsim_glp_opt()) else {
            throw RosterError(description: "GLPK could not solve the relaxation (glp_simplex code \(lpCode))")
        }
        let lowerBound = glp_get_obj_val(lp)
        // Two rosters from the relaxation, each with its redundant people taken off: its
        // solution rounded up greedily, and a dive (round up, solve again). The cheaper is
        // the integer search's first incumbent, and the answer if the search finds none.
        let cover = CoverProblem(patterns: patterns, workDays: workDays, required: required, periods: periods, templates: templates)
        let relaxed = patterns.indices.map { glp_get_col_prim(lp, Int32($0 + 1)) }
        let heuristicsStarted = Date()
        let candidates = [cover.roundedUp(relaxed), cover.dive(lp, maxSolves: 20 * required.count)]
            .compactMap { $0.map(cover.withoutRedundantPeople) }.filter(cover.respectsTemplateBounds)
        let rounded = candidates.min { cover.cost($0) < cover.cost($1) } ?? []
        let roundedFits = !rounded.isEmpty
        let searchSeconds = max(1, timeLimitSeconds - Date().timeIntervalSince(heuristicsStarted))
        var parameters = glp_iocp()
        glp_init_iocp(&parameters)
        parameters.presolve = Int32(ccsim_glp_on())  // (faster here than starting from the relaxation's basis)
        parameters.msg_lev = Int32(ccsim_glp_msg_off())
        parameters.tm_lim = Int32(min(Double(Int32.max), searchSeconds * 1000))
        parameters.mip_gap = mipGap
        // Cuts and the feasibility pump: the covering rows with fractional coefficients
        // (breaks) leave a large gap for plain branch and bound.
        parameters.gmi_cuts = Int32(ccsim_glp_on())
        parameters.mir_cuts = Int32(ccsim_glp_on())
        parameters.fp_heur = Int32(ccsim_glp_on())
        // The heuristic roster as the search's first incumbent: the gap tolerance then ends
        // the search as soon as it is proven close enough, and a better roster replaces it.
        var incumbent = [0.0] + rounded.map(Double.init)
        let code = roundedFits ? incumbent.withUnsafeMutableBufferPointer { buffer -> Int32 in
            ccsim_glp_set_incumbent(&parameters, buffer.baseAddress!)
            return glp_intopt(lp, &parameters)
        } : glp_intopt(lp, &parameters)
        let status = glp_mip_status(lp)
        let found = status == Int32(ccsim_glp_opt()) || status == Int32(ccsim_glp_feas())
        if !found || (roundedFits && cover.cost(rounded) < glp_mip_obj_val(lp) - 1e-9) {
            guard roundedFits else {
                throw RosterError(description: status == Int32(ccsim_glp_nofeas())
                    ? "no roster meets every period within the templates' bounds on people (shifts.templates[].max_people)"
                    : "GLPK found no roster within \(Int(timeLimitSeconds)) s (--solver-seconds; glp_intopt code \(code))")
            }
            return Roster(patterns: patterns, workDays: workDays, people: rounded, status: .fromRelaxation, lowerBound: lowerBound)
        }
        let people = patterns.indices.map { Int(glp_mip_col_val(lp, Int32($0 + 1)).rounded()) }
        let result: Roster.Status = status == Int32(ccsim_glp_opt()) ? .optimal
            : (code == Int32(ccsim_glp_emipgap()) ? .withinGap : .bestFound)
        return Roster(patterns: patterns, workDays: workDays, people: people, status: result, lowerBound: lowerBound)
    }

    /// The work patterns of `days` days with `daysOff.count` days off (in one block round
    /// the week when `consecutive`); every day worked without a rule.
    static func workPatterns(days: Int, daysOff: (count: Int, consecutive: Bool)?) -> [[Bool]] {
        guard let off = daysOff, off.count > 0 else { return [Array(repeating: true, count: days)] }
        guard off.count < days else { return [] }
        if off.consecutive {
            return (0..<days).map { first in (0..<days).map { d in !((d - first + days) % days < off.count) } }
        }
        var out: [[Bool]] = []
        for bits in 0..<(1 << days) where bits.nonzeroBitCount == off.count {
            out.append((0..<days).map { bits & (1 << $0) == 0 })
        }
        return out
    }
}
