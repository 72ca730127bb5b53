import ContactCenter
import Foundation

/// `ccsim report`: one self-contained HTML page per results folder (report.html), with
/// the scenario's provenance and key figures, the paired differences as a forest plot,
/// the IVR drawn with its flow (Graphviz), the day by period, the wait distribution, and
/// the sweep and staffing figures, each section only when the folder holds its data.
///
/// The page needs no network: styles and figures (SVG from the gnuplot templates in
/// `plots/` and from `dot`) are inline, and its Content-Security-Policy forbids every
/// fetch. It is polyglot HTML (well-formed XML, valid HTML5) and readable without its one
/// optional script (which only records each figure's rendered size, for tests). Variant
/// k has colour k of `palette` everywhere: gnuplot's default line colours.
public enum Report {
    public struct ReportError: Error, CustomStringConvertible {
        public let description: String
    }

    /// gnuplot's default line colours 1…8: variant k (0-based) is colour k + 1.
    static let palette = ["#9400d3", "#009e73", "#56b4e9", "#e69f00", "#f0e442", "#0072b2", "#e51e10", "#000000"]

    /// The metrics of the headline and the forest plot, when present, in this order.
    static let keyMetrics = Metric.headline.map(\.name)

    /// Writes `<dir>/report.html` and returns its path. Refuses a folder that is not one
    /// command's results (`Manifest.verify`) or holds nothing to report.
    public static func write(resultsDirectory dir: String, templates: String, gnuplot: String = "gnuplot", dot: String = "dot",
                             toolSeconds: Double = 60) throws -> String {
        let manager = FileManager.default
        do { _ = try Manifest.verify(dir) } catch let error as Manifest.MixedFolder { throw ReportError(description: error.description) }
        let manifest = try readObject(dir + "/manifest.json")
        let sources = ["summary.json", "sweep.csv", "staffing.csv", "coverage.csv", "fit.md", "backtest.csv"]
            .filter { manager.fileExists(atPath: dir + "/" + $0) }
        guard !sources.isEmpty else {
            throw ReportError(description: "\(dir): no summary.json, sweep.csv, staffing.csv, coverage.csv, fit.md or backtest.csv to "
                              + "report (run ccsim run, compare, sweep, staff, schedule, fit or backtest first)")
        }
        let scratch = dir + "/.report-\(getpid())"
        try? manager.removeItem(atPath: scratch)
        do { try manager.createDirectory(atPath: scratch, withIntermediateDirectories: false) } catch {
            throw ReportError(description: "\(dir): cannot create a scratch folder in it (\(error.localizedDescription))")
        }
        defer { try? manager.removeItem(atPath: scratch) }
        let tools = ReportTools(gnuplot: GnuplotRunner(executable: gnuplot, seconds: toolSeconds), dot: dot,
                                seconds: toolSeconds, templates: templates, scratch: scratch)
        var page = ReportPage(title: (manifest["scenario"] as? String) ?? "ccsim results")
        let summary = sources.contains("summary.json") ? try ReportSummary(dir: dir) : nil
        if let summary, !summary.differences.isEmpty { page.add(verdict(summary)) }
        if sources.contains("fit.md"), let lines = manifest["verdict"] as? [String], !lines.isEmpty {
            page.add(Section(id: "verdict", title: "Verdict", body: paragraph("What the fit rests on and whether each fitted law is "
                + "consistent with the log; the backtest says whether the scenario reproduces the log's KPIs.")
                + "<ul class=\"verdict\">" + lines.map { "<li>" + escape($0) + "</li>" }.joined() + "</ul>"))
        }
        page.add(headline(manifest, dir: dir))
        if let summary {
            page.add(keyFigures(summary))
            if let channels = channelsSection(summary) { page.add(channels) }
            if let days = daysSection(summary) { page.add(days) }
            if !summary.differences.isEmpty { page.add(try variantsSection(summary, tools: tools)) }
            if manager.fileExists(atPath: dir + "/ivr-flow.json") {
                page.add(try IVRFlowDrawing.section(try readObject(dir + "/ivr-flow.json"), order: summary.variants, tools: tools))
            }
            if summary.hasPeriods && manager.fileExists(atPath: dir + "/intervals.csv") {
                page.add(try periodsSection(summary, dir: dir, tools: tools))
            }
            if manager.fileExists(atPath: dir + "/waits.csv") {
                let svgs = try Plotter.plotWaits(dir, out: scratch, templates: templates, gnuplot: tools.gnuplot)
                page.add(Section(id: "waits", title: "Waits", body: paragraph(
                    "Share of the calls that entered the queue (answered, abandoned, or whose callback failed) that waited at most "
                    + "x seconds, per variant; the dashed line is the service-level target.")
                    + figures(svgs, tools: tools, captions: ["Wait-time distribution"])))
            }
        }
        if sources.contains("sweep.csv") {
            let svgs = try Plotter.plotSweep(dir, out: scratch, templates: templates, gnuplot: tools.gnuplot).filter { $0.hasSuffix(".svg") }
            let frontier = svgs.contains { $0.hasSuffix("/sweep-frontier.svg") }
                ? " The last figure is the blending frontier: each variant's outbound completions against its inbound service level "
                    + "at every swept value (labelled), 95 % bars both ways." : ""
            var breakEven = ""
            if let lines = manifest["break_even"] as? [String], !lines.isEmpty {
                breakEven = paragraph(BreakEvenFiles.heading + ":") + "<ul>" + lines.map { "<li>" + escape($0) + "</li>" }.joined() + "</ul>"
            }
            page.add(Section(id: "sweep", title: "Sweep", body: paragraph("Each metric against the swept value, one line per variant, with 95 % bars."
                                                                          + frontier) + breakEven
                + figures(svgs, tools: tools, captions: svgs.map { _ in "" })))
        }
        if sources.contains("staffing.csv") {
            let svgs = try Plotter.plotStaffing(dir, out: scratch, templates: templates, gnuplot: tools.gnuplot).filter { $0.hasSuffix(".svg") }
            page.add(Section(id: "staffing", title: "Staffing", body: staffingVerdict(manifest) + paragraph(
                "Agents per period by plan (the offered load shaded), and each plan held against fresh simulated days (95 % bars).")
                + figures(svgs, tools: tools, captions: svgs.map { _ in "" })
                + (try csvTable(dir + "/staffing.csv", caption: "staffing.csv"))))
        }
        if sources.contains("coverage.csv") {
            let svgs = try Plotter.plotSchedule(dir, out: scratch, templates: templates, gnuplot: tools.gnuplot).filter { $0.hasSuffix(".svg") }
            var rosters = ""
            if let list = manifest["rosters"] as? [String: [String: Any]] {
                rosters = "<table class=\"figures\"><thead><tr><th scope=\"col\">roster</th><th scope=\"col\">cost</th>"
                    + "<th scope=\"col\">paid hours</th><th scope=\"col\">people</th><th scope=\"col\">periods meeting the goal</th></tr></thead><tbody>"
                // The formulas' rosters, then each repaired one (the answer marked); older
                // folders have only "repaired".
                let repaired = list.keys.filter { $0.hasSuffix(", repaired") }.sorted()
                let chosen = (manifest["repair"] as? [String: Any])?["chosen"] as? String
                for name in ["Erlang C", "Erlang A"] + (repaired.isEmpty ? ["repaired"] : repaired) {
                    guard let r = list[name] else { continue }
                    let shown = name == chosen ? name + " (the roster)" : name
                    rosters += "<tr><th scope=\"row\">\(escape(shown))</th>" + ["cost", "paid_hours", "people", "periods_meeting_goal"]
                        .map { "<td>" + escape((r[$0] as? NSNumber).map { "\($0)" } ?? "–") + "</td>" }.joined() + "</tr>"
                }
                rosters += "</tbody></table>"
            }
            page.add(Section(id: "schedule", title: "Roster", body: scheduleVerdict(manifest, coverage: try Plotter.readCSV(dir + "/coverage.csv"))
                + paragraph(
                "Rosters from the shift templates (GLPK): Erlang C's and Erlang A's requirements, and the requirement and Erlang C's "
                + "repaired by simulation (the cheaper meeting the goal is the roster); each simulated on the same fresh days.") + rosters
                + figures(svgs, tools: tools, captions: ["Requirement and roster by period", "The roster's simulated service level"])
                + (try csvTable(dir + "/schedule.csv", caption: "The roster: schedule.csv", open: true))
                + (try csvTable(dir + "/coverage.csv", caption: "coverage.csv"))))
        }
        if sources.contains("fit.md") {
            let svgs = try Plotter.plotFit(dir, out: scratch, templates: templates, gnuplot: tools.gnuplot).filter { $0.hasSuffix(".svg") }
            let fitText = (try? String(contentsOfFile: dir + "/fit.md", encoding: .utf8)) ?? ""
            let scenarioText = (try? String(contentsOfFile: dir + "/scenario.yaml", encoding: .utf8)) ?? ""
            page.add(Section(id: "fit", title: "Fit of the call log", body: paragraph(
                "The scenario fitted to the log (scenario.yaml) and how each number was estimated (fit.md): arrivals by period with "
                + "their 95 % band over days, agents on duty by the presence rule, handling-time quantiles against the fitted law, "
                + "and patience: Kaplan–Meier against the fitted law.")
                + figures(svgs, tools: tools, captions: svgs.map { _ in "" })
                + "<details><summary>fit.md</summary><pre>" + escape(fitText) + "</pre></details>"
                + "<details><summary>scenario.yaml</summary><pre>" + escape(scenarioText) + "</pre></details>"
                + (try csvTable(dir + "/fit-arrivals.csv", caption: "fit-arrivals.csv"))))
        }
        if sources.contains("backtest.csv") {
            let svgs = try Plotter.plotBacktest(dir, out: scratch, templates: templates, gnuplot: tools.gnuplot).filter { $0.hasSuffix(".svg") }
            let rows = try Plotter.readCSV(dir + "/backtest.csv")
            let day = backtestDayTable(rows)
            let perDay = manager.fileExists(atPath: dir + "/backtest-per-day.csv")
                ? backtestPerDayTable(try Plotter.readCSV(dir + "/backtest-per-day.csv"), days: manifest["days"] as? Int) : ""
            page.add(Section(id: "backtest", title: "Backtest against the log", body: perDay + paragraph(
                "The log's KPIs with ccsim's metric definitions next to the scenario's simulated ones, for the day (table) and by "
                + "period (figures: the log and the simulation, each with its 95 % band). A KPI agrees when it is consistent with "
                + "the log and within the practical tolerance (3 points of service level, 10 % otherwise, unless the backtest was "
                + "given others: the tolerance column), is off when it differs significantly by more, and is inconclusive when the "
                + "intervals are too wide to tell.") + day.verdict + day.table
                + figures(svgs, tools: tools, captions: svgs.map { _ in "" })
                + (try csvTable(dir + "/backtest.csv", caption: "backtest.csv"))
                + (manager.fileExists(atPath: dir + "/backtest-days.csv") ? try csvTable(dir + "/backtest-days.csv", caption: "backtest-days.csv") : "")
                + (perDay.isEmpty ? "" : try csvTable(dir + "/backtest-per-day.csv", caption: "backtest-per-day.csv"))))
        }
        let path = dir + "/report.html"
        do { try AtomicFiles.write([(path: path, contents: page.html)]) } catch {
            throw ReportError(description: "\(path): cannot write (\(error))")
        }
        return path
    }

