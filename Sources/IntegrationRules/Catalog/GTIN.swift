/// The GS1 check digit of EAN-8, UPC-A (12), EAN-13 and GTIN-14 codes (GS1 General Specifications
/// §7.9 "Check digit calculation"): from the digit left of the check digit leftwards, weights 3 and
/// 1 alternate; the check digit brings the weighted sum to a multiple of ten.
public enum GTIN {
    /// The lengths Carrefour's product file takes.
    public static let lengths: Set<Int> = [8, 12, 13, 14]

    /// The check digit `code` should end with, or nil when `code` is not 8, 12, 13 or 14 ASCII digits.
    public static func expectedCheckDigit(of code: String) -> Int? {
        let digits = code.compactMap { $0.isASCII ? $0.wholeNumberValue : nil }
        guard digits.count == code.count, lengths.contains(digits.count) else { return nil }
        var sum = 0
        for (offset, digit) in digits.dropLast().reversed().enumerated() {
            sum += digit * (offset.isMultiple(of: 2) ? 3 : 1)
        }
        return (10 - sum % 10) % 10
    }

    /// Whether `code` has a valid length, only digits and the right check digit.
    public static func isValid(_ code: String) -> Bool {
        guard let expected = expectedCheckDigit(of: code), let last = code.last?.wholeNumberValue else { return false }
        return expected == last
    }
}
