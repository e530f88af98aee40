public import Foundation
import Glibc

/// A worker SIGKILLed every `period` and restarted at once, as a supervisor does (compose's
/// `restart: unless-stopped`), until `condition` holds or `timeout` passes.
public struct KillCycle: Sendable {
    /// When the condition first held (wall clock), `nil` if it never did.
    public var metAt: Date?
    /// How many times the worker was killed.
    public var kills: Int
    /// The worker running at the end (still running: stop it).
    public var last: RunningProcess

    /// Starts the worker with `start`, then polls `condition` every `poll`; each `period` after
    /// the previous kill (or the first start) the worker is killed and `start` called again. The
    /// schedule counts from the moment `start` is called, not from when it returns: a start that
    /// waits for the worker to be ready (slow on a loaded machine) must not stretch the period
    /// the worker lives.
    public static func run(
        every period: Duration, timeout: Duration, poll: Duration = .milliseconds(100),
        start: () async throws -> RunningProcess, until condition: () async throws -> Bool
    ) async throws -> KillCycle {
        let deadline = ContinuousClock.now + timeout
        var nextKill = ContinuousClock.now + period
        var worker = try await start()
        var kills = 0
        while ContinuousClock.now < deadline {
            if try await condition() { return KillCycle(metAt: Date(), kills: kills, last: worker) }
            if ContinuousClock.now >= nextKill {
                worker.signal(SIGKILL)
                await worker.wait()
                kills += 1
                nextKill = nextKill + period
                worker = try await start()
            }
            try await Task.sleep(for: poll)
        }
        return KillCycle(metAt: nil, kills: kills, last: worker)
    }
}
