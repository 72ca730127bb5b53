import ContactCenter
import Experiments
import Foundation
import XCTest
@testable import Reporting

/// The report's sections and the forest plot's data, built from a comparison really
/// simulated and written as `ccsim compare` writes it (two variants, 4 and 5 agents, 20
/// replications, seed 3): every number shown is the summary's, in the unit its metric
/// reads in, and every difference is listed once with its Holm verdict.
final class ReportSectionTests: XCTestCase {
    let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("plots").path
    var folder = ""

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID().uuidString)").path
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: folder) }

    /// An M/M/c+M line (Poisson 60 calls/h, service 4 min, patience 2 min) with 4 and 5 agents.
    func writeComparison() throws -> RunSummary {
        let configs = [4, 5].map { agents in
            CenterConfig(callTypes: [CallType(name: "line", arrivalsPerHour: 60, serviceSeconds: .exponential(mean: 240),
                                              patienceSeconds: .exponential(mean: 120))],
                         agents: agents, horizon: .calls(warmupCalls: 200, measuredCalls: 2_000))
        }
        let names = ["four", "five"]
        let results = ReplicatedResult.simulate(configs, seed: 3, replications: 20, jobs: 2)
        let summary = RunSummary(scenario: "two-staffings", seed: 3, replications: 20,
                                 variants: zip(names, results).map { ($0, VariantSummary($1)) },
                                 differences: VariantComparison.differences(results, names: names, pairs: .baseline("four")),
                                 pairs: .baseline("four"))
        let provenance = RunProvenance(command: "compare", arguments: ["compare", "two.yaml"], scenarioFile: "two.yaml",
                                       scenarioSHA256: SHA256.hex([]), ccsimVersion: "test", gitCommit: nil, startedUTC: "2026-01-01T00:00:00Z")
        try ResultsFiles.write(summary, replications: zip(names, results).map { ReplicationsFile.Block(variant: $0, result: $1) },
                               provenance: provenance, to: folder)
        return summary
    }

    /// The values of `attribute` in `html`, in order.
    func values(of attribute: String, in html: String) -> [String] {
        html.components(separatedBy: attribute + "=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }

    func testKeyFiguresShowTheSummarysEstimates() throws {
        let summary = try writeComparison()
        let read = try ReportSummary(dir: folder)
        XCTAssertEqual(read.variants, ["four", "five"])
        XCTAssertEqual(read.baseline, "four")
        let section = Report.keyFigures(read).body
        let shown = Report.keyMetrics.filter { summary.variants["four"]!.metrics[$0] != nil }
        XCTAssertEqual(values(of: "data-metric", in: section), shown.flatMap { [$0, $0] })
        XCTAssertEqual(values(of: "data-variant", in: section), shown.flatMap { _ in ["four", "five"] })
        let means = shown.flatMap { m in ["four", "five"].map { JSON.format(summary.variants[$0]!.metrics[m]!.mean) } }
        XCTAssertEqual(values(of: "data-mean", in: section), means)
        let sl = summary.variants["five"]!.metrics[Metric.serviceLevel.name]!
        XCTAssertTrue(section.contains(Report.formatted(sl.mean, Metric.serviceLevel.name) + " <span class=\"ci\">["
                                       + Report.formatted(sl.ciLow, Metric.serviceLevel.name) + ", "), section)
    }

    /// The units of the figures: rates in % with a decimal, seconds with "s", counts whole,
    /// differences signed; an undefined figure is a dash.
    func testFiguresReadInTheirUnits() {
        XCTAssertEqual(Report.formatted(0.81234, "service_level"), "81.2 %")
        XCTAssertEqual(Report.formatted(0.81234, "vip.service_level"), "81.2 %")
        XCTAssertEqual(Report.formatted(12.345, "asa_seconds"), "12.3 s")
        XCTAssertEqual(Report.formatted(-1.25, "asa_seconds", signed: true), "-1.2 s")
        XCTAssertEqual(Report.formatted(3.5, "asa_seconds", signed: true), "+3.5 s")
        XCTAssertEqual(Report.formatted(1234.4, "offered"), "1234")
        XCTAssertEqual(Report.formatted(2.5, "offered", signed: true), "+2.50")
        XCTAssertEqual(Report.formatted(429.05, "outbound_completed", signed: true), "+429")
        XCTAssertEqual(Report.formatted(-36.6, "outbound_attempts", signed: true), "-37")
        XCTAssertEqual(Report.formatted(0.028, "service_level", signed: true), "+2.8 pts")
        XCTAssertEqual(Report.formatted(-0.0351, "abandon_rate", signed: true), "-3.5 pts")
        XCTAssertEqual(Report.formatted(7.456, "mean_queue_length"), "7.46")
        XCTAssertEqual(Report.formatted(.nan, "service_level"), "–")
    }

    /// One row group per difference, one row per key metric it has, each with the
    /// summary's difference and Holm verdict; the forest plot's data (what gnuplot draws)
    /// holds the same differences, rates in percentage points.
    func testDifferencesAndTheirForestPlotData() throws {
        let summary = try writeComparison()
        let read = try ReportSummary(dir: folder)
        let scratch = folder + "/.scratch"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        let tools = ReportTools(gnuplot: GnuplotRunner(executable: "gnuplot", seconds: 60), dot: "dot", seconds: 60,
                                templates: templates, scratch: scratch)
        let section = try Report.variantsSection(read, tools: tools).body
        let difference = try XCTUnwrap(summary.differences.first)
        XCTAssertEqual(summary.differences.count, 1)
        XCTAssertEqual(section.components(separatedBy: "scope=\"rowgroup\"").count - 1, 1)
        let shown = Report.keyMetrics.filter { difference.metrics[$0] != nil }
        XCTAssertGreaterThan(shown.count, 3)
        for metric in shown {
            let d = difference.metrics[metric]!
            let row = "<tr><th scope=\"row\">\(Report.escape(ResultsFiles.label(metric)))</th><td>"
                + Report.escape(Report.formatted(d.interval.mean, metric, signed: true)) + "</td>"
            XCTAssertTrue(section.contains(row), "\(metric): \(row)")
        }
        let verdicts = section.components(separatedBy: "<td>significant</td>").count - 1
        XCTAssertEqual(verdicts, shown.filter { difference.metrics[$0]!.survivesHolm }.count)
        // A fifth agent raises the service level by far more than its noise over 20 replications.
        XCTAssertTrue(difference.metrics[Metric.serviceLevel.name]!.survivesHolm)
        XCTAssertEqual(section.components(separatedBy: "<figure>").count - 1, 2, "rates and times")

        let rates = Report.keyMetrics.filter { ResultsFiles.isRate($0) && difference.metrics[$0] != nil }
        let data = try String(contentsOfFile: scratch + "/forest-0.dat", encoding: .utf8)
        let block = data.components(separatedBy: "\n\n\n")[0].split(separator: "\n").map(String.init)
        XCTAssertEqual(block[0], "\"five\"")
        XCTAssertEqual(block.count - 1, rates.count)
        for (row, metric) in rates.enumerated() {
            let fields = block[row + 1].split(separator: " ").compactMap { Double($0) }
            let d = difference.metrics[metric]!
            XCTAssertEqual(fields[0], Double(row))
            XCTAssertEqual(fields[1], 100 * d.interval.mean, accuracy: 1e-9 * max(1, abs(100 * d.interval.mean)), metric)
            XCTAssertEqual(fields[2], 100 * d.interval.ciLow, accuracy: 1e-9 * max(1, abs(100 * d.interval.ciLow)), metric)
            XCTAssertEqual(fields[4], d.survivesHolm ? 1 : 0, metric)
        }
    }

    /// The verdict names what each variant is better and worse on (significant after Holm,
    /// in the metric's better direction) and what shows no significant difference, in the
    /// headline's order, with the differences in their units.
    func testVerdict() throws {
        let figures = ["service_level": Verdict.Figure(mean: 0.028, significant: true),
                       "asa_seconds": Verdict.Figure(mean: 3.54, significant: true),
                       "abandon_rate": Verdict.Figure(mean: -0.001, significant: false),
                       "occupancy": Verdict.Figure(mean: 0.05, significant: true)]  // no better direction: not judged
        XCTAssertEqual(Verdict.sentence(variant: "more", baseline: "plan", figures: figures),
                       "more vs plan: better on service level (+2.8 pts); worse on ASA (+3.5 s); no significant difference on abandonment.")
        XCTAssertEqual(Verdict.sentence(variant: "a", baseline: "b", figures: ["mean_ivr_seconds": .init(mean: -8.94, significant: true)]),
                       "a vs b: better on mean IVR time (−8.9 s).")
        // The report's section, from the simulated comparison: five agents against four.
        let summary = try writeComparison()
        let section = Report.verdict(try ReportSummary(dir: folder)).body
        let d = summary.differences[0].metrics
        XCTAssertTrue(section.contains(Report.escape(Verdict.sentence(variant: "five", baseline: "four", figures: d.mapValues {
            Verdict.Figure(mean: $0.interval.mean, significant: $0.survivesHolm)
        }))), section)
        XCTAssertTrue(section.contains("five vs four: better on service level (+"), section)
    }

    func testRunSectionListsTheProvenance() throws {
        _ = try writeComparison()
        let manifest = try Report.readObject(folder + "/manifest.json")
        let section = Report.headline(manifest, dir: folder).body
        for (label, value) in [("Scenario", "two-staffings"), ("Command", "compare"), ("Arguments", "ccsim compare two.yaml"),
                               ("Seed", "3"), ("Replications", "20")] {
            XCTAssertTrue(section.contains("<th scope=\"row\">\(label)</th><td>\(value)</td>"), "\(label) in \(section)")
        }
    }
}
