import Hummingbird

/// Enforces `X-VTEX-API-AppKey` + `X-VTEX-API-AppToken` on every VTEX API route (vtex-apis.md "Auth").
///
/// Exempt: the admin API and Checkout's `pub` simulation, which VTEX documents as needing no
/// authentication. A missing or wrong pair gets 401 with VTEX's error body; the presented values are
/// compared, never logged or echoed.
struct VTEXAuthMiddleware<Context: RequestContext>: RouterMiddleware {
    let appKey: String
    let appToken: String

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        if path.hasPrefix("/_admin") || path.hasPrefix("/api/checkout/pub/") {
            return try await next(request, context)
        }
        let key = request.headers.first { $0.name.canonicalName == "x-vtex-api-appkey" }?.value
        let token = request.headers.first { $0.name.canonicalName == "x-vtex-api-apptoken" }?.value
        guard let key, let token, Self.equal(key, appKey), Self.equal(token, appToken) else {
            return RouteSupport.error(.unauthorized, "Unauthorized: missing or invalid X-VTEX-API-AppKey/AppToken")
        }
        return try await next(request, context)
    }

    /// Compares without stopping at the first difference, so timing does not reveal the token.
    static func equal(_ lhs: String, _ rhs: String) -> Bool {
        let a = Array(lhs.utf8), b = Array(rhs.utf8)
        var difference = a.count ^ b.count
        for index in 0..<min(a.count, b.count) { difference |= Int(a[index] ^ b[index]) }
        return difference == 0
    }
}
