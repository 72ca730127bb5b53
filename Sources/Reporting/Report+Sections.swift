import ContactCenter
import Foundation

/// The report's sections built from a results folder's files: the verdict of a
/// comparison and of a staffing plan, the run's provenance, the key figures, the paired
/// differences with their forest plots, the day by period.
extension Report {
    /// The run's provenance from its manifest: command, arguments, scenario, seed, versions, times.
    static func headline(_ manifest: [String: Any], dir: String) -> Section {
        var rows: [(String, String)] = []
        func add(_ label: String, _ key: String) {
            if let v = manifest[key] { rows.append((label, "\(v)")) }
        }
        add("Scenario", "scenario")
        add("Command", "command")
        if let args = manifest["arguments"] as? [String] { rows.append(("Arguments", "ccsim " + args.joined(separator: " "))) }
        add("Scenario file", "scenario_file")
        add("Scenario SHA-256", "scenario_sha256")
        add("Call log", "log_file")
        add("Day type of the log", "day_type")
        add("Seed", "seed")
        add("Replications", "replications")
        add("ccsim", "ccsim_version")
        add("Git commit", "git_commit")
        add("GSL", "gsl_version")
        add("Started (UTC)", "started_utc")
        add("Finished (UTC)", "finished_utc")
        let table = "<table class=\"facts\"><tbody>" + rows.map { "<tr><th scope=\"row\">\(escape($0.0))</th><td>\(escape($0.1))</td></tr>" }.joined()
            + "</tbody></table>"
        return Section(id: "run", title: "The run", body: table)
    }

    /// The comparison's answer first: per variant, the headline metrics it is better or
    /// worse on (significant after Holm) and those without a significant difference.
    static func verdict(_ summary: ReportSummary) -> Section {
        let items = summary.differences.map { d in
            "<li>" + swatch(summary.variants.firstIndex(of: d.variant) ?? 0) + escape(Verdict.sentence(
                variant: d.variant, baseline: summary.baseline,
                figures: d.values.mapValues { Verdict.Figure(mean: $0.mean, significant: $0.significant) })) + "</li>"
        }
        return Section(id: "verdict", title: "Verdict", body: paragraph(
            "Differences from \(summary.baseline) on the headline metrics, paired by replication; \"better\" and \"worse\" only "
                + "where the difference survives Holm's correction (family-wise error ≤ 5 %); rates in percentage points (pts).")
            + "<ul class=\"verdict\">" + items.joined() + "</ul>")
    }

    /// The roster's answer first: which roster, its cost, paid hours and people, how many
    /// periods meet the goal on the fresh days, and its tightest period with its interval
    /// (from manifest.json's `rosters` and `repair`, and coverage.csv).
    static func scheduleVerdict(_ manifest: [String: Any], coverage rows: [[String]]) -> String {
        guard let chosen = (manifest["repair"] as? [String: Any])?["chosen"] as? String,
              let roster = (manifest["rosters"] as? [String: [String: Any]])?[chosen] else { return "" }
        func number(_ key: String) -> Double? { (roster[key] as? NSNumber)?.doubleValue }
        let freshDays = ((manifest["repair"] as? [String: Any])?["fresh_days"] as? NSNumber).map { " on \($0) fresh days" } ?? ""
        var text = "The roster: \(chosen), cost \(number("cost").map { fixed($0, 0) } ?? "–"), \(number("paid_hours").map { fixed($0, 1) } ?? "–") "
            + "paid hours, \(number("people").map { fixed($0, 0) } ?? "–") people"
        if let header = rows.first, let cSL = header.firstIndex(of: "service_level"), let cLow = header.firstIndex(of: "service_level_ci_low"),
           let cHigh = header.firstIndex(of: "service_level_ci_high"), let cMeets = header.firstIndex(of: "meets"),
           let cStart = header.firstIndex(of: "start"), let cDay = header.firstIndex(of: "day") {
            let body = rows.dropFirst().filter { $0.count == header.count }
            let estimated = body.filter { Double($0[cSL]) != nil }
            let meeting = body.filter { $0[cMeets] == "1" || $0[cSL].isEmpty }.count
            text += "; \(meeting) of \(body.count) periods meet the goal\(freshDays)"
            let severalDays = Set(body.map { $0[cDay] }).count > 1
            if let tight = estimated.min(by: { Double($0[cSL])! < Double($1[cSL])! }) {
                let percent = { (s: String) in Double(s).map { fixed(100 * $0, 1) } ?? "–" }
                text += "; tightest: " + (severalDays ? "day \(tight[cDay]) " : "") + "\(tight[cStart]), service level "
                    + "\(percent(tight[cSL])) % (95 % interval \(percent(tight[cLow]))–\(percent(tight[cHigh])) %)"
            }
        }
        return paragraph(text + ".")
    }

