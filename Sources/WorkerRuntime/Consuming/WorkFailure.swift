/// Why handling a message failed, which decides what happens to the message
/// (ARCHITECTURE.md "Failures are classified, never swallowed").
public enum WorkFailure: Error, Sendable, CustomStringConvertible, Equatable {
    /// Worth trying again later: HTTP 5xx, a timeout, a refused connection, 429. The message
    /// comes back after a growing delay (at least `retryAfter` when the server named one).
    case transient(String, retryAfter: Duration? = nil)
    /// The input is wrong for the business (a required field missing, an unknown SKU): the
    /// message is parked with the reason, for a reprocess once the seller fixed the cause.
    case business(String)
    /// The credentials were refused (401/403): the flow pauses and the message is kept.
    case auth(String)
    /// The message cannot be understood (undecodable, unknown type): parked at once.
    case badInput(String)

    public var description: String {
        switch self {
        case .transient(let text, _): return "transient: \(text)"
        case .business(let text): return "business: \(text)"
        case .auth(let text): return "auth: \(text)"
        case .badInput(let text): return "bad input: \(text)"
        }
    }

    /// The reason alone, without the kind.
    public var reason: String {
        switch self {
        case .transient(let text, _), .business(let text), .auth(let text), .badInput(let text): return text
        }
    }

    /// A short label for metrics and logs.
    public var kind: String {
        switch self {
        case .transient: return "transient"
        case .business: return "business"
        case .auth: return "auth"
        case .badInput: return "bad_input"
        }
    }
}
