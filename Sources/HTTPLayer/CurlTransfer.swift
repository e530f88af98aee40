internal import CCurl
#if canImport(FoundationEssentials)
internal import FoundationEssentials
#else
internal import Foundation
#endif
import SystemSupport

/// One request's libcurl easy handle and the C memory it points at (header list, MIME form, error
/// buffer), plus the response as the callbacks collect it.
///
/// Threading: the caller's task builds and configures it (`init`), then hands it to
/// ``CurlMultiDriver``; from then on only the driver's I/O thread touches the handle and the
/// response buffers, until it resumes ``continuation``. ``phase`` and ``continuation`` are read
/// and written only under the driver's lock. Ownership therefore moves between threads without
/// overlap, which is why the class is `@unchecked Sendable`.
final class CurlTransfer: @unchecked Sendable {
    /// Where the transfer is in its life; guarded by the driver's lock.
    enum Phase {
        /// Built, not yet handed to the driver.
        case created
        /// The task was cancelled before it was handed over: it must never start.
        case cancelledEarly
        /// Waiting in the driver's queue for the I/O thread.
        case queued
        /// Added to the multi handle by the I/O thread.
        case running
        /// Its continuation has been resumed.
        case done
    }

    /// The easy handle (`CURL *`), owned: cleaned up in `deinit`.
    let easy: UnsafeMutableRawPointer
    /// Method and redacted URL, for error messages.
    let context: String
    /// Guarded by the driver's lock.
    var phase = Phase.created
    /// Resumed once, by whoever moves ``phase`` to `.done`; guarded by the driver's lock.
    var continuation: CheckedContinuation<Result<HTTPResponse, HTTPClientError>, Never>?

    /// `CURLOPT_ERRORBUFFER`: libcurl's detail text for a failed transfer.
    let errorBuffer: UnsafeMutablePointer<CChar>
    /// Set by ``configure(request:configuration:)``; freed in `deinit`.
    var headerList: UnsafeMutablePointer<curl_slist>?
    /// Set by ``configure(request:configuration:)`` for a multipart body; freed in `deinit`.
    var mime: OpaquePointer?
    private let maxBodyBytes: Int
    // Filled by the callbacks on the I/O thread.
    private var body: [UInt8] = []
    private var responseHeaders: [(name: String, value: String)] = []
    private var bodyTooLarge = false

    /// Builds the easy handle for `request` under `configuration`.
    /// - Throws: `.invalidURL` for a URL that is malformed or not http(s), `.invalidRequest` for a
    ///   header that cannot be sent, `.transport` when libcurl refuses an option.
    init(request: HTTPRequest, configuration: HTTPClient.Configuration) throws(HTTPClientError) {
        if let failure = CurlGlobal.failure {
            throw .transport("libcurl initialisation failed: \(failure)")
        }
        context = "\(request.method) \(HTTPRedaction.redact(url: request.url))"
        try Self.validate(url: request.url, context: context)
        guard let easy = curl_easy_init() else {
            throw .transport("curl_easy_init failed (\(context))")
        }
        self.easy = easy
        maxBodyBytes = configuration.maxResponseBodyBytes
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        // From here the object is whole: a throw releases it and `deinit` frees the C memory.
        try configure(request: request, configuration: configuration)
    }

    deinit {
        curl_easy_cleanup(easy)
        curl_slist_free_all(headerList)
        curl_mime_free(mime)
        errorBuffer.deallocate()
    }

    /// The response, or the error, once libcurl reports the transfer done with `code`.
    /// Called on the I/O thread after the handle left the multi handle.
    func outcome(of code: CURLcode) -> Result<HTTPResponse, HTTPClientError> {
        guard code == CURLE_OK else {
            if bodyTooLarge { return .failure(.responseTooLarge(limit: maxBodyBytes)) }
            let detail = String(cString: errorBuffer)
            return .failure(CurlErrorMapping.error(for: code, detail: detail, context: context))
        }
        var status = 0
        var connects = 0
        _ = ccurl_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
        _ = ccurl_getinfo_long(easy, CURLINFO_NUM_CONNECTS, &connects)
        return .success(
            HTTPResponse(
                status: status, headers: HTTPHeaders(responseHeaders.map { ($0.name, $0.value) }), body: body,
                newConnections: connects))
    }
}

// MARK: - Callbacks (I/O thread)

extension CurlTransfer {
    /// Appends received body bytes; refuses them (stopping the transfer) past the size limit.
    func receive(body bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard body.count + bytes.count <= maxBodyBytes else {
            bodyTooLarge = true
            return false
        }
        body.append(contentsOf: bytes)
        return true
    }

    /// Records one raw header line. A status line starts a new response (after `100 Continue`),
    /// so earlier headers are dropped; a line starting with white space continues the previous
    /// field (obsolete folding, RFC 9112 §5.2).
    func receive(headerLine bytes: UnsafeBufferPointer<UInt8>) {
        let line = String(decoding: bytes, as: UTF8.self)
        if line.hasPrefix("HTTP/") {
            responseHeaders.removeAll()
            return
        }
        if let first = line.first, first == " " || first == "\t" {
            if let last = responseHeaders.popLast() {
                let continued = line.trimmingWhitespaceAndNewlines()
                responseHeaders.append((last.name, last.value + " " + continued))
            }
            return
        }
        guard let colon = line.firstIndex(of: ":") else { return }
        let name = String(line[..<colon])
        let value = line[line.index(after: colon)...].trimmingWhitespaceAndNewlines()
        responseHeaders.append((name, value))
    }
}
