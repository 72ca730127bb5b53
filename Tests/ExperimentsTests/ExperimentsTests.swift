import ContactCenter
import Measures
import XCTest
@testable import Experiments

final class ParallelReplicationTests: XCTestCase {
    let config = CenterConfig(
        callTypes: [CallType(name: "a", arrivalsPerHour: 600, serviceSeconds: .exponential(mean: 180),
                             patienceSeconds: .exponential(mean: 120))],
        agents: 30, horizon: .calls(warmupCalls: 200, measuredCalls: 3_000))

    /// Replication r uses substream r whatever the thread count: identical results for
    /// jobs = 1, 2, 3 and 8 (more threads than cores and than some strides).
    func testResultsAreIndependentOfJobs() {
        let experiment = CenterExperiment(config: config, seed: 42, replications: 7)
        let reference = experiment.run(jobs: 1).runs
        for jobs in [2, 3, 8] {
            XCTAssertEqual(experiment.run(jobs: jobs).runs, reference, "jobs = \(jobs)")
        }
        XCTAssertEqual(Set(reference.map(\.totalWaitAnsweredSeconds)).count, 7)  // the replications differ
    }

    /// Streaming: each replication is compacted as it ends (no 26 KB wait histogram kept
    /// per run: 100,000 replications of a small scenario peaked at 120 MB instead of
    /// 2.75 GB); its metrics and the merged waits are those of the whole counters.
    func testReplicationsAreCompactedAsTheyEnd() {
        let result = CenterExperiment(config: config, seed: 42, replications: 6).run(jobs: 2)
        XCTAssertTrue(result.runs.allSatisfy { $0.waits == WaitHistogram() && $0.waits.total == 0 })
        let whole = (0..<6).map { CenterModel.simulate(config, seed: 42, replication: UInt64($0)) }
        let reference = ReplicatedResult(runs: whole)
        XCTAssertEqual(result.metricNames, reference.metricNames)
        for name in result.metricNames {
            XCTAssertEqual(result.samples(name).map(\.bitPattern), reference.samples(name).map(\.bitPattern), name)
        }
        XCTAssertEqual(result.waits.total, UInt64(whole.reduce(0) { $0 + $1.enteredQueue }))
        XCTAssertEqual(result.waits, reference.waits)
        XCTAssertEqual(result.samples("wait_p90_seconds"), whole.map { $0.waits.quantile(0.9) })
    }

    /// A rate over replications is Σ numerators ÷ Σ denominators (calls answered within
    /// the target over all days ÷ calls that entered over all days), not the mean of the
    /// days' rates; a count is its mean. n is the number of replications.
    func testIntervalIsTheRatioOfSums() {
        let result = CenterExperiment(config: config, seed: 1, replications: 3).run(jobs: 2)
        let ci = result.interval("service_level")
        XCTAssertEqual(ci.n, 3)
        XCTAssertTrue(ci.halfWidth > 0)
        let within = result.runs.reduce(0.0) { $0 + Double($1.answeredWithinTarget) }
        let entered = result.runs.reduce(0.0) { $0 + Double($1.enteredQueue) }
        XCTAssertEqual(ci.mean, within / entered)
        let meanOfRates = result.samples("service_level").reduce(0, +) / 3
        XCTAssertNotEqual(ci.mean, meanOfRates)
        XCTAssertEqual(result.interval("offered").mean, result.runs.reduce(0.0) { $0 + Double($1.offered) } / 3)
        XCTAssertEqual(result.samples("no_such_metric").count, 3)
        XCTAssertTrue(result.interval("no_such_metric").mean.isNaN)
    }

    func testRunReplicationsPlacesEachResultAtItsIndex() {
        XCTAssertEqual(runReplications(count: 10, jobs: 3) { $0 * $0 }, (0..<10).map { $0 * $0 })
        XCTAssertEqual(runReplications(count: 0, jobs: 2) { $0 }, [])
    }
}

/// `ccsim check`'s allowance for a figure that moved, by hand.
final class BaselineCheckTests: XCTestCase {
    func figure(_ x: [Double], halfWidth: Double = 0.5) -> PinnedFigure {
        PinnedFigure(MetricSummary(mean: x.reduce(0, +) / Double(x.count), ciLow: 0, ciHigh: 0, halfWidth: halfWidth, n: x.count),
                     numerators: x, denominators: x.map { _ in 1 })
    }

