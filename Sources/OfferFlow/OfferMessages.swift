public import Foundation
public import IntegrationRules

/// The messages of the offer flow (MESSAGES.md): what it consumes, what it schedules for itself and
/// what it hands to the catalog flow.
public enum OfferMessages {
    /// `offer.refresh` {"skuId", "reason"}: from the catalog flow once a SKU is catalogued, and the reprocessor.
    public static let refresh = "offer.refresh"
    /// `sku.price` {"skuId"}: from the ingress when VTEX flags a price change.
    public static let price = "sku.price"
    /// `sku.stock` {"skuId"}: from the ingress when VTEX flags a stock change.
    public static let stock = "sku.stock"
    /// `offer.import.sent`: the flow's own reminder to read an import's outcome (``ImportSent``).
    public static let importSent = "offer.import.sent"
    /// `sku.awaiting-catalog` {"skuId", "reason"}: an offer Mirakl refused because its product is not
    /// catalogued yet, handed back to the catalog flow's wait.
    public static let awaitingCatalog = "sku.awaiting-catalog"

    /// The body of `offer.refresh`, `sku.price` and `sku.stock`: only the SKU matters, the offer is
    /// read afresh from VTEX at the flush.
    public struct Change: Sendable, Codable, Equatable {
        public var skuId: String
        public var reason: String?

        public init(skuId: String, reason: String? = nil) {
            self.skuId = skuId
            self.reason = reason
        }
    }

    /// One offer of an import, as sent.
    public struct SentOffer: Sendable, Codable, Equatable {
        public var quote: OfferQuote
        /// What changed: `price`, `inventory` or `offer` (a refresh), from the latest message of the SKU.
        public var operation: IntegrationEvent.Operation

        public init(quote: OfferQuote, operation: IntegrationEvent.Operation) {
            self.quote = quote
            self.operation = operation
        }
    }

    /// The body of `offer.import.sent`: an OF01 import whose outcome is still to be read.
    public struct ImportSent: Sendable, Codable, Equatable {
        public var importId: Int
        public var sentAt: Date
        /// OF02 polls made so far.
        public var polls: Int
        public var offers: [SentOffer]

        public init(importId: Int, sentAt: Date, polls: Int, offers: [SentOffer]) {
            self.importId = importId
            self.sentAt = sentAt
            self.polls = polls
            self.offers = offers
        }
    }

    /// The body of `sku.awaiting-catalog`.
    public struct AwaitingCatalog: Sendable, Codable, Equatable {
        public var skuId: String
        public var reason: String

        public init(skuId: String, reason: String) {
            self.skuId = skuId
            self.reason = reason
        }
    }

    /// JSON with ISO-8601 dates, keys sorted.
    public static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    /// The matching decoder.
    public static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()

    /// The integration-log operation of a change message type.
    public static func operation(of type: String?) -> IntegrationEvent.Operation {
        switch type {
        case price: .price
        case stock: .inventory
        default: .offer
        }
    }
}
