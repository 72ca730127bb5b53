import ContactCenter
import Experiments

/// The staffing plan of a day: staffing.csv and its terminal table.
public enum StaffingFiles {
    /// The quantity of a chance goal (`on_share_of_days`): the share of days meeting the bound.
    static let shareOfDaysMeeting = "share_of_days_meeting"

    public struct Table: Sendable {
        public let labels: [String]
        public let loads: [Double]
        /// (column name, agents per period): erlang_c, erlang_a, square_root, simulated.
        public let plans: [(name: String, agents: [Int])]
        /// Agents to schedule per period after shrinkage.
        public let scheduled: [Int]
        public let periodHours: Double
        /// The simulated plan's selection and every plan's out-of-sample figures (nil: formulas only).
        public let simulation: DayStaffing?
        public let goal: SimulatedStaffingGoal?
        /// The scenario's `cost.per_agent_hour`: a daily-cost row (nil: none).
        public var costPerAgentHour: Double?
        /// Per period, open (false: a night of a plan over several days, left out of the
        /// terminal table; empty: every period open).
        public var isOpen: [Bool] = []

        public init(labels: [String], loads: [Double], plans: [(name: String, agents: [Int])], scheduled: [Int],
                    periodHours: Double, simulation: DayStaffing? = nil, goal: SimulatedStaffingGoal? = nil) {
            self.labels = labels
            self.loads = loads
            self.plans = simulation?.plans ?? plans
            self.scheduled = scheduled
            self.periodHours = periodHours
            self.simulation = simulation
            self.goal = goal
        }

        /// What the out-of-sample columns hold: the goal's metric, or for a chance goal the
        /// share of days meeting it.
        public var quantity: String? { goal.map(StaffingFiles.quantity) }

        /// The same for each further goal (`chat.service_level`, `chat.share_of_days_meeting`).
        public var furtherQuantities: [String] { goal?.further.map(StaffingFiles.quantity) ?? [] }
    }

    static func quantity(_ goal: SimulatedStaffingGoal) -> String {
        let q = goal.onShareOfDays == nil ? goal.metric.name : shareOfDaysMeeting
        return goal.channel.map { $0.figure(q) } ?? q
    }

