import Foundation
import XCTest

/// `make install` into a temporary prefix (the files of an installation, from this test
/// build's executable), then `ccsim run`, `plot` and `report` from another folder: the
/// installed ccsim finds its gnuplot templates beside it.
final class InstallTests: XCTestCase {
    func testInstalledCcsimRunsAndPlotsFromAnotherFolder() throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("ccsim-install-\(UUID().uuidString)")
        let elsewhere = scratch.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        var binary = directory.appendingPathComponent("ccsim")
        if !FileManager.default.fileExists(atPath: binary.path) { binary = directory.deletingLastPathComponent().appendingPathComponent("ccsim") }
        let prefix = scratch.appendingPathComponent("prefix").path
        let install = try run("/usr/bin/env", ["make", "--no-print-directory", "install-files", "PREFIX=\(prefix)", "BINARY=\(binary.path)"],
                              in: repository)
        XCTAssertEqual(install.status, 0, install.stderr)
        for file in ["share/ccsim/plots/waits.gp", "share/ccsim/examples/bank-hotline.yaml", "share/ccsim/examples/README.md",
                     "share/bash-completion/completions/ccsim", "share/zsh/site-functions/_ccsim", "share/fish/vendor_completions.d/ccsim.fish"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: prefix + "/" + file), file)
        }
        let completion = try String(contentsOfFile: prefix + "/share/bash-completion/completions/ccsim", encoding: .utf8)
        XCTAssertTrue(completion.contains("compare") && completion.contains("--precision"), "the bash completion knows the commands")
        // An installed example runs from anywhere.
        let example = try run(prefix + "/bin/ccsim", ["validate", prefix + "/share/ccsim/examples/staffing-day.yaml"], in: elsewhere)
        XCTAssertEqual(example.status, 0, example.stderr)
        let ccsim = prefix + "/bin/ccsim"
        // A one-letter results folder (Foundation traps on such a path: PathParts).
        let r = try run(ccsim, ["run", repository.appendingPathComponent("Scenarios/erlang-a-100.yaml").path, "--replications", "2",
                                "--out", "r"], in: elsewhere)
        XCTAssertEqual(r.status, 0, r.stderr)
        let plot = try run(ccsim, ["plot", "r"], in: elsewhere)
        XCTAssertEqual(plot.status, 0, plot.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: elsewhere.appendingPathComponent("r/plots/waits.svg").path))
        let report = try run(ccsim, ["report", "r"], in: elsewhere)
        XCTAssertEqual(report.status, 0, report.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: elsewhere.appendingPathComponent("r/report.html").path))
    }

    func run(_ executable: String, _ arguments: [String], in folder: URL) throws -> Outcome {
        try runProcess(executable, arguments, in: folder, seconds: 300)
    }
}
