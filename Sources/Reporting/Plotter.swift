import ContactCenter
import Foundation

/// Renders a results folder's figures with the gnuplot templates in `plots/`: for a sweep,
/// each metric against the swept value (one line per variant, 95 % bars); for a run or a
/// comparison, the wait-time distribution, and for a day its figures by period; for staff
/// and schedule, the plan and the roster. Writes SVG and PNG into `<results>/plots/`.
public enum Plotter {
    public struct PlotError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Metrics drawn for a sweep when present, in this order.
    public static let sweepMetrics = Metric.swept.map(\.name)

    /// Draws everything the folder holds; returns the figures written. Creates nothing when
    /// the folder holds nothing to plot or its files are not one run's (`Manifest.verify`); the gnuplot data files (`*.dat`) are removed once
    /// drawn, and on failure every file this call wrote (and `plots/`, if it made it).
    /// gnuplot gets `gnuplotSeconds` per figure set before it is stopped.
    public static func plot(resultsDirectory dir: String, templates: String, gnuplot: String = "gnuplot",
                            gnuplotSeconds: Double = 120) throws -> [String] {
        let manager = FileManager.default
        let sources = ["sweep.csv", "waits.csv", "staffing.csv", "coverage.csv", "fit-arrivals.csv", "backtest.csv"].filter { manager.fileExists(atPath: dir + "/" + $0) }
        guard !sources.isEmpty else {
            throw PlotError(description: "\(dir): no sweep.csv, waits.csv, staffing.csv, coverage.csv, fit-arrivals.csv or "
                            + "backtest.csv to plot (run ccsim run, compare, sweep, staff, schedule, fit or backtest first)")
        }
        do { try Manifest.verify(dir) } catch let error as Manifest.MixedFolder { throw PlotError(description: error.description) }
        let out = dir + "/plots"
        let madeFolder = !manager.fileExists(atPath: out)
        try? manager.createDirectory(atPath: out, withIntermediateDirectories: true)
        let before = Set((try? manager.contentsOfDirectory(atPath: out)) ?? [])
        let tool = GnuplotRunner(executable: gnuplot, seconds: gnuplotSeconds)
        do {
            var written: [String] = []
            if sources.contains("sweep.csv") { written += try plotSweep(dir, out: out, templates: templates, gnuplot: tool) }
            if sources.contains("waits.csv") { written += try plotWaits(dir, out: out, templates: templates, gnuplot: tool) }
            if manager.fileExists(atPath: dir + "/intervals.csv") {
                written += try plotPeriods(dir, out: out, templates: templates, gnuplot: tool)
            }
            if sources.contains("staffing.csv") { written += try plotStaffing(dir, out: out, templates: templates, gnuplot: tool) }
            if sources.contains("coverage.csv") { written += try plotSchedule(dir, out: out, templates: templates, gnuplot: tool) }
            if sources.contains("fit-arrivals.csv") { written += try plotFit(dir, out: out, templates: templates, gnuplot: tool) }
            if sources.contains("backtest.csv") { written += try plotBacktest(dir, out: out, templates: templates, gnuplot: tool) }
            for file in (try? manager.contentsOfDirectory(atPath: out)) ?? [] where file.hasSuffix(".dat") && !before.contains(file) {
                try? manager.removeItem(atPath: out + "/" + file)
            }
            return written
        } catch {
            for file in (try? manager.contentsOfDirectory(atPath: out)) ?? [] where !before.contains(file) {
                try? manager.removeItem(atPath: out + "/" + file)
            }
            if madeFolder { try? manager.removeItem(atPath: out) }
            throw error
        }
    }

    struct Meta: Decodable {
        struct Parameter: Decodable { let path: String; let label: String; let values: [String]; let axis: [Double] }
        let scenario: String
        let variants: [String]
        let parameters: [Parameter]
    }

