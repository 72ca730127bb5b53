import Calibration
import Foundation
import Measures

/// The files of `ccsim backtest`: `backtest.csv` (per period and for the day: each KPI
/// observed and simulated with 95 % intervals, relative error, the practical tolerance and
/// the agreement: agrees, off or inconclusive, `Backtest.Agreement`),
/// `backtest-days.csv` (`--per-day`: each day's observed KPI against its replay) and the
/// terminal summary table.
public enum BacktestFiles {
    public static func files(_ b: Backtest) -> [(name: String, contents: String)] {
        var out = [("backtest.csv", csv(b))]
        if !b.dayRows.isEmpty {
            out.append(("backtest-days.csv", daysCSV(b)))
            out.append(("backtest-per-day.csv", perDayCSV(b)))
        }
        return out
    }

    static func cell(_ x: Double) -> String { x.isFinite ? JSON.format(x) : "" }

    public static let columns = ["period", "start", "metric", "observed", "observed_ci_low", "observed_ci_high",
                                 "simulated", "simulated_ci_low", "simulated_ci_high", "relative_error", "tolerance", "agreement"]

    static func csv(_ b: Backtest) -> String {
        var lines = [columns.joined(separator: ",")]
        for r in b.rows {
            lines.append([r.period.map(String.init) ?? "day", r.period.map { b.periodLabels[$0] } ?? "", CSV.field(r.metric),
                          cell(r.observed.mean), cell(r.observed.low), cell(r.observed.high),
                          cell(r.simulated.mean), cell(r.simulated.low), cell(r.simulated.high),
                          cell(r.relativeError), cell(r.tolerance), r.agreement.rawValue].joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The per-day replay's headline per metric: the correlation over days, the log's mean
    /// over days, the mean bias (simulated − observed) with its 95 % interval, the tolerance
    /// and the verdict.
    static func perDayCSV(_ b: Backtest) -> String {
        var lines = ["metric,correlation,observed_mean,bias,bias_ci_low,bias_ci_high,tolerance,agreement"]
        for metric in b.correlations.keys.sorted() {
            let bias = b.perDayBias[metric], mean = b.perDayObservedMean[metric]
            lines.append([CSV.field(metric), cell(b.correlations[metric]!), mean.map(cell) ?? "", bias.map { cell($0.mean) } ?? "",
                          bias.map { cell($0.low) } ?? "", bias.map { cell($0.high) } ?? "",
                          mean.map { cell(b.tolerance.allowed(metric, observed: $0)) } ?? "",
                          b.perDayAgreement[metric]?.rawValue ?? Backtest.Agreement.inconclusive.rawValue].joined(separator: ","))
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

    /// How an agreement reads in a table.
    static func said(_ a: Backtest.Agreement) -> String { a == .off ? "OFF" : a.rawValue }

    /// A tolerance in its metric's unit: rates (service level too) in points, times in
    /// seconds, counts as counts ("±3.0 pts", "±4.1").
    static func toleranceText(_ metric: String, _ tolerance: Double) -> String {
        let scale = ResultsFiles.isRate(metric) ? 100.0 : 1.0
        return "±" + fixed(scale * tolerance, ResultsFiles.supportedDigits(scale * tolerance)) + (scale == 100 ? " pts" : "")
    }

    /// The terminal tables: with `--per-day` first the replay of each log day (the
    /// headline: correlation, mean bias with its interval, the tolerance and the verdict),
    /// then the scenario's mean day against the log's (each KPI's verdict, periods agreeing).
    public static func table(_ b: Backtest) -> String {
        var text = ""
        if !b.correlations.isEmpty {
            var perDay = TextTable(header: ["metric", "correlation", "simulated − observed, mean over days (95 % CI)", "tolerance", "verdict"])
            for metric in b.correlations.keys.sorted() {
                let bias = b.perDayBias[metric]
                let tolerance = b.perDayObservedMean[metric].map { b.tolerance.allowed(metric, observed: $0) }
                perDay.add([ResultsFiles.label(metric), fixed(b.correlations[metric]!, 3), bias.map { interval($0, metric) } ?? "n/a",
                            tolerance.map { toleranceText(metric, $0) } ?? "–",
                            b.perDayAgreement[metric].map(said) ?? "–"])
            }
            text += "per day (the headline): each of the \(b.days.count) log days replayed with its own volume"
                + (b.agentsFrom.hasPrefix("the log") ? " and agents" : "") + "\n" + perDay.rendered()
            if !text.hasSuffix("\n") { text += "\n" }
            text += "\nthe scenario's mean day against the log's:\n"
        }
        var t = TextTable(header: ["metric", "observed (95 % CI)", "simulated (95 % CI)", "rel. error", "tolerance", "verdict", "periods agreeing"])
        for r in b.rows where r.period == nil {
            let byPeriod = b.rows.filter { $0.metric == r.metric && $0.period != nil && $0.observed.mean.isFinite }
            t.add([ResultsFiles.label(r.metric), interval(r.observed, r.metric), interval(r.simulated, r.metric),
                   r.relativeError.isFinite ? fixed(100 * r.relativeError, 1) + " %" : "n/a",
                   r.tolerance.isFinite ? toleranceText(r.metric, r.tolerance) : "–", said(r.agreement),
                   byPeriod.isEmpty ? "–" : "\(byPeriod.filter(\.agrees).count)/\(byPeriod.count)"])
        }
        text += t.rendered()
        if !text.hasSuffix("\n") { text += "\n" }
        text += "verdict: agrees = consistent with the log and within the tolerance (\(fixed(100 * b.tolerance.serviceLevelPoints, 1)) pts "
            + "of service level, \(fixed(100 * b.tolerance.relative, 0)) % otherwise), "
            + "OFF = significantly beyond it, inconclusive = the intervals are too wide to tell.\n"
        return text
    }

}
