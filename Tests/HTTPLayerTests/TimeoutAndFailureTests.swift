import HTTPLayer
import Testing

@Suite("Timeouts, refused connections, cancellation and shutdown")
struct TimeoutAndFailureTests {
    @Test("a request's total timeout fires against a slow route")
    func totalTimeout() async throws {
        try await LocalServer.with { server in
            let client = HTTPClient()
            let started = ContinuousClock.now
            let error = await #expect(throws: HTTPClientError.self) {
                try await client.execute(HTTPRequest(url: server.url("/slow"), timeout: .milliseconds(300)))
            }
            let elapsed = ContinuousClock.now - started
            await client.shutdown()
            guard case .timedOut = error else {
                Issue.record("expected .timedOut, got \(String(describing: error))")
                return
            }
            #expect(error?.isTransient == true)
            #expect(elapsed >= .milliseconds(290) && elapsed < .milliseconds(1_700), "took \(elapsed)")
        }
    }

    @Test("the client's request timeout applies when the request sets none")
    func clientTimeout() async throws {
        try await LocalServer.with { server in
            var configuration = HTTPClient.Configuration()
            configuration.requestTimeout = .milliseconds(200)
            let client = HTTPClient(configuration: configuration)
            let error = await #expect(throws: HTTPClientError.self) {
                try await client.execute(HTTPRequest(url: server.url("/slow")))
            }
            await client.shutdown()
            #expect(error.map { if case .timedOut = $0 { true } else { false } } == true)
        }
    }

    @Test("a refused connection is a transient .connectFailed")
    func connectionRefused() async throws {
        let port = try #require(ClosedPort.make())
        let client = HTTPClient()
        let error = await #expect(throws: HTTPClientError.self) {
            try await client.execute(HTTPRequest(url: "http://127.0.0.1:\(port)/hello"))
        }
        await client.shutdown()
        guard case .connectFailed(let message) = error else {
            Issue.record("expected .connectFailed, got \(String(describing: error))")
            return
        }
        #expect(error?.isTransient == true)
        #expect(message.contains("127.0.0.1"))
    }

    @Test("a URL that is not http(s) or not a URL is refused before any I/O, not transient")
    func invalidURL() async {
        let client = HTTPClient()
        for url in ["ftp://127.0.0.1/file", "not a url", "file:///etc/passwd", ""] {
            let error = await #expect(throws: HTTPClientError.self) {
                try await client.execute(HTTPRequest(url: url))
            }
            guard case .invalidURL = error else {
                Issue.record("\(url): expected .invalidURL, got \(String(describing: error))")
                continue
            }
            #expect(error?.isTransient == false)
        }
        await client.shutdown()
    }

    @Test("TLS spoken to a plain-HTTP port fails as .tls, not transient")
    func tlsFailure() async throws {
        try await LocalServer.with { server in
            let client = HTTPClient()
            let error = await #expect(throws: HTTPClientError.self) {
                try await client.execute(HTTPRequest(url: "https://127.0.0.1:\(server.port)/hello"))
            }
            await client.shutdown()
            guard case .tls = error else {
                Issue.record("expected .tls, got \(String(describing: error))")
                return
            }
            #expect(error?.isTransient == false)
        }
    }

    @Test("cancelling the task stops the transfer at once")
    func cancellation() async throws {
        try await LocalServer.with { server in
            let client = HTTPClient()
            let started = ContinuousClock.now
            let task = Task { try await client.execute(HTTPRequest(url: server.url("/slow"))) }
            try await Task.sleep(for: .milliseconds(150))
            task.cancel()
            let result = await task.result
            let elapsed = ContinuousClock.now - started
            #expect(throws: HTTPClientError.cancelled) { try result.get() }
            #expect(elapsed < .milliseconds(1_500), "took \(elapsed)")
            // The client still works after a cancelled transfer.
            let response = try await client.execute(HTTPRequest(url: server.url("/hello")))
            #expect(response.text == "hello")
            await client.shutdown()
        }
    }

    @Test("a task cancelled before it calls execute never sends the request")
    func cancelledBeforeStart() async throws {
        try await LocalServer.with { server in
            let client = HTTPClient()
            let task = Task {
                try? await Task.sleep(for: .seconds(10))
                return try await client.execute(HTTPRequest(url: server.url("/hello")))
            }
            task.cancel()
            let result = await task.result
            #expect(throws: HTTPClientError.cancelled) { try result.get() }
            #expect(server.connections.distinctConnections == 0)
            await client.shutdown()
        }
    }

    @Test("shutdown ends running requests, refuses new ones, and is idempotent")
    func shutdown() async throws {
        try await LocalServer.with { server in
            let client = HTTPClient()
            let running = Task { try await client.execute(HTTPRequest(url: server.url("/slow"))) }
            try await Task.sleep(for: .milliseconds(150))
            await client.shutdown()
            let result = await running.result
            #expect(throws: HTTPClientError.shutDown) { try result.get() }
            await #expect(throws: HTTPClientError.shutDown) {
                try await client.execute(HTTPRequest(url: server.url("/hello")))
            }
            await client.shutdown()
        }
    }

    @Test("a response over the size limit stops the transfer, not transient")
    func responseTooLarge() async throws {
        try await LocalServer.with { server in
            var configuration = HTTPClient.Configuration()
            configuration.maxResponseBodyBytes = 100
            let client = HTTPClient(configuration: configuration)
            await #expect(throws: HTTPClientError.responseTooLarge(limit: 100)) {
                try await client.execute(HTTPRequest(url: server.url("/gzip")))
            }
            await client.shutdown()
        }
    }

    @Test("4xx and 5xx statuses are responses, not errors")
    func errorStatusesAreResponses() async throws {
        try await LocalServer.with { server in
            let client = HTTPClient()
            for code in [400, 401, 404, 500, 503] {
                let response = try await client.execute(HTTPRequest(url: server.url("/status/\(code)")))
                #expect(response.status == code)
                #expect(response.text == "status \(code)")
                #expect(!response.isSuccess)
            }
            await client.shutdown()
        }
    }
}
