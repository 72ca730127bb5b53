import Foundation
import ContactCenter
import Experiments

/// summary.json, summary.csv and manifest.json of a run. summary.json and summary.csv
/// depend only on the scenario and seed (byte-identical for any --jobs).
public enum ResultsFiles {
    /// `{"estimator": "ratio", "truncated", "scenario", "seed", "replications", "variants":
    /// {name: {"metrics": {metric: {"mean", "ci_low", "ci_high", "half_width", "n"}},
    /// "completed_calls", "requested_calls", "unfinished_calls", "truncated",
    /// "truncated_replications", "stop_reason", "periods"}}, "baseline", "differences"}`;
    /// undefined values are null. Every mean is Σ numerators ÷ Σ denominators over the
    /// replications (replications.csv) with the delta-method interval ("estimator": "ratio").
    public static func summaryJSON(_ summary: RunSummary) -> JSON {
        var variants: [String: JSON] = [:]
        for (name, variant) in summary.variants {
            var metrics: [String: JSON] = [:]
            for (metric, m) in variant.metrics { metrics[metric] = json(m) }
            var entry: [String: JSON] = [
                "metrics": .object(metrics),
                "completed_calls": .integer(variant.completedCalls),
                "requested_calls": variant.requestedCalls.map { .integer($0) } ?? .null,
                "unfinished_calls": .integer(variant.unfinishedCalls),
                "truncated": .bool(variant.truncatedReplications > 0),
                "truncated_replications": .integer(variant.truncatedReplications),
                "stop_reason": .string(variant.stopReason),
            ]
            if !variant.periods.isEmpty {
                entry["periods"] = .array(variant.periods.enumerated().map { k, p in
                    .object(["period": .integer(k), "start": .string(summary.periodLabels[k]),
                             "metrics": .object(p.mapValues(json))])
                })
            }
            variants[name] = .object(entry)
        }
        var top: [String: JSON] = [
            "estimator": .string(summary.controlVariates ? "ratio_with_control_variates" : "ratio"),
            "truncated": .bool(summary.variants.values.contains { $0.truncatedReplications > 0 }),
            "scenario": .string(summary.scenario),
            "seed": .integer(Int(summary.seed)),
            "replications": .integer(summary.replications),
            "variants": .object(variants),
        ]
        if summary.controlVariates { top["control_variates"] = .array(ControlVariates.names.map { .string($0) }) }
        if !summary.differences.isEmpty {
            if let b = summary.baseline { top["baseline"] = .string(b) }
            top["comparison"] = .string(summary.baseline == nil ? "all_pairs" : "baseline")
            top["holm"] = .object(["alpha": .number(0.05), "family_size": .integer(summary.holmFamilySize)])
            top["differences"] = .object(Dictionary(uniqueKeysWithValues: summary.differences.map { d in
                (d.name, JSON.object(d.metrics.mapValues(differenceJSON)))
            }))
        }
        return .object(top)
    }

    /// A difference: its interval, "p_value" of no difference, and "holm_significant".
    static func differenceJSON(_ d: DifferenceSummary) -> JSON {
        guard case .object(var fields) = json(d.interval) else { return json(d.interval) }
        fields["p_value"] = .number(d.pValue)
        fields["holm_significant"] = .bool(d.survivesHolm)
        return .object(fields)
    }

    /// A metric's estimate; with control variates also the plain estimate's half-width and
    /// `replications_factor` = (plain ÷ controlled half-width)², how many times the
    /// replications the plain estimate needs for the same precision.
    static func json(_ m: MetricSummary) -> JSON {
        var fields: [String: JSON] = ["mean": .number(m.mean), "ci_low": .number(m.ciLow), "ci_high": .number(m.ciHigh),
                                      "half_width": .number(m.halfWidth), "n": .integer(m.n)]
        if let plain = m.plainHalfWidth {
            fields["plain_half_width"] = .number(plain)
            fields["replications_factor"] = m.replicationsFactor.map { .number($0) } ?? .null
        }
        return .object(fields)
    }

    /// Fixed columns: variant,point,metric,mean,ci_low,ci_high,half_width,n,p_value,
    /// holm_significant — one row per variant × metric (point is empty outside sweeps),
    /// then one per paired difference with variant `<variant>-minus-<baseline>` and its
    /// p-value and Holm verdict (empty for variants); rows sorted by variant then metric;
    /// undefined values are empty cells.
    public static let csvHeader = "variant,point,metric,mean,ci_low,ci_high,half_width,n,p_value,holm_significant"

