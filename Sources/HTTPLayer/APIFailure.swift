#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// What an HTTP-backed client's service contributes to ``APIFailure``: its name, how its
/// credentials are called in a refusal, and how its error bodies carry a message.
public protocol APIService: Sendable {
    /// The service's name at the head of every description (`Mirakl`, `VTEX`).
    static var name: String { get }
    /// What a 401/403 refused, in words (`API key`, `AppKey/AppToken`); never a credential's value.
    static var credentials: String { get }
    /// The service's own message from a non-2xx answer, else a prefix of the body. It must not
    /// echo request headers (where the credentials travel).
    static func message(of response: HTTPResponse) -> String
}

/// Why a call to an HTTP-backed service (Mirakl, VTEX) did not give the answer asked for: one
/// taxonomy and one classifier (``init(answer:operation:)``, ``init(transport:operation:)``) for
/// every client. Descriptions carry the service, the operation, the status and the service's own
/// message, never a credential, so they are safe for logs and headers.
///
/// Why one generic enum with a service marker rather than a shared enum wrapped by each client:
/// the cases, the transience rule and the status mapping are the same for both services (ARCHITECTURE.md
/// "Failures are classified"; reference/mirakl-api.md §7); what differs is only wording and the shape
/// of an error body, which ``APIService`` holds. Each client names its specialization
/// (`MiraklError`, `VTEXError`), so a `throws(MiraklError)` never carries a VTEX failure, callers
/// keep matching `.notFound` or `.withheld` directly, and there is no second layer to unwrap.
public enum APIFailure<Service: APIService>: Error, Sendable, CustomStringConvertible, Equatable {
    /// No HTTP answer (refused, timed out, reset); `transient` says whether trying again may help.
    case transport(operation: String, message: String, transient: Bool)
    /// 429: too many calls; wait at least `retryAfter` (RFC 9110 §10.2.3; reference/mirakl-api.md §1
    /// "Rate limits").
    case rateLimited(operation: String, retryAfter: Duration?)
    /// 401 or 403: the credentials are invalid, revoked or lack the role; the flow must pause.
    case unauthorized(operation: String, status: Int)
    /// 5xx: the service's side failed; worth trying again.
    case server(operation: String, status: Int, message: String)
    /// 404: the thing asked for does not exist (order, SKU, import id).
    case notFound(operation: String, message: String)
    /// Another 4xx: the request was refused for a business or validation reason.
    case rejected(operation: String, status: Int, message: String)
    /// A 2xx answer whose body is not what the contract promises (or a request that could not be
    /// encoded).
    case invalidResponse(operation: String, message: String)
    /// Not sent: a dry run (`CARREFOUR_DRY_RUN`) withheld this write and recorded it as "would
    /// send". The caller treats it as done without effect: it acknowledges the work, follows up on
    /// nothing (there is no import or order to read back) and logs no outcome of its own.
    case withheld(operation: String)

    /// Classifies a non-2xx answer by its status: 401/403 refused credentials, 404 not found, 429
    /// rate limited (with its `Retry-After`), 5xx server, any other status a refusal.
    public init(answer response: HTTPResponse, operation: String) {
        switch response.status {
        case 401, 403: self = .unauthorized(operation: operation, status: response.status)
        case 404: self = .notFound(operation: operation, message: Service.message(of: response))
        case 429: self = .rateLimited(operation: operation, retryAfter: response.retryAfter)
        case 500...: self = .server(operation: operation, status: response.status, message: Service.message(of: response))
        default: self = .rejected(operation: operation, status: response.status, message: Service.message(of: response))
        }
    }

    /// Classifies a call that got no answer, keeping ``HTTPClientError/isTransient``.
    public init(transport error: HTTPClientError, operation: String) {
        self = .transport(operation: operation, message: error.description, transient: error.isTransient)
    }

    /// The operation (its code or short name) the failure belongs to.
    public var operation: String {
        switch self {
        case .transport(let operation, _, _), .rateLimited(let operation, _), .unauthorized(let operation, _),
            .server(let operation, _, _), .notFound(let operation, _), .rejected(let operation, _, _),
            .invalidResponse(let operation, _), .withheld(let operation):
            operation
        }
    }

    /// Whether the same call may succeed later without anyone changing anything.
    public var isTransient: Bool {
        switch self {
        case .transport(_, _, let transient): transient
        case .rateLimited, .server: true
        case .unauthorized, .notFound, .rejected, .invalidResponse, .withheld: false
        }
    }

    /// A human-readable account of the failure, headed by the service and the operation.
    public var description: String {
        "\(Service.name) \(operation): " + detail
    }

    private var detail: String {
        switch self {
        case .transport(_, let message, _): "no answer: \(message)"
        case .rateLimited(_, let retryAfter): "rate limited (429)" + (retryAfter.map { ", retry after \($0)" } ?? "")
        case .unauthorized(_, let status): "\(Service.credentials) refused (\(status))"
        case .server(_, let status, let message): "server error \(status): \(message)"
        case .notFound(_, let message): "not found (404): \(message)"
        case .rejected(_, let status, let message): "refused (\(status)): \(message)"
        case .invalidResponse(_, let message): "unexpected answer: \(message)"
        case .withheld: "not sent (dry run, CARREFOUR_DRY_RUN): recorded as would send"
        }
    }
}

extension APIFailure {
    /// Sends `request` on `http` and returns its 2xx answer; no answer or any other status becomes
    /// the matching failure (the one path both clients take after their dry-run gate).
    public static func execute(_ request: HTTPRequest, on http: HTTPClient, operation: String) async throws(Self) -> HTTPResponse {
        let response: HTTPResponse
        do {
            response = try await http.execute(request)
        } catch {
            throw Self(transport: error, operation: operation)
        }
        if response.isSuccess { return response }
        throw Self(answer: response, operation: operation)
    }

    /// Decodes a 2xx answer's JSON body; a body off the contract is ``invalidResponse(operation:message:)``.
    public static func decode<T: Decodable>(
        _ type: T.Type, from response: HTTPResponse, decoder: JSONDecoder, operation: String
    ) throws(Self) -> T {
        do {
            return try response.decode(T.self, decoder: decoder)
        } catch {
            throw .invalidResponse(operation: operation, message: "\(error)")
        }
    }

    /// The dry run's gate both clients pass every call through: in a dry run (`dryRun`), a call
    /// whose effect (`effect`, else ``CallEffect/of(_:)`` of its method) is a write goes to
    /// `recorder` as a ``WithheldRequest`` (its URL less `baseURL`, never its headers) and this
    /// throws ``withheld(operation:)``; a write that could not be recorded is a transient failure
    /// (tried again, never lost). Any other call returns, to be sent.
    public static func gate(
        dryRun: Bool, effect: CallEffect?, operation: String, subject: String, method: HTTPMethod, url: String,
        baseURL: String, body: HTTPBody?, to recorder: (any WithheldRequestRecorder)?
    ) async throws(Self) {
        guard dryRun, (effect ?? CallEffect.of(method)) == .write else { return }
        let request = WithheldRequest(
            service: Service.name, operation: operation, subject: subject, method: method,
            path: String(url.dropFirst(baseURL.count)), body: body)
        do {
            try await recorder?.record(request)
        } catch {
            throw .transport(operation: operation, message: "dry run: the withheld write was not recorded: \(error)", transient: true)
        }
        throw .withheld(operation: operation)
    }
}
