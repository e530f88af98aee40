import Foundation
import HTTPLayer
import Testing

@Suite("Request and response bodies")
struct BodyTests {
    @Test("a multipart upload arrives byte for byte: binary file part plus text parts")
    func multipartUpload() async throws {
        try await LocalServer.with { server in
            let file = Payloads.allByteValues(repeats: 40)
            let form = MultipartForm(parts: [
                .init(name: "file", filename: "offers.csv", contentType: "application/octet-stream", data: file),
                .text(name: "import_mode", value: "NORMAL"),
                .text(name: "with_products", value: "false"),
            ])
            let client = HTTPClient()
            let response = try await client.execute(
                HTTPRequest(method: .post, url: server.url("/upload"), body: .multipart(form)))
            await client.shutdown()
            #expect(response.status == 200)
            let parts = try response.decode([ReceivedPart].self)
            try #require(parts.count == 3)
            #expect(parts[0].name == "file")
            #expect(parts[0].filename == "offers.csv")
            #expect(parts[0].contentType == "application/octet-stream")
            #expect(parts[0].data == Data(file))
            #expect(parts[1] == ReceivedPart(name: "import_mode", filename: nil, contentType: nil, data: Data("NORMAL".utf8)))
            #expect(parts[2].name == "with_products")
            #expect(parts[2].data == Data("false".utf8))
        }
    }

    @Test("JSON body round trip")
    func jsonRoundTrip() async throws {
        try await LocalServer.with { server in
            let order = Order(id: "1234-01", items: [
                .init(sku: "SKU-1", quantity: 2, price: 10.5),
                .init(sku: "SKU-2", quantity: 1, price: 4.25),
            ])
            let client = HTTPClient()
            let response = try await client.execute(
                HTTPRequest(method: .post, url: server.url("/json"), body: try .json(order)))
            await client.shutdown()
            let receipt = try response.decode(Receipt.self)
            #expect(receipt == Receipt(id: "1234-01", lines: 2, total: 25.25, contentType: "application/json"))
        }
    }

    @Test("a gzip-encoded response arrives decompressed")
    func gzipResponse() async throws {
        try await LocalServer.with { server in
            let client = HTTPClient()
            let response = try await client.execute(HTTPRequest(url: server.url("/gzip")))
            await client.shutdown()
            #expect(response.headers["content-encoding"] == "gzip")
            #expect(response.text == Payloads.gzipText)
            #expect(response.body.count > Payloads.gzipped.count)
        }
    }

    @Test("raw bytes with NULs are sent whole for POST, PUT, PATCH and DELETE", arguments: [
        HTTPMethod.post, .put, .patch, .delete,
    ])
    func binaryBody(method: HTTPMethod) async throws {
        try await LocalServer.with { server in
            let bytes = Payloads.allByteValues(repeats: 3)
            let client = HTTPClient()
            let response = try await client.execute(
                HTTPRequest(method: method, url: server.url("/echo"), body: .bytes(bytes, contentType: "application/x-test")))
            await client.shutdown()
            #expect(response.body == bytes)
            #expect(response.headers["X-Method"] == method.rawValue)
            #expect(response.headers["Content-Type"] == "application/x-test")
            #expect(response.headers["X-Content-Length"] == "\(bytes.count)")
        }
    }

    @Test("a POST without a body sends Content-Length 0; HEAD gets no body")
    func emptyBodies() async throws {
        try await LocalServer.with { server in
            let client = HTTPClient()
            let post = try await client.execute(HTTPRequest(method: .post, url: server.url("/echo")))
            #expect(post.status == 200)
            #expect(post.body.isEmpty)
            #expect(post.headers["X-Content-Length"] == "0")
            #expect(post.headers["Content-Type"] == "none")
            let head = try await client.execute(HTTPRequest(method: .head, url: server.url("/echo")))
            #expect(head.status == 200)
            #expect(head.body.isEmpty)
            #expect(head.headers["X-Method"] == "HEAD")
            await client.shutdown()
        }
    }

    @Test("request headers arrive in order with their values; a header value with a line break is refused")
    func requestHeaders() async throws {
        try await LocalServer.with { server in
            var configuration = HTTPClient.Configuration()
            configuration.userAgent = "connector-test/1"
            let client = HTTPClient(configuration: configuration)
            var headers: HTTPHeaders = ["Accept": "application/json"]
            headers.add("X-Trace", "one")
            headers.add("X-Trace", "two")
            let response = try await client.execute(HTTPRequest(url: server.url("/headers"), headers: headers))
            let received = try response.decode(ReceivedHeaders.self)
            #expect(received.values("Accept") == ["application/json"])
            #expect(received.values("X-Trace") == ["one", "two"])
            #expect(received.values("User-Agent") == ["connector-test/1"])
            #expect(received.values("Accept-Encoding").first?.contains("gzip") == true)

            let injected = HTTPHeaders([("X-Bad", "a\r\nX-Injected: yes")])
            let error = await #expect(throws: HTTPClientError.self) {
                try await client.execute(HTTPRequest(url: server.url("/headers"), headers: injected))
            }
            guard case .invalidRequest = error else {
                Issue.record("expected .invalidRequest, got \(String(describing: error))")
                return
            }
            #expect(error?.description.contains("X-Injected") == false)
            await client.shutdown()
        }
    }
}
