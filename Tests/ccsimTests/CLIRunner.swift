import Foundation

/// What one run of the `ccsim` executable printed and returned.
struct Outcome { let status: Int32; let stdout: String; let stderr: String }

/// Runs the built `ccsim` executable (a dependency of this test target) with `arguments`;
/// with `stderrPath` its standard error goes to that file (e.g. /dev/full) instead.
func ccsim(_ arguments: [String], stderrPath: String? = nil) throws -> Outcome {
    let directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    var binary = directory.appendingPathComponent("ccsim")
    if !FileManager.default.fileExists(atPath: binary.path) {  // xctest bundle one level deeper
        binary = directory.deletingLastPathComponent().appendingPathComponent("ccsim")
    }
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = try stderrPath.map { try FileHandle(forWritingTo: URL(fileURLWithPath: $0)) } ?? err
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    try err.fileHandleForWriting.close()  // unused when stderr goes to a file: no reader waits on it
    let stderr = stderrPath == nil ? err.fileHandleForReading.readDataToEndOfFile() : Data()
    process.waitUntilExit()
    return Outcome(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                   stderr: String(decoding: stderr, as: UTF8.self))
}
