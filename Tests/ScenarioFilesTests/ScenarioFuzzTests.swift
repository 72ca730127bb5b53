import ContactCenter
import Foundation
import ScenarioFiles
import Stochastic
import XCTest

/// Fuzzing the scenario reader in the suite: 3,000 mutants of the shipped scenarios (250
/// per mutation kind, seed 20261129). Whatever the input, reading never traps or hangs: it
/// returns a valid scenario or throws a `ScenarioError` whose every problem names a key
/// path or a line. A mutant that reads as valid is simulated (one short replication) and
/// must end with its calls conserved — no trap, no silently dropped call. Each case takes
/// well under a second (the slowest is printed; asserted under 2 s against machine noise).
/// The command line's exit codes are fuzzed in `ccsimTests.CommandLineFuzzTests`.
final class ScenarioFuzzTests: XCTestCase {
    static let scenarioNames = ["bank-hotline", "erlang-a-100", "ivr-depth", "routing-policies", "staffing-day"]

    static func shippedTexts() throws -> [String] {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Scenarios")
        return try scenarioNames.map { try String(contentsOf: folder.appendingPathComponent("\($0).yaml"), encoding: .utf8) }
    }

    /// Values that broke readers and models before: extremes, non-numbers, wrong types.
    static let replacements = ["0", "-1", "1e308", "-1e308", "1e-308", ".nan", ".inf", "-.inf", "999999999999", "0.5", "1e9",
                               "2", "\"\"", "x", "[]", "{}", "[1, 2]", "{a: 1}", "null", "true", "*anchor", "&a 3", "0x10",
                               "1_000", "12:30", "~", "'", "\"unterminated", "- 1", "4294967296", "-0"]

    enum Mutation: CaseIterable {
        case deleteLine, duplicateLine, swapLines, replaceValue, indentLine, truncate, insertBytes, replaceKey
        case aliasValue, mergeKey, deepNesting, invalidUTF8
    }

    /// One mutant of `text` of the given kind, drawn from `stream`.
    static func mutate(_ text: String, _ kind: Mutation, _ stream: RandomStream) -> String {
        var lines = text.components(separatedBy: "\n")
        func pick(_ n: Int) -> Int { min(n - 1, Int(stream.uniform() * Double(n))) }
        let i = pick(lines.count)
        switch kind {
        case .deleteLine: lines.remove(at: i)
        case .duplicateLine: lines.insert(lines[i], at: i)
        case .swapLines: lines.swapAt(i, pick(lines.count))
        case .replaceValue:
            // The value after the line's last ": " (or the whole line's last token).
            let line = lines[i]
            let value = replacements[pick(replacements.count)]
            if let colon = line.range(of: ": ", options: .backwards) {
                lines[i] = String(line[..<colon.upperBound]) + value
            } else {
                lines[i] = line + " " + value
            }
        case .indentLine: lines[i] = String(repeating: " ", count: pick(7)) + lines[i].trimmingCharacters(in: .whitespaces)
        case .truncate:
            let joined = lines.joined(separator: "\n")
            return String(joined.prefix(pick(joined.count + 1)))
        case .insertBytes:
            let junk = ["\t", "\u{0}", "\u{7}", "é", "😀", ":", "{", "}", "[", "]", "#", "&", "*", "!", "|", ">", "%", "@", "`", ",", "?"]
            var line = Array(lines[i])
            line.insert(contentsOf: junk[pick(junk.count)], at: pick(line.count + 1))
            lines[i] = String(line)
        case .aliasValue:
            // An anchor on one value, an alias (or an alias used as a key) elsewhere.
            let j = pick(lines.count)
            if let colon = lines[i].range(of: ": ") { lines[i].insert(contentsOf: "&a ", at: colon.upperBound) }
            if stream.uniform() < 0.5, let colon = lines[j].range(of: ": ") {
                lines[j] = String(lines[j][..<colon.upperBound]) + "*a"
            } else {
                lines[j] = String(lines[j].prefix { $0 == " " }) + "*a: 1"
            }
        case .mergeKey:
            let indent = String(lines[i].prefix { $0 == " " || $0 == "-" }.map { _ in " " })
            lines.insert(indent + (stream.uniform() < 0.5 ? "<<: {seed: 3}" : "<<: *a"), at: i)
        case .deepNesting:
            let depth = 1 + pick(3_000)
            let nested = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
            if let colon = lines[i].range(of: ": ") { lines[i] = String(lines[i][..<colon.upperBound]) + nested }
        case .invalidUTF8:
            return lines.joined(separator: "\n")  // made invalid at the byte level by the caller
        case .replaceKey:
            let keys = ["seed", "replications", "agents", "count", "per_hour", "mean", "sd", "patience", "target_seconds", "goal",
                        "periods", "options", "to", "skill", "probability", "weight", "zzz", "call_types", "ivr", "variants"]
            let line = lines[i]
            if let colon = line.firstIndex(of: ":") {
                let indent = line.prefix { $0 == " " || $0 == "-" }
                lines[i] = indent + keys[pick(keys.count)] + line[colon...]
            }
        }
        return lines.joined(separator: "\n")
    }

