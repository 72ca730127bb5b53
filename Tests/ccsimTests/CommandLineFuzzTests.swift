import Foundation
import XCTest

/// The command line under fuzzed input: 50 mutants of a small IVR scenario through
/// `ccsim validate` and a tiny `ccsim run` (2 replications). Every outcome is exit 0, 1 or
/// 2; a refusal says why on stderr and writes no results folder; an accepted one writes a
/// complete folder. (The reader alone is fuzzed on 3,000 mutants in ScenarioFuzzTests.)
final class CommandLineFuzzTests: XCTestCase {
    func testMutantsExitCleanly() throws {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../ScenarioFilesTests/Fixtures/valid-ivr.yaml")
        let base = try String(contentsOf: fixture, encoding: .utf8).replacingOccurrences(of: "horizon: {calls: 2000}",
                                                                                         with: "horizon: {calls: 300}")
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("ccsim-fuzz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let values = ["0", "-1", "1e308", ".nan", ".inf", "-0", "999999999999", "x", "[]", "{}", "*a", "\"\"", "0.5", "2"]
        let lines = base.components(separatedBy: "\n")
        var exits: [Int32: Int] = [:]
        for k in 0..<50 {
            // Deterministic mutants: line k·7 mod count gets value k mod |values|, every
            // third one also loses line k·11 mod count.
            var mutant = lines
            let i = (k * 7) % mutant.count
            if let colon = mutant[i].range(of: ": ", options: .backwards) {
                mutant[i] = String(mutant[i][..<colon.upperBound]) + values[k % values.count]
            }
            if k % 3 == 0 { mutant.remove(at: (k * 11) % mutant.count) }
            let file = scratch.appendingPathComponent("m\(k).yaml").path
            try mutant.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
            let validated = try ccsim(["validate", file])
            XCTAssertTrue([0, 2].contains(validated.status), "validate m\(k): exit \(validated.status)")
            let out = scratch.appendingPathComponent("out\(k)").path
            let run = try ccsim(["run", file, "--replications", "2", "--jobs", "1", "--out", out])
            exits[run.status, default: 0] += 1
            switch run.status {
            case 0:
                XCTAssertEqual(validated.status, 0, "m\(k): run accepted what validate refused")
                XCTAssertTrue(FileManager.default.fileExists(atPath: out + "/manifest.json"), "m\(k): no results")
            case 1, 2:
                XCTAssertFalse(run.stderr.isEmpty, "m\(k): exit \(run.status) without a message")
                XCTAssertFalse(FileManager.default.fileExists(atPath: out), "m\(k): results written on error")
                if run.status == 2 { XCTAssertEqual(validated.status, 2, "m\(k): validate accepted what run refused") }
            default:
                XCTFail("m\(k): exit \(run.status) (a trap or a signal): \(run.stderr)")
            }
        }
        print("command-line fuzzing: exit codes \(exits.sorted { $0.key < $1.key })")
        XCTAssertGreaterThan(exits[0, default: 0], 5)
        XCTAssertGreaterThan(exits[2, default: 0], 15)
    }
}