    /// The staffing answer first: per plan its agent-hours, daily cost and the periods whose
    /// goal it meets on the fresh days (manifest.json's `plans`), and how many days the
    /// simulated plan rests on.
    static func staffingVerdict(_ manifest: [String: Any]) -> String {
        guard let plans = manifest["plans"] as? [String: [String: Any]], !plans.isEmpty else { return "" }
        let names = plans.keys.sorted { (plans[$0]?["order"] as? Int ?? 0) < (plans[$1]?["order"] as? Int ?? 0) }
        let costs = plans.values.contains { $0["cost"] != nil }, simulated = plans.values.contains { $0["periods_meeting_goal"] != nil }
        var html = "<table class=\"figures verdict\"><thead><tr><th scope=\"col\">plan</th><th scope=\"col\">agent-hours</th>"
            + (costs ? "<th scope=\"col\">daily cost</th>" : "")
            + (simulated ? "<th scope=\"col\">periods meeting the goal on fresh days</th>" : "") + "</tr></thead><tbody>"
        for name in names {
            let p = plans[name]!
            func number(_ key: String, _ digits: Int) -> String { (p[key] as? Double).map { fixed($0, digits) } ?? "–" }
            html += "<tr><th scope=\"row\">\(escape(name))</th><td>\(number("agent_hours", 1))</td>"
                + (costs ? "<td>\(number("cost", 0))</td>" : "")
                + (simulated ? "<td>" + ((p["periods_meeting_goal"] as? Int).map { "\($0) of \(p["periods_with_calls"] as? Int ?? 0)" } ?? "–")
                    + "</td>" : "") + "</tr>"
        }
        html += "</tbody></table>"
        var days = ""
        if let most = manifest["selection_days_most"] as? Int, let fresh = manifest["fresh_days"] as? Int {
            days = " The simulated plan's periods were decided on up to \(most) simulated days each, and every plan was held against "
                + "the same \(fresh) fresh days (the run table's \"Replications\" is the batch size)."
        }
        return paragraph("The plans side by side: what each costs and whether it meets the goal." + days) + html
    }

    static func keyFigures(_ summary: ReportSummary) -> Section {
        let metrics = keyMetrics.filter { m in summary.variants.contains { summary.metrics[$0]?[m] != nil } }
        var html = paragraph("Each figure is the ratio of sums over the replications with its 95 % interval "
                             + (summary.controlVariates
                                ? "(corrected by each day's busyness and arrivals, whose expectations are known: control variates, "
                                    + "with the jackknife's interval); "
                                : "(delta method); ")
                             + "rates in %, times in seconds.")
        html += figuresTable(summary, rows: metrics.map { (ResultsFiles.label($0), $0) })
        return Section(id: "headline", title: "Key figures", body: html)
    }

    /// A table of estimates: one row per (label, metric), one column per variant, each
    /// cell the mean and its 95 % interval (– where the variant lacks the metric).
    static func figuresTable(_ summary: ReportSummary, rows: [(label: String, metric: String)]) -> String {
        var html = "<table class=\"figures\"><thead><tr><th scope=\"col\">metric</th>"
            + summary.variants.enumerated().map { "<th scope=\"col\">" + swatch($0.offset) + escape($0.element) + "</th>" }.joined()
            + "</tr></thead><tbody>"
        for (label, metric) in rows {
            html += "<tr><th scope=\"row\">\(escape(label))</th>"
            for variant in summary.variants {
                guard let m = summary.metrics[variant]?[metric] else { html += "<td>–</td>"; continue }
                html += "<td data-metric=\"\(escape(metric))\" data-variant=\"\(escape(variant))\" data-mean=\"\(JSON.format(m.mean))\">"
                    + escape(formatted(m.mean, metric)) + " <span class=\"ci\">[" + escape(formatted(m.low, metric)) + ", "
                    + escape(formatted(m.high, metric)) + "]</span></td>"
            }
            html += "</tr>"
        }
        return html + "</tbody></table>"
    }

