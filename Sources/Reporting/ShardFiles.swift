import Experiments
import Foundation
import Measures

/// A shard folder (`ccsim run|compare|sweep --shard I/N`): what `ccsim merge` needs to
/// rebuild the run's results exactly.
///
/// - `records.csv`: one row per unit, `config,replication,ended_calls,requested_calls,
///   unfinished,ivr_step_limit,truncated,conserved,busyness,numerators,denominators,
///   period_numerators,period_denominators` (busyness: the day's factor B, a control variate); the four lists are space-separated shortest
///   round-trip decimals (they read back to the same doubles);
/// - `wait-buckets.csv`: per configuration `config,zeros,overflows,total,buckets` (buckets as
///   `index:count`, integers: sums over shards are exact);
/// - `scenario.yaml`: the scenario file as run (its SHA-256 in the manifest);
/// - `manifest.json`: `"kind": "shard"`, `shard_index`, `shard_count`, `units`,
///   `options` (what else decides the results: the command, its comparison plan, sweep
///   parameters, `control_variates`), with the usual provenance and each file's SHA-256.
public enum ShardFiles {
    /// Largest count a shard record may hold (2^40 calls in one replication): sums over
    /// the 100,000 replications a run may have stay far inside Int and UInt64, so a forged
    /// or corrupt record is refused, never an overflow trap.
    static let maximumCount = 1 << 40
    /// Largest magnitude of a numerator or denominator (seconds or counts of one replication).
    static let maximumFigure = 1e18

    public static let recordsHeader = "config,replication,ended_calls,requested_calls,unfinished,ivr_step_limit,truncated,conserved,"
        + "busyness,numerators,denominators,period_numerators,period_denominators"

    /// Writes the shard folder (one folder state, `Manifest.publish`).
    @discardableResult
    public static func write(_ result: ShardResult, index: Int, count: Int, options: [String: JSON], scenarioBytes: [UInt8],
                             fields: [String: JSON], to directory: String) throws -> [String] {
        var records = recordsHeader + "\n"
        for (u, r) in zip(result.units, result.records) {
            let cells = [String(u.config), String(u.replication), String(r.endedCalls), r.requestedCalls.map(String.init) ?? "",
                         String(r.unfinished), String(r.ivrStepLimit), r.truncated ? "1" : "0", r.conserved ? "1" : "0",
                         ReplicationsFile.number(r.busyness), list(r.numerators), list(r.denominators), list(r.periodNumerators), list(r.periodDenominators)]
            records += cells.joined(separator: ",") + "\n"
        }
        var waits = "config,zeros,overflows,total,buckets\n"
        for (c, w) in result.waits.enumerated() {
            waits += "\(c),\(w.zeroCount),\(w.overflowCount),\(w.total),"
                + w.nonzeroBuckets.map { "\($0.bucket):\($0.count)" }.joined(separator: " ") + "\n"
        }
        var manifest = fields
        manifest["kind"] = .string("shard")
        manifest["shard_index"] = .integer(index)
        manifest["shard_count"] = .integer(count)
        manifest["units"] = .integer(result.units.count)
        manifest["options"] = .object(options)
        return try Manifest.publish(directory, files: [
            (name: "records.csv", contents: records),
            (name: "wait-buckets.csv", contents: waits),
            (name: "scenario.yaml", contents: String(decoding: scenarioBytes, as: UTF8.self)),
        ], fields: manifest)
    }

    static func list(_ xs: [Double]) -> String { xs.map(ReplicationsFile.number).joined(separator: " ") }

