import CGLPK

/// The covering problem of a roster (`ShiftScheduler`): columns (a pattern worked on some
/// days) with their coverage of every (day, period) row, the requirement of each row, and
/// the templates' bounds on people; and rosters built from its LP relaxation, which start
/// the integer search.
struct CoverProblem {
    let patterns: [ShiftPattern]
    let workDays: [[Bool]]
    /// [day · periods + period] → people needed at work.
    let required: [Double]
    let periods: Int
    let templates: [ShiftTemplate]

    /// Σ people × days worked × a day's cost of the column's shift.
    func cost(_ people: [Int]) -> Double {
        patterns.indices.reduce(0.0) { $0 + columnCost($1) * Double(people[$1]) }
    }

    func columnCost(_ p: Int) -> Double { patterns[p].cost * Double(workDays[p].filter { $0 }.count) }

    /// Adds n people of column p to `coverage` ([row] → people at work).
    func add(_ p: Int, _ n: Int, to coverage: inout [Double]) {
        for (d, works) in workDays[p].enumerated() where works {
            for k in 0..<periods where patterns[p].coverage[k] > 0 { coverage[d * periods + k] += Double(n) * patterns[p].coverage[k] }
        }
    }

    func coverage(_ people: [Int]) -> [Double] {
        var coverage = Array(repeating: 0.0, count: required.count)
        for p in people.indices where people[p] > 0 { add(p, people[p], to: &coverage) }
        return coverage
    }

    /// Every template's people within its bounds (min_people, max_people).
    func respectsTemplateBounds(_ people: [Int]) -> Bool {
        templates.indices.allSatisfy { t in
            let n = patterns.indices.filter { patterns[$0].template == t }.reduce(0) { $0 + people[$1] }
            return n >= templates[t].minPeople && templates[t].maxPeople.map { n <= $0 } ?? true
        }
    }

    /// The relaxation's solution `x` made a roster: each column rounded down, then, while a
    /// row falls short, one more person on the column that covers the most of the
    /// shortfall per unit of cost (greedy set covering, Chvátal 1979).
    func roundedUp(_ x: [Double]) -> [Int]? {
        var people = x.map { Int(($0 + 1e-9).rounded(.down)) }
        var covered = coverage(people)
        while covered.indices.contains(where: { required[$0] - covered[$0] > 1e-9 }) {
            var best = -1, bestValue = 0.0
            for p in patterns.indices {
                var gain = 0.0
                for (d, works) in workDays[p].enumerated() where works {
                    for k in 0..<periods where patterns[p].coverage[k] > 0 {
                        gain += min(max(required[d * periods + k] - covered[d * periods + k], 0), patterns[p].coverage[k])
                    }
                }
                let value = gain / max(columnCost(p), 1e-9)
                if value > bestValue { best = p; bestValue = value }
            }
            guard best >= 0 else { return nil }  // nothing covers what is left (checked before)
            people[best] += 1
            add(best, 1, to: &covered)
        }
        return people
    }

    /// A roster by diving on the relaxation held in `lp` (solved): every column's people is
    /// bounded below by its relaxed value rounded down; while the relaxation is fractional,
    /// the column with the largest fractional part is rounded up (its lower bound) and the
    /// relaxation solved again (dual simplex from the last basis). The first integral
    /// solution is a roster. The columns' bounds are restored; nil when a solve fails (e.g.
    /// a template's max_people) or after `maxSolves` solves (a count, not a time: the
    /// roster does not depend on the machine's speed; each solve raises the people by at
    /// least one, so a dive takes about as many solves as the people it rounds up).
    func dive(_ lp: OpaquePointer, maxSolves: Int) -> [Int]? {
        let columns = patterns.count
        var simplex = glp_smcp()
        glp_init_smcp(&simplex)
        simplex.msg_lev = Int32(ccsim_glp_msg_off())
        simplex.meth = Int32(ccsim_glp_dualp())
        var lower = Array(repeating: 0.0, count: columns)
        defer { for p in 0..<columns where lower[p] > 0 { glp_set_col_bnds(lp, Int32(p + 1), Int32(ccsim_glp_lo()), 0, 0) } }
        for solves in 0...maxSolves {
            var roundUp = -1, largestFraction = 0.0
            for p in 0..<columns {
                let x = glp_get_col_prim(lp, Int32(p + 1))
                let down = (x + 1e-7).rounded(.down), fraction = x - down
                if down > lower[p] {
                    lower[p] = down
                    glp_set_col_bnds(lp, Int32(p + 1), Int32(ccsim_glp_lo()), down, 0)
                }
                if fraction > 1e-7 && fraction > largestFraction {
                    roundUp = p
                    largestFraction = fraction
                }
            }
            if roundUp < 0 { return lower.map { Int($0) } }  // integral
            if solves == maxSolves { break }
            lower[roundUp] += 1
            glp_set_col_bnds(lp, Int32(roundUp + 1), Int32(ccsim_glp_lo()), lower[roundUp], 0)
            guard glp_simplex(lp, &simplex) == 0, glp_get_status(lp) == Int32(ccsim_glp_opt()) else { return nil }
        }
        return nil
    }

    /// `people` with redundant people taken off: the dearest columns first (cost per unit of
    /// coverage), one person at a time while every row stays covered and the template keeps
    /// its min_people.
    func withoutRedundantPeople(_ people: [Int]) -> [Int] {
        var people = people
        var covered = coverage(people)
        var perTemplate = Array(repeating: 0, count: templates.count)
        for p in people.indices { perTemplate[patterns[p].template] += people[p] }
        let order = patterns.indices.filter { people[$0] > 0 }.sorted { a, b in
            columnCost(a) / max(patterns[a].coverage.reduce(0, +), 1e-9) > columnCost(b) / max(patterns[b].coverage.reduce(0, +), 1e-9)
        }
        for p in order {
            while people[p] > 0 && perTemplate[patterns[p].template] > templates[patterns[p].template].minPeople {
                add(p, -1, to: &covered)
                if covered.indices.allSatisfy({ covered[$0] >= required[$0] - 1e-9 }) {
                    people[p] -= 1
                    perTemplate[patterns[p].template] -= 1
                } else {
                    add(p, 1, to: &covered)
                    break
                }
            }
        }
        return people
    }
}
