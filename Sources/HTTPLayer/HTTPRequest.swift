/// A request for ``HTTPClient/execute(_:)``: a plain value, so it can be built anywhere and retried
/// as is.
public struct HTTPRequest: Sendable {
    /// The method; `.get` by default.
    public var method: HTTPMethod
    /// The absolute `http://` or `https://` URL, query included.
    public var url: String
    /// Headers sent in order. A `Content-Type` here overrides a `.bytes` body's type; for a
    /// multipart body libcurl always writes its own (it carries the boundary).
    public var headers: HTTPHeaders
    /// The body, or `nil` for none.
    public var body: HTTPBody?
    /// The whole request's time limit (connect, send, wait, receive), overriding the client's
    /// ``HTTPClient/Configuration/requestTimeout``; `nil` keeps the client's.
    public var timeout: Duration?

    /// Creates a request; only `url` is required.
    public init(
        method: HTTPMethod = .get, url: String, headers: HTTPHeaders = [:], body: HTTPBody? = nil,
        timeout: Duration? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }
}