    /// A plan over several days: each day's offered calls, service level, ASA, abandonment
    /// and (with e-mail) backlog at its close. nil for one day.
    static func daysSection(_ summary: ReportSummary) -> Section? {
        let has = { (metric: String) in summary.variants.contains { summary.metrics[$0]?[metric] != nil } }
        let days = (0..<366).map(CenterCounters.dayName).prefix { has($0 + "." + Metric.offered.name) }
        guard days.count > 1 else { return nil }
        let metrics = (Metric.dayView + [Metric.backlogEnd]).map(\.name)
        let rows = days.flatMap { d in metrics.filter { has(d + "." + $0) }.map { (d + ": " + ResultsFiles.label($0), d + "." + $0) } }
        return Section(id: "days", title: "Day by day", body: paragraph(
            "Each day of the horizon: its calls and chats (e-mail apart), counted on the day they arrived, and the e-mails waiting "
            + "at its close.") + figuresTable(summary, rows: rows))
    }

    /// With several channels: each channel's contacts (offered, service level against
    /// each type's own target, ASA, abandonment), the chats' concurrency, and e-mail's
    /// backlog, share answered within due and age. nil with one channel.
    static func channelsSection(_ summary: ReportSummary) -> Section? {
        let has = { (metric: String) in summary.variants.contains { summary.metrics[$0]?[metric] != nil } }
        let channels = Channel.allCases.filter { has($0.figure(Metric.offered.name)) }
        guard channels.count > 1 else { return nil }
        var rows: [(label: String, metric: String)] = []
        for channel in channels {
            let c = channel.rawValue
            let queue: [Metric] = channel.isRealTime ? [.offered, .serviceLevel, .asaSeconds, .abandonRate] : [.offered]
            rows += queue.map { (c + ": " + ResultsFiles.label($0.name), channel.figure($0.name)) }
            let own: [Metric] = channel == .chat ? [.concurrencyMean] : channel == .email ? [.withinDueRate, .meanAgeHours, .backlogEnd] : []
            rows += own.filter { has($0.name) }.map { (c + ": " + ResultsFiles.label($0.name), $0.name) }
        }
        return Section(id: "channels", title: "Channels", body: paragraph(
            "Each channel's contacts, counted against their own call type's service-level target (a chat's may be longer than a "
            + "call's); chat concurrency is the chats an agent holds on average while he holds any; e-mail waits for agents with "
            + "no live contact to take and is measured by its due time, its age when answered (hours) and the backlog at each "
            + "day's close.") + figuresTable(summary, rows: rows))
    }

    static func variantsSection(_ summary: ReportSummary, tools: ReportTools) throws -> Section {
        var html = paragraph("Paired differences (common random numbers: replication r of every variant sees the same callers), "
                             + "each with its 95 % interval, rates in percentage points (pts); Holm's correction runs over all "
                             + "\(summary.holmFamilySize) differences of the comparison (summary.csv lists every one), of which the "
                             + "key metrics' are shown here.")
        // One forest plot per unit: rates (percentage points) and times (seconds).
        let groups: [(title: String, metrics: [String], scale: Double)] = [
            ("rates (percentage points)", keyMetrics.filter { ResultsFiles.isRate($0) }, 100),
            ("times (seconds)", keyMetrics.filter(ResultsFiles.isSeconds), 1),
        ]
        var svgs: [String] = [], captions: [String] = []
        for (g, group) in groups.enumerated() {
            let metrics = group.metrics.filter { m in summary.differences.contains { $0.values[m] != nil } }
            guard !metrics.isEmpty else { continue }
            let blocks = summary.differences.map { d in
                (title: d.variant, rows: metrics.enumerated().compactMap { row, m -> String? in
                    guard let v = d.values[m] else { return nil }
                    return "\(row) \(v.mean * group.scale) \(v.low * group.scale) \(v.high * group.scale) \(v.significant ? 1 : 0)"
                })
            }
            let labels = GnuplotText.labelBlock(metrics.enumerated().map { (Double($0), $1) })
            let data = tools.scratch + "/forest-\(g).dat"
            try Plotter.write(GnuplotText.blocks(blocks + [labels], columns: 5), to: data)
            let base = tools.scratch + "/forest-\(g)"
            try Plotter.draw(tools.gnuplot, template: tools.templates + "/forest.gp", strings: [
                "datafile": data, "output": base, "title": "\(summary.scenario): differences from \(summary.baseline), \(group.title)",
            ], numbers: ["n": Double(summary.differences.count), "rows": Double(metrics.count)],
               arrays: ["colors": summary.differences.map { Double((summary.variants.firstIndex(of: $0.variant) ?? 0) + 1) }])
            svgs.append(base + ".svg")
            captions.append("Differences from \(summary.baseline): \(group.title)")
        }
        html += figures(svgs, tools: tools, captions: captions)
        html += "<table class=\"figures\"><thead><tr><th scope=\"col\">metric</th><th scope=\"col\">difference</th>"
            + "<th scope=\"col\">95 % interval</th><th scope=\"col\">p</th><th scope=\"col\">Holm</th></tr></thead><tbody>"
        for d in summary.differences {
            html += "<tr class=\"group\"><th scope=\"rowgroup\" colspan=\"5\">" + swatch(summary.variants.firstIndex(of: d.variant) ?? 0)
                + escape(d.variant) + " − " + escape(summary.baseline) + "</th></tr>"
            for m in keyMetrics {
                guard let v = d.values[m] else { continue }
                let p = v.pValue.map { $0 < 0.0001 ? "< 0.0001" : String(format: "%.4f", $0) } ?? "–"
                html += "<tr><th scope=\"row\">\(escape(ResultsFiles.label(m)))</th><td>\(escape(formatted(v.mean, m, signed: true)))</td>"
                    + "<td>[\(escape(formatted(v.low, m, signed: true))), \(escape(formatted(v.high, m, signed: true)))]</td>"
                    + "<td>\(escape(p))</td><td>\(v.significant ? "significant" : "–")</td></tr>"
            }
        }
        html += "</tbody></table>"
        return Section(id: "variants", title: "What each variant changes", body: html)
    }

