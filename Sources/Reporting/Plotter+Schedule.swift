import ContactCenter
import Foundation

extension Plotter {
    /// `ccsim schedule`'s coverage.csv: the roster against its requirement by period, and
    /// its simulated service level with the 95 % band and the goal line.
    static func plotSchedule(_ dir: String, out: String, templates: String, gnuplot: GnuplotRunner) throws -> [String] {
        let rows = try readCSV(dir + "/coverage.csv")
        guard let header = rows.first, rows.count > 1 else { return [] }
        func column(_ name: String) throws -> Int {
            guard let i = header.firstIndex(of: name) else { throw PlotError(description: "\(dir)/coverage.csv: no column \(name)") }
            return i
        }
        let sl = Metric.serviceLevel.name
        let columns = try ["period", "erlang_c", "required", "scheduled", sl, sl + "_ci_low", sl + "_ci_high"]
            .map(column)
        // One x per row (a week's days one after another), labelled by period start, or by
        // day at each day's first period when the roster covers several days.
        let dayColumn = header.firstIndex(of: "day")
        let severalDays = dayColumn.map { c in Set(rows.dropFirst().map { $0[c] }).count > 1 } ?? false
        let startColumn = try column("start")
        let lines = rows.dropFirst().enumerated().map { x, r in
            let label = !severalDays ? r[startColumn] : (r[columns[0]] == "0" ? "day " + r[dayColumn!] : "·")
            return ([String(x)] + columns.dropFirst().enumerated().map { i, c -> String in
                let v = Double(r[c]) ?? .nan
                return i >= 3 ? "\(min(max(0, v), 1) * 100)" : "\(v)"  // (a service level and its band within 0–100 %)
            } + [GnuplotText.field(label)]).joined(separator: " ")
        }
        struct Manifest: Decodable { let scenario: String?; let service_level_goal: Double? }
        let manifest = try? JSONDecoder().decode(Manifest.self, from: Data(contentsOf: URL(fileURLWithPath: dir + "/manifest.json")))
        let data = out + "/schedule.dat"
        try write(lines.joined(separator: "\n") + "\n", to: data)
        let base = out + "/schedule"
        try draw(gnuplot, template: templates + "/schedule.gp", strings: [
            "datafile": data, "output": base, "title": "\(manifest?.scenario ?? "schedule"): roster by period",
        ], numbers: ["periods": Double(rows.count - 1), "goal": (manifest?.service_level_goal ?? 0.8) * 100])
        return [base + "-coverage.svg", base + "-coverage.png", base + "-service-level.svg", base + "-service-level.png"]
    }
}
