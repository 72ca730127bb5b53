import Calibration
import Foundation
import ScenarioFiles
import XCTest

/// Fuzzing of the call-log reader, the fit and the column maps (DESIGN.md's promise): a
/// switch-like log of the known center, mutated in place with hostile tokens (huge and
/// negative numbers, NaN, quotes, CR, NUL, separators, a 5,000-character name, dates and
/// clocks out of range), row deletions, duplications and truncation; and column maps with
/// mutated YAML. Every outcome is a fit whose scenario validates or a thrown input error
/// with a bounded message: never a trap, never an invalid scenario. Deterministic: the
/// mutations come from a fixed-seed generator of the test's own.
final class CallLogFuzzTests: XCTestCase {
    /// A 64-bit linear congruential generator (Knuth's MMIX constants): the test's own
    /// reproducible choices, not a source of simulation variates.
    struct Choices {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
    }

    static let tokens = ["99999999999999999999999", "-1", "-0", "nan", "inf", "1e308", "-1e308", "0", "", "\"", "\"\"", ",", "\r",
                         "\n", "\r\n", "\u{0}", "\t", ";", "`touch /tmp/ccsim-fuzz-pwned`", "$(id)", "24:00:00", "47:59:59", "48:00:00",
                         "99:99:99", "9:5", "9999-99-99", "2026-02-30 10:00:00", "991332", "00000000", "AGENT", "HANG", "PHANTOM",
                         String(repeating: "N", count: 5_000), "é\u{2028}名", "0:00:00", "12:00:00.123456789012345678901"]