    static func periodsSection(_ summary: ReportSummary, dir: String, tools: ReportTools) throws -> Section {
        var html = paragraph("Calls counted in the period they arrived; 95 % bands over the replications (days), drawn "
                             + "within the possible range (rates 0–100 %, the rest from 0).")
        let svgs = try Plotter.plotPeriods(dir, out: tools.scratch, templates: tools.templates, gnuplot: tools.gnuplot)
            .filter { $0.hasSuffix(".svg") }
        let captions = svgs.map { path -> String in
            let metric = ((path as NSString).lastPathComponent as NSString).deletingPathExtension.replacingOccurrences(of: "periods-", with: "")
            return ResultsFiles.label(metric) + " by period"
        }
        html += figures(svgs, tools: tools, captions: captions)
        for (v, variant) in summary.variants.enumerated() {
            let columns = ([Metric.offered, .agents, .serviceLevel, .asaSeconds, .abandonRate, .occupancy, .ivrPortsBusyMean].map(\.name)
                + Channel.allCases.map { $0.figure(Metric.serviceLevel.name) })
                .filter { c in summary.periods[variant]?.first?.metrics[c] != nil }
            html += "<details><summary>" + swatch(v) + escape(variant) + ": the day by period</summary><table class=\"figures\"><thead><tr>"
                + "<th scope=\"col\">period</th>" + columns.map { "<th scope=\"col\">\(escape(ResultsFiles.label($0)))</th>" }.joined()
                + "</tr></thead><tbody>"
            for (k, p) in (summary.periods[variant] ?? []).enumerated() {
                html += "<tr><th scope=\"row\">\(escape(summary.periodLabels.indices.contains(k) ? summary.periodLabels[k] : "\(k)"))</th>"
                    + columns.map { c in "<td>" + escape(p.metrics[c].map { formatted($0.mean, c) } ?? "–") + "</td>" }.joined() + "</tr>"
            }
            html += "</tbody></table></details>"
        }
        return Section(id: "periods", title: "The day in periods", body: html)
    }

