/// What went wrong talking to the broker.
///
/// Messages never include the broker password: URLs are shown redacted.
public enum AMQPError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The connection URL or a setting is unusable.
    case invalidConfiguration(String)
    /// The TCP/TLS connection could not be made or broke (the broker is down or went away).
    case connectionFailed(String)
    /// The broker refused the credentials or the virtual host.
    case accessRefused(String)
    /// The broker closed the channel or connection with an AMQP error (e.g. 404 NOT_FOUND,
    /// 406 PRECONDITION_FAILED for an inequivalent redeclare).
    case brokerClosed(code: UInt16, text: String, method: String)
    /// No answer within the allowed time (e.g. waiting for publisher confirms).
    case timedOut(String)
    /// The consumer was cancelled by the broker (its queue was deleted).
    case consumerCancelled(String)
    /// The connection was closed by this process.
    case closed

    public var description: String {
        switch self {
        case .invalidConfiguration(let text): return "invalid AMQP configuration: \(text)"
        case .connectionFailed(let text): return "broker connection failed: \(text)"
        case .accessRefused(let text): return "broker refused access: \(text)"
        case .brokerClosed(let code, let text, let method): return "broker closed the channel (\(code) \(text)) during \(method)"
        case .timedOut(let text): return "timed out: \(text)"
        case .consumerCancelled(let queue): return "the broker cancelled the consumer of \(queue)"
        case .closed: return "the connection is closed"
        }
    }
}
