/// Why an order cannot go on as it is: a business error the seller can act on (the message says
/// what to fix); the order is reprocessed once fixed.
public struct OrderRuleError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What the seller reads in the integration log.
    public var message: String

    /// Creates the value from its parts.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