    /// The backtest's day rows (backtest.csv, period "day") as a table in the metrics' units
    /// (rates in %, times in s, to the digits their intervals support), and the verdict:
    /// the KPIs on which the log and the simulation agree and those on which they do not.
    static func backtestDayTable(_ rows: [[String]]) -> (verdict: String, table: String) {
        guard let header = rows.first, let cPeriod = header.firstIndex(of: "period"), let cMetric = header.firstIndex(of: "metric")
        else { return ("", "") }
        func column(_ name: String) -> Int? { header.firstIndex(of: name) }
        func shown(_ r: [String], _ mean: String, _ low: String, _ high: String, _ metric: String) -> String {
            guard let m = column(mean).flatMap({ Double(r[$0]) }) else { return "–" }
            let l = column(low).flatMap { Double(r[$0]) } ?? .nan, h = column(high).flatMap { Double(r[$0]) } ?? .nan
            let scale = ResultsFiles.isRate(metric) ? 100.0 : 1.0
            let digits = ResultsFiles.supportedDigits(scale * (h - l) / 2)
            return fixed(scale * m, digits) + (l.isFinite && h.isFinite ? " (" + fixed(scale * l, digits) + "–" + fixed(scale * h, digits) + ")" : "")
        }
        var table = "<table class=\"figures\"><thead><tr><th scope=\"col\">metric</th><th scope=\"col\">log (95 % CI)</th>"
            + "<th scope=\"col\">simulated (95 % CI)</th><th scope=\"col\">relative error</th><th scope=\"col\">tolerance</th>"
            + "<th scope=\"col\">verdict</th></tr></thead><tbody>"
        var agree: [String] = [], off: [String] = [], unsure: [String] = []
        for r in rows.dropFirst() where r[cPeriod] == "day" {
            let metric = r[cMetric]
            let error = column("relative_error").flatMap { Double(r[$0]) }.map { fixed(100 * $0, 1) + " %" } ?? "–"
            let tolerance = column("tolerance").flatMap { Double(r[$0]) }.map { BacktestFiles.toleranceText(metric, $0) } ?? "–"
            let agreement = column("agreement").map { r[$0] } ?? "inconclusive"
            switch agreement {
            case "agrees": agree.append(ResultsFiles.label(metric))
            case "off": off.append(ResultsFiles.label(metric) + " (" + error + ")")
            default: unsure.append(ResultsFiles.label(metric))
            }
            table += "<tr><th scope=\"row\">\(escape(ResultsFiles.label(metric)))</th>"
                + "<td>\(escape(shown(r, "observed", "observed_ci_low", "observed_ci_high", metric)))</td>"
                + "<td>\(escape(shown(r, "simulated", "simulated_ci_low", "simulated_ci_high", metric)))</td>"
                + "<td>\(escape(error))</td><td>\(escape(tolerance))</td><td>\(escape(agreement))</td></tr>"
        }
        table += "</tbody></table>"
        var verdict: String = "The day: the simulation agrees with the log on " + (agree.isEmpty ? "no KPI" : agree.joined(separator: ", "))
        if !off.isEmpty { verdict += "; it is off on " + off.joined(separator: ", ") + " (relative error)" }
        if !unsure.isEmpty { verdict += "; inconclusive (intervals too wide) on " + unsure.joined(separator: ", ") }
        verdict += "."
        return (paragraph(verdict), table)
    }

    /// The per-day replay first (backtest-per-day.csv): per KPI its correlation over the log's
    /// days, the mean bias with its interval, the tolerance and the verdict.
    static func backtestPerDayTable(_ rows: [[String]], days: Int?) -> String {
        guard let header = rows.first, let cMetric = header.firstIndex(of: "metric") else { return "" }
        func value(_ r: [String], _ name: String) -> Double? { header.firstIndex(of: name).flatMap { Double(r[$0]) } }
        var table = "<table class=\"figures verdict\"><thead><tr><th scope=\"col\">metric</th><th scope=\"col\">correlation</th>"
            + "<th scope=\"col\">bias, simulated − log (95 % CI)</th><th scope=\"col\">tolerance</th><th scope=\"col\">verdict</th></tr></thead><tbody>"
        var agree: [String] = [], off: [String] = []
        for r in rows.dropFirst() where r.count == header.count {
            let metric = r[cMetric]
            let scale = ResultsFiles.isRate(metric) ? 100.0 : 1.0
            var bias = "–"
            if let b = value(r, "bias"), let l = value(r, "bias_ci_low"), let h = value(r, "bias_ci_high") {
                let digits = ResultsFiles.supportedDigits(scale * (h - l) / 2)
                bias = (b >= 0 ? "+" : "") + fixed(scale * b, digits) + " (" + fixed(scale * l, digits) + "–" + fixed(scale * h, digits) + ")"
                    + (scale == 100 ? " pts" : "")
            }
            let agreement = header.firstIndex(of: "agreement").map { r[$0] } ?? "inconclusive"
            if agreement == "agrees" { agree.append(ResultsFiles.label(metric)) }
            if agreement == "off" { off.append(ResultsFiles.label(metric)) }
            table += "<tr><th scope=\"row\">\(escape(ResultsFiles.label(metric)))</th><td>\(value(r, "correlation").map { fixed($0, 2) } ?? "–")</td>"
                + "<td>\(escape(bias))</td><td>\(escape(value(r, "tolerance").map { BacktestFiles.toleranceText(metric, $0) } ?? "–"))</td>"
                + "<td>\(escape(agreement))</td></tr>"
        }
        table += "</tbody></table>"
        var verdict: String = "Day by day (the headline): each of the \(days.map(String.init) ?? "") log days replayed with its own volume "
        verdict += "and agents; the replay agrees with the log on " + (agree.isEmpty ? "no KPI" : agree.joined(separator: ", "))
        if !off.isEmpty { verdict += "; it is off on " + off.joined(separator: ", ") }
        verdict += "."
        return paragraph(verdict) + table
    }
}
