import Calibration
import Foundation
import Measures

/// The files of `ccsim backtest`: `backtest.csv` (per period and for the day: each KPI
/// observed and simulated with 95 % intervals, relative error, whether they agree),
/// `backtest-days.csv` (`--per-day`: each day's observed KPI against its replay) and the
/// terminal summary table.
public enum BacktestFiles {
    public static func files(_ b: Backtest) -> [(name: String, contents: String)] {
        var out = [("backtest.csv", csv(b))]
        if !b.dayRows.isEmpty { out.append(("backtest-days.csv", daysCSV(b))) }
        return out
    }

    static func cell(_ x: Double) -> String { x.isFinite ? JSON.format(x) : "" }

    public static let columns = ["period", "start", "metric", "observed", "observed_ci_low", "observed_ci_high",
                                 "simulated", "simulated_ci_low", "simulated_ci_high", "relative_error", "agrees"]

    static func csv(_ b: Backtest) -> String {
        var lines = [columns.joined(separator: ",")]
        for r in b.rows {
            lines.append([r.period.map(String.init) ?? "day", r.period.map { b.periodLabels[$0] } ?? "", CSV.field(r.metric),
                          cell(r.observed.mean), cell(r.observed.low), cell(r.observed.high),
                          cell(r.simulated.mean), cell(r.simulated.low), cell(r.simulated.high),
                          cell(r.relativeError), r.agrees ? "1" : "0"].joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func daysCSV(_ b: Backtest) -> String {
        // One row per day and metric; the replay's mean with its 95 % interval over replications.
        var lines = ["day,metric,observed,simulated,simulated_ci_low,simulated_ci_high"]
        for r in b.dayRows {
            lines.append(["\(r.day)", CSV.field(r.metric), cell(r.observed), cell(r.simulated.mean), cell(r.simulated.low), cell(r.simulated.high)]
                .joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The day's KPIs: observed, simulated, relative error, agreement; and the per-day correlations.
    /// "83.4 (81.0–85.7)" in the metric's unit (rates in percent, times in seconds), to
    /// the digits its interval supports (`ResultsFiles.supportedDigits`).
    static func interval(_ e: ConfidenceInterval, _ metric: String) -> String {
        let scale = ResultsFiles.isRate(metric) ? 100.0 : 1.0
        let digits = ResultsFiles.supportedDigits(scale * (e.high - e.low) / 2)
        return "\(fixed(scale * e.mean, digits)) (\(fixed(scale * e.low, digits))–\(fixed(scale * e.high, digits)))"
    }

    public static func table(_ b: Backtest) -> String {
        var t = TextTable(header: ["metric", "observed (95 % CI)", "simulated (95 % CI)", "rel. error", "agree", "periods agreeing"])
        for r in b.rows where r.period == nil {
            let byPeriod = b.rows.filter { $0.metric == r.metric && $0.period != nil && $0.observed.mean.isFinite }
            t.add([ResultsFiles.label(r.metric), interval(r.observed, r.metric), interval(r.simulated, r.metric),
                   r.relativeError.isFinite ? fixed(100 * r.relativeError, 1) + " %" : "n/a", r.agrees ? "yes" : "NO",
                   byPeriod.isEmpty ? "–" : "\(byPeriod.filter(\.agrees).count)/\(byPeriod.count)"])
        }
        var text = t.rendered()
        if !text.hasSuffix("\n") { text += "\n" }
        if !b.correlations.isEmpty {
            var perDay = TextTable(header: ["metric", "correlation", "simulated − observed, mean over days (95 % CI)"])
            for metric in b.correlations.keys.sorted() {
                let bias = b.perDayBias[metric]
                perDay.add([ResultsFiles.label(metric), fixed(b.correlations[metric]!, 3), bias.map { interval($0, metric) } ?? "n/a"])
            }
            text += "\nper day: each of the \(b.days.count) log days replayed with its own volume"
                + (b.agentsFrom.hasPrefix("the log") ? " and agents" : "") + "\n" + perDay.rendered()
            if !text.hasSuffix("\n") { text += "\n" }
        }
        return text
    }
}
