/// The log's teams (`AgentsOnDuty`) matched to a scenario's groups, for replaying a log's
/// agents in a scenario whose groups it did not name: a team goes to the group of its name;
/// else to the group serving every call type it served with the fewest other skills; else
/// to the group serving most of its calls. A team no group serves is `unmapped`.
struct GroupMapping {
    /// [team] → group (nil: unmapped).
    var groupOfTeam: [Int?]
    var unmapped: [Int] { groupOfTeam.indices.filter { groupOfTeam[$0] == nil } }
    /// Whether every team found a group of its own name.
    var isByName: Bool

    init(teams: [(name: String, skills: [String], served: [String: Int])], groups: [(name: String, skills: [String]?)]) {
        func serves(_ g: Int, _ type: String) -> Bool { groups[g].skills.map { $0.contains(type) } ?? true }
        var byName = true
        groupOfTeam = teams.map { team in
            if let g = groups.firstIndex(where: { $0.name == team.name }) { return g }
            byName = false
            let covering = groups.indices.filter { g in team.skills.allSatisfy { serves(g, $0) } }
            if let g = covering.min(by: { (groups[$0].skills?.count ?? .max, $0) < (groups[$1].skills?.count ?? .max, $1) }) { return g }
            let calls = groups.indices.map { g in team.served.reduce(0) { $0 + (serves(g, $1.key) ? $1.value : 0) } }
            guard let best = calls.indices.max(by: { (calls[$0], -$0) < (calls[$1], -$1) }), calls[best] > 0 else { return nil }
            return best
        }
        isByName = byName
    }
}
