
/// Folding for comparing shipping names ("Entrega Rápida" and "entrega rapida" are one), without
/// Foundation's ICU-backed `folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)`:
/// lower case (the standard library's Unicode tables), then every Latin letter with a diacritic to its
/// base letter (the canonical decompositions of Latin-1 and Latin Extended-A, which cover Portuguese
/// and Spanish) and combining diacritics (U+0300–U+036F) dropped. Letters without a canonical
/// decomposition (æ, ø, ß, đ, ł) stay as they are, as Foundation's diacritic folding leaves them.
enum DiacriticFolding {
    static func fold(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.lowercased().unicodeScalars {
            if (0x300...0x36F).contains(scalar.value) { continue }
            scalars.append(base[scalar] ?? scalar)
        }
        return String(scalars)
    }

    /// Lower-case letter → its base letter, for the letters of Latin-1 and Latin Extended-A whose
    /// canonical decomposition is a base letter and diacritics.
    private static let base: [Unicode.Scalar: Unicode.Scalar] = {
        let groups: [(String, Unicode.Scalar)] = [
            ("àáâãäåāăą", "a"), ("çćĉċč", "c"), ("ď", "d"), ("èéêëēĕėęě", "e"), ("ĝğġģ", "g"), ("ĥ", "h"),
            ("ìíîïĩīĭį", "i"), ("ĵ", "j"), ("ķ", "k"), ("ĺļľ", "l"), ("ñńņň", "n"), ("òóôõöōŏő", "o"),
            ("ŕŗř", "r"), ("śŝşš", "s"), ("ţť", "t"), ("ùúûüũūŭůűų", "u"), ("ŵ", "w"), ("ýÿŷ", "y"), ("źżž", "z"),
        ]
        var table: [Unicode.Scalar: Unicode.Scalar] = [:]
        for (letters, letter) in groups {
            for scalar in letters.unicodeScalars where scalar.value >= 0x80 && !(0x300...0x36F).contains(scalar.value) {
                table[scalar] = letter
            }
        }
        return table
    }()
}