    /// period,start,load_erlangs,<plan>…,scheduled, and with a simulation:
    /// selection_days,selection_decision (clear / too_close),repair_added_agents, then per
    /// plan <quantity>_<plan>,<quantity>_<plan>_low,<quantity>_<plan>_high on the fresh days,
    /// then the same for each further goal's quantity (`chat.service_level_simulated`, …).
    public static func csv(_ t: Table) -> String {
        func cell(_ x: Double) -> String { x.isFinite ? JSON.format(x) : "" }
        var header = ["period", "start", "load_erlangs"] + t.plans.map(\.name) + ["scheduled"]
        if let q = t.quantity {
            header += ["selection_days", "selection_decision", "repair_added_agents"]
            for q in [q] + t.furtherQuantities {
                header += t.plans.flatMap { ["\(q)_\($0.name)", "\(q)_\($0.name)_low", "\(q)_\($0.name)_high"] }
            }
        }
        var lines = [header.joined(separator: ",")]
        for k in t.labels.indices {
            var row = [String(k), t.labels[k], cell(t.loads[k])] + t.plans.map { String($0.agents[k]) } + [String(t.scheduled[k])]
            if let s = t.simulation {
                let choice = s.selection.periods[k]
                row += [choice.map { String($0.days) } ?? "0", choice.map { $0.decision.clear ? "clear" : "too_close" } ?? "",
                        String(s.validation.added[k])]
                for part in 0...t.furtherQuantities.count {
                    row += s.outOfSample.flatMap { plan in
                        plan[k].map { e in
                            let p = part == 0 ? e : e.further[part - 1]
                            return [cell(p.value), cell(p.low), cell(p.high)]
                        } ?? ["", "", ""]
                    }
                }
            }
            lines.append(row.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The terminal table: each plan's out-of-sample figure per period (* where it misses
    /// that goal; the simulated plan with its 95 % half-width), each further goal's for the
    /// simulated plan, the selection's days per period (~ too close to call) and the agents
    /// the repair added (+n).
    public static func render(_ t: Table) -> String {
        let names = ["erlang_c": "Erlang C", "erlang_a": "Erlang A", "square_root": "sqrt", "simulated": "simulated"]
        let title: (String) -> String = { names[$0] ?? $0 }
        var header = ["period", "load"] + t.plans.map { title($0.name) } + ["scheduled"]
        func prefix(_ quantity: String) -> String {
            let channel = quantity.split(separator: ".").count > 1 ? quantity.split(separator: ".")[0] + " " : ""
            let metric = quantity.split(separator: ".").last.map(String.init) ?? ""
            return channel + ([Metric.serviceLevel.name: "SL ", Metric.asaSeconds.name: "ASA ", Metric.abandonRate.name: "aband ",
                               shareOfDaysMeeting: "days ok "][metric] ?? "")
        }
        if t.simulation != nil {
            header += ["days"] + t.plans.map { prefix(t.quantity ?? "") + title($0.name) }
                + t.furtherQuantities.map { prefix($0) + "simulated" }
        }
        var table = TextTable(header: header)
        func show(_ x: Double, _ quantity: String) -> String { ResultsFiles.isSeconds(quantity) ? fixed(x, 1) : fixed(100 * x, 1) }
        for k in t.labels.indices where t.isOpen.isEmpty || t.isOpen[k] {
            var row = [t.labels[k], fixed(t.loads[k], 1)] + t.plans.map { String($0.agents[k]) } + [String(t.scheduled[k])]
            if let s = t.simulation, let goal = t.goal, let q = t.quantity {
                let added = s.validation.added[k]
                row[2 + t.plans.count - 1] += added > 0 ? " (+\(added))" : ""
                row.append(s.selection.periods[k].map { "\($0.days)" + ($0.decision.clear ? "" : " ~") } ?? "-")
                for (p, plan) in s.outOfSample.enumerated() {
                    guard let e = plan[k] else { row.append("-"); continue }
                    let spread = p == s.outOfSample.count - 1 ? " ±" + show((e.high - e.low) / 2, q) : ""
                    row.append(show(e.value, q) + spread + (goal.isOwnMet(by: e) ? "  " : " *"))
                }
                for (i, part) in goal.further.enumerated() {
                    guard let e = s.outOfSample.last?[k]?.further[i] else { row.append("-"); continue }
                    let fq = t.furtherQuantities[i]
                    row.append(show(e.value, fq) + " ±" + show((e.high - e.low) / 2, fq) + (part.isOwnMet(by: e) ? "  " : " *"))
                }
            }
            table.add(row)
        }
        var totals = ["agent-hours", ""]
        for p in t.plans { totals.append(fixed(Double(p.agents.reduce(0, +)) * t.periodHours, 1)) }
        totals.append(fixed(Double(t.scheduled.reduce(0, +)) * t.periodHours, 1))
        if let s = t.simulation, let goal = t.goal {
            totals.append("")
            totals += s.outOfSample.map { plan in
                let misses = plan.filter { $0.map { !goal.isMet(by: $0) } ?? false }.count
                return misses == 0 ? "all met" : "\(misses) missed"
            }
            totals += goal.further.map { _ in "" }
        }
        table.add(totals)
        if let cost = t.costPerAgentHour {
            var row = ["daily cost", ""]
            for p in t.plans { row.append(fixed(Double(p.agents.reduce(0, +)) * t.periodHours * cost, 0)) }
            row.append(fixed(Double(t.scheduled.reduce(0, +)) * t.periodHours * cost, 0))
            row += Array(repeating: "", count: max(0, table.header.count - row.count))
            table.add(row)
        }
        return table.rendered()
    }
}

extension StaffingFiles {
    /// Per plan (and `scheduled`): agent-hours, the daily cost (with `cost.per_agent_hour`),
    /// and with a simulation the periods whose goal it meets on the fresh days, of those
    /// with calls — what the report's verdict reads.
    static func plansJSON(_ t: Table) -> JSON {
        var plans: [String: JSON] = [:]
        for (p, plan) in (t.plans + [(name: "scheduled", agents: t.scheduled)]).enumerated() {
            let hours = Double(plan.agents.reduce(0, +)) * t.periodHours
            var fields: [String: JSON] = ["agent_hours": .number(hours), "order": .integer(p)]
            if let cost = t.costPerAgentHour { fields["cost"] = .number(hours * cost) }
            if let s = t.simulation, let goal = t.goal, p < s.outOfSample.count {
                let estimates = s.outOfSample[p].compactMap { $0 }
                fields["periods_meeting_goal"] = .integer(estimates.filter { goal.isMet(by: $0) }.count)
                fields["periods_with_calls"] = .integer(estimates.count)
            }
            plans[plan.name] = .object(fields)
        }
        return .object(plans)
    }

    /// The run's manifest fields with the simulated goal and how many days the plan rests on.
    public static func manifest(_ t: Table, base: [String: JSON]) -> [String: JSON] {
        var fields = base
        fields["plans"] = plansJSON(t)
        guard let goal = t.goal, let s = t.simulation else { return fields }
        func part(_ g: SimulatedStaffingGoal) -> [String: JSON] {
            ["metric": .string(g.name), "bound": .number(g.bound), "on_share_of_days": g.onShareOfDays.map(JSON.number) ?? .null,
             "precision": .number(g.precision)]
        }
        var fieldsOfGoal = part(goal)
        if !goal.further.isEmpty { fieldsOfGoal["further"] = .array(goal.further.map { .object(part($0)) }) }
        fields["staffing_goal"] = .object(fieldsOfGoal)
        fields["selection_days_most"] = .integer(s.selection.daysUsed)
        fields["selection_candidates"] = .integer(s.selection.candidates)
        fields["fresh_days"] = .integer(s.validation.freshDays)
        fields["first_fresh_day"] = .integer(Int(PlanValidation.firstFreshDay))
        fields["repair_added_agents"] = .integer(s.validation.added.reduce(0, +))
        return fields
    }
}

extension StaffingFiles {
    public struct RequirementError: Error, CustomStringConvertible {
        public let description: String
    }

    /// The simulated plan of a staffing.csv `ccsim staff` wrote, for `ccsim schedule
    /// --requirement`: [period] → agents (the `simulated` column, the validated plan), checked
    /// against the scenario's periods by their start times (`labels`).
    /// - Throws: `RequirementError` naming the file, row and column.
    public static func simulatedRequirement(csv text: String, file: String, labels: [String]) throws -> [Int] {
        let rows = CSV.parse(text)
        guard let header = rows.first, let start = header.firstIndex(of: "start"), let plan = header.firstIndex(of: "simulated") else {
            throw RequirementError(description: "\(file): not a staffing.csv with a simulated plan (its header has no start and simulated "
                + "columns: ccsim staff without --no-simulation writes one)")
        }
        let body = Array(rows.dropFirst())
        guard body.count == labels.count else {
            throw RequirementError(description: "\(file): plans \(body.count) periods, and the scenario's day has \(labels.count)")
        }
        return try body.enumerated().map { i, row in
            let line = i + 2
            guard row.count == header.count else {
                throw RequirementError(description: "\(file):\(line): \(row.count) fields, the header has \(header.count)")
            }
            guard row[start] == labels[i] else {
                throw RequirementError(description: "\(file):\(line): the period starts at \(row[start]), the scenario's period \(i) at \(labels[i])")
            }
            guard let agents = Int(row[plan]), agents >= 0 else {
                throw RequirementError(description: "\(file):\(line): simulated: must be a whole number of agents ≥ 0 (got \"\(row[plan])\")")
            }
            return agents
        }
    }
}
