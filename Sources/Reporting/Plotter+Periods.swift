import ContactCenter
import Foundation

extension Plotter {
    /// The figures by period of a day, from intervals.csv (`ccsim run` or `compare` of a
    /// day plan): service level with its 95 % band and the goal line, abandonment, ASA,
    /// agents, (with an IVR) ports busy and (with several channels) each channel's service
    /// level, one line per variant in the run's order (variant
    /// k in colour k + 1, as everywhere). Bands are drawn within the possible range (rates
    /// 0–100 %, the rest from 0).
    static func plotPeriods(_ dir: String, out: String, templates: String, gnuplot: GnuplotRunner) throws -> [String] {
        let rows = try readCSV(dir + "/intervals.csv")
        guard let header = rows.first, rows.count > 1 else { return [] }
        guard let cVariant = header.firstIndex(of: "variant"), let cPeriod = header.firstIndex(of: "period"),
              let cStart = header.firstIndex(of: "start") else {
            throw PlotError(description: "\(dir)/intervals.csv: unexpected columns")
        }
        var variants: [String] = []
        for r in rows.dropFirst() where !variants.contains(r[cVariant]) { variants.append(r[cVariant]) }
        let labels = rows.dropFirst().filter { $0[cVariant] == variants[0] }.map { $0[cStart] }
        struct Manifest: Decodable { let scenario: String?; let service_level_goal: Double? }
        let manifest = try? JSONDecoder().decode(Manifest.self, from: Data(contentsOf: URL(fileURLWithPath: dir + "/manifest.json")))
        let wanted: [(metric: String, label: String, goal: Double?)] = [
            (Metric.serviceLevel, manifest?.service_level_goal), (.abandonRate, nil), (.asaSeconds, nil), (.agents, nil),
            (.ivrPortsBusyMean, nil),
        ].map { (metric: Metric, goal: Double?) in (metric.name, metric.axisLabel, goal) }
            // Several channels: each one's service level against its own types' targets.
            + Channel.allCases.map { ($0.figure(Metric.serviceLevel.name), "\($0.rawValue) " + Metric.serviceLevel.axisLabel, nil) }
        var written: [String] = []
        for figure in wanted {
            guard let c = header.firstIndex(of: figure.metric), let cLow = header.firstIndex(of: figure.metric + "_ci_low"),
                  let cHigh = header.firstIndex(of: figure.metric + "_ci_high") else { continue }
            let scale = ResultsFiles.isRate(figure.metric) ? 100.0 : 1.0
            let blocks = variants.map { variant in
                var previous = -1
                return (title: variant, rows: rows.dropFirst().filter { $0[cVariant] == variant }.compactMap { r -> String? in
                    guard let k = Int(r[cPeriod]), let mean = Double(r[c]), mean.isFinite else { return nil }
                    let low = max(0, Double(r[cLow]) ?? mean), high = min(scale == 100 ? 1 : .infinity, Double(r[cHigh]) ?? mean)
                    // A gap (a night of a plan over days: no calls) breaks the line: a blank line.
                    let gap = previous >= 0 && k != previous + 1 ? "\n" : ""
                    previous = k
                    return gap + "\(k) \(mean * scale) \(low * scale) \(high * scale)"
                })
            }
            guard blocks.contains(where: { !$0.rows.isEmpty }) else { continue }
            let data = out + "/periods-\(figure.metric).dat", base = out + "/periods-\(figure.metric)"
            try write(GnuplotText.blocks(blocks + [periodLabels(labels)]), to: data)
            try draw(gnuplot, template: templates + "/periods.gp", strings: [
                "datafile": data, "output": base, "title": "\(manifest?.scenario ?? "day"): \(figure.label) by period",
                "ylabel": figure.label,
            ], numbers: ["periods": Double(labels.count), "n": Double(variants.count),
                         "hasgoal": figure.goal == nil ? 0 : 1, "goal": (figure.goal ?? 0) * scale, "rate": scale == 100 ? 1 : 0])
            written += [base + ".svg", base + ".png"]
        }
        return written
    }

    /// The tick-label block of periods.gp: period k labelled with its start time; over
    /// several days ("d2 08:00") only each day's first period, with the day ("d2").
    static func periodLabels(_ starts: [String]) -> (title: String, rows: [String]) {
        guard starts.first?.hasPrefix("d1 ") == true else { return GnuplotText.labelBlock(starts.enumerated().map { (Double($0), $1) }) }
        var previousDay = ""
        return GnuplotText.labelBlock(starts.enumerated().map { k, start in
            let day = String(start.prefix { $0 != " " })
            defer { previousDay = day }
            return (Double(k), day == previousDay ? "" : day)
        })
    }
}
