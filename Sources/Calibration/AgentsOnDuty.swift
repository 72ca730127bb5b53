import Foundation

/// Agents on duty reconstructed from service records (the log has no login data).
///
/// **Teams.** An agent's skills are the call types that make at least 2 % of his calls;
/// agents with the same skills form a team (a group of the scenario). A call type no team
/// has joins the teams that served at least a fifth of its calls (at least the one that
/// served most), else the team with the most agents (`coverEveryType`, said in fit.md):
/// every call type of the fitted scenario is served.
///
/// **After-call work**, per team, from the gaps (at most 600 s) between an agent's
/// consecutive calls that began while a caller of his skills waited: he would have taken
/// that caller had he been free, so while callers kept waiting he was wrapping up. A gap
/// they waited through is a wrap-up of its length (0 when he took a waiting caller at once);
/// one in which the queue emptied first is a wrap-up at least as long as the stretch they
/// waited (right-censored there: others took them, so his wrap-up's end is unseen). The
/// Kaplan–Meier law of these (a `DurationFit`) is the team's after-call work, none when its
/// mean is below 1 s.
///
/// **Presence rule.** An agent's day splits into sessions at gaps longer than `idleGapSeconds`
/// (default 30 min) between calls. Within a session he is present while serving and in gaps
/// of at most 600 s between calls (wrap-up, or idle); in a longer gap, while no caller of
/// his skills waited (idle, waiting for work), and while one did only for the after-call-
/// work mean (the rest is a break). Shifts start
/// and end at period boundaries: a session also counts back from its first call to the
/// period's start, and on from its last call to the period's end, as long as nobody of
/// his skills waited (he would have taken the caller). Agents on duty in a period =
/// presence seconds in it ÷ the period's seconds, per day; averaged over days. Presence
/// that no call reveals (an agent idle for a whole period) stays unseen: in quiet periods
/// the count is a lower bound.
public struct AgentsOnDuty: Sendable {
    public struct Team: Sendable {
        public var name: String
        public var skills: [String]
        public var agents: [String]
        /// Mean over days, per period.
        public var onDutyByPeriod: [Double]
        /// Per day (rows: days), per period.
        public var onDutyByDay: [[Double]]
        /// The team's after-call work (nil: none, below 1 s), from this many gaps.
        public var afterCallWork: DurationFit?
        public var afterCallWorkGaps: Int
        /// Not ready while present: in a gap of at most 600 s between two of an agent's
        /// calls, the time callers of his skills waited beyond a long after-call work (its
        /// 95 % quantile; he was there, and did not take them), spells of 5 s or more. The spells' law (nil: none), and the presence
        /// between spells (seconds on duty, spells excluded, ÷ spells).
        public var notReady: DurationFit?
        public var notReadyEverySeconds: Double?
        /// Not-ready time ÷ time on duty.
        public var notReadyShare: Double
    }

    public var teams: [Team]
    /// A call type that no agent had as a skill, and the teams it joined.
    public struct JoinedType: Sendable, Equatable {
        public var type: String
        /// The teams it joined, and how many of its calls each served on the fitted days.
        public var teams: [String]
        public var servedByTeam: [Int]
        /// Its served calls on the fitted days (0: none; it joined the largest team).
        public var served: Int
    }
    public var joinedTypes: [JoinedType]
    /// Agent (index into the log's agents) → his team.
    public var teamOfAgent: [Int: Int]
    public var idleGapSeconds: Double

    static let skillShare = 0.02
    /// Not-ready spells shorter than this are timing noise; fewer spells than
    /// `minimumNotReadySpells` in a team give no law.
    static let minimumNotReadySeconds = 5.0
    static let minimumNotReadySpells = 30
    static let wrapUpCapSeconds = 600.0

