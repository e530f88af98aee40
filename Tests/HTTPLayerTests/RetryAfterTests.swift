import Foundation
import HTTPLayer
import Testing

@Suite("Retry-After")
struct RetryAfterTests {
    @Test("a 429 with delta-seconds")
    func seconds() async throws {
        try await LocalServer.with { server in
            let client = HTTPClient()
            let response = try await client.execute(HTTPRequest(url: server.url("/rate-limited/seconds")))
            await client.shutdown()
            #expect(response.status == 429)
            #expect(response.retryAfter == .seconds(7))
        }
    }

    @Test("a 429 with an HTTP-date two minutes ahead")
    func httpDate() async throws {
        try await LocalServer.with { server in
            let client = HTTPClient()
            let response = try await client.execute(HTTPRequest(url: server.url("/rate-limited/date")))
            await client.shutdown()
            #expect(response.status == 429)
            let wait = try #require(response.retryAfter)
            #expect(wait > .seconds(115) && wait <= .seconds(121), "wait \(wait)")
        }
    }

    @Test("the three HTTP-date forms of RFC 9110 §5.6.7 name the same instant")
    func dateForms() {
        let now = Date(timeIntervalSince1970: 784_111_777 - 30)  // 30 s before Sun, 06 Nov 1994 08:49:37 GMT
        for value in ["Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994"] {
            let response = HTTPResponse(status: 503, headers: ["Retry-After": value])
            #expect(response.retryAfter(relativeTo: now) == .seconds(30), "\(value)")
        }
    }

    @Test("a date in the past waits zero; garbage and absence give nil")
    func edgeCases() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let past = HTTPResponse(status: 429, headers: ["Retry-After": "Sun, 06 Nov 1994 08:49:37 GMT"])
        #expect(past.retryAfter(relativeTo: now) == .zero)
        #expect(HTTPResponse(status: 429, headers: ["Retry-After": "soon"]).retryAfter == nil)
        #expect(HTTPResponse(status: 429, headers: ["Retry-After": "-5"]).retryAfter == nil)
        #expect(HTTPResponse(status: 429, headers: ["Retry-After": "Sun, 32 Nov 1994 08:49:37 GMT"]).retryAfter == nil)
        #expect(HTTPResponse(status: 429).retryAfter == nil)
        #expect(HTTPResponse(status: 429, headers: ["retry-after": " 0 "]).retryAfter == .zero)
    }
}
