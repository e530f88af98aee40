#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// A response as received: any status code is a response, not an error (the caller classifies
/// 4xx/5xx, see ARCHITECTURE.md "failure kinds").
public struct HTTPResponse: Sendable {
    /// The status code of the final response, e.g. `200` or `429`.
    public var status: Int
    /// The response headers of the final response, in order (interim `100 Continue` headers are
    /// dropped).
    public var headers: HTTPHeaders
    /// The body, already decompressed when the server sent it gzip/deflate/br/zstd encoded.
    public var body: [UInt8]
    /// How many new connections libcurl opened for this request (`CURLINFO_NUM_CONNECTS`):
    /// `0` when a kept-alive connection was reused. Lets tests and metrics see keep-alive at work.
    public var newConnections: Int

    /// Creates a response; the client builds these, tests and fakes may too.
    public init(status: Int, headers: HTTPHeaders = [:], body: [UInt8] = [], newConnections: Int = 0) {
        self.status = status
        self.headers = headers
        self.body = body
        self.newConnections = newConnections
    }

    /// Decodes the body as JSON into `type`.
    /// - Throws: the decoder's `DecodingError` when the body does not match `type`.
    public func decode<T: Decodable>(_ type: T.Type, decoder: JSONDecoder = .init()) throws -> T {
        try decoder.decode(type, from: Data(body))
    }

    /// The body as UTF-8 text; invalid sequences become U+FFFD.
    public var text: String {
        String(decoding: body, as: UTF8.self)
    }

    /// Whether the status is 2xx.
    public var isSuccess: Bool { (200..<300).contains(status) }
}
