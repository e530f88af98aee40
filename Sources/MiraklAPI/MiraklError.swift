/// Why a Mirakl call did not give the answer asked for. Descriptions carry the operation, the
/// status and Mirakl's own `message`, never the API key, so they are safe for logs and headers.
public enum MiraklError: Error, Sendable, CustomStringConvertible, Equatable {
    /// No HTTP answer (refused, timed out, reset); `transient` says whether trying again may help.
    case transport(operation: String, message: String, transient: Bool)
    /// 429: the operation's call frequency was passed; wait at least `retryAfter`
    /// (reference/mirakl-api.md §1 "Rate limits").
    case rateLimited(operation: String, retryAfter: Duration?)
    /// 401 or 403: the key is invalid, revoked or lacks the role; the flow must pause.
    case unauthorized(operation: String, status: Int)
    /// 5xx: Mirakl's side failed; worth trying again.
    case server(operation: String, status: Int, message: String)
    /// 404: the thing asked for does not exist (order, import id).
    case notFound(operation: String, message: String)
    /// Another 4xx: the request was refused for a business or validation reason (`{"message","status"}` body).
    case rejected(operation: String, status: Int, message: String)
    /// A 2xx answer whose body is not what the contract promises.
    case invalidResponse(operation: String, message: String)
    /// Not sent: a dry run (`CARREFOUR_DRY_RUN`) withheld this write and recorded it as "would
    /// send". The caller treats it as done without effect: it acknowledges the work, follows up on
    /// nothing (there is no import or order to read back) and logs no outcome of its own.
    case withheld(operation: String)

    /// Whether the same call may succeed later without anyone changing anything.
    public var isTransient: Bool {
        switch self {
        case .transport(_, _, let transient): transient
        case .rateLimited, .server: true
        case .unauthorized, .notFound, .rejected, .invalidResponse, .withheld: false
        }
    }

    public var description: String {
        switch self {
        case .transport(let operation, let message, _): "Mirakl \(operation): no answer: \(message)"
        case .rateLimited(let operation, let retryAfter):
            "Mirakl \(operation): rate limited (429)" + (retryAfter.map { ", retry after \($0)" } ?? "")
        case .unauthorized(let operation, let status): "Mirakl \(operation): API key refused (\(status))"
        case .server(let operation, let status, let message): "Mirakl \(operation): server error \(status): \(message)"
        case .notFound(let operation, let message): "Mirakl \(operation): not found (404): \(message)"
        case .rejected(let operation, let status, let message): "Mirakl \(operation): refused (\(status)): \(message)"
        case .invalidResponse(let operation, let message): "Mirakl \(operation): unexpected answer: \(message)"
        case .withheld(let operation): "Mirakl \(operation): not sent (dry run, CARREFOUR_DRY_RUN): recorded as would send"
        }
    }
}
