import HTTPLayer
import Testing

@Suite("HTTPHeaders")
struct HTTPHeadersTests {
    @Test("lookup is case-insensitive and returns the first value; order and duplicates are kept")
    func lookupAndOrder() {
        var headers: HTTPHeaders = ["Content-Type": "text/csv"]
        headers.add("X-Trace", "a")
        headers.add("x-trace", "b")
        #expect(headers["content-type"] == "text/csv")
        #expect(headers["X-TRACE"] == "a")
        #expect(headers.values(for: "X-Trace") == ["a", "b"])
        #expect(headers.map(\.name) == ["Content-Type", "X-Trace", "x-trace"])
        #expect(headers["Missing"] == nil)
    }

    @Test("replace keeps one field in the first one's place")
    func replace() {
        var headers: HTTPHeaders = ["A": "1"]
        headers.add("B", "2")
        headers.add("a", "3")
        headers.replace("A", "9")
        #expect(headers.map(\.name) == ["A", "B"])
        #expect(headers.values(for: "a") == ["9"])
        headers.replace("C", "4")
        #expect(headers.map(\.value) == ["9", "2", "4"])
        headers.remove("b")
        #expect(headers.count == 2)
    }
}
