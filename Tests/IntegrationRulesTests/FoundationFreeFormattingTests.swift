import Foundation
@testable import IntegrationRules
import Testing

/// The hand-written replacements of Foundation's ICU-backed formatting give Foundation's bytes.
@Suite("rules: formatting without ICU matches Foundation")
struct FoundationFreeFormattingTests {
    @Test("the digest's Date header is what DateFormatter wrote")
    func rfc5322() {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        var date = Date(timeIntervalSince1970: -86_400 * 400)
        while date.timeIntervalSince1970 < 86_400 * 366 * 60 {
            #expect(RFC5322Date.format(date) == formatter.string(from: date))
            date += 86_400 * 37 + 3_671.5
        }
        #expect(RFC5322Date.format(.now) == formatter.string(from: .now))
    }

    @Test("shipping names fold as Foundation's diacritic- and case-insensitive folding")
    func folding() {
        let names = ["Entrega Rápida", "ENTREGA RAPIDA", "Retirada na Loja — São Paulo", "Çà Ëñ Ÿ Ő Ž Ł Æ Ø",
                     "Normal", "Expresso 24h", "Econômica", "Agendada (manhã)", "Cafe\u{301} com pão"]
        for name in names {
            #expect(DiacriticFolding.fold(name) == name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil))
        }
    }
}
