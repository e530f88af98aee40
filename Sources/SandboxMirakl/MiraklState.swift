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
    var description: String
    var brand: String
    var ean: String
    var category: String
    var imageURLs: [String]
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

/// One P41 import: the lines with their outcome, fixed at upload, revealed at COMPLETE.
struct ProductImport: Sendable {
    struct LineResult: Sendable {
        var lineNumber: Int
        var shopSKU: String
        var productId: String
        var errors: [String]
    }

    var id: Int
    var created: Date
    var fileError: String?
    var lines: [LineResult]
    var parsed: [ProductFile.Line]
    /// Whether the completion effects were applied to the products.
    var settled = false

    var runningAt: Date
    var sentAt: Date
    var completeAt: Date

    /// The P42 `import_status` at `date`.
    func status(at date: Date) -> String {
        if date < runningAt { return "WAITING" }
        if fileError != nil { return date < sentAt ? "RUNNING" : "FAILED" }
        if date < sentAt { return "RUNNING" }
        if date < completeAt { return "SENT" }
        return "COMPLETE"
    }

    var acceptedLines: [LineResult] { lines.filter { $0.errors.isEmpty } }
    var rejectedLines: [LineResult] { lines.filter { !$0.errors.isEmpty } }
    /// When the import reaches its final status.
    var finalAt: Date { fileError == nil ? completeAt : sentAt }
}

/// One OF01 import: the file as sent; its lines are judged when it completes.
struct OfferImport: Sendable {
    struct ErrorLine: Sendable {
        var lineNumber: Int
        var row: [String]
        var message: String
    }

    var id: Int
    var created: Date
    var mode: String
    var fileBytes: [UInt8]
    var table: CSVTable?
    var fileError: String?
    var runningAt: Date
    var completeAt: Date
    var settled = false
    var errors: [ErrorLine] = []
    var inserted = 0
    var updated = 0
    var deleted = 0
    var succeeded = 0

    func status(at date: Date) -> String {
        if date < runningAt { return "WAITING" }
        if date < completeAt { return "RUNNING" }
        return fileError == nil ? "COMPLETE" : "FAILED"
    }
}

/// An offer accepted by an OF01 import, keyed by shop SKU.
struct OfferRecord: Sendable {
    var offerId: Int
    var shopSKU: String
    var productSKU: String
    var price: Decimal
    var quantity: Int
    var stateCode: String
    var importId: Int
    var updated: Date
    /// Offers are active when they have stock (how-the-carrefour-integration-works.md "Product status").
    var active: Bool { quantity > 0 }
}

/// The tracking an OR23 call set on an order.
struct TrackingRecord: Sendable, Codable {
    var carrierCode: String?
    var carrierName: String?
    var carrierURL: String?
    var trackingNumber: String?
    var received: Date
}