    init(log: CallLog, days: [Int32], dayIndex: [Int32: Int], calls: [Int], opening: Double, periodSeconds: Double,
         periods: Int, idleGapSeconds: Double) {
        self.idleGapSeconds = idleGapSeconds
        let typeCount = log.callTypes.count
        // Skills per agent.
        var served = [Int: [Int]]()  // agent → his served calls (of the chosen days)
        for i in calls where log.outcome[i] == .served && log.agent[i] >= 0 {
            served[Int(log.agent[i]), default: []].append(i)
        }
        var teamOf = [Int: Int]()
        var teamKeys: [[Int]] = []
        for agent in served.keys.sorted() {
            var byType = [Int](repeating: 0, count: typeCount)
            for i in served[agent]! where log.callType[i] >= 0 { byType[Int(log.callType[i])] += 1 }
            let total = max(1, byType.reduce(0, +))
            var skills = (0..<typeCount).filter { Double(byType[$0]) >= Self.skillShare * Double(total) }
            if skills.isEmpty { skills = Array(0..<typeCount) }
            if let k = teamKeys.firstIndex(of: skills) { teamOf[agent] = k } else { teamOf[agent] = teamKeys.count; teamKeys.append(skills) }
        }
        let joined = Self.coverEveryType(&teamKeys, teamOf: &teamOf, log: log, served: served, typeCount: typeCount)
        // Waiting intervals per team and day: callers of the team's skills in queue.
        var waiting = [[IntervalUnion]](repeating: [IntervalUnion](repeating: IntervalUnion(), count: days.count), count: teamKeys.count)
        for i in calls where !log.queueEntry[i].isNaN && log.queueExit[i] > log.queueEntry[i] {
            guard let k = dayIndex[log.day[i]] else { continue }
            let t = Int(log.callType[i])
            for (team, skills) in teamKeys.enumerated() where t < 0 || skills.contains(t) {
                waiting[team][k].add(log.queueEntry[i], log.queueExit[i])
            }
        }
        for team in waiting.indices { for k in days.indices { waiting[team][k].close() } }
        // After-call work per team: gaps that began while someone waited (censored when the
        // queue emptied before the gap ended).
        var wrapUps = [[Double]](repeating: [], count: teamKeys.count)
        var wrapUpEnded = [[Bool]](repeating: [], count: teamKeys.count)
        var sequences = [Int: [[Int]]]()  // agent → his calls per day, by service start
        // (Agents in order: a dictionary's order changes from run to run, and with it the
        // order of the sums below, in their last bits.)
        for agent in served.keys.sorted() {
            let list = served[agent]!
            var byDay = [[Int]](repeating: [], count: days.count)
            for i in list { if let k = dayIndex[log.day[i]] { byDay[k].append(i) } }
            for k in byDay.indices { byDay[k].sort { log.serviceStart[$0] < log.serviceStart[$1] } }
            sequences[agent] = byDay
            let team = teamOf[agent]!
            for k in byDay.indices {
                for (a, b) in zip(byDay[k], byDay[k].dropFirst()) {
                    let end = log.serviceEnd[a], next = log.serviceStart[b], gap = next - end
                    guard !end.isNaN, gap >= 0, gap <= Self.wrapUpCapSeconds else { continue }
                    if gap == 0 {
                        // He took a caller who was already waiting at once: no wrap-up.
                        if log.queueEntry[b] < end { wrapUps[team].append(0); wrapUpEnded[team].append(true) }
                        continue
                    }
                    guard let first = waiting[team][k].pieces(end, next).first, first.2 else { continue }
                    let covered = first.1 - first.0
                    wrapUps[team].append(covered >= gap - 1e-9 ? gap : covered)
                    wrapUpEnded[team].append(covered >= gap - 1e-9)
                }
            }
        }
        let afterCallWork: [DurationFit?] = wrapUps.indices.map { team in
            let acw = wrapUps[team].isEmpty ? nil : DurationFit(times: wrapUps[team], events: wrapUpEnded[team])
            return (acw?.mean ?? 0) >= 1 ? acw : nil
        }
        // Presence.
        var onDuty = [[[Double]]](repeating: [[Double]](repeating: [Double](repeating: 0, count: periods), count: days.count),
                                  count: teamKeys.count)
        func credit(_ team: Int, _ k: Int, _ from: Double, _ to: Double) {
            guard to > from else { return }
            var p = max(0, Int(((from - opening) / periodSeconds).rounded(.down)))
            while p < periods {
                let start = opening + Double(p) * periodSeconds, end = start + periodSeconds
                if start >= to { break }
                let overlap = min(to, end) - max(from, start)
                if overlap > 0 { onDuty[team][k][p] += overlap / periodSeconds }
                p += 1
            }
        }
        func boundary(_ t: Double, up: Bool) -> Double {
            let x = (t - opening) / periodSeconds
            return opening + (up ? x.rounded(.up) : x.rounded(.down)) * periodSeconds
        }
        func lastEnd(_ i: Int) -> Double { log.serviceEnd[i].isNaN ? log.serviceStart[i] : log.serviceEnd[i] }
        var spells = [[Double]](repeating: [], count: teamKeys.count)
        for agent in sequences.keys.sorted() {
            let byDay = sequences[agent]!, team = teamOf[agent]!
            for k in byDay.indices {
                let list = byDay[k]
                for (n, i) in list.enumerated() {
                    let end = log.serviceEnd[i].isNaN ? log.serviceStart[i] : log.serviceEnd[i]
                    credit(team, k, log.serviceStart[i], end)
                    // A session's edges: back to the period start before its first call, and on to
                    // the period end after its last, while nobody of his skills waited.
                    let sessionStart = n == 0 || log.serviceStart[i] - lastEnd(list[n - 1]) > idleGapSeconds
                    if sessionStart {
                        let start = log.serviceStart[i], edge = boundary(start, up: false)
                        if let idle = waiting[team][k].pieces(edge, start).last, !idle.2, idle.1 == start { credit(team, k, idle.0, start) }
                    }
                    let sessionEnd = n + 1 == list.count || log.serviceStart[list[n + 1]] - end > idleGapSeconds
                    if sessionEnd {
                        let edge = boundary(end, up: true)
                        if let idle = waiting[team][k].pieces(end, edge).first, !idle.2 { credit(team, k, end, idle.1) }
                        continue
                    }
                    let next = log.serviceStart[list[n + 1]]
                    guard next > end else { continue }
                    // Idle while nobody waited: present. While someone waited: wrap-up allowance, then away.
                    // A short gap is wrap-up (present); in a longer one, present where nobody
                    // waited, and for the after-call-work mean where somebody did (then a break).
                    if next - end <= Self.wrapUpCapSeconds {
                        credit(team, k, end, next)
                        // Not ready: callers of his skills waited beyond a long wrap-up (the
                        // after-call work's 95 % quantile: its own spread is not a spell).
                        var allowance = afterCallWork[team].map { $0.law.quantile(0.95) } ?? 0, spell = 0.0
                        for (a, b, someoneWaited) in waiting[team][k].pieces(end, next) where someoneWaited {
                            let used = min(b - a, allowance)
                            allowance -= used
                            spell += b - a - used
                        }
                        if spell >= Self.minimumNotReadySeconds { spells[team].append(spell) }
                        continue
                    }
                    var allowanceLeft = afterCallWork[team]?.mean ?? 0
                    for (a, b, someoneWaited) in waiting[team][k].pieces(end, next) {
                        if someoneWaited {
                            let used = min(b - a, allowanceLeft)
                            credit(team, k, a, a + used)
                            allowanceLeft -= used
                        } else {
                            credit(team, k, a, b)
                        }
                    }
                }
            }
        }
        teams = teamKeys.enumerated().map { team, skills in
            let names = skills.map { log.callTypes[$0] }
            let agents = teamOf.filter { $0.value == team }.keys.sorted().map { log.agents[$0] }
            let byDay = onDuty[team]
            let mean = (0..<periods).map { p in byDay.reduce(0.0) { $0 + $1[p] } / Double(max(1, days.count)) }
            let onDutySeconds = byDay.reduce(0.0) { $0 + $1.reduce(0, +) } * periodSeconds
            let notReadySeconds = spells[team].reduce(0, +)
            let law = spells[team].count >= Self.minimumNotReadySpells ? DurationFit(times: spells[team]) : nil
            return Team(name: teamKeys.count == 1 ? "agents" : names.joined(separator: "+"), skills: names, agents: agents,
                        onDutyByPeriod: mean, onDutyByDay: byDay, afterCallWork: afterCallWork[team],
                        afterCallWorkGaps: wrapUps[team].count, notReady: law,
                        notReadyEverySeconds: law == nil ? nil : max(1, onDutySeconds - notReadySeconds) / Double(spells[team].count),
                        notReadyShare: onDutySeconds > 0 ? notReadySeconds / onDutySeconds : 0)
        }
        self.teamOfAgent = teamOf
        let teamNames = teams.map(\.name)
        joinedTypes = joined.map { JoinedType(type: log.callTypes[$0.type], teams: $0.teams.map { teamNames[$0] },
                                              servedByTeam: $0.servedByTeam, served: $0.served) }
    }
}

