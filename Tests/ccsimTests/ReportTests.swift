import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest

/// `ccsim report`: the page of the bank hotline opened in a real headless Chromium, and
/// a page for every kind of results folder.
final class ReportTests: XCTestCase {
    var scratch: URL!
    let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized

    override func setUpWithError() throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("ccsim-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: scratch) }

    /// The bank hotline's comparison (4 replications): the report is written in under
    /// 2 s, is well-formed XML with unique ids and no reference outside the page, and in
    /// Chromium loads with no console message (the page's policy forbids every fetch, and a
    /// refused fetch is a console message), renders every figure with a non-zero size,
    /// and shows the key figures of summary.json. A screenshot goes to
    /// .build/report-bank-hotline.png for a person to look at.
    func testBankHotlineReportInChromium() throws {
        let out = scratch.appendingPathComponent("bank").path
        let run = try ccsim(["compare", repository.appendingPathComponent("Scenarios/bank-hotline.yaml").path,
                             "--replications", "4", "--out", out])
        XCTAssertEqual(run.status, 0, run.stderr)
        // (Its time is not asserted: a loaded machine made a 2 s bound fail; `make bench`
        // times things, as ratios.)
        let report = try ccsim(["report", out])
        XCTAssertEqual(report.status, 0, report.stderr)
        XCTAssertEqual(report.stdout, "wrote \(out)/report.html\n")
        let page = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
        try assertStrict(page)
        for section in ["verdict", "run", "headline", "variants", "ivr", "waits"] {
            XCTAssertTrue(page.contains("<section id=\"\(section)\">"), section)
        }
        // The answer first: one verdict per variant, before everything else.
        XCTAssertLessThan(page.range(of: "<section id=\"verdict\">")!.lowerBound, page.range(of: "<section id=\"run\">")!.lowerBound)
        for variant in ["dynamic", "dynamic-accurate", "speech", "speech-dynamic", "bot"] { XCTAssertTrue(page.contains(variant + " vs static: "), variant) }
        XCTAssertFalse(page.contains("<section id=\"periods\">"))  // no day plan

        let chromium = try XCTUnwrap(which("chromium"), "headless Chromium is needed: make test-deps installs it")
        let url = "file://" + out + "/report.html"
        let flags = chromiumFlags
        let dom = try runTool(chromium, flags + ["--dump-dom", url])
        XCTAssertEqual(dom.status, 0, dom.stderr)
        // Readable at a laptop's width: the IVR drawings' labels (the page's smallest text) ≥ 11 px, no table past the page.
        assertReadable(dom.stdout, smallestPixels: 11, page: "bank hotline")
        let console = dom.stderr.split(separator: "\n").filter { $0.contains(":CONSOLE") }
        XCTAssertTrue(console.isEmpty, "console messages: \(console)")
        // Every figure rendered, with a non-zero size (the page's script records them).
        let figures = matches(of: "<figure data-rendered=\"([0-9]+)x([0-9]+)\"", in: dom.stdout)
        XCTAssertEqual(figures.count, page.components(separatedBy: "<figure>").count - 1)
        XCTAssertGreaterThanOrEqual(figures.count, 9)  // 2 forest plots, 6 IVR drawings, waits
        for size in figures { XCTAssertTrue(Int(size[0])! > 100 && Int(size[1])! > 50, "figure \(size)") }
        // The key figures are summary.json's, bit for bit (read by JSONDecoder, which reads
        // decimals exactly; JSONSerialization on Linux is off by one ulp for some).
        struct Figure: Decodable { let mean: Double? }
        struct Variant: Decodable { let metrics: [String: Figure] }
        struct Summary: Decodable { let variants: [String: Variant] }
        let summary = try JSONDecoder().decode(Summary.self, from: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json")))
        var checked = 0
        for cell in matches(of: "data-metric=\"([a-z_.]+)\" data-variant=\"([a-z-]+)\" data-mean=\"([^\"]+)\"", in: dom.stdout) {
            XCTAssertEqual(Double(cell[2])!, summary.variants[cell[1]]!.metrics[cell[0]]!.mean, "\(cell)")
            checked += 1
        }
        XCTAssertGreaterThanOrEqual(checked, 6 * 10)
        let shot = repository.appendingPathComponent(".build/report-bank-hotline.png").path
        let screenshot = try runTool(chromium, flags + ["--screenshot=\(shot)", url])
        XCTAssertEqual(screenshot.status, 0, screenshot.stderr)
        XCTAssertGreaterThan((try FileManager.default.attributesOfItem(atPath: shot)[.size] as? Int) ?? 0, 50_000)
    }

    /// A comparison of a day plan (periods section), a sweep and a day's staffing each get their
    /// page; a folder with a file of another run, or with nothing to report, is refused
    /// (exit 1, nothing written).
    func testEveryFolderKindAndRefusals() throws {
        let chromium = try XCTUnwrap(which("chromium"), "headless Chromium is needed: make test-deps installs it")
        let day = try writeSmallDayScenario(in: scratch, replications: 3)
        let runOut = scratch.appendingPathComponent("run").path
        XCTAssertEqual(try ccsim(["compare", day, "--out", runOut]).status, 0)
        let sweepOut = scratch.appendingPathComponent("sweep").path
        XCTAssertEqual(try ccsim(["sweep", day, "--param", "busyness.shape=10,50", "--replications", "2", "--out", sweepOut]).status, 0)
        // The shipped blend: its sweep of K over every variant, with the blending frontier.
        let blendOut = scratch.appendingPathComponent("blend").path
        let blend = try ccsim(["sweep", CheckCommandTests.repository.appendingPathComponent("Scenarios/blend.yaml").path,
                               "--replications", "2", "--out", blendOut])
        XCTAssertEqual(blend.status, 0, blend.stderr)
        let staffOut = scratch.appendingPathComponent("staff").path
        let staff = try ccsim(["staff", day, "--out", staffOut, "--precision", "0.05"])
        XCTAssertEqual(staff.status, 0, staff.stderr)
        // A call log fitted and backtested: the trace of the run's `plan` variant.
        let trace = scratch.appendingPathComponent("calls.csv").path
        XCTAssertEqual(try ccsim(["run", day, "--out", scratch.appendingPathComponent("traced").path, "--trace", trace,
                                  "--trace-replications", "3"]).status, 0)
        let fitOut = scratch.appendingPathComponent("fit").path, backtestOut = scratch.appendingPathComponent("backtest").path
        let fit = try ccsim(["fit", trace, "--variant", "plan", "--seconds-from", "09:00", "--out", fitOut, "--json"])
        XCTAssertEqual(fit.status, 0, fit.stderr)
        let fitted = try JSONSerialization.jsonObject(with: Data(fit.stdout.utf8)) as! [String: Any]  // --json
        XCTAssertEqual(fitted["days"] as? Int, 3)
        XCTAssertEqual(fitted["scenario_file"] as? String, fitOut + "/scenario.yaml")
        let backtest = try ccsim(["backtest", trace, fitOut + "/scenario.yaml", "--variant", "plan", "--seconds-from", "09:00",
                                  "--replications", "3", "--out", backtestOut, "--json"])
        XCTAssertEqual(backtest.status, 0, backtest.stderr)
        let tested = try JSONSerialization.jsonObject(with: Data(backtest.stdout.utf8)) as! [String: Any]
        let kpis = tested["backtest"] as! [[String: Any]]
        XCTAssertTrue(kpis.contains { $0["metric"] as? String == "service_level" }, "\(kpis.first ?? [:])")
        for (folder, sections) in [(runOut, ["headline", "variants", "periods", "waits"]), (sweepOut, ["sweep"]), (blendOut, ["sweep"]),
                                   (staffOut, ["staffing"]),
                                   (fitOut, ["run", "fit"]), (backtestOut, ["run", "backtest"])] {
            let r = try ccsim(["report", folder])
            XCTAssertEqual(r.status, 0, r.stderr)
            let page = try String(contentsOfFile: folder + "/report.html", encoding: .utf8)
            try assertStrict(page)
            for section in sections { XCTAssertTrue(page.contains("<section id=\"\(section)\">"), "\(folder): \(section)") }
            if folder == staffOut {  // the plans side by side, the simulated one meeting the goal on the fresh days
                XCTAssertTrue(page.contains("<th scope=\"col\">periods meeting the goal on fresh days</th>"), page)
                XCTAssertTrue(page.contains("<tr><th scope=\"row\">simulated</th><td>"), page)
                XCTAssertTrue(page.contains("decided on up to "), page)
            }
            if folder == runOut { XCTAssertTrue(page.contains("<section id=\"verdict\">") && page.contains("more vs plan: ")) }
            if folder == fitOut {  // the fit's verdict first: the laws consistent with the log, the backtest to run
                let verdict = try XCTUnwrap(page.range(of: "<section id=\"verdict\">"), "the fit's verdict")
                XCTAssertLessThan(verdict.lowerBound, page.range(of: "<section id=\"run\">")!.lowerBound)
                XCTAssertTrue(page.contains("<li>Handling times of general: exponential, consistent with the log (KS D "), page)
                XCTAssertTrue(page.contains("<li>Whether the scenario reproduces the log's KPIs: ccsim backtest calls.csv scenario.yaml.</li>"), page)
            }
            if folder == backtestOut {  // the day's verdict and its table in the metrics' units
                XCTAssertTrue(page.contains("<p>The day: the simulation agrees with the log on "), page)
                XCTAssertTrue(page.contains("<tr><th scope=\"row\">service_level %</th><td>"), page)
            }
            // Rates' axes within 0–100 % (the y tick labels of every rate chart drawn).
            let plots = (try? FileManager.default.contentsOfDirectory(atPath: folder + "/plots")) ?? []
            for svg in plots where svg.hasSuffix(".svg") && ["service_level", "service-level", "abandon_rate"].contains(where: svg.contains) {
                let text = try String(contentsOfFile: folder + "/plots/" + svg, encoding: .utf8)
                let ticks = matches(of: "text-anchor=\"end\">\\s*<text>\\s*([-0-9.]+)\\s*</text>", in: text).compactMap { Double($0[0]) }
                XCTAssertFalse(ticks.isEmpty, "\(folder)/plots/\(svg): no y ticks read")
                XCTAssertTrue(ticks.allSatisfy { (0...100).contains($0) }, "\(folder)/plots/\(svg): y ticks \(ticks)")
            }
            // In Chromium: no text under 10 px, no table past the page.
            let dom = try runTool(chromium, chromiumFlags + ["--dump-dom", "file://" + folder + "/report.html"])
            XCTAssertEqual(dom.status, 0, dom.stderr)
            assertReadable(dom.stdout, smallestPixels: 10, page: folder)
            // Each page's answer, as Chromium shows it.
            let answer = [runOut: "<section id=\"verdict\">", fitOut: "<section id=\"verdict\">", sweepOut: "<section id=\"sweep\">",
                          blendOut: "The last figure is the blending frontier",
                          staffOut: "periods meeting the goal on fresh days", backtestOut: "<p>The day: the simulation agrees with the log on "][folder]!
            XCTAssertTrue(dom.stdout.contains(answer), "\(folder): \(answer)")
        }
        // Mixed: a summary of another run dropped in.
        try FileManager.default.copyItem(atPath: runOut + "/summary.csv", toPath: sweepOut + "/summary.csv")
        try FileManager.default.removeItem(atPath: sweepOut + "/report.html")
        let mixed = try ccsim(["report", sweepOut])
        XCTAssertEqual(mixed.status, 1)
        XCTAssertTrue(mixed.stderr.contains("summary.csv is not from this run"), mixed.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: sweepOut + "/report.html"))
        let empty = try ccsim(["report", scratch.path])
        XCTAssertEqual(empty.status, 1)
        XCTAssertTrue(empty.stderr.contains("not a ccsim results folder"), empty.stderr)
    }

    /// The page is well-formed XML (polyglot HTML: every element closed, attributes quoted,
    /// only XML's entities) and valid HTML5 (html5lib, strict), its ids are unique, and
    /// nothing in it points outside the page (no src, no external href, no url() but to a
    /// fragment, no @import).
    func assertStrict(_ page: String, file: StaticString = #filePath, line: UInt = #line) throws {
        try assertStrictHTML(page, scratch: scratch, file: file, line: line)
    }

    func runTool(_ executable: String, _ arguments: [String]) throws -> Outcome {
        try runProcess(executable, arguments, in: scratch)
    }
}
