/// When a VTEX invoice may move a Carrefour order to SHIPPED, and what Carrefour then receives
/// (seeds/how-the-carrefour-integration-works.md §5.4).
public enum InvoiceRules {
    /// The fields an invoice needs before the order can be marked shipped on Carrefour, in the
    /// seeds' order.
    public static let requiredFields = ["invoiceKey", "invoiceNumber", "trackingUrl", "trackingNumber", "courier", "issuanceDate"]

    /// One VTEX invoice as the rules read it.
    public struct Invoice: Sendable, Equatable {
        public var invoiceKey: String?
        public var invoiceNumber: String?
        public var trackingUrl: String?
        public var trackingNumber: String?
        public var courier: String?
        public var issuanceDate: String?
        /// The courier status says delivered (`courierStatus.finished == true`).
        public var delivered: Bool

        /// Creates the value from its parts.
        public init(
            invoiceKey: String?, invoiceNumber: String?, trackingUrl: String?, trackingNumber: String?, courier: String?,
            issuanceDate: String?, delivered: Bool = false
        ) {
            self.invoiceKey = invoiceKey
            self.invoiceNumber = invoiceNumber
            self.trackingUrl = trackingUrl
            self.trackingNumber = trackingNumber
            self.courier = courier
            self.issuanceDate = issuanceDate
            self.delivered = delivered
        }

        func value(of field: String) -> String? {
            switch field {
            case "invoiceKey": invoiceKey
            case "invoiceNumber": invoiceNumber
            case "trackingUrl": trackingUrl
            case "trackingNumber": trackingNumber
            case "courier": courier
            case "issuanceDate": issuanceDate
            default: nil
            }
        }
    }

    /// The tracking Carrefour receives (OR23): VTEX's courier is not one of Mirakl's registered
    /// carrier codes, so it goes as an unregistered carrier with its complete tracking URL
    /// (reference/mirakl-api.md §4 "OR23").
    public struct Tracking: Sendable, Equatable {
        public var carrierName: String
        public var carrierURL: String
        public var trackingNumber: String

        /// Creates the value from its parts.
        public init(carrierName: String, carrierURL: String, trackingNumber: String) {
            self.carrierName = carrierName
            self.carrierURL = carrierURL
            self.trackingNumber = trackingNumber
        }
    }

    /// The required fields `invoice` lacks (empty or blank counts as missing), in the seeds' order.
    public static func missingFields(of invoice: Invoice) -> [String] {
        requiredFields.filter { field in
            (invoice.value(of: field) ?? "").allSatisfy(\.isWhitespace)
        }
    }

    /// The Alert a seller reads for an incomplete invoice.
    public static func incompleteMessage(missing: [String], invoiceNumber: String?) -> String {
        let which = invoiceNumber.map { "Invoice \($0)" } ?? "The invoice"
        return "\(which) cannot mark the order shipped on Carrefour: missing \(missing.joined(separator: ", ")). "
            + "Fill them in VTEX; the order is tried again when it next changes."
    }

    /// The OR23 tracking of a complete invoice, or nil when it is not complete.
    public static func tracking(for invoice: Invoice) -> Tracking? {
        guard missingFields(of: invoice).isEmpty, let courier = invoice.courier, let url = invoice.trackingUrl,
              let number = invoice.trackingNumber else { return nil }
        return Tracking(carrierName: courier, carrierURL: url, trackingNumber: number)
    }
}
