import Calibration
import Foundation

/// fit.md's sections on how the days were grouped and which types are served first.
extension FitFiles {
    /// A p-value as fit.md writes it.
    static func pValueText(_ x: Double) -> String { x < 0.0001 ? "< 0.0001" : fixed(x, 4) }

    /// "## Day types": each weekday's days and mean calls, its type, and every test.
    static func dayTypesSection(_ fit: CenterFit) -> [String] {
        var md: [String] = []
        func p(_ s: String = "") { md.append(s) }
        let pv = pValueText
        if let g = fit.dayGrouping {
            p("## Day types")
            p()
            if g.tested {
                p("Weekdays grouped by tested similarity: two groups are alike when neither the volume test (t test of the days' log")
                p("call totals, variance pooled within weekdays) nor the profile test (χ² homogeneity of their calls per hour, X²")
                p("divided by the over-dispersion the days show within weekdays, here φ = \(fixed(g.dispersion, 2))) rejects at")
                p("p = \(fixed(DayGrouping.alpha, 3)); the most alike pair merges while it is alike.")
            } else {
                p("Too few days to test (no weekday with two days): the fixed grouping weekdays (Monday–Friday), saturday, sunday.")
            }
            p()
            p("| weekday | days | mean calls per day | day type |")
            p("|---|---:|---:|---|")
            for w in g.weekdayMeans {
                let type = g.groups.first { $0.weekdays.contains(w.weekday) }?.name ?? "–"
                p("| \(CallLog.weekdayNames[w.weekday]) | \(w.days) | \(fixed(w.meanCalls, 1)) | \(type) |")
            }
            if !g.steps.isEmpty {
                p()
                p("| groups tested | volume p | profile p | |")
                p("|---|---:|---:|---|")
                for s in g.steps {
                    p("| \(s.first) and \(s.second) | \(pv(s.volumePValue)) | \(pv(s.profilePValue)) | \(s.merged ? "merged" : "kept apart") |")
                }
            }
            p()
        }
        return md
    }

    /// "## Precedence": the overtakes between each pair of types, the sign tests, and the
    /// priorities written.
    static func precedenceSection(_ fit: CenterFit) -> [String] {
        var md: [String] = []
        func p(_ s: String = "") { md.append(s) }
        let pv = pValueText
        if let precedence = fit.precedence {
            p("## Precedence")
            p()
            p("A served call of one type *overtook* a caller of another type when, at its service start, that caller had entered the")
            p("queue earlier, still waited, and the agent who took it serves his type too. First come, first served overtakes by")
            p("accident only; precedence overtakes one way. A type precedes another when it overtook at least \(Precedence.minimumOvertakes)")
            p("times and the sign test rejects equal chances (p < \(fixed(Precedence.alpha, 3))).")
            p()
            if precedence.pairs.isEmpty {
                p("No call overtook a waiting caller of another type its agent serves: first come, first served.")
            } else {
                p("| type | over type | overtook | overtaken | sign test p | precedes |")
                p("|---|---|---:|---:|---:|---|")
                for pair in precedence.pairs {
                    p("| \(pair.first) | \(pair.second) | \(pair.overtakes) | \(pair.overtaken) | \(pv(pair.pValue)) | \(pair.precedes ? "yes" : "no") |")
                }
            }
            p()
            if let levels = precedence.priorities {
                p("Written as `routing: {policy: priority}` with priorities " + fit.types.map { "\($0.name) \(levels[$0.name] ?? 0)" }.joined(separator: ", ")
                  + " (0 first).")
                p()
            } else if !precedence.pairs.isEmpty {
                p("No type clearly precedes another (or the precedences form a cycle): the scenario keeps first come, first served.")
                p()
            }
        }
        return md
    }
}
