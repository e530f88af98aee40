import Foundation

/// A product known to the fake Mirakl, keyed by shop SKU (the VTEX SKU id).
struct ProductRecord: Sendable {
    /// Where the product stands in Carrefour's pipeline.
    enum Stage: Sendable, Equatable {
        /// In an import that has not completed.
        case importing
        /// Refused by an import (the P44 error).
        case rejected(String)
        /// Integrated by an import; catalogued (live, offers accepted) from `liveAt` on.
        case integrated(liveAt: Date)
        /// Deleted in the Carrefour panel: never importable again.
        case deleted
    }

    var shopSKU: String
    var productId: String
    var name: String
    var skuName = ""
    var description: String
    var brand: String
    var ean: String
    var category: String
    var imageURLs: [String]
    /// Carrefour attributes by code (the file's extra columns).
    var attributes: [String: String] = [:]
    var stage: Stage
    var lastImportId: Int

    /// Whether offers for this product are accepted at `date`.
    func isCatalogued(at date: Date) -> Bool {
        if case .integrated(let liveAt) = stage { return liveAt <= date }
        return false
    }

    /// The stage name shown by the admin API.
    func stageName(at date: Date) -> String {
        switch stage {
        case .importing: "IMPORTING"
        case .rejected: "REJECTED"
        case .integrated(let liveAt): liveAt <= date ? "LIVE" : "WAITING_CATALOGUING"
        case .deleted: "DELETED"
        }
    }
}
