import Foundation
import Glibc
import Synchronization

/// A program a test starts and leaves running (a worker, the sandbox), to stop, kill or restart
/// later: posix_spawn through `bash -c "exec …"` (so the pid is the program's), output in files,
/// and a thread of its own reaping it, never the cooperative pool (see ``Subprocess``).
public final class BackgroundProcess: Sendable {
    /// The program's process id.
    public let pid: Int32
    /// Where its standard output and error go.
    public let outputPath: String
    public let errorPath: String
    private let exit = ExitState()

    /// The program's exit status once known, and who waits for it.
    private final class ExitState: Sendable {
        let state = Mutex<(status: Int32?, waiters: [CheckedContinuation<Int32, Never>])>((nil, []))

        func withLock<T>(_ body: (inout (status: Int32?, waiters: [CheckedContinuation<Int32, Never>])) -> T) -> T {
            state.withLock { body(&$0) }
        }
    }

    /// Starts `executable` with `arguments` and the current environment plus `environment`.
    public init(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("process-\(UUID().uuidString.prefix(8))").path
        outputPath = base + ".out"
        errorPath = base + ".err"
        let quoted = ([executable] + arguments).map(Self.quote).joined(separator: " ")
        let command = "exec \(quoted) > \(Self.quote(outputPath)) 2> \(Self.quote(errorPath)) < /dev/null"
        var variables = ProcessInfo.processInfo.environment
        variables.merge(environment) { _, new in new }
        let words: [String] = ["/bin/bash", "-c", command]
        let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var child: pid_t = 0
        guard posix_spawn(&child, "/bin/bash", nil, nil, argv, envp) == 0 else { throw Subprocess.SpawnFailure(executable: executable) }
        pid = child
        Thread { [exit, child] in
            var status: Int32 = 0
            while waitpid(child, &status, 0) < 0 && errno == EINTR {}
            let signal = status & 0x7f
            let code = signal == 0 ? (status >> 8) & 0xff : 128 + signal
            let waiters = exit.withLock { state in
                state.status = code
                defer { state.waiters = [] }
                return state.waiters
            }
            for waiter in waiters { waiter.resume(returning: code) }
        }.start()
    }

    /// Whether the program still runs.
    public var isRunning: Bool { exit.withLock { $0.status == nil } }

    /// What it wrote on standard output so far.
    public var output: String { (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "" }

    /// What it wrote on standard error so far.
    public var errors: String { (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? "" }

    /// Sends `signal` (SIGKILL for a crash, SIGTERM for a graceful stop).
    public func send(_ signal: Int32) {
        if isRunning { _ = Glibc.kill(pid, signal) }
    }

    /// Waits for the program to end; returns its status (128 + the signal if a signal ended it).
    public func wait() async -> Int32 {
        await withCheckedContinuation { continuation in
            let done: Int32? = exit.withLock { state in
                if let status = state.status { return status }
                state.waiters.append(continuation)
                return nil
            }
            if let done { continuation.resume(returning: done) }
        }
    }

    /// SIGTERM, then SIGKILL if it has not ended within `grace`; returns its status.
    @discardableResult
    public func stop(grace: Duration = .seconds(10)) async -> Int32 {
        send(SIGTERM)
        let deadline = ContinuousClock.now.advanced(by: grace)
        while isRunning && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(50))
        }
        send(SIGKILL)
        return await wait()
    }

    private static func quote(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
