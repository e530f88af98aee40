/// Why a request got no HTTP response. A response with any status (4xx and 5xx included) is not an
/// error: see ``HTTPResponse``.
///
/// Messages carry libcurl's description and the URL (with any user-info redacted), never a header
/// value, so they are safe to log and to put in a message's `last-error` header.
public enum HTTPClientError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The URL is malformed or its scheme is not `http`/`https`. Not transient: fix the URL.
    case invalidURL(String)
    /// The request itself cannot be sent as built, e.g. a header value holding a line break.
    /// Not transient: fix the request. The message names the header, never its value.
    case invalidRequest(String)
    /// No connection could be made: refused, unreachable, DNS failure. Transient.
    case connectFailed(String)
    /// The connect timeout or the request's total timeout elapsed. Transient.
    case timedOut(String)
    /// The TLS handshake or certificate verification failed. Not transient: a configuration matter.
    case tls(String)
    /// Another transfer failure once connected (connection reset, closed before a response,
    /// send/receive error, malformed response) or a libcurl setup failure. Transient.
    case transport(String)
    /// The response body passed ``HTTPClient/Configuration/maxResponseBodyBytes``; the transfer
    /// was stopped. Not transient: the same request will bring the same body.
    case responseTooLarge(limit: Int)
    /// The calling task was cancelled; the transfer was stopped. Transient: the work was not done
    /// and can be tried again.
    case cancelled
    /// ``HTTPClient/shutdown()`` was called before or while the request ran. Transient: another
    /// client (or another instance) can do it.
    case shutDown

    /// Whether trying the same request again later may succeed (ARCHITECTURE.md "failure kinds":
    /// connection refused and timeouts are transient; a bad URL or a TLS failure are not).
    public var isTransient: Bool {
        switch self {
        case .connectFailed, .timedOut, .transport, .cancelled, .shutDown: true
        case .invalidURL, .invalidRequest, .tls, .responseTooLarge: false
        }
    }

    /// A human-readable account of the failure.
    public var description: String {
        switch self {
        case .invalidURL(let message): "invalid URL: \(message)"
        case .invalidRequest(let message): "invalid request: \(message)"
        case .connectFailed(let message): "connection failed: \(message)"
        case .timedOut(let message): "timed out: \(message)"
        case .tls(let message): "TLS failure: \(message)"
        case .transport(let message): "transport failure: \(message)"
        case .responseTooLarge(let limit): "response body larger than \(limit) bytes"
        case .cancelled: "request cancelled"
        case .shutDown: "HTTP client shut down"
        }
    }
}
