import Foundation
import Reporting

/// This process's invocation, for manifest.json: when it started, its arguments, and the
/// git commit of the checkout it runs from.
enum Invocation {
    /// Set first thing in `CCSim.main` (a global is initialised on first use).
    nonisolated(unsafe) static var started = Date()

    static func provenance(command: String, scenarioFile: String, bytes: [UInt8],
                           serviceLevelTargetSeconds: Double? = nil) -> RunProvenance {
        RunProvenance(command: command, arguments: Array(CommandLine.arguments.dropFirst()), scenarioFile: scenarioFile,
                      scenarioSHA256: SHA256.hex(bytes), ccsimVersion: CCSimVersion.string, gitCommit: gitCommit,
                      startedUTC: ISO8601DateFormatter().string(from: started),
                      serviceLevelTargetSeconds: serviceLevelTargetSeconds)
    }

    /// The commit of the git checkout holding this executable (`…/.build/<config>/ccsim`),
    /// with `-dirty` when tracked files differ from it; nil when the executable is not in
    /// a checkout or git is not installed.
    static let gitCommit: String? = {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var folder = URL(fileURLWithPath: executable).deletingLastPathComponent()
        while folder.path != "/" {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent(".git").path),
               FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
                guard let head = git(["rev-parse", "HEAD"], in: folder.path), head.count == 40 else { return nil }
                let changes = git(["status", "--porcelain", "--untracked-files=no"], in: folder.path)
                return head + (changes.map { $0.isEmpty } == false ? "-dirty" : "")
            }
            folder = folder.deletingLastPathComponent()
        }
        return nil
    }()

    /// git's trimmed standard output, or nil when it cannot run or fails.
    static func git(_ arguments: [String], in folder: String) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", folder] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
