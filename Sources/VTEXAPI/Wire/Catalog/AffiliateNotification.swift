#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SystemSupport

/// VTEX's SKU change notification to an affiliate's `searchURIEndpoint` (`/api/notification`) or
/// an App-Template connector's `/catalog/notification` (reference/vtex-apis.md §7).
///
/// No OpenAPI schema exists and the casing differs between VTEX's documents (`IdSku` in the JSON
/// examples, `idSKU` in the field tables), so keys are matched case-insensitively and unknown
/// keys are ignored. Ids arrive as strings or numbers; flags as booleans (or `"true"`/`"false"`).
/// Only the SKU id is required.
public struct AffiliateNotification: Sendable, Equatable, Decodable {
    /// `IdSku`: the SKU that changed.
    public var skuId: String
    /// `ProductId`.
    public var productId: String?
    /// `An`: the VTEX account name.
    public var accountName: String?
    /// `IdAffiliate`.
    public var affiliateId: String?
    /// `DateModified`, as VTEX wrote it.
    public var dateModified: String?
    /// `IsActive`.
    public var isActive: Bool?
    /// `StockModified`.
    public var stockModified: Bool?
    /// `PriceModified`.
    public var priceModified: Bool?
    /// `HasStockKeepingUnitModified`: catalog data changed.
    public var hasStockKeepingUnitModified: Bool?
    /// `HasStockKeepingUnitRemovedFromAffiliate`.
    public var hasStockKeepingUnitRemovedFromAffiliate: Bool?

    public init(
        skuId: String, productId: String? = nil, accountName: String? = nil, affiliateId: String? = nil,
        dateModified: String? = nil, isActive: Bool? = nil, stockModified: Bool? = nil, priceModified: Bool? = nil,
        hasStockKeepingUnitModified: Bool? = nil, hasStockKeepingUnitRemovedFromAffiliate: Bool? = nil
    ) {
        self.skuId = skuId
        self.productId = productId
        self.accountName = accountName
        self.affiliateId = affiliateId
        self.dateModified = dateModified
        self.isActive = isActive
        self.stockModified = stockModified
        self.priceModified = priceModified
        self.hasStockKeepingUnitModified = hasStockKeepingUnitModified
        self.hasStockKeepingUnitRemovedFromAffiliate = hasStockKeepingUnitRemovedFromAffiliate
    }

    public init(from decoder: any Decoder) throws {
        let fields = try CaseInsensitiveFields(decoder: decoder)
        guard let sku = try fields.identifier("IdSku"), !sku.isEmpty else {
            throw DecodingError.keyNotFound(
                AnyKey("IdSku"), .init(codingPath: [], debugDescription: "IdSku (the SKU id) is required"))
        }
        skuId = sku
        productId = try fields.identifier("ProductId")
        accountName = try fields.string("An")
        affiliateId = try fields.string("IdAffiliate")
        dateModified = try fields.string("DateModified")
        isActive = try fields.flag("IsActive")
        stockModified = try fields.flag("StockModified")
        priceModified = try fields.flag("PriceModified")
        hasStockKeepingUnitModified = try fields.flag("HasStockKeepingUnitModified")
        hasStockKeepingUnitRemovedFromAffiliate = try fields.flag("HasStockKeepingUnitRemovedFromAffiliate")
    }
}

/// Any JSON key.
struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// A JSON object read with keys matched case-insensitively (the first spelling wins).
struct CaseInsensitiveFields {
    private let container: KeyedDecodingContainer<AnyKey>
    private let keys: [String: AnyKey]

    init(decoder: any Decoder) throws {
        container = try decoder.container(keyedBy: AnyKey.self)
        var keys: [String: AnyKey] = [:]
        for key in container.allKeys where keys[key.stringValue.lowercased()] == nil {
            keys[key.stringValue.lowercased()] = key
        }
        self.keys = keys
    }

    private func key(_ name: String) -> AnyKey? {
        guard let key = keys[name.lowercased()], (try? container.decodeNil(forKey: key)) == false else { return nil }
        return key
    }

    /// A string field.
    func string(_ name: String) throws -> String? {
        guard let key = key(name) else { return nil }
        return try container.decode(String.self, forKey: key)
    }

    /// An id: a string or a whole number.
    func identifier(_ name: String) throws -> String? {
        guard let key = key(name) else { return nil }
        if let text = try? container.decode(String.self, forKey: key) { return text.trimmingWhitespace() }
        if let number = try? container.decode(Int64.self, forKey: key) { return String(number) }
        throw DecodingError.typeMismatch(
            String.self, .init(codingPath: [key], debugDescription: "\(key.stringValue) must be a string or a whole number"))
    }

    /// A boolean, or the strings `true`/`false`.
    func flag(_ name: String) throws -> Bool? {
        guard let key = key(name) else { return nil }
        if let value = try? container.decode(Bool.self, forKey: key) { return value }
        if let text = try? container.decode(String.self, forKey: key) {
            switch text.lowercased() {
            case "true": return true
            case "false": return false
            default: break
            }
        }
        throw DecodingError.typeMismatch(
            Bool.self, .init(codingPath: [key], debugDescription: "\(key.stringValue) must be true or false"))
    }
}