    static func plotSweep(_ dir: String, out: String, templates: String, gnuplot: GnuplotRunner) throws -> [String] {
        let meta: Meta
        do {
            meta = try JSONDecoder().decode(Meta.self, from: Data(contentsOf: URL(fileURLWithPath: dir + "/sweep-meta.json")))
        } catch {
            throw PlotError(description: "\(dir)/sweep-meta.json: cannot be read (\(error))")
        }
        let rows = try readCSV(dir + "/sweep.csv")
        guard let header = rows.first else { throw PlotError(description: "\(dir)/sweep.csv: empty") }
        func column(_ name: String) throws -> Int {
            guard let i = header.firstIndex(of: name) else { throw PlotError(description: "\(dir)/sweep.csv: no column \(name)") }
            return i
        }
        let (cVariant, cMetric, cMean, cLow, cHigh) = try (column("variant"), column("metric"), column("mean"),
                                                           column("ci_low"), column("ci_high"))
        guard !meta.parameters.isEmpty, meta.parameters.allSatisfy({ $0.values.count == $0.axis.count }) else {
            throw PlotError(description: "\(dir)/sweep-meta.json: no swept parameter, or values and axis of different lengths")
        }
        let axisColumns = try meta.parameters.map { try column($0.path + ":axis") }
        let valueColumns = try meta.parameters.map { try column($0.path) }
        let present = Set(rows.dropFirst().map { $0[cMetric] })
        var written: [String] = []
        let first = meta.parameters[0]
        // Numbers: gnuplot's own ticks. Words: ticks at their axis positions, labelled with
        // the words when they have no axis of their own (plotted at 0, 1, 2, …).
        let numeric = first.values.allSatisfy { Double($0) != nil }
        let wordsOnly = !numeric && first.axis == first.values.indices.map(Double.init)
        let ticks = zip(first.values, first.axis).map { (position: $1, label: wordsOnly ? $0 : JSON.format($1)) }
        for metric in sweepMetrics where present.contains(metric) {
            let scale = ResultsFiles.isRate(metric) ? 100.0 : 1.0
            // One block per variant (and per value of a second parameter).
            var blocks: [(title: String, rows: [String])] = []
            let seconds = meta.parameters.count > 1 ? meta.parameters[1].values : [""]
            for variant in meta.variants {
                for second in seconds {
                    let lines = rows.dropFirst().filter {
                        $0[cVariant] == variant && $0[cMetric] == metric && (second.isEmpty || $0[valueColumns[1]] == second)
                    }.compactMap { r -> (Double, String)? in
                        guard let x = Double(r[axisColumns[0]]), let m = Double(r[cMean]) else { return nil }
                        // Bars within the possible range: rates 0–100 %, the rest from 0.
                        let lo = max(0, Double(r[cLow]) ?? m), hi = min(scale == 100 ? 1 : .infinity, Double(r[cHigh]) ?? m)
                        return (x, "\(x) \(m * scale) \(lo * scale) \(hi * scale)")
                    }.sorted { $0.0 < $1.0 }.map(\.1)
                    let title = second.isEmpty ? variant : "\(variant), \(meta.parameters[1].path) = \(second)"
                    if !lines.isEmpty { blocks.append((title, lines)) }
                }
            }
            guard !blocks.isEmpty else { continue }
            let data = out + "/sweep-\(metric).dat"
            try write(GnuplotText.blocks(blocks + (numeric ? [] : [GnuplotText.labelBlock(ticks)])), to: data)
            let base = out + "/sweep-\(metric)"
            try draw(gnuplot, template: templates + "/sweep.gp", strings: [
                "datafile": data, "output": base, "xlabel": first.label, "ylabel": axisLabel(metric),
                "title": "\(meta.scenario): \(axisLabel(metric)) vs \(first.label)",
            ], numbers: ["n": Double(blocks.count), "wordticks": numeric ? 0 : 1, "rate": scale == 100 ? 1 : 0])
            written += [base + ".svg", base + ".png"]
        }
        if meta.parameters.count == 1 && present.contains(Metric.outboundCompleted.name) && present.contains(Metric.serviceLevel.name) {
            written += try plotFrontier(rows.dropFirst(), meta: meta, out: out, templates: templates, gnuplot: gnuplot,
                                        columns: (cVariant, cMetric, cMean, cLow, cHigh, axisColumns[0]))
        }
        return written
    }