    // MARK: pieces

    /// Inline SVG figures (ids made unique per figure), each in a <figure> with a caption.
    static func figures(_ paths: [String], tools: ReportTools, captions: [String]) -> String {
        zip(paths.filter { $0.hasSuffix(".svg") }, captions + Array(repeating: "", count: paths.count)).map { path, caption in
            guard let svg = try? String(contentsOfFile: path, encoding: .utf8) else { return "" }
            return "<figure>" + tools.inline(svg) + (caption.isEmpty ? "" : "<figcaption>\(escape(caption))</figcaption>") + "</figure>"
        }.joined()
    }

    /// A CSV file as a table under a summary line, collapsed unless `open`.
    static func csvTable(_ path: String, caption: String, open: Bool = false) throws -> String {
        let rows = try Plotter.readCSV(path)
        guard let header = rows.first else { return "" }
        return "<details\(open ? " open=\"open\"" : "")><summary>\(escape(caption))</summary><table class=\"figures\"><thead><tr>"
            + header.map { "<th scope=\"col\">\(escape($0))</th>" }.joined() + "</tr></thead><tbody>"
            + rows.dropFirst().map { "<tr>" + $0.map { "<td>\(escape($0))</td>" }.joined() + "</tr>" }.joined()
            + "</tbody></table></details>"
    }

    static func paragraph(_ text: String) -> String { "<p>" + escape(text) + "</p>" }

    static func swatch(_ variant: Int) -> String {
        "<span class=\"swatch\" style=\"background:\(palette[variant % palette.count])\"></span>"
    }

    /// A metric's value for people: rates in % (1 decimal; a signed difference in points,
    /// pts), seconds and levels with 1–2 decimals, counts whole (a difference of counts
    /// with 2 decimals below 10, where a fraction of a call per replication still reads).
    static func formatted(_ x: Double, _ metric: String, signed: Bool = false) -> String {
        guard x.isFinite else { return "–" }
        let sign = signed && x > 0 ? "+" : ""
        if ResultsFiles.isRate(metric) { return sign + String(format: signed ? "%.1f pts" : "%.1f %%", x * 100) }
        if ResultsFiles.isSeconds(metric) { return sign + String(format: "%.1f s", x) }
        if ResultsFiles.isCount(metric) && (!signed || abs(x) >= 10) { return sign + String(format: "%.0f", x) }
        return sign + String(format: "%.2f", x)
    }

    /// Text for HTML (and the page's XML reading): markup characters as entities, and the
    /// characters neither allows (controls but tab and LF, CR included; noncharacters) as
    /// U+FFFD, the replacement character.
    static func escape(_ s: String) -> String {
        let allowed = String(String.UnicodeScalarView(s.unicodeScalars.map { c -> Unicode.Scalar in
            let v = c.value
            let control = (v < 0x20 && v != 0x09 && v != 0x0A) || (0x7F...0x9F).contains(v)
            let nonCharacter = (0xFDD0...0xFDEF).contains(v) || (v & 0xFFFE) == 0xFFFE
            return control || nonCharacter ? "\u{FFFD}" : c
        }))
        return allowed.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// A JSON object file, its numbers read exactly (`JSON.foundationValue`).
    static func readObject(_ path: String) throws -> [String: Any] {
        guard let data = FileManager.default.contents(atPath: path),
              let object = (try? JSONDecoder().decode(JSON.self, from: data))?.foundationValue as? [String: Any] else {
            throw ReportError(description: "\(path): cannot be read as JSON (run the command again)")
        }
        return object
    }
}

