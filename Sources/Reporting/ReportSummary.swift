import Foundation

/// What `ccsim report` reads of a run's or comparison's summary.json: per variant (in the
/// run's order, from waits.csv) each metric's estimate and 95 % interval, the periods of a
/// day plan, and the paired differences from the baseline.
struct ReportSummary {
    struct Estimate {
        let mean: Double
        let low: Double
        let high: Double
        var pValue: Double?
        var significant = false
    }

    struct Period {
        let metrics: [String: Estimate]
    }

    struct Difference {
        let variant: String
        let values: [String: Estimate]
    }

    let scenario: String
    let variants: [String]
    let metrics: [String: [String: Estimate]]
    let periods: [String: [Period]]
    let periodLabels: [String]
    let baseline: String
    let differences: [Difference]
    /// The number of differences Holm's correction ran over (summary.json's `holm.family_size`).
    let holmFamilySize: Int
    /// Whether the estimates used control variates (summary.json's `estimator`).
    let controlVariates: Bool

    var hasPeriods: Bool { !periodLabels.isEmpty }

    init(dir: String) throws {
        let json = try Report.readObject(dir + "/summary.json")
        scenario = json["scenario"] as? String ?? "run"
        controlVariates = json["estimator"] as? String == "ratio_with_control_variates"
        guard let variantObjects = json["variants"] as? [String: Any], !variantObjects.isEmpty else {
            throw Report.ReportError(description: "\(dir)/summary.json: no variants")
        }
        // The run's order: first appearance in waits.csv (else the baseline first, then by name).
        var order: [String] = []
        if let rows = try? Plotter.readCSV(dir + "/waits.csv") {
            for row in rows.dropFirst() where variantObjects[row[0]] != nil && !order.contains(row[0]) { order.append(row[0]) }
        }
        let baseline = json["baseline"] as? String ?? order.first ?? variantObjects.keys.sorted()[0]
        for name in [baseline] + variantObjects.keys.sorted() where !order.contains(name) && variantObjects[name] != nil {
            order.append(name)
        }
        variants = order
        self.baseline = baseline
        func estimates(_ object: Any?) -> [String: Estimate] {
            var out: [String: Estimate] = [:]
            for (name, value) in (object as? [String: Any]) ?? [:] {
                guard let m = value as? [String: Any], let mean = m["mean"] as? Double else { continue }
                var e = Estimate(mean: mean, low: m["ci_low"] as? Double ?? .nan, high: m["ci_high"] as? Double ?? .nan)
                e.pValue = m["p_value"] as? Double
                e.significant = m["holm_significant"] as? Bool ?? false
                out[name] = e
            }
            return out
        }
        var metrics: [String: [String: Estimate]] = [:], periods: [String: [Period]] = [:]
        var labels: [String] = []
        for name in order {
            let v = variantObjects[name] as? [String: Any] ?? [:]
            metrics[name] = estimates(v["metrics"])
            let list = (v["periods"] as? [[String: Any]]) ?? []
            periods[name] = list.map { Period(metrics: estimates($0["metrics"])) }
            if labels.isEmpty { labels = list.map { $0["start"] as? String ?? "" } }
        }
        self.metrics = metrics
        self.periods = periods
        periodLabels = labels
        let differenceObjects = json["differences"] as? [String: Any] ?? [:]
        differences = order.compactMap { name in
            guard name != baseline, let d = differenceObjects[name + "-minus-" + baseline] else { return nil }
            return Difference(variant: name, values: estimates(d))
        }
        holmFamilySize = (json["holm"] as? [String: Any])?["family_size"] as? Int ?? differences.reduce(0) { $0 + $1.values.count }
    }
}
