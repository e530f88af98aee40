/// Where one SKU stands in Carrefour's catalog, as Mirakl's product-import history tells it
/// (P51/P42 and the P44/P45 reports; reference/mirakl-api.md §2 "How a shop learns that a product
/// is catalogued", signal 1). Folded import by import, oldest first, with ``merging(_:)``.
public enum CatalogState: Sendable, Equatable {
    /// No import names it: never sent.
    case unknown
    /// In an import that is not final yet.
    case inFlight(importId: Int)
    /// Integrated by Carrefour (P45, or refused as "already catalogued"): never sent again.
    case integrated(importId: Int)
    /// Refused (P44 errors, a failed import, or missing from the reports): may be sent again
    /// once the seller changed it.
    case refused(importId: Int, reason: String)
    /// Deleted in Carrefour's panel: never sent again.
    case deleted(importId: Int, reason: String)

    /// The state after a newer import's news about the same SKU. Deleted is final; integrated
    /// stays integrated unless deleted; anything else takes the newer news.
    public func merging(_ newer: CatalogState) -> CatalogState {
        switch (self, newer) {
        case (.deleted, _): self
        case (_, .deleted): newer
        case (.integrated, _): self
        case (_, .unknown): self
        default: newer
        }
    }

    /// Whether Carrefour has the product (its offers may be sent).
    public var isCatalogued: Bool {
        if case .integrated = self { return true }
        return false
    }
}