extension AgentsOnDuty {
    /// A call type in no team's skills (under `skillShare` of every agent's calls, never
    /// served, or with no call on the fitted days) joins the teams that served at least
    /// `joinShare` of its calls (at least the one that served most), else the team with the
    /// most agents: every caller of the fitted scenario has agents who may take him. Teams
    /// whose skills then coincide become one. Returns each type joined, the teams (after
    /// merging) and how many of its calls each served.
    static func coverEveryType(_ teamKeys: inout [[Int]], teamOf: inout [Int: Int], log: CallLog, served: [Int: [Int]],
                               typeCount: Int) -> [(type: Int, teams: [Int], servedByTeam: [Int], served: Int)] {
        guard !teamKeys.isEmpty else { return [] }
        let covered = Set(teamKeys.joined())
        var size = [Int](repeating: 0, count: teamKeys.count)
        for team in teamOf.values { size[team] += 1 }
        var joined: [(type: Int, teams: [Int], servedByTeam: [Int], served: Int)] = []
        for t in (0..<typeCount) where !covered.contains(t) {
            var byTeam = [Int](repeating: 0, count: teamKeys.count)
            for (agent, mine) in served { byTeam[teamOf[agent]!] += mine.filter { log.callType[$0] == Int32(t) }.count }
            let total = byTeam.reduce(0, +)
            let top = byTeam.indices.max { (byTeam[$0], size[$0], -$0) < (byTeam[$1], size[$1], -$1) }!
            let chosen = total == 0 ? [top]
                : byTeam.indices.filter { $0 == top || Double(byTeam[$0]) >= Self.joinShare * Double(total) }
                    .sorted { (byTeam[$0], -$0) > (byTeam[$1], -$1) }
            for team in chosen { teamKeys[team] = (teamKeys[team] + [t]).sorted() }
            joined.append((t, chosen, chosen.map { byTeam[$0] }, total))
        }
        var merged: [[Int]] = [], index = [Int](repeating: 0, count: teamKeys.count)
        for (k, key) in teamKeys.enumerated() {
            if let j = merged.firstIndex(of: key) { index[k] = j } else { index[k] = merged.count; merged.append(key) }
        }
        teamKeys = merged
        teamOf = teamOf.mapValues { index[$0] }
        // (Two teams the type joined may have merged into one: its calls then add up.)
        return joined.map { j in
            var teams: [Int] = [], counts: [Int] = []
            for (team, n) in zip(j.teams.map { index[$0] }, j.servedByTeam) {
                if let k = teams.firstIndex(of: team) { counts[k] += n } else { teams.append(team); counts.append(n) }
            }
            return (j.type, teams, counts, j.served)
        }
    }

