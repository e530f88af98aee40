import Foundation
import Hummingbird
import SandboxSupport

extension MiraklSandbox {
    typealias Handler = @Sendable (Request, BasicRequestContext) async throws -> Response

    /// Wraps a route as one Mirakl operation: counts the call, enforces the shop key (401 with
    /// Mirakl's `{"message","status"}` body, like the seed's `"status":401,"message":"Unauthorized"`),
    /// enforces the operation's maximum frequency (429 + Retry-After) and maps `MiraklAPIError`s
    /// to Mirakl error bodies.
    /// - Parameter synchronous: tells a call of the operation's synchronous use, which the spec
    ///   does not limit (OR11 "Synchronous: at each order page display"); such a call is also
    ///   counted under `<operation>-sync`.
    func operation(
        _ operation: MiraklOperation, scope: (@Sendable (BasicRequestContext) -> String?)? = nil,
        synchronous: (@Sendable (Request) -> Bool)? = nil, _ handler: @escaping Handler
    ) -> Handler {
        { [calls, rateLimited, settings, rateLimiter] request, context in
            calls.record(operation.rawValue)
            let isSynchronous = synchronous?(request) ?? false
            if isSynchronous { calls.record(operation.rawValue + "-sync") }
            guard request.headers[.authorization] == settings.shopKey else {
                return MiraklAPIError.response(status: .unauthorized, message: "Unauthorized")
            }
            if !isSynchronous, case .limited(let seconds) = rateLimiter.admit(operation.rawValue, scope: scope?(context)) {
                rateLimited.record(operation.rawValue)
                var response = MiraklAPIError.response(
                    status: .tooManyRequests,
                    message: "Too many requests: \(operation.rawValue) exceeds its maximum call frequency")
                response.headers[.retryAfter] = String(seconds)
                return response
            }
            do {
                return try await handler(request, context)
            } catch let error as MiraklAPIError {
                return error.response
            }
        }
    }

    /// The whole request body (up to 64 MiB).
    static func body(of request: Request) async throws -> [UInt8] {
        let buffer = try await request.body.collect(upTo: 64 << 20)
        return Array(buffer.readableBytesView)
    }

    /// The multipart form of an import upload (P41, OF01) and its required `file` part.
    static func importUpload(_ request: Request) async throws -> (MultipartForm, MultipartForm.Part) {
        let form: MultipartForm
        do {
            form = try MultipartForm.parse(body: try await body(of: request), contentType: request.headers[.contentType])
        } catch {
            throw MiraklAPIError.badRequest(String(describing: error))
        }
        guard let file = form.part(named: "file") else {
            throw MiraklAPIError.badRequest("The multipart part 'file' is required")
        }
        return (form, file)
    }

    /// A path parameter that must be an integer id.
    static func intParameter(_ name: String, _ context: BasicRequestContext) throws(MiraklAPIError) -> Int {
        guard let text = context.parameters.get(name), let value = Int(text) else {
            throw .badRequest("The path parameter '\(name)' must be an integer")
        }
        return value
    }

    /// A path parameter as text.
    static func parameter(_ name: String, _ context: BasicRequestContext) throws(MiraklAPIError) -> String {
        guard let text = context.parameters.get(name), !text.isEmpty else {
            throw .badRequest("The path parameter '\(name)' is missing")
        }
        return text
    }

    /// `max` and `offset` query parameters (offset pagination, mirakl-api.md §1; max ≤ 100).
    static func page(_ request: Request, defaultMax: Int = 10) throws(MiraklAPIError) -> (max: Int, offset: Int) {
        let query = request.uri.queryParameters
        var max = defaultMax
        var offset = 0
        if let text = query.get("max") {
            guard let value = Int(text), value > 0 else { throw .badRequest("max must be a positive integer") }
            max = Swift.min(value, 100)
        }
        if let text = query.get("offset") {
            guard let value = Int(text), value >= 0 else { throw .badRequest("offset must be a non-negative integer") }
            offset = value
        }
        return (max, offset)
    }

    /// An ISO-8601 date query parameter (with or without fractional seconds; a `+` offset that
    /// arrived unencoded as a space is repaired).
    static func date(_ name: String, _ request: Request) throws(MiraklAPIError) -> Date? {
        guard let raw = request.uri.queryParameters.get(name), !raw.isEmpty else { return nil }
        let text = raw.replacingOccurrences(of: " ", with: "+")
        let plain = ISO8601DateFormatter()
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        guard let date = plain.date(from: text) ?? fractional.date(from: text) else {
            throw .badRequest("\(name) must be an ISO-8601 date-time, e.g. 2019-04-02T14:18:43Z")
        }
        return date
    }
}
