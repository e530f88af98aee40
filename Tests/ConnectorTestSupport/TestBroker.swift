public import Foundation

/// The private brokers tests talk to, started by the project's own scripts.
///
/// `scripts/test` starts one shared broker and exports `CARREFOUR_TEST_AMQP_URL`; tests that
/// stop, kill or restart a broker start one of their own with ``start()`` so that they never
/// disturb tests running beside them. Both are real RabbitMQ nodes on loopback.
public struct TestBroker: Sendable {
    /// The broker's AMQP URL.
    public var amqpURL: String
    /// The management API base URL (with credentials), for queue depths.
    public var managementURL: String
    /// The broker's directory (only for brokers this test started).
    public var directory: String?

    public enum Failure: Error, CustomStringConvertible {
        case notConfigured
        case script(String)
        public var description: String {
            switch self {
            case .notConfigured: return "CARREFOUR_TEST_AMQP_URL is not set: run the tests with scripts/test"
            case .script(let text): return "scripts/broker failed: \(text)"
            }
        }
    }

    /// The shared broker of this test run.
    public static func shared() throws -> TestBroker {
        let env = ProcessInfo.processInfo.environment
        guard let url = env["CARREFOUR_TEST_AMQP_URL"], let management = env["CARREFOUR_TEST_MANAGEMENT_URL"] else {
            throw Failure.notConfigured
        }
        return TestBroker(amqpURL: url, managementURL: management, directory: nil)
    }

    /// Starts a broker of the test's own in a new temporary directory (about 6 s).
    public static func start() async throws -> TestBroker {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("carrefour-broker-\(UUID().uuidString.prefix(8))").path
        var broker = TestBroker(amqpURL: "", managementURL: "", directory: directory)
        try await broker.run("start")
        let env = try await broker.run("env")
        broker.amqpURL = Self.value(of: "AMQP_URL", in: env) ?? ""
        broker.managementURL = Self.value(of: "RABBITMQ_MANAGEMENT_URL", in: env) ?? ""
        return broker
    }

    /// Stops the broker gracefully (a broker this test started).
    public func stop() async throws { try await run("stop") }
    /// SIGKILLs the broker process: a crash.
    public func kill() async throws { try await run("kill") }
    /// Starts it again on the same ports and data.
    public func restart() async throws { try await run("start") }
    /// Stops it in the background (for `defer`; nothing waits). `scripts/test` stops any that
    /// are still running when the test run ends.
    public func destroy() {
        guard let directory else { return }
        Subprocess.runDetached(Self.repositoryRoot.appendingPathComponent("scripts/broker").path, ["stop", directory])
    }

    /// Runs `rabbitmqctl` against this broker and returns its output.
    @discardableResult
    public func ctl(_ arguments: String...) async throws -> String { try await run(["ctl"] + arguments) }

    @discardableResult
    private func run(_ command: String) async throws -> String { try await run([command]) }

    @discardableResult
    private func run(_ arguments: [String]) async throws -> String {
        guard let directory else { throw Failure.script("the shared broker is managed by scripts/test") }
        var args = arguments
        args.insert(directory, at: 1)
        return try await Self.script("broker", args)
    }

    /// Runs a script from the repository's `scripts/` folder and returns its standard output.
    public static func script(_ name: String, _ arguments: [String]) async throws -> String {
        // Through ``Subprocess``: a broker started by the script outlives it and inherits its
        // descriptors, so neither pipes nor Foundation's Process can tell when the script is done.
        let result = try await Subprocess.run(
            repositoryRoot.appendingPathComponent("scripts/\(name)").path, arguments, directory: repositoryRoot.path)
        guard result.status == 0 else {
            throw Failure.script("\(name) \(arguments.joined(separator: " ")): \(result.standardError)")
        }
        return result.standardOutput
    }

    /// The repository's root (found from this file's path).
    public static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    private static func value(of name: String, in env: String) -> String? {
        for line in env.split(separator: "\n") where line.hasPrefix("export \(name)=") {
            return String(line.dropFirst("export \(name)=".count)).trimmingCharacters(in: CharacterSet(charactersIn: "'"))
        }
        return nil
    }
}

/// A queue or exchange name unique to one test, so parallel tests never share broker objects.
public func uniqueName(_ prefix: String) -> String {
    "test.\(prefix).\(UUID().uuidString.prefix(8).lowercased())"
}

/// Polls `condition` until it holds or `timeout` passes; returns whether it held.
public func eventually(timeout: Duration = .seconds(10), every interval: Duration = .milliseconds(100), _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = ContinuousClock.now.advanced(by: timeout)
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: interval)
    }
    return try await condition()
}
