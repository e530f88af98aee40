#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// `catalog.sync` (notes/MESSAGES.md): `carrefourctl catalog sync` asks the catalog worker to
/// look at every SKU of the trade policy (the initial load, vtex-apis.md §7). The worker handles
/// one page of SKU ids per message and publishes the next page as a new `catalog.sync` with
/// `page` set, so a crash repeats at most one page.
public struct CatalogSync: FleetMessage, Equatable {
    public static let routingKey = "catalog.sync"

    /// The operator's request id (also the message id of the first page).
    public var requestId: String
    /// When the operator asked.
    public var requestedAt: Date
    /// The page of SKU ids to handle (from 1); absent on the operator's request.
    public var page: Int?

    public init(requestId: String = UUID().uuidString.lowercased(), requestedAt: Date = Date(), page: Int? = nil) {
        self.requestId = requestId
        self.requestedAt = requestedAt
        self.page = page
    }
}
