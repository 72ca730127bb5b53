import Foundation
import XCTest

/// Runs the built `ccsim` executable (a dependency of this test target).
final class CommandLineTests: XCTestCase {
    func jsonObject(_ text: String) throws -> [String: Double] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Double])
    }

    func testErlangJSONKeysPerModel() throws {
        let common = ["--calls-per-hour", "200", "--aht-seconds", "180", "--agents", "14", "--json"]
        let b = try ccsim(["erlang", "b"] + common)
        XCTAssertEqual(b.status, 0)
        XCTAssertEqual(Set(try jsonObject(b.stdout).keys), ["p_block", "occupancy"])
        let c = try ccsim(["erlang", "c"] + common)
        let cValues = try jsonObject(c.stdout)
        XCTAssertEqual(Set(cValues.keys), ["p_wait", "service_level", "asa_seconds", "occupancy"])
        XCTAssertEqual(cValues["p_wait"]!, 0.174, accuracy: 5e-4)
        let a = try ccsim(["erlang", "a"] + common + ["--patience-seconds", "120"])
        XCTAssertEqual(Set(try jsonObject(a.stdout).keys),
                       ["p_wait", "service_level", "asa_seconds", "occupancy", "abandon_rate", "mean_wait_seconds"])
    }

    func testBadInputExitsWithCodeTwoAndNoOutput() throws {
        for arguments in [
            ["erlang", "c", "--calls-per-hour=-5", "--aht-seconds", "180", "--agents", "3"],
            ["erlang", "c", "--calls-per-hour", "nan", "--aht-seconds", "180", "--agents", "3"],
            ["erlang", "c", "--calls-per-hour", "100", "--aht-seconds", "180", "--agents", "0"],
            ["erlang", "a", "--calls-per-hour", "100", "--aht-seconds", "180", "--agents", "3"],
            ["erlang", "c", "--calls-per-hour", "100", "--aht-seconds", "abc", "--agents", "3"],
            ["erlang", "x", "--calls-per-hour", "100", "--aht-seconds", "180", "--agents", "3"],
        ] {
            let outcome = try ccsim(arguments)
            XCTAssertEqual(outcome.status, 2, "\(arguments): \(outcome.stderr)")
            XCTAssertEqual(outcome.stdout, "", "\(arguments)")
            XCTAssertFalse(outcome.stderr.isEmpty)
        }
        let negative = try ccsim(["erlang", "c", "--calls-per-hour=-5", "--aht-seconds", "180", "--agents", "3"])
        XCTAssertTrue(negative.stderr.contains("calls-per-hour: must be a positive finite number (got -5.0)"))
    }

    /// Found by fuzzing: astronomically large numbers are input errors, not traps.
    func testExtremeNumbersNeverCrash() throws {
        let huge = try ccsim(["erlang", "b", "--calls-per-hour=1e300", "--aht-seconds=1e300", "--agents", "1"])
        XCTAssertEqual(huge.status, 2, huge.stderr)
        XCTAssertTrue(huge.stderr.contains("offered load must be at most"))
        let patient = try ccsim(["erlang", "a", "--calls-per-hour", "6000", "--aht-seconds", "180",
                                 "--patience-seconds", "1e12", "--agents", "200"])
        XCTAssertEqual(patient.status, 1, patient.stderr)
        let staff = try ccsim(["staff", "--calls-per-hour", "6000", "--aht-seconds", "180", "--patience-seconds", "1e12",
                               "--around", "0"])
        XCTAssertEqual(staff.status, 0, staff.stderr)
        XCTAssertTrue(staff.stdout.contains("Agents required: Erlang C 309, Erlang A 309."), staff.stdout)
    }

    /// Found by fuzzing: a failing write to standard error (a full device) is not a trap
    /// (it was SIGILL, exit 4): bad input still exits 2, whether the message gets out or not.
    func testHugeNumbersAndFullStandardErrorDoNotTrap() throws {
        let full = try ccsim(["erlang", "c", "--calls-per-hour", "1e300", "--aht-seconds", "1e300", "--agents", "1"],
                             stderrPath: "/dev/full")
        XCTAssertEqual(full.status, 2)
        let missing = try ccsim(["validate", "/no/such/file.yaml"], stderrPath: "/dev/full")
        XCTAssertEqual(missing.status, 2)
    }

    func testUnstableErlangCSaysSo() throws {
        let outcome = try ccsim(["erlang", "c", "--calls-per-hour", "200", "--aht-seconds", "180", "--agents", "10"])
        XCTAssertEqual(outcome.status, 1)
        XCTAssertTrue(outcome.stderr.contains("unstable"))
        XCTAssertEqual(outcome.stdout, "")
    }

    func testStaffTableWithSimulation() throws {
        let outcome = try ccsim(["staff", "--calls-per-hour", "200", "--aht-seconds", "180", "--patience-seconds", "120",
                                 "--simulate", "--replications", "3", "--calls", "3000", "--warmup-calls", "100",
                                 "--around", "1"])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertTrue(outcome.stdout.contains("Agents required: Erlang C 14, Erlang A 12."), outcome.stdout)
        XCTAssertTrue(outcome.stdout.contains("sim SL"))
        // The agents simulation requires: decided on replications, checked on fresh ones.
        XCTAssertTrue(outcome.stdout.contains("Simulation requires 12 agents (expected goal: the service level (20 s) over "
                                              + "replications (ratio of sums) ≥ 80.0 %)"), outcome.stdout)
        XCTAssertTrue(outcome.stdout.contains("fresh replications"), outcome.stdout)
    }

    /// An unknown command: exit 2, the closest command suggested, the list given.
    func testUnknownCommandIsSuggested() throws {
        let typo = try ccsim(["rnu", "Scenarios/erlang-a-100.yaml"])
        XCTAssertEqual(typo.status, 2)
        XCTAssertTrue(typo.stderr.hasPrefix("ccsim: no command 'rnu' (did you mean 'run'?); the commands: run, compare, "), typo.stderr)
        let unknown = try ccsim(["frobnicate"])
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.hasPrefix("ccsim: no command 'frobnicate'; the commands: "), unknown.stderr)
        XCTAssertEqual(try ccsim(["help", "run"]).status, 0)
    }
}