    /// The blending frontier of a one-parameter sweep with outbound campaigns: per variant,
    /// outbound completions (x) against the inbound service level (y) at each swept value,
    /// both with their 95 % intervals, each point labelled with the value.
    static func plotFrontier(_ rows: ArraySlice<[String]>, meta: Meta, out: String, templates: String, gnuplot: GnuplotRunner,
                             columns c: (variant: Int, metric: Int, mean: Int, low: Int, high: Int, axis: Int)) throws -> [String] {
        let first = meta.parameters[0]
        func label(_ axis: String) -> String {
            guard let x = Double(axis), let k = first.axis.firstIndex(of: x) else { return axis }
            return first.values[k]
        }
        var blocks: [(title: String, rows: [String])] = []
        for variant in meta.variants {
            var byAxis: [Double: (sl: [String], done: [String], label: String)] = [:]
            for r in rows where r[c.variant] == variant {
                guard let x = Double(r[c.axis]) else { continue }
                if r[c.metric] == Metric.serviceLevel.name { byAxis[x, default: ([], [], label(r[c.axis]))].sl = r }
                if r[c.metric] == Metric.outboundCompleted.name { byAxis[x, default: ([], [], label(r[c.axis]))].done = r }
            }
            let lines = byAxis.keys.sorted().compactMap { x -> String? in
                let p = byAxis[x]!
                guard !p.sl.isEmpty, !p.done.isEmpty, let sl = Double(p.sl[c.mean]), let done = Double(p.done[c.mean]), done > 0 else { return nil }
                let slLow = max(0, Double(p.sl[c.low]) ?? sl), slHigh = min(1, Double(p.sl[c.high]) ?? sl)
                let doneLow = max(0, Double(p.done[c.low]) ?? done), doneHigh = Double(p.done[c.high]) ?? done
                return "\(done) \(sl * 100) \(slLow * 100) \(slHigh * 100) \(doneLow) \(doneHigh) " + GnuplotText.field(p.label)
            }
            if !lines.isEmpty { blocks.append((variant, lines)) }
        }
        guard !blocks.isEmpty else { return [] }
        let data = out + "/sweep-frontier.dat"
        try write(GnuplotText.blocks(blocks, columns: 7), to: data)
        let base = out + "/sweep-frontier"
        try draw(gnuplot, template: templates + "/frontier.gp", strings: [
            "datafile": data, "output": base, "xlabel": axisLabel(Metric.outboundCompleted.name),
            "ylabel": axisLabel(Metric.serviceLevel.name),
            "title": "\(meta.scenario): outbound completions vs service level, points by \(first.label)",
        ], numbers: ["n": Double(blocks.count)])
        return [base + ".svg", base + ".png"]
    }

    static func plotWaits(_ dir: String, out: String, templates: String, gnuplot: GnuplotRunner) throws -> [String] {
        let rows = try readCSV(dir + "/waits.csv")
        var order: [String] = []
        var blocks: [String: [String]] = [:]
        for r in rows.dropFirst() where r.count == 3 {
            guard let q = Double(r[1]), let w = Double(r[2]) else { continue }
            if blocks[r[0]] == nil { order.append(r[0]) }
            blocks[r[0], default: []].append("\(w) \(q * 100)")
        }
        guard !order.isEmpty else { return [] }
        struct Manifest: Decodable { let scenario: String?; let service_level_target_seconds: Double? }
        let manifest = try? JSONDecoder().decode(Manifest.self, from: Data(contentsOf: URL(fileURLWithPath: dir + "/manifest.json")))
        let data = out + "/waits.dat"
        try write(GnuplotText.blocks(order.map { ($0, blocks[$0]!) }, columns: 2), to: data)
        let base = out + "/waits"
        try draw(gnuplot, template: templates + "/waits.gp", strings: [
            "datafile": data, "output": base, "title": "\(manifest?.scenario ?? "run"): wait-time distribution",
        ], numbers: ["n": Double(order.count), "target": manifest?.service_level_target_seconds ?? 20])
        return [base + ".svg", base + ".png"]
    }