    /// Expected calls of one replication (day plans: Σ rate × period length).
    static func expectedCalls(_ config: CenterConfig) -> Double {
        guard let day = config.day else { return Double(config.simulatedCallsPerReplication) }
        return day.arrivalsPerHour.reduce(0) { $0 + $1.reduce(0, +) } * day.periodSeconds / 3600
    }

    func testMutantsNeverTrapAndAlwaysSayWhere() throws {
        let texts = try Self.shippedTexts()
        let stream = RandomStream(StreamID(seed: 20_261_129, purpose: .test, entity: 99), replication: 0)
        var outcomes = (valid: 0, invalid: 0, simulated: 0)
        var slowest = 0.0
        for kind in Mutation.allCases {
            for k in 0..<250 {
                let mutant = Self.mutate(texts[k % texts.count], kind, stream)
                var bytes = Array(mutant.utf8)
                if kind == .invalidUTF8 {
                    let invalid: [[UInt8]] = [[0xFF], [0xC3], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xEF, 0xBB, 0xBF]]
                    bytes.insert(contentsOf: invalid[k % invalid.count], at: min(bytes.count, Int(stream.uniform() * Double(bytes.count + 1))))
                }
                let started = Date()
                defer { slowest = max(slowest, Date().timeIntervalSince(started)) }
                let scenario: Scenario
                do {
                    scenario = try ScenarioLoader.parse(bytes: bytes, file: "mutant.yaml")
                } catch let error as ScenarioError {
                    outcomes.invalid += 1
                    for problem in error.problems {
                        // Problems of the file as a whole ("is empty", "is not UTF-8 text") need no place.
                        let wholeFile = problem.path.isEmpty && problem.message.hasPrefix("is ")
                        XCTAssertTrue(wholeFile || !problem.path.isEmpty || problem.line != nil, "\(kind) #\(k): no place in \(problem)")
                        XCTAssertFalse(problem.message.isEmpty)
                    }
                    continue
                } catch {
                    XCTFail("\(kind) #\(k): not a ScenarioError: \(error)")
                    continue
                }
                outcomes.valid += 1
                XCTAssertTrue(scenario.config.problems.isEmpty, "\(kind) #\(k): read as valid with \(scenario.config.problems)")
                // Simulate the valid ones that stay small (a mutant may ask for billions of calls).
                var config = scenario.config
                if case .calls(let warmup, let measured) = config.horizon {
                    config.horizon = .calls(warmupCalls: min(warmup, 100), measuredCalls: min(measured, 500))
                }
                guard Self.expectedCalls(config) <= 3_000 else { continue }
                let c = CenterModel.simulate(config, seed: scenario.seed, replication: 0)
                XCTAssertTrue(c.offered + c.redials == c.endedCalls + c.unfinished, "\(kind) #\(k): calls not conserved")
                outcomes.simulated += 1
            }
        }
        print("scenario fuzzing: \(outcomes.valid) valid (\(outcomes.simulated) simulated), \(outcomes.invalid) refused; "
              + "slowest case \(slowest) s")
        XCTAssertLessThan(slowest, 2)
        XCTAssertGreaterThan(outcomes.invalid, 500)
        XCTAssertGreaterThan(outcomes.valid, 200)
    }
}
