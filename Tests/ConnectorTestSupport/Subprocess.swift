import Foundation
import Glibc

/// Runs programs from tests: posix_spawn + waitpid, with output in files.
///
/// Neither pipes nor Foundation's `Process` can be used here: a broker started by a script
/// outlives it and inherits its descriptors, so a pipe never reaches end-of-file and `Process`
/// (which waits on them) hangs.
public enum Subprocess {
    /// What a finished program left behind.
    public struct Result: Sendable {
        /// The exit status (128 + the signal number if a signal ended it).
        public var status: Int32
        public var standardOutput: String
        public var standardError: String
    }

    /// A failure to start the program at all.
    public struct SpawnFailure: Error, CustomStringConvertible {
        public var executable: String
        public var description: String { "cannot start \(executable)" }
    }

    /// Runs `executable` with `arguments` in `directory` (the current one if nil), with the
    /// current environment plus `environment`, standard input from /dev/null, and waits for it —
    /// on a thread of its own: a blocking wait on Swift's cooperative pool (two threads here)
    /// would stall every test running beside it, and timing tests would fail.
    public static func run(
        _ executable: String, _ arguments: [String], environment: [String: String] = [:], directory: String? = nil
    ) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Swift.Result {
                    try runBlocking(executable, arguments, environment: environment, directory: directory)
                })
            }.start()
        }
    }

    /// Starts `executable` and returns at once; for clean-ups that nothing waits for.
    public static func runDetached(_ executable: String, _ arguments: [String]) {
        Thread { _ = try? runBlocking(executable, arguments, environment: [:], directory: nil) }.start()
    }

    private static func runBlocking(
        _ executable: String, _ arguments: [String], environment: [String: String], directory: String?
    ) throws -> Result {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("subprocess-\(UUID().uuidString)").path
        defer {
            try? FileManager.default.removeItem(atPath: base + ".out")
            try? FileManager.default.removeItem(atPath: base + ".err")
        }
        let quoted = ([executable] + arguments).map(quote).joined(separator: " ")
        let change = directory.map { "cd \(quote($0)) && " } ?? ""
        let command = "\(change)exec \(quoted) > \(quote(base + ".out")) 2> \(quote(base + ".err")) < /dev/null"
        var variables = ProcessInfo.processInfo.environment
        variables.merge(environment) { _, new in new }
        let words: [String] = ["/bin/bash", "-c", command]
        let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        guard posix_spawn(&pid, "/bin/bash", nil, nil, argv, envp) == 0 else { throw SpawnFailure(executable: executable) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let signal = status & 0x7f
        return Result(
            status: signal == 0 ? (status >> 8) & 0xff : 128 + signal,
            standardOutput: (try? String(contentsOfFile: base + ".out", encoding: .utf8)) ?? "",
            standardError: (try? String(contentsOfFile: base + ".err", encoding: .utf8)) ?? "")
    }

    /// The path of an executable product of this package, built next to the running tests.
    public static func builtProduct(_ name: String) -> String {
        let beside = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent(name).path
        if FileManager.default.isExecutableFile(atPath: beside) { return beside }
        return TestBroker.repositoryRoot.appendingPathComponent(".build/debug/\(name)").path
    }

    private static func quote(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
