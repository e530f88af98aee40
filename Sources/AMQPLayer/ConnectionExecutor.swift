#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SystemSupport

/// A serial executor that runs every job on one dedicated thread.
///
/// librabbitmq is synchronous and not thread-safe: a connection must be used by one thread at a
/// time, and its calls block (socket reads with timeouts). Running an actor on this executor
/// confines the C connection to its own thread and keeps those blocking calls off Swift's
/// cooperative pool, which has only as many threads as cores (two here).
///
/// `@unchecked Sendable`: the job queue and the stop flag are only touched under `condition`.
final class ConnectionExecutor: SerialExecutor, @unchecked Sendable {
    private let condition = ThreadCondition()
    private var jobs: [UnownedJob] = []
    private var stopped = false

    init(name: String) {
        DedicatedThread.start(name: name) { [self] in self.runLoop() }
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }

    /// Lets the thread end once the jobs already queued have run.
    func shutdown() {
        condition.lock()
        stopped = true
        condition.signal()
        condition.unlock()
    }

    private func runLoop() {
        while true {
            condition.lock()
            while jobs.isEmpty && !stopped { condition.wait() }
            if jobs.isEmpty && stopped {
                condition.unlock()
                return
            }
            let batch = jobs
            jobs.removeAll(keepingCapacity: true)
            condition.unlock()
            for job in batch { job.runSynchronously(on: asUnownedSerialExecutor()) }
        }
    }
}
