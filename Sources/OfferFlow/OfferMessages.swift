import FleetContracts
#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
public import IntegrationRules
import WorkerRuntime

/// The messages of the offer flow (MESSAGES.md): what it consumes and what it schedules for itself.
/// `offer.refresh` and `sku.awaiting-catalog` are the fleet's contracts (``OfferRefresh``,
/// ``SKUAwaitingCatalog``), as are `sku.price` and `sku.stock` (``FleetRoutingKeys``), in FleetContracts.
public enum OfferMessages {
    /// `offer.refresh` {"skuId", "reason", "waitingSince"?}: from the catalog flow once a SKU is
    /// catalogued (or while it probes whether it is), and the reprocessor.
    public static let refresh = OfferRefresh.routingKey
    /// `sku.price` {"skuId"}: from any price system.
    public static let price = FleetRoutingKeys.skuPrice
    /// `sku.stock` {"skuId"}: from any stock system.
    public static let stock = FleetRoutingKeys.skuStock
    /// `offer.import.sent`: the flow's own reminder to read an import's outcome (``ImportSent``).
    public static let importSent = "offer.import.sent"
    /// `sku.awaiting-catalog`: an offer Mirakl refused because its product is not catalogued yet,
    /// handed back to the catalog flow's wait (``SKUAwaitingCatalog``).
    public static let awaitingCatalog = SKUAwaitingCatalog.routingKey

    /// The body of `offer.refresh`, `sku.price` and `sku.stock`: only the SKU matters, the offer is
    /// read afresh from VTEX at the flush.
    public struct Change: Sendable, Codable, Equatable {
        public var skuId: String
        public var reason: String?

        public init(skuId: String, reason: String? = nil) {
            self.skuId = skuId
            self.reason = reason
        }

        /// What ``skuIdFast(_:)`` looks for around the value, made once (it runs for every change
        /// the offer-batcher receives).
        private static let fastPrefix = Array(#"{"skuId":""#.utf8), fastSuffix = Array(#""}"#.utf8)

        /// The `skuId` of a body that is exactly `{"skuId":"…"}` with a plain value (no escapes,
        /// no other member); `nil` for anything else, which a JSON decoder then reads.
        static func skuIdFast(_ body: [UInt8]) -> String? {
            let prefix = fastPrefix, suffix = fastSuffix
            guard body.count > prefix.count + suffix.count, body.starts(with: prefix), body.suffix(2).elementsEqual(suffix) else {
                return nil
            }
            let value = body[prefix.count..<(body.count - suffix.count)]
            guard value.allSatisfy({ $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) else { return nil }
            return String(decoding: value, as: UTF8.self)
        }
    }

    /// One offer of an import, as sent.
    public struct SentOffer: Sendable, Codable, Equatable {
        public var quote: OfferQuote
        /// What changed: `price`, `inventory` or `offer` (a refresh), from the latest message of the SKU.
        public var operation: IntegrationEvent.Operation
        /// The `waitingSince` of the `offer.refresh` that asked for it: copied into the
        /// `sku.awaiting-catalog` if Carrefour refuses the offer as not catalogued, so the catalog's
        /// maximum wait counts from the wait's start.
        public var waitingSince: Date?

        public init(quote: OfferQuote, operation: IntegrationEvent.Operation, waitingSince: Date? = nil) {
            self.quote = quote
            self.operation = operation
            self.waitingSince = waitingSince
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
