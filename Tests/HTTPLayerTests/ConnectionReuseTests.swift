import HTTPLayer
import Testing

@Suite("Keep-alive and concurrency")
struct ConnectionReuseTests {
    @Test("50 sequential requests travel on one connection")
    func sequentialRequestsReuseOneConnection() async throws {
        try await LocalServer.with { server in
            let client = HTTPClient()
            var opened = 0
            for _ in 0..<50 {
                let response = try await client.execute(HTTPRequest(url: server.url("/hello")))
                #expect(response.status == 200)
                #expect(response.text == "hello")
                opened += response.newConnections
            }
            await client.shutdown()
            #expect(opened == 1, "libcurl opened \(opened) connections")
            #expect(server.connections.distinctConnections == 1)
        }
    }

    @Test("concurrent requests all succeed, within the per-host connection cap")
    func concurrentRequests() async throws {
        try await LocalServer.with { server in
            var configuration = HTTPClient.Configuration()
            configuration.maxConnectionsPerHost = 4
            let client = HTTPClient(configuration: configuration)
            let bodies = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<24 {
                    group.addTask { try await client.execute(HTTPRequest(url: server.url("/hello"))).text }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            await client.shutdown()
            #expect(bodies == Array(repeating: "hello", count: 24))
            #expect(server.connections.distinctConnections <= 4)
            #expect(server.connections.distinctConnections >= 1)
        }
    }

    @Test("a request that changes something goes on a connection of its own; reads keep reusing theirs")
    func writesGetAFreshConnection() async throws {
        try await LocalServer.with { server in
            let client = HTTPClient()
            var opened = 0
            for index in 0..<5 {
                let read = try await client.execute(HTTPRequest(url: server.url("/hello")))
                let body = HTTPBody.text("request \(index)")
                let write = try await client.execute(HTTPRequest(method: .post, url: server.url("/echo"), body: body))
                #expect(write.text == "request \(index)")
                #expect(write.newConnections == 1, "libcurl may send a write again on a reused connection that dies")
                opened += read.newConnections + write.newConnections
            }
            await client.shutdown()
            #expect(opened <= 10)
            #expect(server.connections.distinctConnections >= 5)
        }
    }
}
