import Foundation
@testable import OfferFlow
import Testing

/// A Mirakl price to whole cents without Foundation's `NSDecimalRound`, the same answer.
@Suite("offer prices to cents")
struct OfferCentsTests {
    @Test("cents match NSDecimalRound(.plain) on the decimal's digits")
    func centsMatchDecimalRounding() throws {
        let prices = ["0", "0.005", "0.004", "1.25", "1.35", "19.999", "100", "0.1", "12.3456", "-2.345", "-0.994",
                      "99999.995", "1234567.891", "3.14159265358979", "0.0049999"]
        for text in prices {
            let price = try #require(Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")))
            var scaled = price * 100, rounded = Decimal()
            NSDecimalRound(&rounded, &scaled, 0, .plain)
            #expect(OfferBatcher.cents(price) == NSDecimalNumber(decimal: rounded).intValue, "\(text)")
        }
    }
}
