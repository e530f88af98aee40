import Foundation
import Hummingbird
import Logging
import NIOCore

/// A real Hummingbird 2 server on 127.0.0.1 and a free port, for one test: the HTTP layer is tested
/// against it over loopback, never against a mock.
struct LocalServer: Sendable {
    /// The port the server bound (it asked for port 0).
    let port: Int
    /// Which client ports the server saw, one per TCP connection.
    let connections: ConnectionLog

    /// `http://127.0.0.1:<port><path>`.
    func url(_ path: String) -> String {
        "http://127.0.0.1:\(port)\(path)"
    }

    /// Starts a server with the test routes (`LocalServer+Routes.swift`), runs `body`, then stops it.
    static func with<Value: Sendable>(_ body: @Sendable (LocalServer) async throws -> Value) async throws -> Value {
        let connections = ConnectionLog()
        let router = Router(context: ConnectionRequestContext.self)
        router.middlewares.add(ConnectionRecordingMiddleware(log: connections))
        addRoutes(to: router)
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        var serverLogger = Logger(label: "local-server")
        serverLogger.logLevel = .critical
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                portSink.yield(channel.localAddress?.port ?? 0)
                portSink.finish()
            },
            logger: serverLogger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.run() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next(), port > 0 else {
                group.cancelAll()
                throw LocalServerError.didNotStart
            }
            defer { group.cancelAll() }
            return try await body(LocalServer(port: port, connections: connections))
        }
    }
}

/// Why the local server is unusable.
enum LocalServerError: Error, CustomStringConvertible {
    case didNotStart
    case badRequest(String)

    var description: String {
        switch self {
        case .didNotStart: "the local server did not report a port"
        case .badRequest(let reason): "bad request: \(reason)"
        }
    }
}

/// The client ports the server has seen: distinct ports = distinct TCP connections.
/// `@unchecked Sendable`: the set is only touched under the lock.
final class ConnectionLog: @unchecked Sendable {
    private let lock = NSLock()
    private var ports: Set<Int> = []

    func record(_ port: Int?) {
        lock.withLock { _ = ports.insert(port ?? -1) }
    }

    /// How many distinct connections carried at least one request.
    var distinctConnections: Int { lock.withLock { ports.count } }
}

/// A request context that remembers the client's port.
struct ConnectionRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let remotePort: Int?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remotePort = source.channel.remoteAddress?.port
    }

    var maxUploadSize: Int { 16 * 1024 * 1024 }
}

/// Records each request's client port in a ``ConnectionLog``.
struct ConnectionRecordingMiddleware: RouterMiddleware {
    typealias Context = ConnectionRequestContext
    let log: ConnectionLog

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        log.record(context.remotePort)
        return try await next(request, context)
    }
}
