import Foundation
import Hummingbird
import SandboxSupport

/// Small helpers shared by the route groups.
enum RouteSupport {
    /// VTEX's error body `{"error": {"code", "message"}}` with a status.
    static func error(_ status: HTTPResponse.Status, _ message: String, code: String? = nil) -> Response {
        let body = ErrorBody(error: .init(code: code ?? String(status.code), message: message))
        return (try? Response.json(body, status: status))
            ?? Response(status: status)
    }

    /// A JSON response of an encodable value.
    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        try Response.json(value, status: status, encoder: encoder)
    }

    /// The encoder of every response: ISO 8601 dates for the admin read-backs.
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    /// Decodes a JSON body, or returns the 400 that explains why it could not.
    static func decode<T: Decodable>(_ type: T.Type, from request: Request) async -> Result<T, DecodeFailure> {
        do {
            let buffer = try await request.body.collect(upTo: 4 << 20)
            return .success(try JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView)))
        } catch let error as DecodingError {
            return .failure(DecodeFailure(message: describe(error)))
        } catch {
            return .failure(DecodeFailure(message: "Unreadable body"))
        }
    }

    /// A human message for a decoding error: which field, what was wrong (never the body itself).
    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        }
        switch error {
        case .keyNotFound(let key, let context): return "Missing field \(path(context)).\(key.stringValue)"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "Wrong type or null at \(path(context))"
        case .dataCorrupted(let context): return "Invalid JSON at \(path(context)): \(context.debugDescription)"
        @unknown default: return "Invalid body"
        }
    }

    /// The response of a refused OMS write.
    static func response(for error: OMSError) -> Response {
        switch error {
        case .orderNotFound, .invoiceNotFound: RouteSupport.error(.notFound, error.description)
        case .conflict: RouteSupport.error(.conflict, error.description)
        case .invalid: RouteSupport.error(.badRequest, error.description)
        }
    }

    /// The response of a refused admin change.
    static func response(for error: AdminError) -> Response {
        switch error {
        case .skuNotFound: RouteSupport.error(.notFound, error.description)
        case .invalid: RouteSupport.error(.badRequest, error.description)
        }
    }
}

/// Why a request body could not be decoded.
struct DecodeFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

extension Request {
    /// An integer query parameter.
    func intQuery(_ name: String) -> Int? {
        uri.queryParameters.get(name).flatMap { Int($0) }
    }
}