    public static func summaryCSV(_ summary: RunSummary) -> String {
        func cell(_ x: Double) -> String { x.isFinite ? JSON.format(x) : "" }
        func row(_ variant: String, _ metric: String, _ m: MetricSummary, _ test: [String]) -> String {
            ([CSV.field(variant), "", CSV.field(metric), cell(m.mean), cell(m.ciLow), cell(m.ciHigh), cell(m.halfWidth), String(m.n)] + test)
                .joined(separator: ",")
        }
        var lines = [csvHeader]
        for (variant, v) in summary.variants.sorted(by: { $0.key < $1.key }) {
            for metric in v.metrics.keys.sorted() { lines.append(row(variant, metric, v.metrics[metric]!, ["", ""])) }
        }
        for d in summary.differences.sorted(by: { $0.name < $1.name }) {
            for metric in d.metrics.keys.sorted() {
                let m = d.metrics[metric]!
                lines.append(row(d.name, metric, m.interval, [cell(m.pValue), m.pValue.isNaN ? "" : String(m.survivesHolm)]))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A baseline file: the pinned metrics of the checked variants (sorted keys) with each
    /// replication's numerator and denominator, the estimator they were made with, and
    /// the digest of all of them at full precision. `check` pins the plain estimates
    /// ("estimator": "ratio"), never those with control variates.
    public static func baselineJSON(_ b: Baseline) -> JSON {
        .object([
            "estimator": .string("ratio"),
            "scenario": .string(b.scenario),
            "seed": .integer(Int(b.seed)),
            "replications": .integer(b.replications),
            "digest": .string(baselineDigest(b)),
            "variants": .object(b.variants.mapValues { .object($0.mapValues(figureJSON)) }),
        ])
    }

    /// A pinned figure: its summary and each replication's numerator and denominator.
    static func figureJSON(_ f: PinnedFigure) -> JSON {
        guard case .object(var fields) = json(f.summary) else { return json(f.summary) }
        fields["numerators"] = .array(f.numerators.map { .number($0) })
        fields["denominators"] = .array(f.denominators.map { .number($0) })
        return .object(fields)
    }

    /// SHA-256 of `Baseline.canonicalText`: every pinned figure's bits.
    public static func baselineDigest(_ b: Baseline) -> String { SHA256.hex(Array(b.canonicalText.utf8)) }

    /// The `ccsim check` table: scenario, variant, metric, baseline, now, delta, allowed, verdict.
    /// `check --json`: `{"passed", "figures": [{scenario, variant, metric, baseline, now,
    /// allowed, outcome (exact, moved_within_noise, moved_within_tolerance, failed), note}]}`.
    public static func checkJSON(_ rows: [(scenario: String, verdict: CheckVerdict)]) -> JSON {
        func number(_ x: Double?) -> JSON { x.map { .number($0) } ?? .null }
        let figures = rows.map { scenario, v -> JSON in
            let outcome: String
            switch v.outcome {
            case .exact: outcome = "exact"
            case .movedWithinNoise: outcome = "moved_within_noise"
            case .movedWithinTolerance: outcome = "moved_within_tolerance"
            case .failed: outcome = "failed"
            }
            return .object(["scenario": .string(scenario), "variant": .string(v.variant), "metric": .string(v.metric),
                            "baseline": number(v.baseline?.mean), "now": number(v.now?.mean), "allowed": number(v.allowed),
                            "outcome": .string(outcome), "note": .string(v.note)])
        }
        return .object(["passed": .bool(rows.allSatisfy(\.verdict.passed)), "figures": .array(figures)])
    }

    public static func checkTable(_ rows: [(scenario: String, verdict: CheckVerdict)]) -> String {
        var table = TextTable(header: ["scenario", "variant", "metric", "baseline", "now", "delta", "allowed", "verdict"])
        func number(_ x: Double?) -> String {
            guard let x, x.isFinite else { return "-" }
            return abs(x) >= 100 ? fixed(x, 1) : fixed(x, 4)
        }
        for (scenario, v) in rows {
            let delta = (v.now?.mean).flatMap { n in v.baseline.map { n - $0.mean } }
            let verdict: String
            switch v.outcome {
            case .exact: verdict = "exact"
            case .movedWithinNoise: verdict = "moved within noise"
            case .movedWithinTolerance: verdict = "moved within tolerance"
            case .failed: verdict = "FAIL"
            }
            table.add([scenario, v.variant, v.metric, number(v.baseline?.mean), number(v.now?.mean),
                       delta.map { ($0 >= 0 ? "+" : "") + number($0) } ?? "-", v.outcome == .exact ? "-" : number(v.allowed),
                       verdict + (v.note.isEmpty ? "" : " (\(v.note))")])
        }
        return table.rendered()
    }

    /// waits.csv: `variant,quantile,wait_seconds` at q = 0, 0.005, …, 1 of all replications'
    /// waits together (histogram accuracy as `WaitHistogram` states).
    public static func waitsCSV(_ summary: RunSummary) -> String {
        var lines = ["variant,quantile,wait_seconds"]
        for name in summary.variantOrder {
            let waits = summary.variants[name]!.waits
            guard waits.total > 0 else { continue }
            for k in 0...200 {
                let q = Double(k) / 200
                let w = waits.quantile(q)
                lines.append("\(CSV.field(name)),\(JSON.format(q)),\(w.isFinite ? JSON.format(w) : "")")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// intervals.csv: one row per variant × period: `variant,period,start`, then for each of
    /// offered, answered, abandoned, service_level, asa_seconds, abandon_rate, mean_wait_seconds, p_wait, occupancy,
    /// agents, unfinished (and with an IVR ivr_ports_busy_mean, ivr_ports_busy_max; with outbound campaigns
    /// `Metric.periodOutboundView`; with several channels `<channel>.<metric>` of `Metric.periodChannelView`):
    /// `<metric>,<metric>_ci_low,<metric>_ci_high` (95 % over replications).
    public static func intervalsCSV(_ summary: RunSummary) -> String {
        func cell(_ x: Double) -> String { x.isFinite ? JSON.format(x) : "" }
        let hasIVR = summary.variants.values.contains { $0.periods.first?[Metric.ivrPortsBusyMean.name] != nil }
        let hasOutbound = summary.variants.values.contains { $0.periods.first?[Metric.outboundAttempts.name] != nil }
        let channels = Channel.allCases.filter { c in
            summary.variants.values.contains { $0.periods.first?[c.figure(Metric.offered.name)] != nil }
        }
        let names = PeriodCounters.metricNames(withIVR: hasIVR, withOutbound: hasOutbound, channels: channels)
        var lines = [(["variant", "period", "start"] + names.flatMap { [$0, $0 + "_ci_low", $0 + "_ci_high"] })
            .joined(separator: ",")]
        for name in summary.variantOrder {
            for (k, period) in (summary.variants[name]?.periods ?? []).enumerated() {
                var row = [CSV.field(name), String(k), summary.periodLabels[k]]
                for metric in names {
                    let m = period[metric]
                    row += [cell(m?.mean ?? .nan), cell(m?.ciLow ?? .nan), cell(m?.ciHigh ?? .nan)]
                }
                lines.append(row.joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Makes `directory` hold summary.json, summary.csv, replications.csv, waits.csv,
    /// intervals.csv (day plans) and manifest.json, and nothing else (`Manifest.publish`);
    /// returns their paths.
    public static func write(_ summary: RunSummary, replications: [ReplicationsFile.Block], provenance: RunProvenance,
                             to directory: String, manifestExtra: [String: JSON] = [:], ivrFlow: JSON? = nil,
                             force: Bool = false) throws -> [String] {
        var files = [
            (name: "summary.json", contents: summaryJSON(summary).rendered() + "\n"),
            (name: "summary.csv", contents: summaryCSV(summary)),
            (name: "replications.csv", contents: ReplicationsFile.csv(replications)),
            (name: "waits.csv", contents: waitsCSV(summary)),
        ]
        if !summary.periodLabels.isEmpty { files.append((name: "intervals.csv", contents: intervalsCSV(summary))) }
        if let ivrFlow { files.append((name: "ivr-flow.json", contents: ivrFlow.rendered() + "\n")) }
        return try Manifest.publish(directory, files: files, fields: Manifest.fields(
            scenario: summary.scenario, seed: summary.seed, replications: summary.replications, provenance)
            .merging(manifestExtra) { $1 }, force: force)
    }

    /// The terminal table of one variant: metric, mean, ± half-width, in report order.
    /// In the units of every table (`label`): rates in percent, times in seconds, counts
    /// whole; each figure rounded to what its interval supports (`supportedDigits`).
    public static func table(_ variant: VariantSummary) -> String {
        var table = TextTable(header: ["metric", "mean", "± 95 % CI"])
        for name in variant.metricOrder {
            guard let m = variant.metrics[name] else { continue }
            let scale = isRate(name) ? 100.0 : 1.0
            let digits = isCount(name) ? 0 : supportedDigits(m.halfWidth * scale)
            table.add([label(name), fixed(m.mean * scale, digits), m.halfWidth.isFinite ? "±" + fixed(m.halfWidth * scale, digits) : "n/a"])
        }
        return table.rendered()
    }

    /// Decimals that show a half-width to two significant digits (0…4; 2 for an
    /// undefined or zero one): 1.38 → 1 (83.4 ± 1.4), 0.071 → 3, 23 → 0.
    public static func supportedDigits(_ halfWidth: Double) -> Int {
        guard halfWidth.isFinite, halfWidth > 0 else { return 2 }
        return min(4, max(0, 1 - Int(log10(halfWidth).rounded(.down))))
    }

    /// Variants side by side, each followed by its paired differences ("Δ vs A": this
    /// variant − A). Rates are shown in percent (their differences in points, pts),
    /// durations in seconds; every cell is
    /// mean ± 95 % half-width; a difference that survives Holm's correction over all the
    /// differences of the run is marked with *.
    public static func comparisonTable(_ summary: RunSummary) -> String {
        var header = ["metric"]
        var columns: [(variant: String, difference: Difference?)] = []
        for name in summary.variantOrder {
            header.append(name)
            columns.append((name, nil))
            for d in summary.differences where d.variant == name {
                header.append("Δ vs \(d.baseline)")
                columns.append((name, d))
            }
        }
        var table = TextTable(header: header)
        // Every variant's metrics: the standard ones in report order, then per call type
        // and per group as the variants list them.
        var seen: [String] = []
        for name in summary.variantOrder {
            for metric in summary.variants[name]?.metricOrder ?? [] where !seen.contains(metric) { seen.append(metric) }
        }
        let standard = CenterCounters.metricNames.filter(seen.contains)
        for metric in standard + seen.filter({ !standard.contains($0) }) {
            var row = [label(metric)]
            for column in columns {
                if let d = column.difference {
                    row.append(d.metrics[metric].map { m in
                        (m.interval.mean >= 0 ? "+" : "") + cell(m.interval, metric) + (isRate(metric) ? " pts" : "")
                            + (m.survivesHolm ? " *" : "  ")
                    } ?? "-")
                } else {
                    row.append(summary.variants[column.variant]?.metrics[metric].map { cell($0, metric) } ?? "-")
                }
            }
            table.add(row)
        }
        return table.rendered()
    }

    /// How many differences were tested (those in the table, and the others in
    /// summary.csv), how many intervals exclude 0, and how many of them survive Holm's
    /// correction (for the footer of the comparison table).
    public static func holmFooter(_ summary: RunSummary) -> String {
        let all = summary.differences.flatMap { $0.metrics.values }.filter { !$0.pValue.isNaN }
        let rows = Set(summary.variantOrder.flatMap { summary.variants[$0]?.metricOrder ?? [] })
        let shown = summary.differences.reduce(0) { n, d in n + d.metrics.filter { rows.contains($0.key) && !$0.value.pValue.isNaN }.count }
        let excluding = all.filter { $0.interval.halfWidth.isFinite && ($0.interval.ciLow > 0 || $0.interval.ciHigh < 0) }.count
        let kept = all.filter(\.survivesHolm).count
        return "* survives Holm's correction over all \(all.count) differences of the run (family-wise error ≤ 5 %; "
            + (shown == all.count ? "all shown" : "\(shown) shown, the other \(all.count - shown) in summary.csv") + "): "
            + "\(kept) of the \(excluding) whose 95 % interval excludes 0"
    }

    /// How a metric reads (the catalogue's `MetricKind`; breakdowns by their last part).
    static func isCount(_ metric: String) -> Bool { Metric.kind(of: metric) == .count }
    /// Means of a number over time, maxima and head counts: shown with decimals.
    static func isLevel(_ metric: String) -> Bool { Metric.kind(of: metric) == .level }
    static func isRate(_ metric: String) -> Bool { Metric.kind(of: metric) == .rate }
    static func isSeconds(_ metric: String) -> Bool { Metric.kind(of: metric) == .seconds }

    /// A metric's name as a column or row label, with its unit: "service_level %", "asa s".
    static func label(_ metric: String) -> String {
        isRate(metric) ? metric + " %" : (isSeconds(metric) && metric.hasSuffix("_seconds") ? String(metric.dropLast(8)) + " s" : metric)
    }

    static func cell(_ m: MetricSummary, _ metric: String) -> String {
        let scale = isRate(metric) ? 100.0 : 1.0
        let digits = isCount(metric) ? 0 : 1
        let hw = m.halfWidth.isFinite ? " ±" + fixed(m.halfWidth * scale, digits) : ""
        return fixed(m.mean * scale, digits) + hw
    }
}
