import Foundation
import XCTest
@testable import Reporting

/// Text on its way to gnuplot stays data (issue 27).
final class GnuplotTextTests: XCTestCase {
    func testFieldsAreOneQuotedLine() {
        XCTAssertEqual(GnuplotText.field("plain"), "\"plain\"")
        XCTAssertEqual(GnuplotText.field("say \"hi\""), "\"say 'hi'\"")
        XCTAssertEqual(GnuplotText.field("a\r\nb\u{0}c\td\u{2028}e"), "\"a  b c d e\"")
        XCTAssertEqual(GnuplotText.field("`id` $(x) @m"), "\"`id` $(x) @m\"")
        let long = GnuplotText.oneLine(String(repeating: "x", count: 500))
        XCTAssertEqual(long.count, GnuplotText.maximumShown + 1)
        XCTAssertTrue(long.hasSuffix("…"))
        XCTAssertEqual(GnuplotText.oneLine(String(repeating: "y", count: GnuplotText.maximumShown)).count, GnuplotText.maximumShown)
    }

    func testStringsAreArgumentsAndPathsAbsolute() {
        XCTAssertTrue(GnuplotText.argument("<touch x/plots/a", isPath: true).hasPrefix("/"))
        XCTAssertTrue(GnuplotText.argument("|touch x", isPath: true).hasSuffix("/|touch x"))
        XCTAssertEqual(GnuplotText.argument("/abs/p", isPath: true), "/abs/p")
        XCTAssertEqual(GnuplotText.argument("t\ni", isPath: false), "t i")
        let template = "# comment = ARG1\ndatafile = ARG1\n  title = ARG3\nx = ARG10\ny=ARG2 # not alone\nbad name = ARG4\n"
        XCTAssertEqual(GnuplotText.declaredStrings(template), ["datafile": 1, "title": 3])
    }

    func testBlocksAndLabels() {
        let text = GnuplotText.blocks([("a\"b", ["1 2", "3 4"]), ("empty", [])] + [GnuplotText.labelBlock([(0, "09:00"), (1.5, "x\"y")])],
                                      columns: 2)
        XCTAssertEqual(text, "\"a'b\"\n1 2\n3 4\n\n\n\"empty\"\nNaN NaN\n\n\n\"labels\"\n0.0 \"09:00\"\n1.5 \"x'y\"\n")
    }

    /// A template that names other strings than ccsim passes is refused before gnuplot runs.
    func testTemplateMismatchIsRefused() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let template = folder.appendingPathComponent("t.gp").path
        try "datafile = ARG1\noutput = ARG2\n".write(toFile: template, atomically: true, encoding: .utf8)
        let never = GnuplotRunner(executable: "false", seconds: 5)
        XCTAssertThrowsError(try Plotter.draw(never, template: template, strings: ["datafile": "d", "title": "t"])) {
            XCTAssertTrue("\($0)".contains("declares strings [\"datafile\", \"output\"]"), "\($0)")
        }
        XCTAssertThrowsError(try Plotter.draw(never, template: template, strings: ["datafile": "d", "output": "o"],
                                              numbers: ["n": .nan])) {
            XCTAssertTrue("\($0)".contains("n is not finite"), "\($0)")
        }
    }
}

/// Which folders `--out` may replace, and manifests' own digest.
final class ResultsFolderOwnershipTests: XCTestCase {
    var folder = ""

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("rf-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: folder) }

    func write(_ name: String, _ text: String) throws {
        let path = folder + "/" + name
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    func testOwnership() throws {
        XCTAssertNil(ResultsFolder.ownership(of: folder), "empty")
        try write("manifest.json", "{\"manifest_version\": 3}")
        XCTAssertTrue(ResultsFolder.ownership(of: folder)?.contains("its manifest.json is not ccsim's") ?? false)
        try write("manifest.json", "not json")
        XCTAssertTrue(ResultsFolder.ownership(of: folder)?.contains("no ccsim manifest.json") ?? false)
        let run = folder + "/run"
        try Manifest.publish(run, files: [(name: "summary.csv", contents: "x\n")], fields: [:])
        XCTAssertNil(ResultsFolder.ownership(of: run))
        try "<html/>".write(toFile: run + "/report.html", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: run + "/plots", withIntermediateDirectories: true)
        try "<svg/>".write(toFile: run + "/plots/waits.svg", atomically: true, encoding: .utf8)
        XCTAssertNil(ResultsFolder.ownership(of: run), "its own report and figures")
        try "mine".write(toFile: run + "/plots/notes.txt", atomically: true, encoding: .utf8)
        XCTAssertTrue(ResultsFolder.ownership(of: run)?.contains("plots/notes.txt") ?? false)
        XCTAssertEqual(ResultsFolder.refusal(""), "an empty folder name; give --out a folder")
        XCTAssertTrue(ResultsFolder.refusal(run + "/summary.csv")?.contains("is not a folder") ?? false)
        XCTAssertNil(ResultsFolder.refusal(folder + "/not-yet"))
    }

    func testManifestDigest() throws {
        try Manifest.publish(folder + "/r", files: [(name: "a.csv", contents: "1\n")], fields: ["scenario": .string("s")])
        let text = try String(contentsOfFile: folder + "/r/manifest.json", encoding: .utf8)
        XCTAssertNil(Manifest.identityProblem(text))
        XCTAssertTrue(text.contains("\"format\": \"\(ResultsFolder.formatMarker)\""))
        XCTAssertNotNil(Manifest.identityProblem(text.replacingOccurrences(of: "\"scenario\": \"s\"", with: "\"scenario\": \"t\"")))
        let withoutDigest = text.split(separator: "\n").filter { !$0.contains("manifest_sha256") }.joined(separator: "\n")
        XCTAssertTrue(Manifest.identityProblem(withoutDigest)?.contains("has no manifest_sha256") ?? false)
    }
}
