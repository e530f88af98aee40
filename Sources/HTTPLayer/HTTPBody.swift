#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// The body of a request.
///
/// Bytes are copied into libcurl when the transfer starts (`CURLOPT_COPYPOSTFIELDS`, `curl_mime_data`),
/// so a body never has to outlive the call that sends it (rabbitmq-recoverability.md §3.2, the
/// `CURLOPT_POSTFIELDS` pitfall).
public enum HTTPBody: Sendable {
    /// Raw bytes sent as they are, with their `Content-Type`.
    case bytes([UInt8], contentType: String)
    /// A `multipart/form-data` form (Mirakl's P41 / OF01 file imports); libcurl writes the boundary
    /// and the `Content-Type` header.
    case multipart(MultipartForm)

    /// Encodes `value` as JSON with `encoder`, typed `application/json`.
    /// - Throws: the encoder's `EncodingError` when `value` cannot be encoded.
    public static func json(_ value: some Encodable & Sendable, encoder: JSONEncoder = .init()) throws -> HTTPBody {
        .bytes(Array(try encoder.encode(value)), contentType: "application/json")
    }

    /// A UTF-8 text body, e.g. a CSV, typed `contentType` (`text/plain; charset=utf-8` by default).
    public static func text(_ text: String, contentType: String = "text/plain; charset=utf-8") -> HTTPBody {
        .bytes(Array(text.utf8), contentType: contentType)
    }
}
