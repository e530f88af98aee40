public import Hummingbird
public import NIOCore
import Synchronization

/// A request context that keeps the connection's channel, so the server can close it.
public struct ChannelRequestContext: RequestContext {
    /// Hummingbird's per-request storage.
    public var coreContext: CoreRequestContextStorage
    /// The connection the request came on.
    public let channel: any Channel

    /// Creates the context from what the server hands every request.
    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}

/// Serves a router of `BasicRequestContext` and closes the connection, unanswered, of every call
/// whose answer `FaultMiddleware` chose to lose (`FaultPlan.lostResponseRate`).
///
/// Why the sandbox loses answers: on a real network a server can commit a call and the answer
/// never arrive (a connection reset, a proxy or load balancer closing an idle connection, the
/// client's own timeout a moment before the answer). The client cannot tell this from a call that
/// never reached the server, so it must treat a dropped connection as transient and make its
/// retry idempotent. The route has run in full and its effects stay; the connection is closed
/// before a byte of the response is written, so the client sees "empty reply from server".
public struct ConnectionDroppingResponder<Inner: HTTPResponder>: HTTPResponder
where Inner.Context == BasicRequestContext {
    private let inner: Inner

    /// Wraps `inner` (e.g. `router.buildResponder()`).
    public init(_ inner: Inner) {
        self.inner = inner
    }

    /// Runs the call through `inner`; closes the connection instead of answering when asked to.
    public func respond(to request: Request, context: ChannelRequestContext) async throws -> Response {
        let signal = LostResponse()
        let response = try await LostResponse.$signal.withValue(signal) {
            try await inner.respond(
                to: request, context: BasicRequestContext(source: .init(channel: context.channel, logger: context.logger)))
        }
        if signal.isDropped {
            // Closing the channel makes the server's write of `response` fail: nothing is sent.
            try? await context.channel.close()
        }
        return response
    }
}

/// The per-call flag `FaultMiddleware` raises to have `ConnectionDroppingResponder` close the
/// connection instead of answering.
final class LostResponse: Sendable {
    @TaskLocal static var signal: LostResponse?
    private let dropped = Atomic<Bool>(false)

    /// Asks for the connection to be closed unanswered.
    func drop() {
        dropped.store(true, ordering: .relaxed)
    }

    var isDropped: Bool { dropped.load(ordering: .relaxed) }
}