    public struct ReadError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Reads a shard folder, checking that its files are the ones its manifest lists and
    /// that every row parses; `configs` bounds the configuration indices.
    public static func read(_ directory: String, configs: Int? = nil) throws -> ShardContents {
        do { try Manifest.verify(directory) } catch let e as Manifest.MixedFolder { throw ReadError(description: e.description) }
        func fail(_ message: String) -> ReadError { ReadError(description: "\(directory): \(message)") }
        guard let data = FileManager.default.contents(atPath: directory + "/manifest.json"),
              let manifest = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw fail("manifest.json cannot be read")
        }
        guard manifest["kind"] as? String == "shard", let index = manifest["shard_index"] as? Int,
              let count = manifest["shard_count"] as? Int, count >= 1, count <= 100_000, index >= 0, index < count else {
            throw fail("not a shard folder (its manifest.json has no shard_index and shard_count; made by ccsim … --shard I/N)")
        }
        guard let options = manifest["options"] as? [String: Any], let command = options["command"] as? String,
              let seed = (manifest["seed"] as? NSNumber)?.uint64Value, let replications = manifest["replications"] as? Int,
              let scenarioFile = manifest["scenario_file"] as? String else {
            throw fail("manifest.json lacks the run's options, seed, replications or scenario file")
        }
        var identity: [String: String] = [:]
        for (key, value) in manifest where !["shard_index", "units", "started_utc", "finished_utc", "files", "arguments", "scenario_file", "manifest_sha256"].contains(key) {
            let rendered = (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed])) ?? Data()
            identity[key] = String(decoding: rendered, as: UTF8.self)
        }
        guard let scenario = FileManager.default.contents(atPath: directory + "/scenario.yaml"),
              let records = FileManager.default.contents(atPath: directory + "/records.csv"),
              let waits = FileManager.default.contents(atPath: directory + "/wait-buckets.csv") else {
            throw fail("records.csv, wait-buckets.csv or scenario.yaml missing")
        }
        var units: [ShardSplit.Unit] = [], rows: [ReplicationRecord] = []
        let lines = String(decoding: records, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first.map(String.init) == recordsHeader else { throw fail("records.csv: line 1: not the header \(recordsHeader)") }
        for (n, line) in lines.enumerated().dropFirst() where !line.isEmpty {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            func bad(_ what: String) -> ReadError { fail("records.csv: line \(n + 1): \(what)") }
            guard cells.count == 13 else { throw bad("expected 13 fields (got \(cells.count))") }
            func int(_ i: Int) throws -> Int {
                guard let v = Int(cells[i]), v >= 0, v <= maximumCount else {
                    throw bad("field \(i + 1): not a count in 0...\(maximumCount) (got \(cells[i].prefix(20)))")
                }
                return v
            }
            func doubles(_ i: Int) throws -> [Double] {
                try cells[i].split(separator: " ").map {
                    guard let x = Double($0), abs(x) <= maximumFigure else {
                        throw bad("field \(i + 1): not a number within ±\(maximumFigure) (got \($0.prefix(20)))")
                    }
                    return x
                }
            }
            let unit = ShardSplit.Unit(config: try int(0), replication: try int(1))
            if let configs, unit.config >= configs { throw bad("configuration \(unit.config) does not exist (the scenario has \(configs))") }
            let busyness = try doubles(8)
            guard busyness.count == 1, busyness[0] >= 0 else { throw bad("field 9: not a busyness factor ≥ 0 (got \(cells[8].prefix(20)))") }
            let record = ReplicationRecord(
                numerators: try doubles(9), denominators: try doubles(10), periodNumerators: try doubles(11),
                periodDenominators: try doubles(12), endedCalls: try int(2), requestedCalls: cells[3].isEmpty ? nil : try int(3),
                unfinished: try int(4), ivrStepLimit: try int(5), truncated: cells[6] == "1", conserved: cells[7] == "1",
                busyness: busyness[0])
            guard record.numerators.count == record.denominators.count,
                  record.periodNumerators.count == record.periodDenominators.count else { throw bad("lists of unequal length") }
            units.append(unit)
            rows.append(record)
        }
        var histograms: [WaitHistogram] = []
        for (n, line) in String(decoding: waits, as: UTF8.self).split(separator: "\n").enumerated().dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            var buckets: [(bucket: Int, count: UInt64)] = []
            for item in cells.count == 5 ? cells[4].split(separator: " ") : [] {
                let pair = item.split(separator: ":")
                guard pair.count == 2, let b = Int(pair[0]), let c = UInt64(pair[1]), c <= UInt64(maximumCount) else { throw fail("wait-buckets.csv: line \(n + 1): bad bucket \(item.prefix(20))") }
                buckets.append((b, c))
            }
            guard cells.count == 5, Int(cells[0]) == histograms.count, let z = UInt64(cells[1]), let o = UInt64(cells[2]),
                  let t = UInt64(cells[3]), [z, o, t].allSatisfy({ $0 <= UInt64(maximumCount) }), let h = WaitHistogram(zeros: z, overflows: o, total: t, buckets: buckets) else {
                throw fail("wait-buckets.csv: line \(n + 1): not a histogram of configuration \(histograms.count)")
            }
            histograms.append(h)
        }
        return ShardContents(directory: directory, index: index, count: count, identity: identity, command: command,
                     comparison: options["comparison"] as? String, params: options["params"] as? [String] ?? [],
                     controlVariates: options["control_variates"] as? Bool ?? false, seed: seed,
                     replications: replications, scenarioFile: scenarioFile, scenarioBytes: Array(scenario),
                     units: units, records: rows, waits: histograms)
    }
}
