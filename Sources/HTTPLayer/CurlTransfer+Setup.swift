internal import CCurl

// Option setup for one easy handle. Every option below is a documented libcurl option; the
// choices follow the HTTP brief and rabbitmq-recoverability.md §3.2 (FoundationNetworking's
// EasyHandle: protocols restricted to http/https, automatic decompression).
extension CurlTransfer {
    /// Sets every option for `request`; called once from `init`.
    func configure(request: HTTPRequest, configuration: HTTPClient.Configuration) throws(HTTPClientError) {
        try set(CURLOPT_ERRORBUFFER, pointer: UnsafeRawPointer(errorBuffer))
        try set(CURLOPT_URL, string: request.url)
        try set(CURLOPT_PROTOCOLS_STR, string: "http,https")
        try set(CURLOPT_REDIR_PROTOCOLS_STR, string: "http,https")
        // Redirects are not followed: a 3xx is returned as it is, so credentials in custom headers
        // (X-VTEX-API-*) never travel to another host.
        try set(CURLOPT_FOLLOWLOCATION, 0)
        // Worker threads must not get SIGALRM / SIGPIPE from libcurl.
        try set(CURLOPT_NOSIGNAL, 1)
        try set(CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_1_1)
        try set(CURLOPT_TCP_KEEPALIVE, 1)
        try set(CURLOPT_CONNECTTIMEOUT_MS, configuration.connectTimeout.curlMilliseconds)
        try set(CURLOPT_TIMEOUT_MS, (request.timeout ?? configuration.requestTimeout).curlMilliseconds)
        // "" = every encoding this libcurl decodes (gzip, deflate, br, zstd); bodies arrive decoded.
        try set(CURLOPT_ACCEPT_ENCODING, string: "")
        try set(CURLOPT_SSL_VERIFYPEER, configuration.verifyTLS ? 1 : 0)
        try set(CURLOPT_SSL_VERIFYHOST, configuration.verifyTLS ? 2 : 0)
        if let caBundlePath = configuration.caBundlePath {
            try set(CURLOPT_CAINFO, string: caBundlePath)
        }
        try set(CURLOPT_USERAGENT, string: configuration.userAgent)
        try setCallbacks()
        try setMethodAndBody(request)
        try setHeaders(request)
    }

