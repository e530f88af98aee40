import Foundation
public import Glibc

/// A program started in the background for a test — a worker, the ingress, the sandbox — that
/// the test can signal (SIGTERM, SIGKILL) and whose output it can read while it runs.
///
/// posix_spawn with output to files (see ``Subprocess`` for why not pipes or `Process`); the
/// exit is reaped on a thread of its own, so nothing blocks Swift's cooperative pool.
public final class RunningProcess: Sendable {
    /// The process id.
    public let pid: pid_t
    /// Where standard output and standard error go.
    public let outputPath: String
    public let errorPath: String
    private let exit: ExitBox

    /// Starts `executable` with `arguments`, the current environment plus `environment`.
    public init(_ executable: String, _ arguments: [String] = [], environment: [String: String] = [:]) throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("running-\(UUID().uuidString)").path
        outputPath = base + ".out"
        errorPath = base + ".err"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        var variables = ProcessInfo.processInfo.environment
        variables.merge(environment) { _, new in new }
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        guard posix_spawn(&pid, executable, &actions, nil, argv, envp) == 0 else {
            throw Subprocess.SpawnFailure(executable: executable)
        }
        self.pid = pid
        let exit = ExitBox()
        self.exit = exit
        let child = pid
        Thread {
            var status: Int32 = 0
            while waitpid(child, &status, 0) < 0 && errno == EINTR {}
            let signal = status & 0x7f
            exit.finish(signal == 0 ? (status >> 8) & 0xff : 128 + signal)
        }.start()
    }

    /// Starts a product of this package (see ``Subprocess/builtProduct(_:)``).
    public static func product(_ name: String, _ arguments: [String] = [], environment: [String: String] = [:]) throws -> RunningProcess {
        try RunningProcess(Subprocess.builtProduct(name), arguments, environment: environment)
    }

    /// Sends `signal` (SIGTERM by default; SIGKILL to simulate a crash).
    public func signal(_ signal: Int32 = SIGTERM) {
        if exit.status == nil { kill(pid, signal) }
    }

    /// Waits until the process ended and returns its status (128 + signal if a signal ended it).
    @discardableResult
    public func wait() async -> Int32 {
        await exit.wait()
    }

    /// SIGTERM, then SIGKILL if it has not ended within `grace`; returns the status.
    @discardableResult
    public func stop(grace: Duration = .seconds(10)) async -> Int32 {
        signal(SIGTERM)
        let deadline = ContinuousClock.now + grace
        while exit.status == nil, ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(50)) }
        if exit.status == nil { signal(SIGKILL) }
        return await wait()
    }

    /// Whether it is still running.
    public var isRunning: Bool { exit.status == nil }

    /// Standard output so far.
    public var standardOutput: String { (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "" }
    /// Standard error so far.
    public var standardError: String { (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? "" }

    /// Waits until standard output holds a first complete line, and returns it (the sandbox
    /// prints its URLs that way); throws when the process ends or `timeout` passes first.
    public func firstLine(timeout: Duration = .seconds(30)) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let text = standardOutput
            if let end = text.firstIndex(of: "\n") { return String(text[..<end]) }
            guard isRunning else { throw Failure("the process ended before printing a line: \(standardError.suffix(2000))") }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw Failure("no line on standard output within \(timeout)")
    }

    /// A test-support failure with its message.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        init(_ description: String) { self.description = description }
    }
}

/// The exit status, set once by the reaping thread.
private final class ExitBox: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Int32?
    private var waiters: [CheckedContinuation<Int32, Never>] = []

    var status: Int32? { lock.withLock { value } }

    func finish(_ status: Int32) {
        let resumed: [CheckedContinuation<Int32, Never>] = lock.withLock {
            value = status
            defer { waiters = [] }
            return waiters
        }
        for waiter in resumed { waiter.resume(returning: status) }
    }

    func wait() async -> Int32 {
        await withCheckedContinuation { continuation in
            let done: Int32? = lock.withLock {
                if let value { return value }
                waiters.append(continuation)
                return nil
            }
            if let done { continuation.resume(returning: done) }
        }
    }
}
