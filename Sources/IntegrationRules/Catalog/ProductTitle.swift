/// The product title sent to Carrefour: the product name, with the brand added when the store's
/// "brand in the title" setting is on (how-the-carrefour-integration-works.md "The fields that
/// are sent": "depending on the choice in the integration setting, the information will be added
/// in the product title"). A name that already holds the brand as a word is left alone, so the
/// brand never appears twice.
public enum ProductTitle {
    /// The title for `name` and `brand`.
    public static func title(name: String, brand: String, brandInTitle: Bool) -> String {
        let name = name.trimmingBlanks
        let brand = brand.trimmingBlanks
        guard brandInTitle, !brand.isEmpty, !containsWord(brand, in: name) else { return name }
        return name.isEmpty ? brand : "\(name) \(brand)"
    }

    /// Whether `word` (case-insensitively) appears in `text` between non-letters.
    static func containsWord(_ word: String, in text: String) -> Bool {
        let haystack = Array(text.lowercased())
        let needle = Array(word.lowercased())
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        for start in 0...(haystack.count - needle.count) where Array(haystack[start..<start + needle.count]) == needle {
            let before = start == 0 || !(haystack[start - 1].isLetter || haystack[start - 1].isNumber)
            let afterIndex = start + needle.count
            let after = afterIndex == haystack.count || !(haystack[afterIndex].isLetter || haystack[afterIndex].isNumber)
            if before && after { return true }
        }
        return false
    }
}
