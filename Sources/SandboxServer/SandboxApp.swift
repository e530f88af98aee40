import Foundation
import Hummingbird
import Logging
import NIOCore
import SandboxSupport
import ServiceLifecycle
import Synchronization

/// Composes the sandbox's fake services into one process: each side adds its HTTP server
/// (`addServer`) and any background service; `run` starts them in one `ServiceGroup` with
/// graceful shutdown on SIGTERM/SIGINT and prints, once every server is bound, one JSON line
/// on stdout: `{"mirakl":"http://127.0.0.1:PORT", …, "startupMilliseconds": n}`.
struct SandboxApp {
    private var services: [any Service] = []
    private var serverNames: [String] = []
    private let started = ContinuousClock.now
    private let reporter = StartupReporter()
    let logger: Logger

    init(logger: Logger) {
        self.logger = logger
    }

    /// Adds an HTTP server named `name` (the key of its URL in the start-up line).
    mutating func addServer(name: String, router: Router<BasicRequestContext>, host: String, port: Int) {
        serverNames.append(name)
        let reporter = reporter
        let started = started
        // Lost responses (FaultPlan.lostResponseRate) need the responder that can close a connection.
        let app = Application(
            responder: ConnectionDroppingResponder(router.buildResponder()),
            configuration: .init(address: .hostname(host, port: port), serverName: "sandbox-\(name)"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? port
                reporter.report(name: name, url: "http://\(host):\(port)", started: started)
            },
            logger: logger)
        services.append(app)
    }

    /// Adds a background service (e.g. an order generator) stopped with the servers.
    mutating func addService(_ service: any Service) {
        services.append(service)
    }

    /// Runs every server and service until SIGTERM/SIGINT.
    func run() async throws {
        reporter.expect(Set(serverNames))
        let group = ServiceGroup(
            configuration: .init(
                services: services.map { .init(service: $0) },
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
        try await group.run()
    }
}

/// Collects the bound URLs and prints the start-up line once all are known.
final class StartupReporter: Sendable {
    private struct State {
        var expected: Set<String> = []
        var urls: [String: String] = [:]
        var printed = false
    }
    private let state = Mutex(State())

    func expect(_ names: Set<String>) {
        state.withLock { $0.expected = names }
    }

    func report(name: String, url: String, started: ContinuousClock.Instant) {
        let line: String? = state.withLock { state in
            state.urls[name] = url
            guard !state.printed, state.expected.isSubset(of: Set(state.urls.keys)) else { return nil }
            state.printed = true
            let elapsed = ContinuousClock.now - started
            var object: [String: Any] = state.urls
            let millis = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
            object["startupMilliseconds"] = (millis * 10).rounded() / 10
            guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else { return nil }
            return String(decoding: data, as: UTF8.self)
        }
        if let line {
            FileHandle.standardOutput.write(Data((line + "\n").utf8))
        }
    }
}