    /// "service level (%)", "ASA (s)", … for axis labels (the catalogue's `axisLabel`).
    static func axisLabel(_ metric: String) -> String {
        Metric.named(metric)?.axisLabel ?? metric.replacingOccurrences(of: "_", with: " ") + " (%)"
    }

    static func write(_ text: String, to path: String) throws {
        do { try AtomicFiles.write([(path: path, contents: text)]) } catch {
            throw PlotError(description: "\(error)")
        }
    }

    /// Runs `gnuplot -e 'n=3; …' -c template ARG1 … ARG9`: numbers (formatted here) are the
    /// only program text; every string (paths, titles, axis labels) is an argument, which
    /// gnuplot keeps as a string variable and never reads as code (no backquote, macro or
    /// `eval`). The template names its strings in lines `name = ARGk`; series titles and tick
    /// labels go in the data files (`GnuplotText.field`), never in arguments. Paths (strings
    /// named `…file` or `output`) are made absolute, so a folder named `<cmd` or `|cmd` is
    /// never taken for a pipe.
    static func draw(_ gnuplot: GnuplotRunner, template: String, strings: [String: String],
                     numbers: [String: Double] = [:], arrays: [String: [Double]] = [:]) throws {
        guard let text = try? String(contentsOfFile: template, encoding: .utf8) else {
            throw PlotError(description: "\(template): gnuplot template not found (give --templates, or run the installed "
                            + "or built ccsim, which finds its own)")
        }
        let declared = GnuplotText.declaredStrings(text)
        guard Set(declared.keys) == Set(strings.keys) else {
            throw PlotError(description: "\(template): declares strings \(declared.keys.sorted()), "
                            + "ccsim passes \(strings.keys.sorted()) (a template of another version?)")
        }
        var arguments: [String] = Array(repeating: "", count: declared.values.max() ?? 0)
        for (name, k) in declared { arguments[k - 1] = GnuplotText.argument(strings[name]!, isPath: name.hasSuffix("file") || name == "output") }
        // Numbers only, formatted here (integral values as integers: gnuplot's `?:` and `for`
        // want them so); names are ccsim's own.
        func formatted(_ name: String, _ values: [Double]) throws -> [String] {
            precondition(name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }, "gnuplot variable name \(name)")
            guard values.allSatisfy(\.isFinite) else { throw PlotError(description: "\(template): \(name) is not finite (\(values))") }
            return values.map(JSON.format)
        }
        let assignments = try numbers.sorted { $0.key < $1.key }.map { name, value in "\(name)=" + (try formatted(name, [value]))[0] }
            + arrays.sorted { $0.key < $1.key }.map { name, values in
                "array \(name)[\(max(1, values.count))] = [" + (try formatted(name, values)).joined(separator: ",") + "]"
            }
        try gnuplot.run(arguments: (assignments.isEmpty ? [] : ["-e", assignments.joined(separator: "; ")])
                        + ["-c", PathParts.absolute(template)] + arguments, template: template)
    }

    /// The rows of a CSV file (RFC 4180: `CSV.parse`), header first; every row has the
    /// header's number of fields (else the file is refused, not indexed past its end).
    static func readCSV(_ path: String) throws -> [[String]] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw PlotError(description: "\(path): cannot be read")
        }
        let rows = CSV.parse(text)
        if let header = rows.first, let bad = rows.firstIndex(where: { $0.count != header.count }) {
            throw PlotError(description: "\(path): row \(bad + 1) has \(rows[bad].count) fields, the header \(header.count)")
        }
        return rows
    }
}
