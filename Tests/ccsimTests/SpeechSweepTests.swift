import Foundation
import XCTest

/// The bank hotline's sweep of the speech recogniser's accuracy (`make run`'s second
/// step): the path exists only in the speech and bot variants, the key-press variants are
/// reference lines, and the break-even against them is in break-even.csv, the manifest,
/// the terminal and the report.
final class SpeechSweepTests: XCTestCase {
    var scratch: URL!

    override func setUpWithError() throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("ccsim-speech-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: scratch) }

    func testAccuracySweepWithBreakEven() throws {
        let out = scratch.appendingPathComponent("sweep").path
        let file = CheckCommandTests.repository.appendingPathComponent("Scenarios/bank-hotline.yaml").path
        let r = try ccsim(["sweep", file, "--replications", "4", "--out", out])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("6 points × 6 variant(s)"), r.stdout)
        XCTAssertTrue(r.stdout.contains("Break-even (where the paired mean difference changes sign"), r.stdout)
        // The key-press variants are the same at every point (common random numbers): equal
        // rows apart from the point's columns.
        let rows = try String(contentsOfFile: out + "/sweep.csv", encoding: .utf8).split(separator: "\n").dropFirst()
        func cells(_ variant: String, _ metric: String) -> [String] {
            rows.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
                .filter { $0[3] == variant && $0[4] == metric }.map { $0[5...].joined(separator: ",") }
        }
        for variant in ["static", "dynamic"] { XCTAssertEqual(Set(cells(variant, "service_level")).count, 1, variant) }
        let speech = cells("speech", "recognition_rate").map { Double($0.split(separator: ",")[0])! }
        XCTAssertEqual(speech.count, 6)
        XCTAssertEqual(speech, speech.sorted())  // a better recogniser, more first utterances right
        XCTAssertTrue(cells("static", "recognition_rate").isEmpty)
        // break-even.csv: every changing × unchanged pair for each headline metric with a direction.
        let breakEven = try String(contentsOfFile: out + "/break-even.csv", encoding: .utf8).split(separator: "\n")
        XCTAssertTrue(breakEven[0].hasPrefix("variant,reference,metric,outcome,break_even,diff_0,half_width_0,"), String(breakEven[0]))
        let pairs = Set(breakEven.dropFirst().map { $0.split(separator: ",").prefix(2).joined(separator: ",") })
        XCTAssertEqual(pairs, Set(["speech", "speech-dynamic", "bot"].flatMap { v in
            ["static", "dynamic", "dynamic-accurate"].map { v + "," + $0 }
        }))
        let ivrTime = try XCTUnwrap(breakEven.first { $0.hasPrefix("speech,dynamic,mean_ivr_seconds,") })
        XCTAssertTrue(ivrTime.hasPrefix("speech,dynamic,mean_ivr_seconds,everywhere,"), String(ivrTime))
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/manifest.json"))) as! [String: Any]
        let lines = try XCTUnwrap(manifest["break_even"] as? [String])
        XCTAssertEqual(lines.count, 9)
        XCTAssertTrue(lines.contains { $0.hasPrefix("speech vs dynamic: ") && $0.contains("better at every value on mean IVR time") },
                      "\(lines)")
        let report = try ccsim(["report", out])
        XCTAssertEqual(report.status, 0, report.stderr)
        let page = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
        try assertStrictHTML(page, scratch: scratch)
        XCTAssertTrue(page.contains("<li>" + lines[0].replacingOccurrences(of: "&", with: "&amp;") + "</li>"), "break-even list")
    }
}
