extension HTTPClient {
    /// How a client connects; fixed when the client is created.
    public struct Configuration: Sendable {
        /// Limit for establishing a connection (TCP and TLS), `CURLOPT_CONNECTTIMEOUT_MS`.
        public var connectTimeout: Duration = .seconds(5)
        /// Limit for a whole request unless it sets its own, `CURLOPT_TIMEOUT_MS`.
        public var requestTimeout: Duration = .seconds(30)
        /// Verify the server's certificate and host name. On by default; turn off only for a local
        /// test server with a self-signed certificate.
        public var verifyTLS: Bool = true
        /// A PEM bundle of trusted CAs instead of the system's (`CURLOPT_CAINFO`).
        public var caBundlePath: String? = nil
        /// At most this many simultaneous connections to one host; further requests wait for one.
        public var maxConnectionsPerHost: Int = 8
        /// The `User-Agent` header unless a request sets its own.
        public var userAgent: String = "carrefour-connector"
        /// A response body larger than this stops the transfer with `.responseTooLarge`, so a
        /// runaway response cannot exhaust a worker's memory.
        public var maxResponseBodyBytes: Int = 256 * 1024 * 1024

        /// The defaults above.
        public init() {}
    }
}
