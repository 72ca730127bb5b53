import Foundation
import XCTest
@testable import Reporting

/// Replacing a results folder as a whole: an interruption between writing the new folder
/// and exchanging it leaves the old one whole; leftovers of a writer that is gone are
/// removed by the next replace.
final class ResultsFolderReplaceTests: XCTestCase {
    struct Interrupted: Error {}

    var scratch: String!

    override func setUpWithError() throws {
        scratch = NSTemporaryDirectory() + "ccsim-results-folder-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: scratch)
    }

    func contents(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    /// A manifest ccsim would accept as its own for `files`.
    func manifest(_ files: [String]) -> String {
        JSON.object(["format": .string(ResultsFolder.formatMarker),
                     "files": .object(Dictionary(uniqueKeysWithValues: files.map { ($0, JSON.string("-")) }))]).rendered()
    }

    /// The process id of a process that has exited (a leftover's writer that is gone).
    func deadProcessID() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    func testInterruptedReplaceLeavesTheOldFolderWhole() throws {
        let folder = scratch + "/results"
        try ResultsFolder.replace(folder, with: [("a.csv", "old\n"), ("manifest.json", manifest(["a.csv"]))])
        XCTAssertThrowsError(try ResultsFolder.replace(folder, with: [("a.csv", "new\n"), ("manifest.json", manifest(["a.csv"]))],
                                                       beforeExchange: { throw Interrupted() })) { XCTAssertTrue($0 is Interrupted) }
        XCTAssertEqual(contents(folder + "/a.csv"), "old\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder).sorted(), ["a.csv", "manifest.json"])
        let leftover = scratch + "/.results.new-\(getpid())"
        XCTAssertEqual(contents(leftover + "/a.csv"), "new\n", "the new folder was written whole before the exchange")
        // The same writer's next replace starts from a clean slate.
        try ResultsFolder.replace(folder, with: [("b.csv", "newer\n"), ("manifest.json", manifest(["b.csv"]))])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder).sorted(), ["b.csv", "manifest.json"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: leftover))
    }

    /// A dead writer's new folder and temporary file are removed; its set-aside old folder
    /// is put back when the folder is missing; a live process's leftovers are kept.
    func testLeftoversOfAWriterThatIsGoneAreRemoved() throws {
        let folder = scratch + "/results", dead = try deadProcessID()
        try ResultsFolder.replace(folder, with: [("a.csv", "old\n"), ("manifest.json", manifest(["a.csv"]))])
        let manager = FileManager.default
        for path in [scratch + "/.results.new-\(dead)", scratch + "/.results.new-1"] {
            try manager.createDirectory(atPath: path, withIntermediateDirectories: false)
        }
        try "partial".write(toFile: folder + "/.a.csv.tmp-\(dead)", atomically: false, encoding: .utf8)
        try ResultsFolder.replace(folder, with: [("a.csv", "new\n"), ("manifest.json", manifest(["a.csv"]))])
        XCTAssertEqual(contents(folder + "/a.csv"), "new\n")
        XCTAssertFalse(manager.fileExists(atPath: scratch + "/.results.new-\(dead)"))
        XCTAssertFalse(manager.fileExists(atPath: folder + "/.a.csv.tmp-\(dead)"))
        XCTAssertTrue(manager.fileExists(atPath: scratch + "/.results.new-1"), "process 1 (init) is alive: its folder is kept")

        // Killed between setting the old folder aside and putting the new one in place.
        let other = scratch + "/other"
        try manager.createDirectory(atPath: scratch + "/.other.old-\(dead)", withIntermediateDirectories: false)
        try manifest(["x.csv"]).write(toFile: scratch + "/.other.old-\(dead)/manifest.json", atomically: false, encoding: .utf8)
        try "x\n".write(toFile: scratch + "/.other.old-\(dead)/x.csv", atomically: false, encoding: .utf8)
        ResultsFolder.cleanLeftovers(of: "other", in: scratch)
        XCTAssertEqual(contents(other + "/x.csv"), "x\n")
    }
}