    /// The share of a skill-less type's calls a team must have served to take the type.
    static let joinShare = 0.2
}

/// A union of time intervals, queried for which parts of [a, b] it covers.
struct IntervalUnion: Sendable {
    private var raw: [(Double, Double)] = []
    private(set) var starts: [Double] = []
    private(set) var ends: [Double] = []

    mutating func add(_ a: Double, _ b: Double) { raw.append((a, b)) }

    /// Merges the intervals added so far (call once, before querying).
    mutating func close() {
        raw.sort { $0.0 < $1.0 }
        for (a, b) in raw {
            if let last = ends.last, a <= last { ends[ends.count - 1] = max(last, b) } else { starts.append(a); ends.append(b) }
        }
        raw = []
    }

    /// The first merged interval ending after t.
    private func firstEnding(after t: Double) -> Int {
        var low = 0, high = ends.count
        while low < high { let mid = (low + high) / 2; if ends[mid] <= t { low = mid + 1 } else { high = mid } }
        return low
    }

    /// [a, b] cut into pieces, each wholly covered or wholly uncovered, in order.
    func pieces(_ a: Double, _ b: Double) -> [(Double, Double, Bool)] {
        var out: [(Double, Double, Bool)] = []
        var t = a, k = firstEnding(after: a)
        while t < b {
            if k < starts.count && starts[k] <= t {
                let e = min(b, ends[k]); out.append((t, e, true)); t = e; k += 1
            } else {
                let e = k < starts.count ? min(b, starts[k]) : b
                out.append((t, e, false)); t = e
            }
        }
        return out
    }
}
