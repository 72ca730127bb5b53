import Foundation

extension Plotter {
    /// The figures of `ccsim fit`: arrivals by period per call type and agents on duty per
    /// team (each with its 95 % band over days; `periods.gp`), handling-time QQ plots
    /// (`qq.gp`) and patience survival, Kaplan–Meier against the written law (`survival.gp`).
    static func plotFit(_ dir: String, out: String, templates: String, gnuplot: GnuplotRunner) throws -> [String] {
        var written: [String] = []
        /// Blocks of (period, value, low, high) per key of column `keyColumn`, drawn with periods.gp.
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
                rows.dropFirst().filter { $0[cKey] == key }.compactMap { r -> String? in
                    guard let v = Double(r[cValue]) else { return nil }
                    return "\(r[cPeriod]) \(v) \(max(0, Double(r[cLow]) ?? v)) \(Double(r[cHigh]) ?? v)"
                }.joined(separator: "\n")
            }
            let data = out + "/\(figure).dat", base = out + "/\(figure)"
            try write(blocks.joined(separator: "\n\n\n") + "\n", to: data)
            try run(gnuplot, template: templates + "/periods.gp", variables: [
                "datafile": data, "output": base, "title": title, "labels": labels.joined(separator: " "), "periods": "\(labels.count)",
                "titles": keys.map { $0.replacingOccurrences(of: " ", with: "_") }.joined(separator: " "),
                "colors": keys.indices.map { "\($0 + 1)" }.joined(separator: " "), "n": "\(keys.count)", "goalline": "", "ylabel": ylabel,
            ])
            written += [base + ".svg", base + ".png"]
        }
        try byPeriod("fit-arrivals.csv", key: "call_type", value: "per_hour", figure: "fit-arrivals",
                     title: "fitted arrivals by period (mean over days, 95 % band)", ylabel: "calls per hour")
        if FileManager.default.fileExists(atPath: dir + "/fit-agents.csv") {
            try byPeriod("fit-agents.csv", key: "team", value: "on_duty", figure: "fit-agents",
                         title: "agents on duty by period (presence rule, 95 % band over days)", ylabel: "agents on duty")
        }
        /// Blocks of two numeric columns per key.
        func pairs(_ file: String, key keyName: String, filter: (([String], [String]) -> Bool)? = nil,
                   columns: [String]) throws -> (keys: [String], data: String)? {
            let rows = try readCSV(dir + "/" + file)
            guard let header = rows.first, rows.count > 1, let cKey = header.firstIndex(of: keyName) else { return nil }
            let cs = columns.compactMap { header.firstIndex(of: $0) }
            guard cs.count == columns.count else { return nil }
            let kept = rows.dropFirst().filter { filter?(header, $0) ?? true }
            var keys: [String] = []
            for r in kept where !keys.contains(r[cKey]) { keys.append(r[cKey]) }
            guard !keys.isEmpty else { return nil }
            let blocks = keys.map { key in kept.filter { $0[cKey] == key }.map { r in cs.map { r[$0] }.joined(separator: " ") }.joined(separator: "\n") }
            return (keys, blocks.joined(separator: "\n\n\n") + "\n")
        }
        if let qq = try pairs("fit-handling.csv", key: "call_type", columns: ["fitted_seconds", "observed_seconds"]) {
            let data = out + "/fit-handling.dat", base = out + "/fit-handling"
            try write(qq.data, to: data)
            try run(gnuplot, template: templates + "/qq.gp", variables: [
                "datafile": data, "output": base, "title": "handling time: observed vs fitted quantiles (1 %–99 %)",
                "titles": qq.keys.joined(separator: " "), "colors": qq.keys.indices.map { "\($0 + 1)" }.joined(separator: " "),
                "n": "\(qq.keys.count)", "xlabel": "fitted law's quantile (s)", "ylabel": "observed quantile (s)",
            ])
            written += [base + ".svg", base + ".png"]
        }
        for kind in ["queue", "ivr"] {
            guard let s = try pairs("fit-patience.csv", key: "call_type", filter: { h, r in r[h.firstIndex(of: "wait")!] == kind },
                                    columns: ["seconds", "kaplan_meier", "fitted"]) else { continue }
            let data = out + "/fit-patience-\(kind).dat", base = out + "/fit-patience-\(kind)"
            try write(s.data, to: data)
            try run(gnuplot, template: templates + "/survival.gp", variables: [
                "datafile": data, "output": base,
                "title": kind == "queue" ? "patience in queue: Kaplan–Meier (steps) vs fitted law (line)"
                    : "patience in the IVR: Kaplan–Meier (steps) vs fitted law (line)",
                "titles": s.keys.joined(separator: " "), "colors": s.keys.indices.map { "\($0 + 1)" }.joined(separator: " "),
                "n": "\(s.keys.count)",
            ])
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
        func c(_ name: String) -> Int { header.firstIndex(of: name)! }
        var metrics: [String] = []
        for r in rows.dropFirst() where r[cPeriod] != "day" && !metrics.contains(r[cMetric]) { metrics.append(r[cMetric]) }
        var written: [String] = []
        for metric in metrics {
            let mine = rows.dropFirst().filter { $0[cMetric] == metric && $0[cPeriod] != "day" }
            let scale = ["service_level", "abandon_rate", "p_wait", "occupancy"].contains(metric) ? 100.0 : 1.0
            let blocks = ["observed", "simulated"].map { side in
                mine.compactMap { r -> String? in
                    guard let v = Double(r[c(side)]) else { return nil }
                    let low = Double(r[c(side + "_ci_low")]) ?? v, high = Double(r[c(side + "_ci_high")]) ?? v
                    return "\(r[cPeriod]) \(v * scale) \(max(0, low) * scale) \(high * scale)"
                }.joined(separator: "\n")
            }
            let data = out + "/backtest-\(metric).dat", base = out + "/backtest-\(metric)"
            try write(blocks.map { $0.isEmpty ? "NaN NaN NaN NaN" : $0 }.joined(separator: "\n\n\n") + "\n", to: data)
            try run(gnuplot, template: templates + "/periods.gp", variables: [
                "datafile": data, "output": base, "title": "backtest: \(metric) by period, log vs scenario (95 % bands)",
                "labels": mine.map { $0[cStart] }.joined(separator: " "), "periods": "\(mine.count)", "titles": "log simulated",
                "colors": "1 2", "n": "2", "goalline": "", "ylabel": scale == 100 ? metric + " (%)" : metric,
            ])
            written += [base + ".svg", base + ".png"]
        }
        return written
    }
}
