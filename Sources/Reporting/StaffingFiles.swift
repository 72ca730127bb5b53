/// The staffing plan of a day: staffing.csv and its terminal table.
public enum StaffingFiles {
    public struct Table: Sendable {
        public let labels: [String]
        public let loads: [Double]
        /// (column name, agents per period): erlang_c, erlang_a, square_root, simulated.
        public let plans: [(name: String, agents: [Int])]
        /// Per plan (same order), the simulated service level of each period (empty: not simulated).
        public let serviceLevels: [[Double]]
        /// Agents to schedule per period after shrinkage.
        public let scheduled: [Int]
        public let periodHours: Double

        public init(labels: [String], loads: [Double], plans: [(name: String, agents: [Int])], serviceLevels: [[Double]],
                    scheduled: [Int], periodHours: Double) {
            self.periodHours = periodHours
            self.labels = labels
            self.loads = loads
            self.plans = plans
            self.serviceLevels = serviceLevels
            self.scheduled = scheduled
        }
    }

    /// period,start,load_erlangs,<plan>…,scheduled,sl_<plan>… (SL columns when simulated).
    public static func csv(_ t: Table) -> String {
        func cell(_ x: Double) -> String { x.isFinite ? JSON.format(x) : "" }
        var header = ["period", "start", "load_erlangs"] + t.plans.map(\.name) + ["scheduled"]
        if !t.serviceLevels.isEmpty { header += t.plans.map { "sl_" + $0.name } }
        var lines = [header.joined(separator: ",")]
        for k in t.labels.indices {
            var row = [String(k), t.labels[k], cell(t.loads[k])] + t.plans.map { String($0.agents[k]) } + [String(t.scheduled[k])]
            if !t.serviceLevels.isEmpty { row += t.serviceLevels.map { cell($0[k]) } }
            lines.append(row.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The terminal table; simulated service levels below the goal are marked with *.
    public static func render(_ t: Table, goal: Double) -> String {
        let names = ["erlang_c": "Erlang C", "erlang_a": "Erlang A", "square_root": "sqrt", "simulated": "simulated"]
        var header = ["period", "load"] + t.plans.map { names[$0.name] ?? $0.name } + ["scheduled"]
        if !t.serviceLevels.isEmpty { header += t.plans.map { "SL " + (names[$0.name] ?? $0.name) } }
        var table = TextTable(header: header)
        for k in t.labels.indices {
            var row = [t.labels[k], fixed(t.loads[k], 1)] + t.plans.map { String($0.agents[k]) } + [String(t.scheduled[k])]
            if !t.serviceLevels.isEmpty {
                row += t.serviceLevels.map { sl in
                    sl[k].isFinite ? fixed(100 * sl[k], 1) + (sl[k] < goal ? " *" : "  ") : "-"
                }
            }
            table.add(row)
        }
        var totals = ["agent-hours", ""]
        for p in t.plans { totals.append(fixed(Double(p.agents.reduce(0, +)) * t.periodHours, 1)) }
        totals.append(fixed(Double(t.scheduled.reduce(0, +)) * t.periodHours, 1))
        if !t.serviceLevels.isEmpty { totals += Array(repeating: "", count: t.plans.count) }
        table.add(totals)
        return table.rendered()
    }
}
