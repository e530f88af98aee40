/// What the catalog worker does with a SKU that changed (seeds/how-the-carrefour-integration-works.md §1, ARCHITECTURE.md "catalog"): not yet sent
/// → validate and send; already catalogued → no product update (the seeds forbid it), an offer
/// refresh only; deleted in Carrefour → never resent, logged; in an import not final yet → wait
/// for its result.
public enum CatalogDecision: Sendable, Equatable {
    /// Validate the SKU and, when valid, put it in the next P41 batch.
    case send
    /// Ask the offer flow to send its price and stock.
    case refreshOffer
    /// Nothing now: the import holding it will report on it.
    case awaitImport(importId: Int)
    /// Refused before and only its price or stock changed: resending the same data would be
    /// refused again.
    case keepRefused(importId: Int, reason: String)
    /// Deleted in Carrefour: never sent again (logged).
    case neverResend(importId: Int, reason: String)

    /// The decision for a SKU in `state`; `priceOrStockOnly` when VTEX said only its price or
    /// stock changed (a message without VTEX's flags, from `catalog.sync` or a reprocess, looks at
    /// everything again).
    public static func decide(state: CatalogState, priceOrStockOnly: Bool) -> CatalogDecision {
        switch state {
        case .unknown: .send
        case .integrated: .refreshOffer
        case .inFlight(let id): .awaitImport(importId: id)
        case .refused(let id, let reason): priceOrStockOnly ? .keepRefused(importId: id, reason: reason) : .send
        case .deleted(let id, let reason): .neverResend(importId: id, reason: reason)
        }
    }
}

/// What the catalog worker does when a SKU's wait for cataloguing comes due (a refused offer,
/// `sku.awaiting-catalog`, checked again every `CARREFOUR_CATALOG_CHECK_INTERVAL`; ARCHITECTURE.md: "a product waiting for
/// Carrefour's cataloguing is a message cycling through a delay queue").
public enum CatalogWaitDecision: Sendable, Equatable {
    /// Integrated and within the maximum wait: ask for the offer again (Carrefour says nothing
    /// when it catalogues, seeds "Inventory"; an accepted offer is the signal, reference
    /// mirakl-api.md §2 signal 3).
    case probeOffer
    /// Waited longer than the maximum: park with this reason.
    case giveUp(reason: String)
    /// Never sent: validate and send it.
    case send
    /// Nothing to wait for any more (in an import that will report, refused, deleted): this reason.
    case stop(reason: String)

    /// The decision for a SKU in `state` that has waited `waited` seconds out of `maximum`.
    public static func decide(state: CatalogState, waited: Double, maximum: Double, maximumText: String) -> CatalogWaitDecision {
        switch state {
        case .integrated(let id):
            waited > maximum
                ? .giveUp(reason: "Carrefour has not catalogued the product within \(maximumText) of its integration (import \(id)); contact Carrefour, then reprocess it")
                : .probeOffer
        case .unknown: .send
        case .inFlight(let id): .stop(reason: "import \(id) will report on it")
        case .refused(_, let reason): .stop(reason: reason)
        case .deleted(_, let reason): .stop(reason: reason)
        }
    }
}
