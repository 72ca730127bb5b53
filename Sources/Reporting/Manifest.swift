import Experiments
import Stochastic
import Foundation

/// What manifest.json records about a run besides its results: which command made the
/// folder, from what, with which software, when.
public struct RunProvenance: Sendable {
    /// The subcommand (`run`, `compare`, `sweep`, `staff`) and every argument after it.
    public var command: String
    public var arguments: [String]
    public var scenarioFile: String
    public var scenarioSHA256: String
    public var ccsimVersion: String
    /// The git commit of the checkout ccsim was run from (`-dirty` when tracked files
    /// differ from it); nil outside a checkout.
    public var gitCommit: String?
    public var gslVersion: String
    /// UTC time stamps, ISO 8601: when the command started (the end is stamped when the
    /// folder is written). With the arguments, the only fields that differ between
    /// identical runs.
    public var startedUTC: String
    /// The scenario's service-level target (seconds) and goal (fraction), for plots.
    public var serviceLevelTargetSeconds: Double?
    public var serviceLevelGoal: Double?

    public init(command: String, arguments: [String], scenarioFile: String, scenarioSHA256: String, ccsimVersion: String,
                gitCommit: String?, gslVersion: String = GSL.version, startedUTC: String, serviceLevelTargetSeconds: Double? = nil) {
        self.command = command
        self.arguments = arguments
        self.scenarioFile = scenarioFile
        self.scenarioSHA256 = scenarioSHA256
        self.ccsimVersion = ccsimVersion
        self.gitCommit = gitCommit
        self.gslVersion = gslVersion
        self.startedUTC = startedUTC
        self.serviceLevelTargetSeconds = serviceLevelTargetSeconds
    }
}

/// manifest.json: the provenance of a results folder and the SHA-256 of every file the
/// command wrote into it (`"files"`), so that a reader can tell a folder whose files come
/// from different runs (copied in by hand) from one written whole (`verify`).
public enum Manifest {
    /// The manifest's fields for a run of `scenario` with `seed` and `replications`, before
    /// the files are listed (`publish` adds `files` and `finished_utc`).
    public static func fields(scenario: String, seed: UInt64, replications: Int, _ p: RunProvenance) -> [String: JSON] {
        var fields: [String: JSON] = [
            "command": .string(p.command),
            "arguments": .array(p.arguments.map { .string($0) }),
            "scenario": .string(scenario),
            "scenario_file": .string(p.scenarioFile),
            "scenario_sha256": .string(p.scenarioSHA256),
            "seed": .integer(Int(seed)),
            "replications": .integer(replications),
            "ccsim_version": .string(p.ccsimVersion),
            "gsl_version": .string(p.gslVersion),
            "started_utc": .string(p.startedUTC),
            "random_streams": .string("MRG32k3a (L'Ecuyer 1999) as a GSL generator; stream per (seed, purpose, entity), substream per replication"),
        ]
        if let c = p.gitCommit { fields["git_commit"] = .string(c) }
        if let t = p.serviceLevelTargetSeconds { fields["service_level_target_seconds"] = .number(t) }
        if let g = p.serviceLevelGoal { fields["service_level_goal"] = .number(g) }
        return fields
    }

    /// Replaces `directory` by a folder holding `files` and manifest.json (`fields`, the
    /// end time, and each file's SHA-256 under `"files"`), as one folder state
    /// (`ResultsFolder.replace`; a folder another command wrote only with `force`); returns
    /// the paths written, manifest last.
    @discardableResult
    public static func publish(_ directory: String, files: [(name: String, contents: String)], fields: [String: JSON],
                               force: Bool = false) throws -> [String] {
        var manifest = fields
        manifest["format"] = .string(ResultsFolder.formatMarker)
        manifest["finished_utc"] = .string(ISO8601DateFormatter().string(from: Date()))
        manifest["files"] = .object(Dictionary(uniqueKeysWithValues: files.map { ($0.name, JSON.string(SHA256.hex(Array($0.contents.utf8)))) }))
        manifest["manifest_sha256"] = .string(SHA256.hex(Array((JSON.object(manifest).rendered() + "\n").utf8)))
        var command: String?
        if case .string(let made)? = fields["command"] {
            command = made
            if made == "merge", case .object(let merged)? = fields["merged"], case .string(let what)? = merged["command"] {
                command = what
            }
        }
        return try ResultsFolder.replace(directory, with: files + [(name: "manifest.json", contents: JSON.object(manifest).rendered() + "\n")],
                                         command: command, force: force)
    }

    /// The manifest's own digest: `manifest_sha256` is the SHA-256 of manifest.json without
    /// that line (every other field: the command, scenario, seed, file list, …), so an
    /// edited field no longer matches. Nil when it matches, else what is wrong.
    static func identityProblem(_ text: String) -> String? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let prefix = "  \"manifest_sha256\": \""
        guard let k = lines.firstIndex(where: { $0.hasPrefix(prefix) }) else {
            return "has no manifest_sha256 (written by an older ccsim, or by hand): run the command again"
        }
        let recorded = lines[k].dropFirst(prefix.count).prefix(64)
        var rest = lines
        rest.remove(at: k)
        guard SHA256.hex(Array(rest.joined(separator: "\n").utf8)) == recorded else {
            return "was edited after ccsim wrote it (manifest_sha256 does not match its fields): run the command again"
        }
        return nil
    }

    public struct MixedFolder: Error, CustomStringConvertible {
        public let description: String
    }

    /// Checks that `directory` is one run's results: its manifest lists files, each present
    /// with the SHA-256 recorded, and no other result file (`.csv`, `.json`) lies beside
    /// them. Figures drawn later (`plot`) are not results and are ignored. Returns the
    /// manifest's listed file names.
    @discardableResult
    public static func verify(_ directory: String) throws -> [String] {
        struct File: Decodable { let format: String?; let files: [String: String]? }
        let path = directory + "/manifest.json"
        guard let data = FileManager.default.contents(atPath: path) else {
            throw MixedFolder(description: "\(directory): not a ccsim results folder (no manifest.json)")
        }
        let file = try? JSONDecoder().decode(File.self, from: data)
        guard file?.format == ResultsFolder.formatMarker, let listed = file?.files else {
            throw MixedFolder(description: "\(path): not a manifest of this ccsim (written by an older ccsim, or by hand): run the command again")
        }
        if let problem = identityProblem(String(decoding: data, as: UTF8.self)) { throw MixedFolder(description: "\(path): " + problem) }
        var problems: [String] = []
        for (name, digest) in listed.sorted(by: { $0.key < $1.key }) {
            guard let bytes = FileManager.default.contents(atPath: directory + "/" + name) else {
                problems.append("\(name) is missing")
                continue
            }
            if SHA256.hex(Array(bytes)) != digest { problems.append("\(name) is not the file this run wrote") }
        }
        let present = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        for name in present.sorted() where (name.hasSuffix(".csv") || name.hasSuffix(".json")) && name != "manifest.json"
            && listed[name] == nil && !name.hasPrefix(".") {
            problems.append("\(name) is not from this run")
        }
        guard problems.isEmpty else {
            throw MixedFolder(description: "\(directory): files from different runs (" + problems.joined(separator: "; ")
                + "); run the command again into an empty or ccsim results folder")
        }
        return listed.keys.sorted()
    }
}