    /// Bytes of `text` with `count` mutations drawn by `choices`.
    static func mutated(_ text: String, _ choices: inout Choices, count: Int) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for _ in 0..<count {
            let k = 1 + choices.next(max(1, lines.count - 1))
            switch choices.next(6) {
            case 0, 1, 2:  // one field replaced by a token
                var fields = lines[k].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                guard !fields.isEmpty else { continue }
                fields[choices.next(fields.count)] = tokens[choices.next(tokens.count)]
                lines[k] = fields.joined(separator: ",")
            case 3: lines.remove(at: k)
            case 4: lines.insert(lines[k], at: k)
            default:  // cut the line short at a random byte
                let bytes = Array(lines[k].utf8)
                lines[k] = String(decoding: bytes.prefix(choices.next(bytes.count + 1)), as: UTF8.self)
            }
        }
        if choices.next(10) == 0 { lines = Array(lines.prefix(choices.next(lines.count + 1))) }
        return lines.joined(separator: "\n")
    }

    /// Reads and fits `bytes`; a fit must write a scenario that validates. Returns the
    /// outcome's kind, failing on any error that is not an input error.
    func outcome(_ bytes: [UInt8], layout: LogLayout?, file: StaticString = #filePath, line: UInt = #line) -> String {
        do {
            let log = try CallLogReader.parse(bytes: bytes, file: "fuzz.csv", layout: layout)
            let fit = try CenterFit(log: log, layout: layout ?? .ccsimTrace, options: CenterFit.Options())
            let yaml = FittedScenario.yaml(fit, name: "fuzz", source: "fuzz\r\n.csv", targetSeconds: 20, replications: 10)
            do { _ = try ScenarioLoader.parse(yaml, file: "scenario.yaml") } catch {
                XCTFail("the fitted scenario does not validate: \(error)\n\(yaml.prefix(4000))", file: file, line: line)
            }
            return "fitted"
        } catch let error as LogError {
            XCTAssertFalse(error.description.isEmpty, file: file, line: line)
            XCTAssertLessThan(error.description.count, 20 * 1_000, "messages quote at most a bounded part of the input", file: file, line: line)
            return "refused"
        } catch let error as DayTypes.Unknown {
            XCTAssertFalse(error.description.isEmpty, file: file, line: line)
            return "refused"
        } catch {
            XCTFail("not an input error: \(type(of: error)) \(error)", file: file, line: line)
            return "other"
        }
    }

    /// 120 mutated switch logs (seed 2027), 1 to 40 mutations each: each is fitted into a
    /// valid scenario or refused with line and column; both outcomes occur.
    func testMutatedLogsAreFittedOrRefusedNeverTrapped() throws {
        let trace = try KnownCenter.trace(days: 2)
        let base = MessyLogTests.messy(from: trace).text
        var choices = Choices(state: 2027)
        var seen: [String: Int] = [:]
        for _ in 0..<120 {
            let text = Self.mutated(base, &choices, count: 1 + choices.next(40))
            seen[outcome(Array(text.utf8), layout: MessyLogTests.map), default: 0] += 1
        }
        XCTAssertGreaterThan(seen["fitted"] ?? 0, 5, "\(seen)")
        XCTAssertGreaterThan(seen["refused"] ?? 0, 5, "\(seen)")
        XCTAssertNil(seen["other"])
    }

    /// The same on ccsim's own trace format (no map), 60 logs (seed 31).
    func testMutatedTracesAreFittedOrRefusedNeverTrapped() throws {
        let trace = String(decoding: try KnownCenter.trace(days: 2), as: UTF8.self)
        var choices = Choices(state: 31)
        for _ in 0..<60 {
            _ = outcome(Array(Self.mutated(trace, &choices, count: 1 + choices.next(30)).utf8), layout: nil)
        }
    }

    /// Column maps with a value, key or line replaced (seed 5, 200 maps): each reads into a
    /// layout or throws a `ScenarioError` naming its key path; a layout read is then used
    /// on the log (fit or refusal, as above).
    func testMutatedColumnMapsAreReadOrRefused() throws {
        let map = """
            columns: {date: date, arrival: vru_entry, ivr_exit: vru_exit, queue_start: q_start, queue_end: q_exit,
                      service_start: ser_start, service_end: ser_exit, outcome: outcome, call_type: [type], agent: server}
            outcomes: {served: [AGENT], abandoned: [HANG], ivr_only: [VRU], ignore: [PHANTOM]}
            never: ["0:00:00"]
            date_format: YYMMDD
            skew_seconds: 5
            hours: {opening: "08:00", closing: "14:00"}
            """
        let log = Array(MessyLogTests.messy(from: try KnownCenter.trace(days: 2)).text.utf8)
        let words = ["", "[]", "{}", "-1", "1e308", "nan", "\"\\0\"", "\"`id`\"", "[a, b]", "{x: 1}", "\"25:00\"", "\"\\r\\n\"", "null",
                     "YYMMDD", "index", "\"\\t\"", "AGENT", "*anchor", "&a [1]", "!!binary x", String(repeating: "k", count: 3000)]
        var choices = Choices(state: 5)
        var read = 0
        for _ in 0..<200 {
            var text = map
            for _ in 0..<(1 + choices.next(3)) {
                let scalars = Array(text.unicodeScalars)
                let at = choices.next(scalars.count)
                let cut = min(scalars.count, at + choices.next(12))
                text = String(String.UnicodeScalarView(scalars[..<at])) + words[choices.next(words.count)]
                    + String(String.UnicodeScalarView(scalars[cut...]))
            }
            do {
                let layout = try LogColumnsReader.parse(text, file: "map.yaml")
                read += 1
                _ = outcome(log, layout: layout)
            } catch let error as ScenarioError {
                XCTAssertFalse(error.description.isEmpty)
            } catch {
                XCTFail("not an input error: \(error)")
            }
        }
        XCTAssertGreaterThan(read, 0)
    }
}

/// Samples with no spread (issue 27): a law that reads back, deterministic at the value.
final class DegenerateSampleTests: XCTestCase {
    func testConstantAndSingleObservationsGetADeterministicLaw() throws {
        let constant = try XCTUnwrap(DurationFit(times: [Double](repeating: 80, count: 50) + [80.000000001]))
        XCTAssertEqual(constant.law, .deterministic(constant.mean))
        XCTAssertEqual(constant.mean, 80, accuracy: 1e-6)
        XCTAssertTrue(constant.degenerate?.contains("all 51 observations are 80 s") ?? false, constant.degenerate ?? "nil")
        let one = try XCTUnwrap(DurationFit(times: [80]))
        XCTAssertEqual(one.law, .deterministic(80))
        XCTAssertTrue(one.degenerate?.contains("one observation (80 s)") ?? false, one.degenerate ?? "nil")
        XCTAssertNil(DurationFit(times: [0, 0]))
        XCTAssertNil(DurationFit(times: [30, 40], events: [false, false]))
        let spread = try XCTUnwrap(DurationFit(times: [60, 80, 100, 120]))
        XCTAssertNil(spread.degenerate)
    }
}
