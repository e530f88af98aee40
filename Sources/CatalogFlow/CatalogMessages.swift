public import FleetContracts
#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
public import IntegrationRules
import WorkerRuntime

/// `product.ready` (catalog internal, notes/MESSAGES.md): a validated SKU waiting for the next P41
/// batch on `catalog.products`, coalesced per SKU (the latest data wins). It carries its file
/// line, so sending the batch needs no VTEX call.
public struct ProductReady: FleetMessage, Equatable {
    public static let routingKey = "product.ready"

    public var skuId: String
    /// The P41 line built from the SKU context when it was validated.
    public var line: ProductFile.Line
    public var validatedAt: Date

    public init(skuId: String, line: ProductFile.Line, validatedAt: Date = Date()) {
        self.skuId = skuId
        self.line = line
        self.validatedAt = validatedAt
    }
}

/// `product.import.sent` (catalog internal): a P41 import to follow on `catalog.imports`, polled
/// with P42 until final, then read with P44/P45. It cycles through the delay tiers, so an import
/// being followed survives any crash.
public struct ProductImportSent: FleetMessage, Equatable {
    public static let routingKey = "product.import.sent"

    /// P41's import id.
    public var importId: Int
    /// The shop SKUs in the file.
    public var skus: [String]
    /// When the file was uploaded.
    public var sentAt: Date

    public init(importId: Int, skus: [String], sentAt: Date = Date()) {
        self.importId = importId
        self.skus = skus
        self.sentAt = sentAt
    }
}

/// `catalog.check` (catalog internal): a SKU waiting for Carrefour's cataloguing, due again on
/// `catalog.work` every `CARREFOUR_CATALOG_CHECK_INTERVAL`.
public struct CatalogCheck: FleetMessage, Equatable {
    public static let routingKey = "catalog.check"

    public var skuId: String
    /// Why it waits (Carrefour's last refusal).
    public var reason: String
    /// When its wait began (the fleet's clock).
    public var waitingSince: Date

    public init(skuId: String, reason: String, waitingSince: Date) {
        self.skuId = skuId
        self.reason = reason
        self.waitingSince = waitingSince
    }
}
