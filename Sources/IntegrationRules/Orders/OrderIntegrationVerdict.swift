/// What a New Order Integration answer or notification means for the order (the SOI/EOI codes of
/// seeds/new-order-integration.md "Response Codes"; reference/vtex-apis.md §6).
public enum OrderIntegrationVerdict: Sendable, Equatable {
    /// SOI001: the order exists in VTEX.
    case integrated(vtexOrderId: String?)
    /// SOI002: the order was approved in VTEX.
    case approved(vtexOrderId: String?)
    /// SOI003: enqueued; the outcome follows as a notification.
    case enqueued
    /// EOI007: the order already exists in VTEX — success, never a second order.
    case alreadyIntegrated(vtexOrderId: String?)
    /// EOI006 (VTEX internal error), EOI010 (timeout), EOI008 (approve before integration): try
    /// again later.
    case retry(code: String, message: String)
    /// EOI011: integrated with a price divergence; approval waits for the seller's manual
    /// authorization in VTEX (an Alert).
    case awaitingPriceAuthorization(message: String)
    /// Any other EOI (EOI000–005, EOI009): a business error with VTEX's message, reprocessable
    /// once fixed.
    case failed(code: String, message: String)

    /// One `errors[]` entry of a notification.
    public struct Detail: Sendable, Equatable {
        public var source: String?
        public var code: String?
        public var description: String?

        /// Creates the value from its parts.
        public init(source: String?, code: String?, description: String?) {
            self.source = source
            self.code = code
            self.description = description
        }
    }

    /// Classifies an answer by its code (falling back on `success` for codes VTEX may add).
    public static func classify(
        code: String?, success: Bool?, message: String?, vtexOrderId: String?, details: [Detail] = []
    ) -> OrderIntegrationVerdict {
        let code = (code ?? "").uppercased()
        let text = Self.message(code: code, message: message, details: details)
        switch code {
        case "SOI001": return .integrated(vtexOrderId: vtexOrderId)
        case "SOI002": return .approved(vtexOrderId: vtexOrderId)
        case "SOI003": return .enqueued
        case "EOI007": return .alreadyIntegrated(vtexOrderId: vtexOrderId)
        case "EOI006", "EOI010", "EOI008": return .retry(code: code, message: text)
        case "EOI011": return .awaitingPriceAuthorization(message: text)
        default:
            // A success code VTEX may add later: integrated when it names the VTEX order.
            if success == true { return vtexOrderId == nil ? .enqueued : .integrated(vtexOrderId: vtexOrderId) }
            return .failed(code: code.isEmpty ? "unknown" : code, message: text)
        }
    }

    /// VTEX's message followed by each error's source, code and description.
    static func message(code: String, message: String?, details: [Detail]) -> String {
        var parts = [message ?? "no message"]
        for detail in details {
            let head = [detail.source, detail.code].compactMap { $0 }.joined(separator: " ")
            let line = [head.isEmpty ? nil : head, detail.description].compactMap { $0 }.joined(separator: ": ")
            if !line.isEmpty { parts.append(line) }
        }
        let body = parts.joined(separator: "; ")
        return code.isEmpty ? body : "\(code) \(body)"
    }
}
