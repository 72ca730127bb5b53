import Foundation
import Stochastic

/// Day types from the data: a calendar log's weekdays grouped by tested similarity of
/// their volume and intraday profile, so that a short Friday or a working Sunday is not
/// averaged into (or left out of) "the" working day.
///
/// Each weekday with data starts as its own group. Two groups are alike when neither test
/// rejects at `alpha`: **volume**, a two-sample t test on the days' log call totals with the
/// variance pooled within weekdays (busyness is multiplicative: a log makes it additive;
/// degrees of freedom Σ (n_w − 1)); **profile**, the χ² test of homogeneity of the two
/// groups' pooled calls per hour (2 × H table, H − 1 degrees of freedom) with X² divided by
/// the over-dispersion φ the days show within weekdays (quasi-likelihood: φ = Σ_w X²_w ÷
/// Σ_w df_w, each day's hourly counts against its weekday's pooled profile, at least 1), so
/// that day-to-day noise beyond Poisson is not taken for a different profile. The pair most
/// alike (the larger minimum of the two p-values) merges while it is alike; with `weekend`
/// given, weekend and working days never merge. Without two days of some weekday (no
/// within-weekday variance) the fixed grouping stands: weekdays, saturday, sunday. `alpha`
/// is strict (0.001): each weekday has few days in a month, and a split must be clear.
public struct DayGrouping: Sendable {
    /// One test between two groups, and whether they merged.
    public struct Step: Sendable, Equatable {
        public var first: String, second: String
        public var volumePValue: Double, profilePValue: Double
        public var merged: Bool
    }

    /// Each group: its name and its weekdays (0 = Monday … 6 = Sunday).
    public var groups: [(name: String, weekdays: [Int])]
    /// The merges made, then the test of the closest pair left apart (if any).
    public var steps: [Step]
    /// Per weekday with data: its days and mean calls per day.
    public var weekdayMeans: [(weekday: Int, days: Int, meanCalls: Double)]
    /// False when the fixed grouping stood (too few days to test).
    public var tested: Bool

    public static let alpha = 0.001
    /// The over-dispersion of the days' hourly counts within weekdays (1: Poisson).
    public var dispersion = 1.0

    /// `totals[d]`, `profiles[d]` (calls per hour of the day) for each day `d` in `days`.
    public init(days: [Int32], totals: [Double], profiles: [[Double]], weekend: Set<Int>?) {
        let weekday = days.map { CallLog.weekday(ofDay: $0) }
        let present = Array(Set(weekday)).sorted()
        weekdayMeans = present.map { w in
            let mine = days.indices.filter { weekday[$0] == w }
            return (w, mine.count, mine.reduce(0.0) { $0 + totals[$1] } / Double(mine.count))
        }
        // Pooled within-weekday variance of log totals.
        let logs = totals.map { log(max($0, 0.5)) }
        var ss = 0.0, dof = 0
        for w in present {
            let mine = days.indices.filter { weekday[$0] == w }
            let mean = mine.reduce(0.0) { $0 + logs[$1] } / Double(mine.count)
            ss += mine.reduce(0.0) { $0 + (logs[$1] - mean) * (logs[$1] - mean) }
            dof += mine.count - 1
        }
        steps = []
        guard dof >= 2 else {
            tested = false
            groups = [("weekdays", Array(0..<5)), ("saturday", [5]), ("sunday", [6])].compactMap { name, ws in
                let have = ws.filter(present.contains)
                return have.isEmpty ? nil : (name, have)
            }
            return
        }
        tested = true
        let variance = ss / Double(dof)
        func daysOf(_ group: [Int]) -> [Int] { days.indices.filter { group.contains(weekday[$0]) } }
        func pooled(_ chosen: [Int]) -> [Double] {
            var sum = [Double](repeating: 0, count: profiles.first?.count ?? 0)
            for d in chosen { for h in sum.indices { sum[h] += profiles[d][h] } }
            return sum
        }
        // φ: each day's hourly counts against its weekday's pooled profile.
        var x2 = 0.0, x2dof = 0
        for w in present {
            let mine = days.indices.filter { weekday[$0] == w }
            guard mine.count >= 2 else { continue }
            let profile = pooled(mine), total = profile.reduce(0, +)
            let hours = profile.indices.filter { profile[$0] > 0 }
            for d in mine {
                let n = totals[d]
                for h in hours {
                    let expected = n * profile[h] / total
                    if expected > 0 { x2 += (profiles[d][h] - expected) * (profiles[d][h] - expected) / expected }
                }
            }
            x2dof += (mine.count - 1) * (hours.count - 1)
        }
        dispersion = x2dof > 0 ? max(1, x2 / Double(x2dof)) : 1
        var current: [[Int]] = present.map { [$0] }
        while current.count > 1 {
            var best: (i: Int, j: Int, pv: Double, pp: Double)?
            for i in current.indices {
                for j in current.indices where j > i {
                    if let weekend, current[i].allSatisfy(weekend.contains) != current[j].allSatisfy(weekend.contains) { continue }
                    let a = daysOf(current[i]), b = daysOf(current[j])
                    let pv = Self.volumePValue(a.map { logs[$0] }, b.map { logs[$0] }, variance: variance, dof: Double(dof))
                    let pp = Self.profilePValue(pooled(a), pooled(b), dispersion: dispersion)
                    if best.map({ min(pv, pp) > min($0.pv, $0.pp) }) ?? true { best = (i, j, pv, pp) }
                }
            }
            guard let b = best else { break }
            let alike = min(b.pv, b.pp) > Self.alpha
            steps.append(Step(first: Self.name(current[b.i]), second: Self.name(current[b.j]), volumePValue: b.pv, profilePValue: b.pp,
                              merged: alike))
            guard alike else { break }
            current[b.i] = (current[b.i] + current[b.j]).sorted()
            current.remove(at: b.j)
        }
        groups = current.map { (Self.name($0), $0) }
    }

