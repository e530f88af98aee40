/// One tax of an order line (OR11 `order_lines[].taxes[]`: `amount`, `code`, `rate`): what the
/// line's price includes or adds for it, in the order's currency.
public struct MiraklTax: Codable, Sendable, Equatable {
    /// `amount`.
    public var amount: Double
    /// `code`, the operator's tax code (e.g. `ICMS`).
    public var code: String?
    /// `rate`, in percent.
    public var rate: Double?

    /// Creates a tax (tests, fixtures).
    public init(amount: Double, code: String? = nil, rate: Double? = nil) {
        self.amount = amount
        self.code = code
        self.rate = rate
    }
}
