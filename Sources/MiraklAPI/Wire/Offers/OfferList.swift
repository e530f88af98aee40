#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// One page of OF21 (`GET /api/offers`): the shop's offers (spec `OF21_Response_200`).
///
/// Each offer is read on its own: one that cannot be read (a field missing or of another type
/// than the spec's) does not make the page unreadable; it is kept in ``unreadable`` with its
/// position and why, so a caller can name it and act on nothing it would have to guess.
public struct OfferList: Sendable, Decodable, Equatable {
    /// One offer, with the fields the connector reads.
    public struct Offer: Sendable, Decodable, Equatable {
        /// The shop's offer SKU (the `sku` column of OF01).
        public var shopSKU: String
        /// The price Mirakl holds.
        public var price: Decimal
        /// The quantity Mirakl holds.
        public var quantity: Int
        /// Whether the offer is on sale.
        public var active: Bool

        enum CodingKeys: String, CodingKey {
            case shopSKU = "shop_sku", price, quantity, active
        }

        public init(shopSKU: String, price: Decimal, quantity: Int, active: Bool) {
            self.shopSKU = shopSKU
            self.price = price
            self.quantity = quantity
            self.active = active
        }
    }

    /// An offer of the page that could not be read.
    public struct Unreadable: Sendable, Equatable {
        /// Its 0-based position in the page's `offers` array.
        public var position: Int
        /// Its `shop_sku`, when that much could be read.
        public var shopSKU: String?
        /// What was wrong, naming the field.
        public var reason: String
    }

    /// The offers that could be read, in the page's order.
    public var offers: [Offer]
    /// The offers that could not be read.
    public var unreadable: [Unreadable]
    /// The shop's offer count (`total_count`).
    public var totalCount: Int

    /// The offers read from the page plus the unreadable ones: how far the offset moves.
    public var count: Int { offers.count + unreadable.count }

    enum CodingKeys: String, CodingKey {
        case offers, totalCount = "total_count"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        totalCount = try container.decode(Int.self, forKey: .totalCount)
        var list = try container.nestedUnkeyedContainer(forKey: .offers)
        offers = []
        unreadable = []
        while !list.isAtEnd {
            let position = list.currentIndex
            switch try list.decode(Element.self) {
            case .read(let offer): offers.append(offer)
            case .unreadable(let shopSKU, let reason):
                unreadable.append(Unreadable(position: position, shopSKU: shopSKU, reason: reason))
            }
        }
    }

    /// One element of `offers`, read or not; decoding it never throws.
    private enum Element: Decodable {
        case read(Offer)
        case unreadable(shopSKU: String?, reason: String)

        init(from decoder: any Decoder) {
            do {
                self = .read(try Offer(from: decoder))
            } catch {
                let sku = try? decoder.container(keyedBy: Offer.CodingKeys.self).decode(String.self, forKey: .shopSKU)
                self = .unreadable(shopSKU: sku, reason: Self.describe(error))
            }
        }

        /// "`price`: expected a number" rather than the decoder's full dump.
        static func describe(_ error: any Error) -> String {
            guard let error = error as? DecodingError else { return "\(error)" }
            switch error {
            case .keyNotFound(let key, _): return "`\(key.stringValue)` is missing"
            case .typeMismatch(let type, let context): return "\(field(context)) is not \(readable(type))"
            case .valueNotFound(let type, let context): return "\(field(context)) is null, \(readable(type)) expected"
            case .dataCorrupted(let context): return "\(field(context)): \(context.debugDescription)"
            @unknown default: return "\(error)"
            }
        }

        private static func field(_ context: DecodingError.Context) -> String {
            context.codingPath.last.map { "`\($0.stringValue)`" } ?? "the offer"
        }

        private static func readable(_ type: Any.Type) -> String {
            switch type {
            case is Decimal.Type, is Int.Type, is Double.Type: "a number"
            case is String.Type: "a string"
            case is Bool.Type: "a boolean"
            default: "\(type)"
            }
        }
    }
}
