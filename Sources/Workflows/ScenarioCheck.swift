import Experiments
import ScenarioFiles

/// `ccsim check`'s work for one scenario with a `check:` block: the variants it pins, the
/// pinned figures of a run, and each figure's verdict against the baseline under the
/// block's tolerances (`BaselineCheck.compare`). The CLI reads and writes the baseline
/// files and prints the table.
public enum ScenarioCheck {
    /// The scenario as its check runs it: only the variants the block names (all when it
    /// names none), with the scenario's own seed and replications.
    public static func checked(_ scenario: Scenario, spec: CheckSpec) -> Scenario {
        var checked = scenario
        if let only = spec.variants { checked.variants = scenario.variants.filter { only.contains($0.name) } }
        return checked
    }

    /// The figures the block pins, from a run of `checked(scenario)`: its summary and
    /// each variant's replications (in the variants' order).
    public static func figures(_ summary: RunSummary, results: [ReplicatedResult], variants: [String], spec: CheckSpec) -> Baseline {
        Baseline(summary, results: Dictionary(uniqueKeysWithValues: zip(variants, results).map { ($0, $1) }),
                 metrics: spec.metrics.map(\.name), variants: spec.variants)
    }

    /// Each pinned figure's verdict: reproduced exactly, or moved within noise (3 standard
    /// errors of the paired difference) or within the block's tolerance (absolute,
    /// relative to the baseline's mean, k × its 95 % half-width); `exact`: any change fails.
    public static func verdicts(_ now: Baseline, baseline: Baseline?, spec: CheckSpec, exact: Bool) -> [CheckVerdict] {
        let allowances = spec.metrics.map { m -> (name: String, allowance: BaselineCheck.Allowance) in
            switch m.tolerance {
            case .noise: return (m.name, .noise)
            case .absolute(let x): return (m.name, .bound { _ in x })
            case .relative(let r): return (m.name, .bound { abs($0.mean) * r })
            case .ciWidened(let k): return (m.name, .bound { k * $0.halfWidth })
            }
        }
        return BaselineCheck.compare(now, baseline: baseline, allowances: allowances, exact: exact)
    }
}
