import Foundation
import SystemSupport
import Testing

/// The helpers that replace Foundation's ICU-backed parts give Foundation's answers.
@Suite("SystemSupport")
struct SystemSupportTests {
    @Test("trimming matches Foundation's whitespaces and whitespacesAndNewlines")
    func trimming() {
        let samples = [" a b ", "\t x\u{00A0}", "\n y \r\n", "\u{2028}z\u{85}", "   ", "", "é\u{3000}", "\u{0B}v\u{0C}"]
        for sample in samples {
            #expect(sample.trimmingWhitespace() == sample.trimmingCharacters(in: .whitespaces))
            #expect(sample.trimmingWhitespaceAndNewlines() == sample.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    @Test("percent encoding matches Foundation's for ASCII allowed sets")
    func encoding() {
        var query = CharacterSet.urlQueryAllowed
        query.remove(charactersIn: "&=+?#")
        let path = CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))
        for sample in ["a b&c=d+e?f#g", "ação/ü 100%", "/vhost", "x~y_z.-!*'()", ""] {
            #expect(PercentEncoding.encode(sample, allowing: .urlQueryAllowed.subtracting("&=+?#"))
                == sample.addingPercentEncoding(withAllowedCharacters: query))
            #expect(PercentEncoding.encode(sample, allowing: .urlPathAllowed.subtracting("/"))
                == sample.addingPercentEncoding(withAllowedCharacters: path))
            #expect(PercentEncoding.encode(sample, allowing: .alphanumerics)
                == sample.addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn: "a"..."z")
                    .union(CharacterSet(charactersIn: "A"..."Z")).union(CharacterSet(charactersIn: "0"..."9"))))
        }
    }

    @Test("percent decoding matches Foundation's, nil on bad escapes and bad UTF-8")
    func decoding() {
        for sample in ["a%20b", "%2Fvhost", "%C3%A7", "100%", "%zz", "%C3", "plain", "%e2%82%ac"] {
            #expect(PercentEncoding.decode(sample) == sample.removingPercentEncoding)
        }
    }

    @Test("a dedicated thread runs its body off the caller, and the condition wakes a waiter")
    func threadAndCondition() async {
        let condition = ThreadCondition()
        let box = Box()
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            DedicatedThread.start(name: "systemsupport-test-thread") {
                condition.lock()
                while !box.ready { condition.wait() }
                box.woken = true
                condition.unlock()
                continuation.resume()
            }
            condition.lock()
            box.ready = true
            condition.signal()
            condition.unlock()
        }
        condition.lock()
        #expect(box.woken, "the thread went past its wait")
        condition.unlock()
    }

    private final class Box: @unchecked Sendable {
        var ready = false
        var woken = false
    }
}
