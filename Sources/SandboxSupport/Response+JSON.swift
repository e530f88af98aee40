public import Foundation
public import Hummingbird

extension Response {
    /// A response whose body is `value` encoded as JSON, with `Content-Type: application/json`.
    /// - Throws: the encoder's error when `value` cannot be encoded.
    public static func json(
        _ value: some Encodable, status: HTTPResponse.Status = .ok, encoder: JSONEncoder = JSONEncoder()
    ) throws -> Response {
        let data = try encoder.encode(value)
        return Response(
            status: status, headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// A response with a raw body and an explicit content type (CSV reports, files).
    public static func bytes(
        _ bytes: some Sequence<UInt8>, contentType: String, status: HTTPResponse.Status = .ok
    ) -> Response {
        Response(
            status: status, headers: [.contentType: contentType],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
