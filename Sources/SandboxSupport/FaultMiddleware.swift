public import Hummingbird

/// A Hummingbird middleware that applies a side's `FaultPlan` to every API call before it
/// reaches its route: added latency, 401 for revoked credentials, a 429 burst, shares of 500s,
/// of 429s and of lost responses (the route runs, then the connection is closed unanswered; see
/// `ConnectionDroppingResponder`), and a share of hangs ending in 504.
///
/// Admin calls (paths under `exemptPathPrefix`, `/_admin` by default) are never faulted, so a
/// test can always read back state and lift the faults. Each side supplies its own error body
/// through `errorResponse` (Mirakl's `{"message","status"}`, VTEX's own shape) and the names of
/// the headers that carry its credentials (Mirakl `Authorization`, VTEX `X-VTEX-API-AppKey`).
/// Credential values are compared, never logged.
public struct FaultMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Builds the error response of the side for a status and a human message.
    public typealias ErrorResponder = @Sendable (_ status: HTTPResponse.Status, _ message: String) -> Response

    private let injector: FaultInjector
    private let credentialHeaders: Set<String>
    private let exemptPathPrefix: String
    private let errorResponse: ErrorResponder

    /// Creates the middleware.
    /// - Parameters:
    ///   - injector: the side's injector (shared with its admin routes).
    ///   - credentialHeaders: header names (any case) whose values are checked against revoked keys.
    ///   - exemptPathPrefix: paths never faulted.
    ///   - errorResponse: the side's error body for 401/429/500/504.
    public init(
        injector: FaultInjector, credentialHeaders: [String], exemptPathPrefix: String = "/_admin",
        errorResponse: @escaping ErrorResponder
    ) {
        self.injector = injector
        self.credentialHeaders = Set(credentialHeaders.map { $0.lowercased() })
        self.exemptPathPrefix = exemptPathPrefix
        self.errorResponse = errorResponse
    }

    /// Applies the plan's decision for this call, or passes it on untouched.
    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        if request.uri.path.hasPrefix(exemptPathPrefix) {
            return try await next(request, context)
        }
        let credentials = request.headers
            .filter { credentialHeaders.contains($0.name.canonicalName) }
            .map(\.value)
        let decision = injector.decide(credentials: credentials)
        if decision.latency > .zero {
            try await Task.sleep(for: decision.latency)
        }
        switch decision.outcome {
        case .proceed:
            return try await next(request, context)
        case .unauthorized:
            return errorResponse(.unauthorized, "Unauthorized")
        case .tooManyRequests(let seconds):
            var response = errorResponse(.tooManyRequests, "Too many requests")
            response.headers[.retryAfter] = String(seconds)
            return response
        case .serverError:
            return errorResponse(.internalServerError, "Internal server error (injected fault)")
        case .lostResponse:
            // The work is done and kept; only the answer is lost (FaultPlan.lostResponseRate).
            let response = try await next(request, context)
            LostResponse.signal?.drop()
            return response
        case .hang(let duration):
            try await Task.sleep(for: duration)
            return errorResponse(.gatewayTimeout, "Gateway timeout (injected fault)")
        }
    }
}