    /// Paired by replication: baseline (1, 2, 3, 4), now (2, 1, 4, 3): differences
    /// (1, −1, 1, −1), s = √(4/3), SE = s/2, bound 3·SE = √3. Without the pairs (an older
    /// baseline file): 3·√2 · half-width ÷ t_{0.975, 3} (3.182446).
    func testNoiseBoundIsThreeStandardErrorsOfTheDifference() {
        let base = figure([1, 2, 3, 4]), now = figure([2, 1, 4, 3])
        XCTAssertEqual(BaselineCheck.noiseBound(base, now: now), 3.0.squareRoot(), accuracy: 1e-12)
        let old = PinnedFigure(base.summary)
        XCTAssertEqual(BaselineCheck.noiseBound(old, now: now), 3 * 2.0.squareRoot() * 0.5 / 3.182446, accuracy: 1e-6)
    }

    /// Exact figures pass; a moved one passes within the bound (a warning), fails beyond
    /// it, and fails whenever exactness is required.
    func testOutcomes() {
        func baseline(_ x: [Double]) -> Baseline {
            Baseline(scenario: "s", seed: 1, replications: 4, variants: ["base": ["m": figure(x)]])
        }
        let then = baseline([1, 2, 3, 4])
        func outcome(_ x: [Double], exact: Bool = false) -> CheckOutcome {
            BaselineCheck.compare(baseline(x), baseline: then, allowances: [("m", .noise)], exact: exact)[0].outcome
        }
        XCTAssertEqual(outcome([1, 2, 3, 4]), .exact)
        XCTAssertEqual(outcome([2, 1, 4, 3.5]), .movedWithinNoise)  // moved 0.125, bound about √3
        XCTAssertEqual(outcome([2, 1, 4, 3.5], exact: true), .failed)
        XCTAssertEqual(outcome([2, 3, 4, 5]), .failed)  // every day one more: moved 1, bound 0
    }

    /// A pinned metric a variant has neither now nor in its baseline (a part only other
    /// variants have) is skipped; one that appeared or vanished fails.
    func testFigureAVariantLacks() {
        let both = Baseline(scenario: "s", seed: 1, replications: 4,
                            variants: ["a": ["m": figure([1, 2, 3, 4]), "x": figure([1, 1, 2, 2])], "b": ["m": figure([1, 2, 3, 4])]])
        let verdicts = BaselineCheck.compare(both, baseline: both, allowances: [("m", .noise), ("x", .noise)], exact: true)
        XCTAssertEqual(verdicts.map(\.variant), ["a", "a", "b"])
        XCTAssertTrue(verdicts.allSatisfy { $0.outcome == .exact })
        let lost = Baseline(scenario: "s", seed: 1, replications: 4, variants: ["a": ["m": figure([1, 2, 3, 4])], "b": ["m": figure([1, 2, 3, 4])]])
        XCTAssertEqual(BaselineCheck.compare(lost, baseline: both, allowances: [("x", .noise)]).map(\.outcome), [.failed])
        XCTAssertEqual(BaselineCheck.compare(both, baseline: lost, allowances: [("x", .noise)]).map(\.outcome), [.failed])
    }
}

/// Dealing the (configuration, replication) units over shards.
final class ShardPlanTests: XCTestCase {
    /// Every unit exactly once, whatever the count (more shards than units leaves some
    /// empty); the same plan every time.
    func testEveryUnitOnceAndDeterministic() {
        for count in [1, 2, 3, 7, 40] {
            let plan = ShardSplit(costs: [500, 500, 2000], replications: 10, count: count)
            let all = plan.shards.flatMap { $0 }
            XCTAssertEqual(all.count, 30)
            XCTAssertEqual(Set(all).count, 30)
            XCTAssertEqual(plan, ShardSplit(costs: [500, 500, 2000], replications: 10, count: count))
            XCTAssertTrue(plan.shards.allSatisfy { $0 == $0.sorted() })
        }
    }

    /// Calls are balanced, not units: 10 replications of a 2,000-call configuration and 20
    /// of 500-call ones (30,000 calls) over 3 shards: 10,000 each (the largest first fill
    /// the shards, the small ones level them).
    func testShardsGetAboutTheSameCalls() {
        let costs = [500, 500, 2000]
        let plan = ShardSplit(costs: costs, replications: 10, count: 3)
        let calls = plan.shards.map { $0.reduce(0) { $0 + costs[$1.config] } }
        XCTAssertEqual(calls, [10_000, 10_000, 10_000])
        let uneven = ShardSplit(costs: costs, replications: 10, count: 7).shards.map { $0.reduce(0) { $0 + costs[$1.config] } }
        XCTAssertLessThanOrEqual(uneven.max()! - uneven.min()!, 2000)  // within one unit of the largest
    }
}
