internal import CCurl

/// libcurl's process-wide initialisation, done once.
///
/// `curl_global_init` is not thread-safe on its own in older libcurls; a Swift `static let` is
/// initialised exactly once, under the runtime's `swift_once`, whichever thread gets there first.
enum CurlGlobal {
    /// `nil` when libcurl initialised, otherwise why it did not.
    static let failure: String? = {
        let code = ccurl_global_init_all()
        return code == CURLE_OK ? nil : CurlText.string(curl_easy_strerror(code))
    }()
}

/// Turns C strings that libcurl owns into Swift strings.
enum CurlText {
    /// A copy of a NUL-terminated C string, `""` for `NULL`.
    static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: pointer)
    }
}
