import Foundation
import XCTest
@testable import Reporting

final class JSONTests: XCTestCase {
    func testSortedKeysAndLocaleFreeNumbers() {
        let value = JSON.object(["b": .number(0.1), "a": .integer(3), "c": .array([.number(2), .number(.nan), .string("x\"\n")])])
        XCTAssertEqual(value.rendered(indent: nil), #"{"a":3,"b":0.1,"c":[2,null,"x\"\n"]}"#)
        XCTAssertEqual(JSON.format(1e-7), "1e-07")
        XCTAssertEqual(JSON.format(0.17407), "0.17407")
        XCTAssertEqual(JSON.format(-2), "-2")
    }
}

final class TextTableTests: XCTestCase {
    func testAlignment() {
        var t = TextTable(header: ["metric", "value"])
        t.add(["p_wait", "0.174"])
        t.add(["asa_seconds", "7.84"])
        XCTAssertEqual(t.rendered(), """
            metric       value
            -----------  -----
            p_wait       0.174
            asa_seconds   7.84
            """)
    }

    func testFixed() {
        XCTAssertEqual(fixed(0.88831, 3), "0.888")
        XCTAssertEqual(fixed(2, 2), "2.00")
        XCTAssertEqual(fixed(-0.0004, 3), "0.000")
        XCTAssertEqual(fixed(-1.25, 1), "-1.3")
        XCTAssertEqual(fixed(.nan, 2), "n/a")
        XCTAssertEqual(fixed(1234.5, 0), "1235")
    }
}

final class NumberFormattingTests: XCTestCase {
    /// Fixed-point digits where they are exact; Swift's shortest form beyond 10^15, never a trap.
    func testFixedNeverTraps() {
        XCTAssertEqual(fixed(0.88831, 3), "0.888")
        XCTAssertEqual(fixed(-2.5, 0), "-3")
        XCTAssertEqual(fixed(1e308, 3), "1e+308")
        XCTAssertEqual(fixed(-9.3e18, 0), "-9.3e+18")
        XCTAssertEqual(fixed(123_456_789_012.5, 3), "123456789012.500")
        XCTAssertEqual(fixed(1.5e12, 3), "1500000000000.0")
        XCTAssertEqual(fixed(.infinity, 1), "inf")
        XCTAssertEqual(fixed(.nan, 1), "n/a")
    }
}

/// `Plotter.plot` with real gnuplot, a missing one and one that hangs: nothing is created
/// from bad input, data files never stay behind, and a hung gnuplot is stopped.
final class PlotterTests: XCTestCase {
    let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("plots").path
    var folder = ""

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("plotter-\(UUID().uuidString)").path
        try Manifest.publish(folder, files: [(name: "waits.csv", contents: "variant,quantile,wait_seconds\nbase,0,0\nbase,0.5,4\nbase,1,60\n")],
                             fields: ["scenario": .string("plotted")])
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: folder) }

    func testDrawsAndKeepsNoDataFiles() throws {
        let written = try Plotter.plot(resultsDirectory: folder, templates: templates)
        XCTAssertEqual(written.map { ($0 as NSString).lastPathComponent }, ["waits.svg", "waits.png"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder + "/plots").sorted(), ["waits.png", "waits.svg"])
    }

    /// A folder whose files are not all the ones its manifest lists (a file edited or
    /// copied in from another run, one missing, or a manifest without a list) is refused
    /// before anything is drawn, naming the file.
    func testMixedFolderIsRefused() throws {
        let manager = FileManager.default
        func refused(_ expected: String) {
            XCTAssertThrowsError(try Plotter.plot(resultsDirectory: folder, templates: templates)) {
                XCTAssertTrue("\($0)".contains(expected), "\($0)")
            }
            XCTAssertFalse(manager.fileExists(atPath: folder + "/plots"))
        }
        try "variant,point,metric\n".write(toFile: folder + "/sweep.csv", atomically: true, encoding: .utf8)
        refused("files from different runs (sweep.csv is not from this run)")
        try manager.removeItem(atPath: folder + "/sweep.csv")
        try "variant,quantile,wait_seconds\nbase,0,1\n".write(toFile: folder + "/waits.csv", atomically: true, encoding: .utf8)
        refused("waits.csv is not the file this run wrote")
        try "{\"scenario\": \"old\"}".write(toFile: folder + "/manifest.json", atomically: true, encoding: .utf8)
        refused("manifest.json: not a manifest of this ccsim")
    }

    func testMissingFolderCreatesNothing() {
        let missing = folder + "/no-such-results"
        XCTAssertThrowsError(try Plotter.plot(resultsDirectory: missing, templates: templates)) {
            XCTAssertTrue("\($0)".contains("no sweep.csv, waits.csv, staffing.csv, coverage.csv, fit-arrivals.csv or backtest.csv"), "\($0)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: missing))
    }

    func testMissingGnuplotLeavesNothing() {
        XCTAssertThrowsError(try Plotter.plot(resultsDirectory: folder, templates: templates, gnuplot: "no-such-gnuplot")) {
            XCTAssertTrue("\($0)".contains("gnuplot not found"), "\($0)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/plots"))
    }

    /// A "gnuplot" that never finishes is stopped after its time bound (0.5 s here).
    func testHungGnuplotIsStopped() throws {
        let fake = folder + "/hanging-gnuplot"
        try "#!/bin/sh\nexec sleep 60\n".write(toFile: fake, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake)
        let started = Date()
        XCTAssertThrowsError(try Plotter.plot(resultsDirectory: folder, templates: templates, gnuplot: fake, gnuplotSeconds: 0.5)) {
            XCTAssertTrue("\($0)".contains("did not finish"), "\($0)")
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 10)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/plots"))
    }
}

/// SHA-256 against FIPS 180-4's examples (and the empty message and a million "a"s).
final class SHA256Tests: XCTestCase {
    func testStandardVectors() {
        XCTAssertEqual(SHA256.hex(Array("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256.hex([]), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        XCTAssertEqual(SHA256.hex([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)),
                       "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}

/// RFC 4180: a field with a comma, a quote, CR, LF or CRLF is quoted and reads back whole;
/// rows end at LF or CRLF outside quotes.
final class CSVTests: XCTestCase {
    func testFieldsRoundTrip() {
        let fields = ["plain", "a,b", "say \"hi\"", "cr\rhere", "lf\nhere", "crlf\r\nhere", "", "é名`$(x)`"]
        let text = fields.map(CSV.field).joined(separator: ",") + "\r\n" + "x,y\n"
        XCTAssertEqual(CSV.parse(text), [fields, ["x", "y"]])
        XCTAssertEqual(CSV.field("plain"), "plain")
        XCTAssertEqual(CSV.field("cr\r"), "\"cr\r\"")
        XCTAssertEqual(CSV.parse("a,\"b\"\"c\"\n\n"), [["a", "b\"c"]])
    }
}
