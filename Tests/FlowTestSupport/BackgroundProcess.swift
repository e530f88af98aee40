import ConnectorTestSupport
public import Foundation
import Glibc

/// A program a test starts and keeps running: its pid (to SIGTERM or SIGKILL it), its output in
/// files the test can read while it runs. Started with posix_spawn; waits poll `waitpid` with
/// `WNOHANG` between sleeps, so nothing blocks the cooperative pool.
public final class BackgroundProcess: @unchecked Sendable {
    // @unchecked: `exitStatus` is only touched under `lock`.
    /// The process id.
    public let pid: pid_t
    /// Where its standard output and standard error go.
    public let outputPath: String
    public let errorPath: String
    private let lock = NSLock()
    private var exitStatus: Int32?

    /// Starts `executable` with the current environment plus `environment`.
    public init(_ executable: String, _ arguments: [String] = [], environment: [String: String] = [:]) throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("bg-\(UUID().uuidString.prefix(8))").path
        outputPath = base + ".out"
        errorPath = base + ".err"
        var variables = ProcessInfo.processInfo.environment
        variables.merge(environment) { _, new in new }
        let words = [executable] + arguments
        let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        var pid: pid_t = 0
        guard posix_spawn(&pid, executable, &actions, nil, argv, envp) == 0 else {
            throw TestVhost.Failure("cannot start \(executable)")
        }
        self.pid = pid
    }

    deinit {
        if !hasExited { kill(pid, SIGKILL); _ = reap(blocking: true) }
        try? FileManager.default.removeItem(atPath: outputPath)
        try? FileManager.default.removeItem(atPath: errorPath)
    }

    /// What it wrote to standard output so far.
    public var standardOutput: String { (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "" }
    /// What it wrote to standard error so far.
    public var standardError: String { (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? "" }

    /// Sends `signal` (SIGTERM, SIGKILL…).
    public func send(_ signal: Int32) {
        if !hasExited { kill(pid, signal) }
    }

    /// Whether it has exited (reaping it if so).
    public var hasExited: Bool { reap(blocking: false) != nil }

    /// Waits for it to exit, up to `timeout`; returns its status (128 + signal when a signal
    /// ended it), or nil if it is still running.
    public func waitForExit(timeout: Duration) async -> Int32? {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while ContinuousClock.now < deadline {
            if let status = reap(blocking: false) { return status }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return reap(blocking: false)
    }

    /// SIGKILLs it and waits until it is gone: a crash.
    public func crash() async {
        send(SIGKILL)
        _ = await waitForExit(timeout: .seconds(10))
    }

    /// SIGTERMs it and waits for the graceful stop (SIGKILL after `timeout`).
    @discardableResult
    public func stop(timeout: Duration = .seconds(20)) async -> Int32? {
        send(SIGTERM)
        if let status = await waitForExit(timeout: timeout) { return status }
        await crash()
        return nil
    }

    /// Waits until standard error (or output) holds a line containing `text`; returns that line.
    public func waitForLine(containing text: String, inOutput: Bool = false, timeout: Duration) async -> String? {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while ContinuousClock.now < deadline {
            let content = inOutput ? standardOutput : standardError
            if let line = content.split(separator: "\n").first(where: { $0.contains(text) }) { return String(line) }
            if hasExited { return nil }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return nil
    }

    private func reap(blocking: Bool) -> Int32? {
        lock.lock()
        defer { lock.unlock() }
        if let exitStatus { return exitStatus }
        var status: Int32 = 0
        let result = waitpid(pid, &status, blocking ? 0 : WNOHANG)
        guard result == pid else { return nil }
        let signal = status & 0x7f
        exitStatus = signal == 0 ? (status >> 8) & 0xff : 128 + signal
        return exitStatus
    }
}
