import Foundation
import Stochastic

/// Which call types a center serves first while others wait, from its log.
///
/// A served call of type X *overtook* a call of type Y when, at its service start, a Y
/// caller who had entered the queue earlier was still waiting and the agent who took the X
/// call serves Y (his team's skills, `AgentsOnDuty`). Under first come, first served
/// neither type overtakes the other but by accident; under X's precedence X overtakes Y
/// often and Y never overtakes X. For each pair, with o(X, Y) and o(Y, X) the counts, X
/// precedes Y when o(X, Y) ≥ `minimumOvertakes` and the sign test rejects equal chances:
/// P(Bin(o(X, Y) + o(Y, X), ½) ≥ o(X, Y)) < `alpha`. The levels (`priorities`: 0 first)
/// are the longest chain of precedences above each type; nil when the precedences are not
/// a consistent order (a cycle) or there are none.
public struct Precedence: Sendable {
    public struct Pair: Sendable, Equatable {
        public var first: String, second: String
        /// o(first, second), o(second, first).
        public var overtakes: Int, overtaken: Int
        public var pValue: Double
        public var precedes: Bool
    }

    public var pairs: [Pair]
    /// Type name → priority level (0: served first); nil: first come, first served.
    public var priorities: [String: Int]?

    public static let alpha = 0.001
    public static let minimumOvertakes = 20

    init(log: CallLog, calls: [Int], teamSkills: (Int) -> Set<Int>?) {
        let typeCount = log.callTypes.count
        // Per day and type: queued calls sorted by queue entry, with the running maximum of
        // their queue exits (is anyone who entered before t still waiting at s?).
        var byDayType = [Int32: [[Int]]]()
        for i in calls where log.callType[i] >= 0 && !log.queueEntry[i].isNaN && !log.queueExit[i].isNaN {
            byDayType[log.day[i], default: [[Int]](repeating: [], count: typeCount)][Int(log.callType[i])].append(i)
        }
        var entries = [Int32: [[Double]]](), runningExit = [Int32: [[Double]]]()
        for (day, lists) in byDayType {
            let sorted = lists.map { $0.sorted { log.queueEntry[$0] < log.queueEntry[$1] } }
            entries[day] = sorted.map { $0.map { log.queueEntry[$0] } }
            runningExit[day] = sorted.map { list in
                var best = -Double.infinity
                return list.map { best = max(best, log.queueExit[$0]); return best }
            }
        }
        /// Whether a type-y caller who entered before `entry` still waited at `start` on `day`.
        func someoneEarlierWaits(_ day: Int32, _ y: Int, entry: Double, start: Double) -> Bool {
            guard let e = entries[day]?[y], !e.isEmpty else { return false }
            var low = 0, high = e.count
            while low < high { let mid = (low + high) / 2; if e[mid] < entry { low = mid + 1 } else { high = mid } }
            return low > 0 && runningExit[day]![y][low - 1] > start
        }
        var overtakes = [[Int]](repeating: [Int](repeating: 0, count: typeCount), count: typeCount)
        for i in calls where log.outcome[i] == .served && log.callType[i] >= 0 && !log.queueEntry[i].isNaN && log.agent[i] >= 0 {
            let x = Int(log.callType[i])
            guard let skills = teamSkills(Int(log.agent[i])) else { continue }
            for y in skills where y != x
                && someoneEarlierWaits(log.day[i], y, entry: log.queueEntry[i], start: log.serviceStart[i]) {
                overtakes[x][y] += 1
            }
        }
        var pairs: [Pair] = []
        var above = [[Bool]](repeating: [Bool](repeating: false, count: typeCount), count: typeCount)
        for x in 0..<typeCount {
            for y in 0..<typeCount where y != x && overtakes[x][y] + overtakes[y][x] > 0 {
                let n = overtakes[x][y] + overtakes[y][x]
                guard overtakes[x][y] >= overtakes[y][x] else { continue }
                let p = Self.signTestPValue(successes: overtakes[x][y], trials: n)
                let precedes = overtakes[x][y] >= Self.minimumOvertakes && p < Self.alpha
                above[x][y] = precedes
                pairs.append(Pair(first: log.callTypes[x], second: log.callTypes[y], overtakes: overtakes[x][y], overtaken: overtakes[y][x],
                                  pValue: p, precedes: precedes))
            }
        }
        self.pairs = pairs
        // Levels: the longest chain of precedences above each type (nil on a cycle).
        var level = [Int](repeating: 0, count: typeCount)
        var consistent = true
        for _ in 0...typeCount {
            var changed = false
            for x in 0..<typeCount { for y in 0..<typeCount where above[x][y] && level[y] < level[x] + 1 { level[y] = level[x] + 1; changed = true } }
            if !changed { break }
            if level.contains(where: { $0 >= typeCount }) { consistent = false; break }
        }
        let any = above.contains { $0.contains(true) }
        priorities = consistent && any ? Dictionary(uniqueKeysWithValues: (0..<typeCount).map { (log.callTypes[$0], level[$0]) }) : nil
    }

    /// P(Bin(trials, ½) ≥ successes).
    static func signTestPValue(successes: Int, trials: Int) -> Double {
        guard successes > 0 else { return 1 }
        return min(1, SpecialFunctions.binomialUpperTail(successes - 1, trials: trials, p: 0.5))
    }
}
