import HTTPLayer
import InMemoryLogging
import Logging
import Testing

@Suite("Secrets never reach logs or errors")
struct SecretRedactionTests {
    private static let secretHeaders: HTTPHeaders = [
        "Authorization": "shop-key-SECRET",
        "X-VTEX-API-AppKey": "vtexappkey-SECRET",
        "X-VTEX-API-AppToken": "token-SECRET",
    ]

    @Test("trace-level logs of a successful and a failed request hold no secret")
    func logsHoldNoSecret() async throws {
        let handler = InMemoryLogHandler()
        var logger = Logger(label: "http-test") { _ in handler }
        logger.logLevel = .trace
        try await LocalServer.with { [logger] server in
            let client = HTTPClient(logger: logger)
            let response = try await client.execute(
                HTTPRequest(url: server.url("/headers"), headers: Self.secretHeaders))
            // The secrets were really sent: only their logging is hidden.
            let received = try response.decode(ReceivedHeaders.self)
            #expect(received.values("authorization") == ["shop-key-SECRET"])
            #expect(received.values("x-vtex-api-apptoken") == ["token-SECRET"])

            let port = try #require(ClosedPort.make())
            let error = await #expect(throws: HTTPClientError.self) {
                try await client.execute(
                    HTTPRequest(url: "http://user:pass-SECRET@127.0.0.1:\(port)/x", headers: Self.secretHeaders))
            }
            #expect(error?.description.contains("SECRET") == false)
            await client.shutdown()
        }
        let lines = handler.entries.map { "\($0.level) \($0.message) \($0.metadata)" }
        #expect(!lines.isEmpty)
        #expect(lines.contains { $0.contains("[redacted]") }, "headers were not logged at trace")
        #expect(lines.contains { $0.contains("http.status") && $0.contains("200") && $0.contains("http.duration_ms") })
        for line in lines {
            #expect(!line.contains("SECRET"), "\(line)")
        }
    }

    @Test("HTTPRedaction hides credential headers case-insensitively and URL user-info")
    func redaction() {
        for name in ["Authorization", "authorization", "X-VTEX-API-AppToken", "x-vtex-api-appkey", "VtexIdclientAutCookie"] {
            #expect(HTTPRedaction.redact(headerName: name, value: "v") == "[redacted]", "\(name)")
        }
        #expect(HTTPRedaction.redact(headerName: "Accept", value: "application/json") == "application/json")
        #expect(HTTPRedaction.redact(url: "https://u:p@host/path?q=1") == "https://[redacted]@host/path?q=1")
        #expect(HTTPRedaction.redact(url: "https://host/a@b") == "https://host/a@b")
        let headers: HTTPHeaders = ["Authorization": "k-SECRET", "Accept": "*/*"]
        #expect(!"\(headers)".contains("SECRET"))
    }
}
