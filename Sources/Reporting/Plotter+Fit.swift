import Foundation

extension Plotter {
    /// The figures of `ccsim fit`: arrivals by period per call type and agents on duty per
    /// team (each with its 95 % band over days; `periods.gp`), handling-time QQ plots
    /// (`qq.gp`) and patience survival, Kaplan–Meier against the written law (`survival.gp`).
    static func plotFit(_ dir: String, out: String, templates: String, gnuplot: GnuplotRunner) throws -> [String] {
        var written: [String] = []
        /// Blocks of (period, value, low, high) per value of column `keyName`, drawn with periods.gp.
        func byPeriod(_ file: String, key keyName: String, value: String, figure: String, title: String, ylabel: String) throws {
            let rows = try readCSV(dir + "/" + file)
            guard let header = rows.first, rows.count > 1, let cKey = header.firstIndex(of: keyName),
                  let cPeriod = header.firstIndex(of: "period"), let cStart = header.firstIndex(of: "start"),
                  let cValue = header.firstIndex(of: value), let cLow = header.firstIndex(of: "ci_low"),
                  let cHigh = header.firstIndex(of: "ci_high") else { return }
            var keys: [String] = []
            for r in rows.dropFirst() where !keys.contains(r[cKey]) { keys.append(r[cKey]) }
            let labels = rows.dropFirst().filter { $0[cKey] == keys[0] }.map { $0[cStart] }
            let blocks = keys.map { key in
                (title: key, rows: rows.dropFirst().filter { $0[cKey] == key }.compactMap { r -> String? in
                    guard let k = Int(r[cPeriod]), let v = Double(r[cValue]) else { return nil }
                    return "\(k) \(v) \(max(0, Double(r[cLow]) ?? v)) \(Double(r[cHigh]) ?? v)"
                })
            }
            let data = out + "/\(figure).dat", base = out + "/\(figure)"
            try write(GnuplotText.blocks(blocks + [periodLabels(labels)]), to: data)
            try draw(gnuplot, template: templates + "/periods.gp", strings: [
                "datafile": data, "output": base, "title": title, "ylabel": ylabel,
            ], numbers: ["periods": Double(labels.count), "n": Double(keys.count), "hasgoal": 0, "goal": 0, "rate": 0])
            written += [base + ".svg", base + ".png"]
        }
        try byPeriod("fit-arrivals.csv", key: "call_type", value: "per_hour", figure: "fit-arrivals",
                     title: "fitted arrivals by period (mean over days, 95 % band)", ylabel: "calls per hour")
        if FileManager.default.fileExists(atPath: dir + "/fit-agents.csv") {
            try byPeriod("fit-agents.csv", key: "team", value: "on_duty", figure: "fit-agents",
                         title: "agents on duty by period (presence rule, 95 % band over days)", ylabel: "agents on duty")
        }
        /// Blocks of numeric columns per key, each headed by `titles(key)`.
        func pairs(_ file: String, key keyName: String, filter: (([String], [String]) -> Bool)? = nil,
                   columns: [String], titles: (String) -> [String]) throws -> (keys: [String], data: String)? {
            let rows = try readCSV(dir + "/" + file)
            guard let header = rows.first, rows.count > 1, let cKey = header.firstIndex(of: keyName) else { return nil }
            let cs = columns.compactMap { header.firstIndex(of: $0) }
            guard cs.count == columns.count else { return nil }
            let kept = rows.dropFirst().filter { filter?(header, $0) ?? true }
            var keys: [String] = []
            for r in kept where !keys.contains(r[cKey]) { keys.append(r[cKey]) }
            guard !keys.isEmpty else { return nil }
            let blocks = keys.map { key in
                ([titles(key).map(GnuplotText.field).joined(separator: " ")]
                 + kept.filter { $0[cKey] == key }.map { r in cs.map { Double(r[$0]).map { "\($0)" } ?? "NaN" }.joined(separator: " ") })
                    .joined(separator: "\n")
            }
            return (keys, blocks.joined(separator: "\n\n\n") + "\n")
        }
        if let qq = try pairs("fit-handling.csv", key: "call_type", columns: ["fitted_seconds", "observed_seconds"], titles: { [$0] }) {
            let data = out + "/fit-handling.dat", base = out + "/fit-handling"
            try write(qq.data, to: data)
            try draw(gnuplot, template: templates + "/qq.gp", strings: [
                "datafile": data, "output": base, "title": "handling time: observed vs fitted quantiles (1 %–99 %)",
                "xlabel": "fitted law's quantile (s)", "ylabel": "observed quantile (s)",
            ], numbers: ["n": Double(qq.keys.count)])
            written += [base + ".svg", base + ".png"]
        }
        for kind in ["queue", "ivr"] {
            guard let cWait = try readCSV(dir + "/fit-patience.csv").first?.firstIndex(of: "wait"),
                  let s = try pairs("fit-patience.csv", key: "call_type", filter: { _, r in r[cWait] == kind },
                                    columns: ["seconds", "kaplan_meier", "fitted"],
                                    titles: { ["\($0) (Kaplan–Meier)", "\($0) (fitted)"] }) else { continue }
            let data = out + "/fit-patience-\(kind).dat", base = out + "/fit-patience-\(kind)"
            try write(s.data, to: data)
            try draw(gnuplot, template: templates + "/survival.gp", strings: [
                "datafile": data, "output": base,
                "title": kind == "queue" ? "patience in queue: Kaplan–Meier (steps) vs fitted law (line)"
                    : "patience in the IVR: Kaplan–Meier (steps) vs fitted law (line)",
            ], numbers: ["n": Double(s.keys.count)])
            written += [base + ".svg", base + ".png"]
        }
        return written
    }

