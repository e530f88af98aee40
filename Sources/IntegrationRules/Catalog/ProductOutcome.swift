/// What a finished product import (P42 final, then P44/P45) says about one SKU that was in it,
/// with the integration-log status and a message a seller can act on (ARCHITECTURE.md "import
/// results": each rejected line becomes an error on that SKU in the integration log).
public enum ProductOutcome: Sendable, Equatable {
    /// In P45: Carrefour integrated the product. Its offer follows once Carrefour's cataloguing
    /// accepts it (the offer flow learns that from OF01/OF03).
    case integrated(importId: Int, message: String)
    /// Refused because Carrefour already has it catalogued: it stays as it is (the seeds forbid
    /// updates), and its offer is refreshed.
    case alreadyCatalogued(importId: Int, errors: [ProductReportError])
    /// Refused because it was deleted in Carrefour's panel: never sent again (seeds "Product
    /// updates", NOTE).
    case deleted(importId: Int, errors: [ProductReportError])
    /// Refused for its data (P44 errors).
    case refused(importId: Int, errors: [ProductReportError])
    /// The import is COMPLETE but neither report names the SKU (the M2 connector's "not found in
    /// report").
    case notInReports(importId: Int)
    /// The whole import ended FAILED or CANCELLED.
    case importFailed(importId: Int, status: String, reason: String)

    /// The operator's codes this module recognises (the product-file contract's codes; Carrefour's
    /// own template is not public, reference/mirakl-api.md §5 "Not found in any source").
    public enum Code {
        /// The product was deleted in Carrefour and can never be imported again.
        public static let deleted = "2002"
        /// The product is already catalogued: Carrefour does not accept updates.
        public static let alreadyCatalogued = "2003"
    }

    /// The outcome of a SKU that P44 lists with `errors`.
    public static func refusal(importId: Int, errors: [ProductReportError]) -> ProductOutcome {
        if errors.contains(where: { $0.code == Code.deleted }) { return .deleted(importId: importId, errors: errors) }
        if errors.contains(where: { $0.code == Code.alreadyCatalogued }) {
            return .alreadyCatalogued(importId: importId, errors: errors)
        }
        return .refused(importId: importId, errors: errors)
    }

    /// The integration-log status.
    public var status: IntegrationEvent.Status {
        switch self {
        case .integrated, .alreadyCatalogued: .success
        case .deleted, .refused, .notInReports, .importFailed: .error
        }
    }

    /// Whether the SKU's offer should be sent now (its product is in Carrefour's catalog).
    public var refreshesOffer: Bool {
        switch self {
        case .integrated, .alreadyCatalogued: true
        case .deleted, .refused, .notInReports, .importFailed: false
        }
    }

    /// The message for the integration log.
    public var message: String {
        switch self {
        case .integrated(let id, let message):
            "Carrefour integrated the product in import \(id)" + (message.isEmpty ? "" : " (\(message))")
                + "; its offer follows once Carrefour has catalogued it"
        case .alreadyCatalogued(let id, let errors):
            "Carrefour already has the product catalogued (import \(id): \(Self.list(errors))); it is not updated, its offer is refreshed"
        case .deleted(let id, let errors):
            "The product was deleted in Carrefour's panel (import \(id): \(Self.list(errors))); the connector will never send it again"
        case .refused(let id, let errors):
            "Carrefour refused the product in import \(id): \(Self.list(errors))"
        case .notInReports(let id):
            "Import \(id) is complete but neither of its reports names the SKU; if its offer is refused, contact Carrefour"
        case .importFailed(let id, let status, let reason):
            "Import \(id) ended \(status)" + (reason.isEmpty ? "" : ": \(reason)") + "; the product was not integrated"
        }
    }

    /// The catalog state this outcome leaves the SKU in.
    public var state: CatalogState {
        switch self {
        case .integrated(let id, _), .alreadyCatalogued(let id, _): .integrated(importId: id)
        case .deleted(let id, _): .deleted(importId: id, reason: message)
        case .refused(let id, _), .notInReports(let id), .importFailed(let id, _, _): .refused(importId: id, reason: message)
        }
    }

    private static func list(_ errors: [ProductReportError]) -> String {
        errors.isEmpty ? "no reason given" : errors.map(\.description).joined(separator: "; ")
    }

    /// The outcome of each of `skus` in a finished import: `status` is P42's final status, the
    /// reports the parsed P44 and P45 (nil when the import has none).
    public static func outcomes(
        importId: Int, skus: [String], status: String, reason: String?,
        errorReport: ProductImportReport?, newProductReport: ProductImportReport?
    ) -> [String: ProductOutcome] {
        var outcomes: [String: ProductOutcome] = [:]
        for sku in skus {
            guard status == "COMPLETE" else {
                outcomes[sku] = .importFailed(importId: importId, status: status, reason: reason ?? "")
                continue
            }
            if let cells = errorReport?.messages[sku] {
                outcomes[sku] = refusal(importId: importId, errors: cells.flatMap(ProductReportError.parse))
            } else if let messages = newProductReport?.messages[sku] {
                outcomes[sku] = .integrated(importId: importId, message: messages.joined(separator: "; "))
            } else {
                outcomes[sku] = .notInReports(importId: importId)
            }
        }
        return outcomes
    }
}
