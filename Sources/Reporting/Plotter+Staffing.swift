import ContactCenter
import Foundation

extension Plotter {
    /// staffing.csv: agents per period for each plan over the offered load, and each
    /// plan's out-of-sample figure per period (the goal's quantity with its 95 % bars)
    /// against the goal.
    static func plotStaffing(_ dir: String, out: String, templates: String, gnuplot: GnuplotRunner) throws -> [String] {
        let rows = try readCSV(dir + "/staffing.csv")
        guard let header = rows.first, rows.count > 1 else { return [] }
        let planNames = ["erlang_c", "erlang_a", "square_root", "simulated"].filter { header.contains($0) }
        let planColumns = planNames.map { header.firstIndex(of: $0)! }
        guard !planNames.isEmpty, let loadColumn = header.firstIndex(of: "load_erlangs"),
              let startColumn = header.firstIndex(of: "start") else {
            throw PlotError(description: "\(dir)/staffing.csv: unexpected columns")
        }
        // The out-of-sample columns: <quantity>_<plan>, _low, _high for every plan.
        let quantity = ([Metric.serviceLevel, .asaSeconds, .abandonRate].map(\.name) + [StaffingFiles.shareOfDaysMeeting]).first { q in
            planNames.allSatisfy { header.contains("\(q)_\($0)") }
        }
        let scale = quantity.map(ResultsFiles.isSeconds) == true ? 1.0 : 100.0
        // The scheduled line (required ÷ (1 − shrinkage)) when it differs from the plan.
        let scheduledColumn = header.firstIndex(of: "scheduled")
        let drawScheduled = scheduledColumn.map { c in rows.dropFirst().contains { $0[c] != $0[planColumns.last!] } } ?? false
        let titles = ["erlang_c": "Erlang C", "erlang_a": "Erlang A", "square_root": "square root", "simulated": "simulated"]
        func number(_ text: String) -> String { Double(text).map { "\($0)" } ?? "NaN" }
        var agents = [(["period", "load"] + planNames.map { titles[$0]! } + ["scheduled", "label"]).map(GnuplotText.field)
            .joined(separator: " ")]
        var levels = [(["period"] + planNames.flatMap { [titles[$0]!, "low", "high"] }).map(GnuplotText.field).joined(separator: " ")]
        for (k, r) in rows.dropFirst().enumerated() {
            let label = GnuplotText.field(k % 2 == 0 ? r[startColumn] : "·")
            agents.append(([String(k), number(r[loadColumn])] + planColumns.map { number(r[$0]) }
                           + [scheduledColumn.map { number(r[$0]) } ?? "NaN", label]).joined(separator: " "))
            if let q = quantity {
                let cells = planNames.flatMap { plan in
                    ["", "_low", "_high"].map { suffix -> String in
                        let value = Double(r[header.firstIndex(of: "\(q)_\(plan)\(suffix)")!]) ?? .nan
                        // (Bars within the possible range: rates 0–100 %, times from 0.)
                        return value.isNaN ? "NaN" : String(min(max(0, value), scale == 100 ? 1 : .infinity) * scale)
                    }
                }
                levels.append(([String(k)] + cells).joined(separator: " "))
            }
        }
        // Steps are drawn from each point to the next: repeat the last period to close the day.
        if agents.count > 1, let last = agents.last { agents.append(String(rows.count - 1) + last.drop { $0 != " " }) }
        let data = out + "/staffing-agents.dat", slData = out + "/staffing-sl.dat"
        try write(agents.joined(separator: "\n") + "\n", to: data)
        let hasLevels = quantity != nil
        if hasLevels { try write(levels.joined(separator: "\n") + "\n", to: slData) }
        struct Manifest: Decodable {
            struct Goal: Decodable { let metric: String; let bound: Double; let on_share_of_days: Double? }
            let scenario: String?
            let staffing_goal: Goal?
            let fresh_days: Int?
        }
        let manifest = try? JSONDecoder().decode(Manifest.self, from: Data(contentsOf: URL(fileURLWithPath: dir + "/manifest.json")))
        let goal = manifest?.staffing_goal.map { ($0.on_share_of_days ?? $0.bound) * scale } ?? goalPercent(dir)
        let axis = quantity == StaffingFiles.shareOfDaysMeeting ? "days meeting the goal (%)" : quantity.map(axisLabel) ?? ""
        let base = out + "/staffing"
        let name = manifest?.scenario ?? "day"
        try draw(gnuplot, template: templates + "/staffing.gp", strings: [
            "datafile": data, "slfile": hasLevels ? slData : "", "output": base, "ylabel": axis,
            "title": "\(name): agents per period",
            "sltitle": "\(name): each plan on \(manifest?.fresh_days.map(String.init) ?? "fresh") days it was not chosen on (95 % bars; goal dashed)",
        ], numbers: ["n": Double(planNames.count), "goal": goal, "periods": Double(rows.count - 1),
                     "scheduled": drawScheduled ? 1 : 0, "hassl": hasLevels ? 1 : 0, "slrate": scale == 100 ? 1 : 0])
        return [base + "-agents.svg", base + "-agents.png"] + (hasLevels ? [base + "-service-level.svg", base + "-service-level.png"] : [])
    }

    /// The service-level goal in percent, read from the staffing run's manifest (80 if absent).
    static func goalPercent(_ dir: String) -> Double {
        struct Manifest: Decodable { let service_level_goal: Double? }
        let m = try? JSONDecoder().decode(Manifest.self, from: Data(contentsOf: URL(fileURLWithPath: dir + "/manifest.json")))
        return 100 * (m?.service_level_goal ?? 0.8)
    }
}