    /// `ccsim backtest`: per KPI, observed (colour 1) and simulated (colour 2) by period,
    /// each with its 95 % band (`periods.gp`).
    static func plotBacktest(_ dir: String, out: String, templates: String, gnuplot: GnuplotRunner) throws -> [String] {
        let rows = try readCSV(dir + "/backtest.csv")
        guard let header = rows.first, let cPeriod = header.firstIndex(of: "period"), let cStart = header.firstIndex(of: "start"),
              let cMetric = header.firstIndex(of: "metric") else { return [] }
        let needed = ["observed", "simulated"].flatMap { [$0, $0 + "_ci_low", $0 + "_ci_high"] }
        guard needed.allSatisfy(header.contains) else { throw PlotError(description: "\(dir)/backtest.csv: unexpected columns") }
        func c(_ name: String) -> Int { header.firstIndex(of: name)! }
        var metrics: [String] = []
        for r in rows.dropFirst() where r[cPeriod] != "day" && !metrics.contains(r[cMetric]) { metrics.append(r[cMetric]) }
        var written: [String] = []
        for metric in metrics {
            let mine = rows.dropFirst().filter { $0[cMetric] == metric && $0[cPeriod] != "day" }
            let scale = ResultsFiles.isRate(metric) ? 100.0 : 1.0
            let blocks = [(side: "observed", title: "log"), (side: "simulated", title: "simulated")].map { series in
                (title: series.title, rows: mine.compactMap { r -> String? in
                    guard let k = Int(r[cPeriod]), let v = Double(r[c(series.side)]) else { return nil }
                    let low = Double(r[c(series.side + "_ci_low")]) ?? v, high = Double(r[c(series.side + "_ci_high")]) ?? v
                    // (Bands within the possible range: rates 0–100 %, the rest from 0.)
                    return "\(k) \(v * scale) \(max(0, low) * scale) \(min(high, scale == 100 ? 1 : .infinity) * scale)"
                })
            }
            let data = out + "/backtest-\(metric).dat", base = out + "/backtest-\(metric)"
            try write(GnuplotText.blocks(blocks + [periodLabels(mine.map { $0[cStart] })]), to: data)
            try draw(gnuplot, template: templates + "/periods.gp", strings: [
                "datafile": data, "output": base, "title": "backtest: \(metric) by period, log vs scenario (95 % bands)",
                "ylabel": axisLabel(metric),
            ], numbers: ["periods": Double(mine.count), "n": 2, "hasgoal": 0, "goal": 0, "rate": scale == 100 ? 1 : 0])
            written += [base + ".svg", base + ".png"]
        }
        return written
    }
}
