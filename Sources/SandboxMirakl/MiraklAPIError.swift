public import Hummingbird
import SandboxSupport

/// An error answered by the fake Mirakl API with Mirakl's error body
/// `{"message": "...", "status": n}` (mirakl-api.md §1 "Status codes and error bodies").
public struct MiraklAPIError: HTTPResponseError, CustomStringConvertible, Sendable {
    /// The HTTP status.
    public var status: HTTPResponse.Status
    /// The human message put in the body.
    public var message: String

    /// An error with a status and message.
    public init(_ status: HTTPResponse.Status, _ message: String) {
        self.status = status
        self.message = message
    }

    /// "status: message".
    public var description: String { "\(status.code): \(message)" }

    /// The Mirakl error response, when Hummingbird renders a thrown error (admin routes).
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        response
    }

    /// The error as a Mirakl error response.
    public var response: Response {
        Self.response(status: status, message: message)
    }

    /// A Mirakl error response for any status and message.
    public static func response(status: HTTPResponse.Status, message: String) -> Response {
        let body = ErrorBody(message: message, status: Int(status.code))
        return (try? Response.json(body, status: status))
            ?? Response(status: status, body: ResponseBody(byteBuffer: ByteBuffer(string: message)))
    }

    static func notFound(_ what: String) -> MiraklAPIError { .init(.notFound, "\(what) not found") }
    static func badRequest(_ message: String) -> MiraklAPIError { .init(.badRequest, message) }

    private struct ErrorBody: Encodable {
        var message: String
        var status: Int
    }
}
