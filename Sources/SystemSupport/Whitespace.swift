/// Trimming without Foundation's `CharacterSet`, scalar by scalar as `trimmingCharacters(in:)` did.
extension StringProtocol {
    /// The text without leading and trailing spaces and tabs: Foundation's `CharacterSet.whitespaces`
    /// (Unicode general category Zs, and U+0009).
    public func trimmingWhitespace() -> String {
        trimming { $0.properties.generalCategory == .spaceSeparator || $0 == "\t" }
    }

    /// The text without leading and trailing white space and line ends: Foundation's
    /// `CharacterSet.whitespacesAndNewlines` (general categories Z*, U+000A–U+000D and U+0085).
    public func trimmingWhitespaceAndNewlines() -> String {
        trimming { scalar in
            switch scalar.properties.generalCategory {
            case .spaceSeparator, .lineSeparator, .paragraphSeparator: return true
            default: return scalar == "\t" || ("\u{0A}"..."\u{0D}").contains(scalar) || scalar == "\u{85}"
            }
        }
    }

    private func trimming(_ isTrimmed: (Unicode.Scalar) -> Bool) -> String {
        let scalars = String(self).unicodeScalars
        guard let first = scalars.firstIndex(where: { !isTrimmed($0) }),
            let last = scalars.lastIndex(where: { !isTrimmed($0) })
        else { return "" }
        return String(Substring(scalars[first...last]))
    }
}
