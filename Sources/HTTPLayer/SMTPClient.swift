internal import CCurl
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SystemSupport

/// Sends one e-mail over SMTP with libcurl (`smtp://` or `smtps://`, credentials in the URL as
/// `smtp://user:password@host:port`): `MAIL FROM`, one `RCPT TO` per recipient, then the message.
/// The transfer runs on a thread of its own (mail is rare: a digest per period), never on the
/// cooperative pool. Errors never carry the URL's credentials.
public struct SMTPClient: Sendable {
    /// Why a message was not sent.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    private let url: String
    private let timeout: Duration

    /// A client for the server at `url` (`smtp://[user:password@]host[:port]`).
    public init(url: String, timeout: Duration = .seconds(30)) {
        self.url = url
        self.timeout = timeout
    }

    /// Sends `message` (an RFC 5322 message: headers, a blank line, the body, CRLF line ends) from
    /// `from` to `recipients`.
    public func send(from: String, to recipients: [String], message: [UInt8]) async throws(Failure) {
        let url = self.url
        let timeoutMs = Int(timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        let outcome: String? = await withCheckedContinuation { continuation in
            DedicatedThread.start {
                continuation.resume(returning: Self.perform(
                    url: url, from: from, recipients: recipients, message: message, timeoutMs: timeoutMs))
            }
        }
        if let outcome { throw Failure(description: "SMTP \(HTTPRedaction.redact(url: url)): \(outcome)") }
    }

    /// The message being uploaded, read by libcurl's read callback.
    private final class Upload {
        let bytes: [UInt8]
        var offset = 0
        init(_ bytes: [UInt8]) { self.bytes = bytes }
    }

    /// One blocking transfer; nil on success, else why it failed.
    private static func perform(url: String, from: String, recipients: [String], message: [UInt8], timeoutMs: Int) -> String? {
        if let failure = CurlGlobal.failure { return failure }
        guard let easy = curl_easy_init() else { return "curl_easy_init failed" }
        var list: UnsafeMutablePointer<curl_slist>?
        defer {
            curl_easy_cleanup(easy)
            curl_slist_free_all(list)
        }
        for recipient in recipients {
            guard let appended = curl_slist_append(list, "<\(recipient)>") else { return "curl_slist_append failed" }
            list = appended
        }
        let upload = Upload(message)
        let context = Unmanaged.passRetained(upload)
        defer { context.release() }
        let codes = [
            ccurl_setopt_string(easy, CURLOPT_URL, url),
            ccurl_setopt_string(easy, CURLOPT_MAIL_FROM, "<\(from)>"),
            ccurl_setopt_pointer(easy, CURLOPT_MAIL_RCPT, UnsafeRawPointer(list)),
            ccurl_setopt_long(easy, CURLOPT_UPLOAD, 1),
            ccurl_setopt_long(easy, CURLOPT_NOSIGNAL, 1),
            ccurl_setopt_long(easy, CURLOPT_TIMEOUT_MS, timeoutMs),
            ccurl_setopt_data_callback(easy, CURLOPT_READFUNCTION, { data, size, count, context in
                guard let data, let context else { return 0 }
                let upload = Unmanaged<Upload>.fromOpaque(context).takeUnretainedValue()
                let length = min(size * count, upload.bytes.count - upload.offset)
                guard length > 0 else { return 0 }
                upload.bytes.withUnsafeBytes { buffer in
                    if let base = buffer.baseAddress {
                        UnsafeMutableRawPointer(data).copyMemory(from: base + upload.offset, byteCount: length)
                    }
                }
                upload.offset += length
                return length
            }),
            ccurl_setopt_pointer(easy, CURLOPT_READDATA, UnsafeRawPointer(context.toOpaque())),
        ]
        if let bad = codes.first(where: { $0 != CURLE_OK }) { return CurlText.string(curl_easy_strerror(bad)) }
        let code = curl_easy_perform(easy)
        return code == CURLE_OK ? nil : CurlText.string(curl_easy_strerror(code))
    }
}