    /// Two-sided p of the pooled-variance t test of two groups' mean log totals.
    static func volumePValue(_ a: [Double], _ b: [Double], variance: Double, dof: Double) -> Double {
        let ma = a.reduce(0, +) / Double(a.count), mb = b.reduce(0, +) / Double(b.count)
        let se = (variance * (1 / Double(a.count) + 1 / Double(b.count))).squareRoot()
        guard se > 0 else { return ma == mb ? 1 : 0 }
        return min(1, 2 * SpecialFunctions.studentTUpperTail(abs(ma - mb) / se, degreesOfFreedom: dof))
    }

    /// p of the χ² test of homogeneity of two pooled hourly profiles, X² ÷ `dispersion` on
    /// (hours with calls − 1) degrees of freedom.
    static func profilePValue(_ a: [Double], _ b: [Double], dispersion: Double) -> Double {
        let ta = a.reduce(0, +), tb = b.reduce(0, +), total = ta + tb
        guard ta > 0, tb > 0 else { return 1 }
        var x2 = 0.0, hours = 0
        for h in a.indices where a[h] + b[h] > 0 {
            hours += 1
            let column = a[h] + b[h]
            let ea = ta * column / total, eb = tb * column / total
            x2 += (a[h] - ea) * (a[h] - ea) / ea + (b[h] - eb) * (b[h] - eb) / eb
        }
        guard hours >= 2 else { return 1 }
        return SpecialFunctions.chiSquareUpperTail(x2 / dispersion, degreesOfFreedom: Double(hours - 1))
    }

    static let shortNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    /// A group's name: weekdays (Monday–Friday), weekend, a weekday's name, a run of three
    /// or more days in week order ("sunday-thursday"), else the days joined ("friday+sunday").
    public static func name(_ weekdays: [Int]) -> String {
        let set = Set(weekdays)
        if set == Set(0..<5) { return "weekdays" }
        if set == [5, 6] { return "weekend" }
        if set.count == 1 { return CallLog.weekdayNames[weekdays[0]] }
        if set.count >= 3, set.count < 7 {
            // A cyclic run: a start day whose next count − 1 days are all in the set.
            if let start = (0..<7).first(where: { s in set.contains(s) && !set.contains((s + 6) % 7)
                                                  && (0..<set.count).allSatisfy { set.contains((s + $0) % 7) } }) {
                return CallLog.weekdayNames[start] + "-" + CallLog.weekdayNames[(start + set.count - 1) % 7]
            }
        }
        return weekdays.sorted().map { CallLog.weekdayNames[$0] }.joined(separator: "+")
    }

    /// The weekdays a name stands for, ascending (0 = Monday): a group name as `name` writes
    /// it (weekdays, weekend, a weekday, a run "sunday-thursday", a list "friday+sunday"), or
    /// short names ("fri"); nil when it names none.
    public static func weekdays(named text: String) -> [Int]? {
        func day(_ s: Substring) -> Int? {
            let t = s.lowercased()
            return CallLog.weekdayNames.firstIndex(of: t) ?? shortNames.firstIndex(of: t)
        }
        switch text {
        case "weekdays": return Array(0..<5)
        case "weekend": return [5, 6]
        default: break
        }
        if let d = day(text[...]) { return [d] }
        let dash = text.split(separator: "-")
        if dash.count == 2, let a = day(dash[0]), let b = day(dash[1]) { return (0...((b - a + 7) % 7)).map { (a + $0) % 7 }.sorted() }
        let plus = text.split(separator: "+")
        if plus.count >= 2 {
            let days = plus.compactMap(day)
            if days.count == plus.count { return Array(Set(days)).sorted() }
        }
        return nil
    }
}