/// One section of the page.
struct Section {
    let id: String
    let title: String
    let body: String
}

/// The tools that draw the figures, and the scratch folder they draw into.
struct ReportTools {
    let gnuplot: GnuplotRunner
    let dot: String
    let seconds: Double
    let templates: String
    let scratch: String
    private let counter = Counter()

    init(gnuplot: GnuplotRunner, dot: String, seconds: Double, templates: String, scratch: String) {
        self.gnuplot = gnuplot
        self.dot = dot
        self.seconds = seconds
        self.templates = templates
        self.scratch = scratch
    }

    /// An SVG document as an inline element: the XML declaration, doctype and comments
    /// dropped, every id (and reference to one) prefixed so that ids stay unique on the page.
    func inline(_ svg: String) -> String {
        let prefix = "f\(counter.next())-"
        var text = svg
        if let start = text.range(of: "<svg") { text = String(text[start.lowerBound...]) }
        while let open = text.range(of: "<!--"), let close = text.range(of: "-->", range: open.upperBound..<text.endIndex) {
            text.removeSubrange(open.lowerBound..<close.upperBound)
        }
        for (from, to) in [("id=\"", "id=\"" + prefix), ("id='", "id='" + prefix), ("url(#", "url(#" + prefix),
                           ("href=\"#", "href=\"#" + prefix), ("href='#", "href='#" + prefix)] {
            text = text.replacingOccurrences(of: from, with: to)
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Numbers the inline figures.
    final class Counter: @unchecked Sendable {
        private var value = 0
        func next() -> Int {
            value += 1
            return value
        }
    }
}

/// The page: head (styles, the policy that forbids any fetch), a table of contents, the
/// sections, the optional script.
struct ReportPage {
    let title: String
    var sections: [Section] = []

    init(title: String) { self.title = title }

    mutating func add(_ section: Section) { sections.append(section) }

    static let style = """
        body{font-family:Helvetica,Arial,sans-serif;margin:0 auto;max-width:1200px;padding:0 1.5em 3em;color:#222;line-height:1.4}
        h1{font-size:1.6em;margin:1em 0 .3em}h2{font-size:1.25em;margin-top:2em;border-bottom:1px solid #ccc;padding-bottom:.2em}
        nav ol{display:flex;flex-wrap:wrap;gap:.4em 1.4em;list-style:none;padding:0;margin:.5em 0 1em}
        table{border-collapse:collapse;margin:.6em 0 1.2em;font-size:.92em}th,td{padding:.25em .7em;border-bottom:1px solid #e4e4e4;text-align:right}
        th[scope=row],table.facts th{text-align:left;font-weight:600}table.facts td{text-align:left;font-family:monospace;word-break:break-all}
        tr.group th{text-align:left;background:#f4f4f4}.ci{color:#666;font-size:.9em}
        .swatch{display:inline-block;width:.8em;height:.8em;border-radius:.15em;margin-right:.4em;vertical-align:baseline}
        figure{margin:1em 0}figure svg{max-width:100%;height:auto}figcaption{color:#555;font-size:.9em}
        .side{display:flex;flex-wrap:wrap;gap:1.5em;align-items:flex-start}.side figure{flex:1 1 calc(50% - 0.75em);min-width:560px;margin:0}
        .side figure svg{width:100%}
        details{margin:.4em 0}summary{cursor:pointer}
        @media print{nav{display:none}details{display:block}h2{break-after:avoid}figure{break-inside:avoid}}
        """

    /// Records what a reader would notice, for tests (the page reads the same without it):
    /// each figure's rendered size (`data-rendered="W×H"`); on the body the smallest text
    /// as rendered, in CSS px (`data-smallest-text`, SVG text scaled as drawn, and which
    /// text: `data-smallest-text-of`), and the tables wider than the page
    /// (`data-tables-beyond-page`, their first header cells in `data-tables-beyond-page-of`).
    /// (No `<` or `&` in it: the page is well-formed XML too.)
    static let script = """
        document.querySelectorAll("figure").forEach(function (f) {
          var s = f.querySelector("svg"); if (!s) { return; }
          var r = s.getBoundingClientRect(); f.setAttribute("data-rendered", Math.round(r.width) + "x" + Math.round(r.height));
        });
        document.body.setAttribute("data-figures", String(document.querySelectorAll("figure").length));
        var smallest = Infinity, smallestOf = "";
        function consider(px, el) { if (smallest > px) { smallest = px; smallestOf = (el.textContent || "").trim().slice(0, 60); } }
        document.querySelectorAll("body *").forEach(function (el) {
          if (el.closest("svg") || el.tagName === "SCRIPT" || el.tagName === "STYLE") { return; }
          var own = Array.prototype.some.call(el.childNodes, function (n) { return n.nodeType === 3 ? n.textContent.trim() !== "" : false; });
          if (own) { consider(parseFloat(getComputedStyle(el).fontSize), el); }
        });
        document.querySelectorAll("svg text").forEach(function (t) {
          if (t.textContent.trim() === "" || t.getClientRects().length === 0) { return; }
          var m = t.getScreenCTM(); if (!m) { return; }
          consider(Math.sqrt(m.a * m.a + m.b * m.b) * parseFloat(getComputedStyle(t).fontSize), t);
        });
        document.body.setAttribute("data-smallest-text", isFinite(smallest) ? smallest.toFixed(1) : "none");
        document.body.setAttribute("data-smallest-text-of", smallestOf);
        var page = document.documentElement.clientWidth, beyond = [];
        document.querySelectorAll("table").forEach(function (t) {
          var r = t.getBoundingClientRect();
          if (r.width > 0 ? r.right > page + 0.5 : false) { beyond.push((t.querySelector("th") || t).textContent.trim().slice(0, 40)); }
        });
        document.body.setAttribute("data-tables-beyond-page", String(beyond.length));
        document.body.setAttribute("data-tables-beyond-page-of", beyond.join(" | "));
        """

    var html: String {
        let e = Report.escape
        var out = "<!DOCTYPE html>\n<html lang=\"en\" xmlns=\"http://www.w3.org/1999/xhtml\"><head><meta charset=\"utf-8\"/>"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>"
            + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
            + "img-src data:; script-src 'unsafe-inline'\"/>"
            + "<title>\(e(title)) — ccsim report</title><style>\(ReportPage.style)</style></head><body>"
            + "<h1>\(e(title))</h1><nav><ol>"
            + sections.map { "<li><a href=\"#\($0.id)\">\(e($0.title))</a></li>" }.joined() + "</ol></nav>"
        for section in sections {
            out += "<section id=\"\(section.id)\"><h2>\(e(section.title))</h2>\(section.body)</section>"
        }
        out += "<script>\(ReportPage.script)</script></body></html>\n"
        return out
    }
}
