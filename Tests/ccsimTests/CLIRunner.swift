import Foundation

/// What one run of the `ccsim` executable printed and returned.
struct Outcome { let status: Int32; let stdout: String; let stderr: String }

/// Runs the built `ccsim` executable (a dependency of this test target) with `arguments`;
/// with `stderrPath` its standard error goes to that file (e.g. /dev/full) instead; with
/// `environment`, those variables are set and the job-array ones of the test's own
/// environment (Slurm, AWS Batch, Kubernetes) removed.
func ccsim(_ arguments: [String], stderrPath: String? = nil, environment: [String: String]? = nil) throws -> Outcome {
    let process = Process()
    process.executableURL = ccsimExecutable()
    process.arguments = arguments
    if let environment {
        let jobArray = ["SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_MIN", "SLURM_ARRAY_TASK_COUNT", "AWS_BATCH_JOB_ARRAY_INDEX",
                        "JOB_COMPLETION_INDEX"]
        process.environment = ProcessInfo.processInfo.environment.filter { !jobArray.contains($0.key) }.merging(environment) { $1 }
    }
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

/// The built `ccsim` executable beside the test bundle.
func ccsimExecutable() -> URL {
    let directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    let binary = directory.appendingPathComponent("ccsim")
    return FileManager.default.fileExists(atPath: binary.path) ? binary  // else the xctest bundle is one level deeper
        : directory.deletingLastPathComponent().appendingPathComponent("ccsim")
}

/// Runs any executable in `folder` with a time bound (then it is stopped); its status and
/// output (written to files, so a chatty tool cannot block on a full pipe).
func runProcess(_ executable: String, _ arguments: [String], in folder: URL, seconds: Double = 60,
                environment: [String: String]? = nil) throws -> Outcome {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.currentDirectoryURL = folder
    if let environment { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("ccsim-out-\(UUID().uuidString)")
    let err = FileManager.default.temporaryDirectory.appendingPathComponent("ccsim-err-\(UUID().uuidString)")
    defer {
        try? FileManager.default.removeItem(at: out)
        try? FileManager.default.removeItem(at: err)
    }
    FileManager.default.createFile(atPath: out.path, contents: nil)
    FileManager.default.createFile(atPath: err.path, contents: nil)
    process.standardOutput = try FileHandle(forWritingTo: out)
    process.standardError = try FileHandle(forWritingTo: err)
    try process.run()
    let deadline = Date().addingTimeInterval(seconds)
    while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
    if process.isRunning { process.terminate() }
    process.waitUntilExit()
    return Outcome(status: process.terminationStatus, stdout: try String(contentsOf: out, encoding: .utf8),
                   stderr: try String(contentsOf: err, encoding: .utf8))
}

/// A small IVR scenario with a check: block; `promptSeconds` is the main menu's first
/// option announcement.
func writeCheckedScenario(in scratch: URL, promptSeconds: Double = 5) throws -> String {
    let text = """
        name: checked
        seed: 4
        replications: 4
        horizon: {calls: 3000}
        intents:
          - {name: balance, skill: accounts, service: {exponential: {mean: 150}}}
          - {name: agent, skill: general, service: {exponential: {mean: 200}}}
        call_types:
          - name: general
            arrivals: {per_hour: 300}
            intents: {balance: 0.6, agent: 0.4}
            ivr_patience: {exponential: {mean: 120}}
            patience: {exponential: {mean: 120}}
        agents: [{group: all, count: 12, skills: [accounts, general]}]
        ivr:
          start: hello
          nodes:
            hello: {announcement: {seconds: 10, next: main}}
            main:
              menu:
                intro_seconds: 3
                options:
                  - {label: balance, seconds: \(promptSeconds), to: balance}
                  - {label: agent, seconds: 5, to: to_general}
            balance: {self_service: {seconds: 30, success: {balance: 0.9}, on_failure: to_accounts}}
            to_accounts: {transfer: {skill: accounts}}
            to_general: {transfer: {skill: general}}
        check:
          metrics:
            mean_ivr_seconds: {ci: 3}
            transfer_rate: {absolute: 0.02}
            asa_seconds: {relative: 0.5}
        """
    let path = scratch.appendingPathComponent("checked.yaml").path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

/// A day in 3 periods with busyness and two variants (plan, more agents), written to
/// `folder`/day.yaml; `redial` adds redials (30 %, a minute later).
func writeSmallDayScenario(in folder: URL, replications: Int, redial: Bool = false) throws -> String {
    let file = folder.appendingPathComponent("day.yaml").path
    try """
        name: small-day
        seed: 5
        replications: \(replications)
        periods: {minutes: 30, count: 3, opening: "09:00"}
        busyness: {shape: 25}
        service_level: {target_seconds: 20}
        call_types:
          - name: general
            arrivals: {per_hour_by_period: [300, 500, 200]}
            service: {exponential: {mean: 240}}
            patience: {exponential: {mean: 180}}
        \(redial ? "    redial: {probability: 0.3, delay: {exponential: {mean: 60}}}" : "")
        agents:
          - group: universal
            count_by_period: [20, 30, 15]
            skills: [general]
        variants:
          - name: plan
          - name: more
            set: {agents.universal.count_by_period: [22, 33, 17]}
        """.write(toFile: file, atomically: true, encoding: .utf8)
    return file
}
