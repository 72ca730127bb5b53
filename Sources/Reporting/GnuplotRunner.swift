import Dispatch
import Foundation

/// Runs an external drawing tool (gnuplot on a template, Graphviz's dot on a graph; found
/// on the PATH through /usr/bin/env) with a time bound: a run that takes longer than
/// `seconds` is stopped and reported, never waited on forever.
struct GnuplotRunner: Sendable {
    let executable: String
    let seconds: Double
    /// The Debian package that provides it (for the message when it is missing).
    var package = "gnuplot-nox"

    func run(arguments: [String], template: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [executable] + arguments
        let errors = Pipe()
        process.standardError = errors
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        do { try process.run() } catch {
            throw Plotter.PlotError(description: "cannot start \(executable) (\(error)); install \(package) (make deps)")
        }
        // Read gnuplot's messages while it runs (a full pipe would block it).
        let messages = MessageBuffer()
        let reader = errors.fileHandleForReading
        let drained = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            messages.data = reader.readDataToEndOfFile()
            drained.signal()
        }
        if exited.wait(timeout: .now() + seconds) == .timedOut {
            process.terminate()
            if exited.wait(timeout: .now() + 2) == .timedOut { kill(process.processIdentifier, SIGKILL) }
            _ = drained.wait(timeout: .now() + 1)  // a child of a wrapper may still hold the pipe
            throw Plotter.PlotError(description: "\(executable) did not finish \(template) within \(Int(seconds.rounded())) s; stopped")
        }
        drained.wait()
        guard process.terminationStatus == 0 else {
            let text = String(decoding: messages.data, as: UTF8.self)
            let status = process.terminationStatus == 127 ? "not found (install \(package): make deps)" : "failed"
            throw Plotter.PlotError(description: "\(executable) \(status) on \(template): \(text)")
        }
    }
}

/// What a background reader collected; read only after it signalled.
private final class MessageBuffer: @unchecked Sendable {
    var data = Data()
}
