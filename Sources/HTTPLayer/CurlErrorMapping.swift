internal import CCurl

/// Maps a libcurl result code to ``HTTPClientError``: the classification behind
/// ``HTTPClientError/isTransient`` (ARCHITECTURE.md "failure kinds").
enum CurlErrorMapping {
    /// The error for `code`; `detail` is libcurl's `CURLOPT_ERRORBUFFER` text (no header values),
    /// `context` names the request (method and redacted URL).
    static func error(for code: CURLcode, detail: String, context: String) -> HTTPClientError {
        let summary = CurlText.string(curl_easy_strerror(code))
        let message = detail.isEmpty ? "\(summary) (\(context))" : "\(detail) (\(context))"
        switch code {
        case CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT:
            return .invalidURL(message)
        case CURLE_COULDNT_RESOLVE_PROXY, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_CONNECT:
            return .connectFailed(message)
        case CURLE_OPERATION_TIMEDOUT:
            return .timedOut(message)
        case CURLE_SSL_CONNECT_ERROR, CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ENGINE_SETFAILED,
            CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER, CURLE_PEER_FAILED_VERIFICATION, CURLE_USE_SSL_FAILED,
            CURLE_SSL_ENGINE_INITFAILED, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_SHUTDOWN_FAILED,
            CURLE_SSL_CRL_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH,
            CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CLIENTCERT:
            return .tls(message)
        default:
            return .transport(message)
        }
    }
}
