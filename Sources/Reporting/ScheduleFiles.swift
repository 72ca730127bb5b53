import ContactCenter
import Experiments
import Rostering

/// The files of a roster plan (`ccsim schedule`, `RosterPlanning`): schedule.csv,
/// coverage.csv and the manifest's roster fields.
public enum ScheduleFiles {
    /// template,start,breaks,[days,]people,paid_hours_each,cost_each: one row per shift
    /// (start, break placement and, over several days, work days as `1111100`) with people
    /// on it; breaks as `HH:MM+minutes`. `clock` turns minutes from opening into HH:MM.
    public static func scheduleCSV(_ roster: Roster, templates: [ShiftTemplate], clock: (Double) -> String) -> String {
        let severalDays = roster.days > 1
        var csv = "template,start,breaks," + (severalDays ? "days," : "") + "people,paid_hours_each,cost_each\n"
        for (p, pattern) in roster.patterns.enumerated() where roster.people[p] > 0 {
            let t = templates[pattern.template]
            let breaks = zip(pattern.breakStartMinutes, t.breaks).map { "\(clock(pattern.startMinutes + $0))+\(Int($1.minutes))" }
            let worked = roster.workDays[p].map { $0 ? "1" : "0" }.joined()
            csv += "\(CSV.field(t.name)),\(clock(pattern.startMinutes)),\(breaks.joined(separator: " ")),"
                + (severalDays ? "\(worked)," : "") + "\(roster.people[p]),"
                + "\(JSON.format(pattern.paidHours)),\(JSON.format(pattern.cost))\n"
        }
        return csv
    }

    /// day,period,start,erlang_c,erlang_a,required,scheduled,service_level,…_ci_low,…_ci_high,meets
    /// for the plan's answer: per (day, period) the formulas' requirements, the last
    /// requirement solved for, the roster's coverage, its estimate on the fresh days and
    /// whether it meets the goal (empty estimate: no call in the period); with further goals
    /// (`chat.service_level`, …) each one's estimate and interval before `meets` (every goal).
    public static func coverageCSV(_ plan: RosterPlanning.Result, labels: [String]) -> String {
        let answer = plan.answer
        let sl = Metric.serviceLevel.name
        // Further goals (`--channel-goal`): each one's estimate after the center's; meets: every goal.
        let parts = [sl] + plan.goal.further.map(\.name)
        var csv = "day,period,start,erlang_c,erlang_a,required,scheduled," + parts.map { "\($0),\($0)_ci_low,\($0)_ci_high," }.joined() + "meets\n"
        func cell(_ x: Double) -> String { x.isFinite ? JSON.format(x) : "" }
        for d in answer.need.indices {
            let scheduled = answer.roster.coverage(day: d)
            for k in labels.indices {
                csv += "\(d + 1),\(k),\(labels[k]),\(plan.erlangC[d][k]),\(plan.erlangA[d][k]),\(answer.need[d][k]),\(JSON.format(scheduled[k])),"
                    + (answer.estimates[d][k].map { e in
                        ([e] + e.further).map { "\(cell($0.value)),\(cell($0.low)),\(cell($0.high))," }.joined() + (plan.goal.isMet(by: e) ? "1" : "0")
                    } ?? String(repeating: ",,,", count: parts.count)) + "\n"
            }
        }
        return csv
    }

    /// The manifest's `rosters` (each roster by name, and the answer again as "repaired")
    /// and `repair` (rounds, solves, trims of the answer, which one was chosen) fields.
    public static func manifestFields(_ plan: RosterPlanning.Result, requirement: RosterPlanning.Requirement, freshDays: Int,
                                      seconds: Double) -> [String: JSON] {
        let answer = plan.answer
        let named = plan.rosters.map { ($0.name, $0.roster, $0.estimates) } + [("repaired", answer.roster, answer.estimates)]
        return [
            "rosters": .object(Dictionary(uniqueKeysWithValues: named.map { name, r, e in
                (name, JSON.object(["cost": .number(r.cost), "paid_hours": .number(r.paidHours), "people": .integer(r.headcount),
                                    "lp_bound": r.lowerBound.map(JSON.number) ?? .null,
                                    "periods_meeting_goal": .integer(plan.meeting(e)), "solver_status": .string(r.status.rawValue)]))
            })),
            "horizon_days": .integer(answer.need.count),
            "repair": .object(["rounds": .integer(plan.repairs.reduce(0) { $0 + $1.rounds }),
                               "solves": .integer(2 + plan.repairs.reduce(0) { $0 + $1.solves }), "fresh_days": .integer(freshDays),
                               "trims": .integer(answer.trims), "trim_trials": .integer(answer.trimTrials),
                               "requirement": .string(requirement.rawValue), "chosen": .string(answer.name),
                               "seconds": .number((seconds * 10).rounded() / 10)]),
        ]
    }
}
