#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
public import Hummingbird

/// The ingress's JSON answers: `{"status":"accepted", …}` or `{"error": "<reason>"}`.
public enum IngressResponse {
    /// Seconds a sender is asked to wait after a 503.
    public static let retryAfterSeconds = 5

    /// 200 `{"status":"accepted", …fields}`.
    public static func accepted(_ fields: [String: String] = [:]) -> Response {
        var object = fields
        object["status"] = "accepted"
        return json(object, status: .ok)
    }

    /// An error status with `{"error": reason}`.
    public static func error(_ status: HTTPResponse.Status, _ reason: String) -> Response {
        json(["error": reason], status: status)
    }

    /// 503 with `Retry-After`: nothing was stored, the sender must try again.
    public static func unavailable(_ reason: String) -> Response {
        var response = error(.serviceUnavailable, reason)
        response.headers[.retryAfter] = String(retryAfterSeconds)
        return response
    }

    private static func json(_ object: [String: String], status: HTTPResponse.Status) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? encoder.encode(object)) ?? Data("{}".utf8)
        return Response(
            status: status, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
