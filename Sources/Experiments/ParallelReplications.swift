import Dispatch
import Foundation

/// Runs `count` independent jobs on up to `jobs` threads. Replication r always runs
/// `work(r)` and its result lands at index r, so the returned array (and everything
/// computed from it) is the same for any `jobs`.
/// `finished(r)` is called on the worker thread right after replication r completes
/// (for progress reports; it must be thread-safe and must not influence results).
public func runReplications<Result: Sendable>(
    count: Int, jobs: Int, finished: @Sendable (Int) -> Void = { _ in }, _ work: @Sendable (Int) -> Result
) -> [Result] {
    precondition(count >= 0 && jobs >= 1)
    let slots = ResultSlots<Result>(count: count)
    let workers = min(jobs, max(count, 1))
    if workers == 1 {
        for r in 0..<count {
            slots.store(work(r), at: r)
            finished(r)
        }
    } else {
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var r = worker
            while r < count {
                slots.store(work(r), at: r)
                finished(r)
                r += workers
            }
        }
    }
    return slots.collect()
}

/// Write-once result slots shared by the worker threads; each index is written by
/// exactly one worker and read only after `concurrentPerform` has returned.
private final class ResultSlots<Result>: @unchecked Sendable {
    private let buffer: UnsafeMutableBufferPointer<Result?>

    init(count: Int) {
        buffer = .allocate(capacity: count)
        buffer.initialize(repeating: nil)
    }

    func store(_ result: Result, at index: Int) { buffer[index] = result }

    func collect() -> [Result] { buffer.map { $0! } }

    deinit {
        buffer.deinitialize()
        buffer.deallocate()
    }
}

/// The number of cores the scheduler may use (default for `--jobs`).
public var availableCores: Int {
    max(1, ProcessInfo.processInfo.activeProcessorCount)
}