    /// Refuses a URL libcurl cannot parse or whose scheme is not http/https, before any I/O.
    static func validate(url: String, context: String) throws(HTTPClientError) {
        guard let handle = curl_url() else { throw .transport("curl_url failed (\(context))") }
        defer { curl_url_cleanup(handle) }
        let parsed = curl_url_set(handle, CURLUPART_URL, url, 0)
        guard parsed == CURLUE_OK else {
            throw .invalidURL("\(CurlText.string(curl_url_strerror(parsed))) (\(context))")
        }
        var scheme: UnsafeMutablePointer<CChar>?
        guard curl_url_get(handle, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK, let scheme else {
            throw .invalidURL("no scheme (\(context))")
        }
        defer { curl_free(scheme) }
        guard ["http", "https"].contains(String(cString: scheme).lowercased()) else {
            throw .invalidURL("only http and https are allowed (\(context))")
        }
    }

    // MARK: Method and body

    private func setMethodAndBody(_ request: HTTPRequest) throws(HTTPClientError) {
        // A request that changes something goes on a connection of its own: libcurl silently sends
        // a request again when a reused connection dies before any answer ("Connection died,
        // retrying a fresh connect"), which for a POST/PUT is a second import, a second shipment.
        // On a fresh connection a lost answer is an error the caller sees, and the flows check
        // what the first request did before trying again.
        if request.method != .get && request.method != .head {
            try set(CURLOPT_FRESH_CONNECT, 1)
        }
        switch request.method {
        case .get where request.body == nil:
            try set(CURLOPT_HTTPGET, 1)
        case .head:
            try set(CURLOPT_NOBODY, 1)
        case .post:
            break  // implied by the body options below
        default:
            try set(CURLOPT_CUSTOMREQUEST, string: request.method.rawValue)
        }
        switch request.body {
        case .bytes(let bytes, _):
            try setCopiedBody(bytes)
        case .multipart(let form):
            try setMultipart(form)
        case nil where [.post, .put, .patch].contains(request.method):
            try setCopiedBody([])  // sends `Content-Length: 0`
        case nil:
            break
        }
    }

    /// `CURLOPT_COPYPOSTFIELDS` copies the bytes into the handle; the size must be set first, so
    /// that bytes after a NUL are sent too.
    private func setCopiedBody(_ bytes: [UInt8]) throws(HTTPClientError) {
        try set(CURLOPT_POSTFIELDSIZE_LARGE, offset: curl_off_t(bytes.count))
        let code = bytes.isEmpty
            ? Self.emptyBody.withUnsafeBufferPointer { ccurl_setopt_pointer(easy, CURLOPT_COPYPOSTFIELDS, $0.baseAddress) }
            : bytes.withUnsafeBufferPointer { ccurl_setopt_pointer(easy, CURLOPT_COPYPOSTFIELDS, $0.baseAddress) }
        try check(code, "CURLOPT_COPYPOSTFIELDS")
    }

    /// A multipart form through `curl_mime`: `curl_mime_data` copies each part's bytes, and libcurl
    /// writes the boundary and `Content-Type: multipart/form-data; boundary=…`.
    private func setMultipart(_ form: MultipartForm) throws(HTTPClientError) {
        guard let mime = curl_mime_init(easy) else { throw .transport("curl_mime_init failed (\(context))") }
        self.mime = mime
        for part in form.parts {
            guard let handle = curl_mime_addpart(mime) else {
                throw .transport("curl_mime_addpart failed (\(context))")
            }
            try check(curl_mime_name(handle, part.name), "curl_mime_name")
            let data = part.data.isEmpty ? Self.emptyBody : part.data
            let code = data.withUnsafeBytes {
                curl_mime_data(handle, $0.baseAddress?.assumingMemoryBound(to: CChar.self), part.data.count)
            }
            try check(code, "curl_mime_data")
            if let filename = part.filename {
                try check(curl_mime_filename(handle, filename), "curl_mime_filename")
            }
            if let contentType = part.contentType {
                try check(curl_mime_type(handle, contentType), "curl_mime_type")
            }
        }
        try set(CURLOPT_MIMEPOST, pointer: UnsafeRawPointer(mime))
    }

    /// Backing store for an empty body: libcurl reads a NULL data pointer as "no body set".
    private static let emptyBody: [UInt8] = [0]

    // MARK: Headers

    private func setHeaders(_ request: HTTPRequest) throws(HTTPClientError) {
        var lines: [String] = []
        for (name, value) in request.headers {
            guard Self.isToken(name) else {
                // The bad name itself is not shown: it might be a value pasted into the name.
                throw .invalidRequest("a header name is not a valid token (\(context))")
            }
            // By bytes: "\r\n" is one Character in Swift, so a Character test would miss it.
            guard !value.utf8.contains(where: { $0 == 13 || $0 == 10 || $0 == 0 }) else {
                throw .invalidRequest("the value of header \(name) holds a line break or NUL (\(context))")
            }
            if case .multipart = request.body, name.lowercased() == "content-type" { continue }
            // "Name;" is libcurl's spelling of a header with an empty value.
            lines.append(value.isEmpty ? "\(name);" : "\(name): \(value)")
        }
        switch request.body {
        case .bytes(_, let contentType) where !request.headers.contains("Content-Type"):
            lines.append("Content-Type: \(contentType)")
        case nil where !request.headers.contains("Content-Type"):
            lines.append("Content-Type:")  // drop libcurl's default form type on an empty POST
        default:
            break
        }
        // No `Expect: 100-continue` round trip before large bodies.
        if !request.headers.contains("Expect") { lines.append("Expect:") }
        for line in lines {
            guard let appended = curl_slist_append(headerList, line) else {
                throw .transport("curl_slist_append failed (\(context))")
            }
            headerList = appended
        }
        try set(CURLOPT_HTTPHEADER, pointer: UnsafeRawPointer(headerList))
    }

    /// Whether `name` is an RFC 9110 §5.6.2 token.
    private static func isToken(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"):
                true
            default:
                "!#$%&'*+-.^_`|~".utf8.contains(byte)
            }
        }
    }

    // MARK: Callbacks

    private func setCallbacks() throws(HTTPClientError) {
        let context = UnsafeRawPointer(Unmanaged.passUnretained(self).toOpaque())
        try set(CURLOPT_WRITEFUNCTION, callback: { data, size, count, context in
            guard let context else { return 0 }
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
            let length = size * count
            let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(data)?.assumingMemoryBound(to: UInt8.self), count: length)
            return transfer.receive(body: bytes) ? length : 0
        })
        try set(CURLOPT_WRITEDATA, pointer: context)
        try set(CURLOPT_HEADERFUNCTION, callback: { data, size, count, context in
            guard let context else { return 0 }
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
            let length = size * count
            transfer.receive(headerLine: UnsafeBufferPointer(start: UnsafeRawPointer(data)?.assumingMemoryBound(to: UInt8.self), count: length))
            return length
        })
        try set(CURLOPT_HEADERDATA, pointer: context)
    }

    // MARK: setopt with CURLcode → throw

    private func set(_ option: CURLoption, _ value: Int) throws(HTTPClientError) {
        try check(ccurl_setopt_long(easy, option, value), option)
    }

    private func set(_ option: CURLoption, offset: curl_off_t) throws(HTTPClientError) {
        try check(ccurl_setopt_off(easy, option, offset), option)
    }

    private func set(_ option: CURLoption, string: String) throws(HTTPClientError) {
        try check(ccurl_setopt_string(easy, option, string), option)
    }

    private func set(_ option: CURLoption, pointer: UnsafeRawPointer?) throws(HTTPClientError) {
        try check(ccurl_setopt_pointer(easy, option, pointer), option)
    }

    private func set(_ option: CURLoption, callback: ccurl_data_callback) throws(HTTPClientError) {
        try check(ccurl_setopt_data_callback(easy, option, callback), option)
    }

    private func check(_ code: CURLcode, _ option: CURLoption) throws(HTTPClientError) {
        try check(code, "option \(option.rawValue)")
    }

    private func check(_ code: CURLcode, _ what: String) throws(HTTPClientError) {
        guard code == CURLE_OK else {
            throw .transport("libcurl refused \(what): \(CurlText.string(curl_easy_strerror(code))) (\(context))")
        }
    }
}
