/// Why a VTEX call did not give the answer asked for. Descriptions carry the call, the status and
/// VTEX's own message, never the AppKey or AppToken.
public enum VTEXError: Error, Sendable, CustomStringConvertible, Equatable {
    /// No HTTP answer (refused, timed out, reset); `transient` says whether trying again may help.
    case transport(call: String, message: String, transient: Bool)
    /// 429: too many requests; wait at least `retryAfter`.
    case rateLimited(call: String, retryAfter: Duration?)
    /// 401 or 403: the AppKey/AppToken pair is refused or lacks the permission; the flow must pause.
    case unauthorized(call: String, status: Int)
    /// 5xx: VTEX's side failed; worth trying again.
    case server(call: String, status: Int, message: String)
    /// 404: the SKU, order or invoice does not exist.
    case notFound(call: String, message: String)
    /// Another 4xx: refused for a business or validation reason.
    case rejected(call: String, status: Int, message: String)
    /// A 2xx answer whose body is not what the contract promises.
    case invalidResponse(call: String, message: String)
    /// Not sent: a dry run (`CARREFOUR_DRY_RUN`) withheld this write and recorded it as "would
    /// send". The caller treats it as done without effect: it acknowledges the work, follows up on
    /// nothing (there is no import or order to read back) and logs no outcome of its own.
    case withheld(call: String)

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
        case .transport(let call, let message, _): "VTEX \(call): no answer: \(message)"
        case .rateLimited(let call, let retryAfter):
            "VTEX \(call): rate limited (429)" + (retryAfter.map { ", retry after \($0)" } ?? "")
        case .unauthorized(let call, let status): "VTEX \(call): AppKey/AppToken refused (\(status))"
        case .server(let call, let status, let message): "VTEX \(call): server error \(status): \(message)"
        case .notFound(let call, let message): "VTEX \(call): not found (404): \(message)"
        case .rejected(let call, let status, let message): "VTEX \(call): refused (\(status)): \(message)"
        case .invalidResponse(let call, let message): "VTEX \(call): unexpected answer: \(message)"
        case .withheld(let call): "VTEX \(call): not sent (dry run, CARREFOUR_DRY_RUN): recorded as would send"
        }
    }
}
