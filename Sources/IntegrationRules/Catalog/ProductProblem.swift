/// One reason a SKU cannot be sent to Carrefour, with a message a seller can act on.
public enum ProductProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// A required field is empty (the seeds' `*` fields).
    case missing(field: String)
    /// The EAN is not 8, 12, 13 or 14 digits.
    case invalidEAN(String)
    /// The EAN has the right length but the wrong GS1 check digit (its last digit).
    case eanCheckDigit(String, expected: Int)
    /// A weight or dimension is missing, zero or negative.
    case notPositive(field: String, value: Double?)
    /// The SKU has no image.
    case noImage
    /// The product has more than one SKU: Carrefour accepts no variations.
    case variations(productId: String, skuIds: [String])
    /// The SKU is inactive in VTEX.
    case inactiveSKU
    /// The product is inactive in VTEX.
    case inactiveProduct(productId: String)
    /// The product is not on the integration's trade policy.
    case notInTradePolicy(tradePolicy: String, policies: [String])
    /// The store maps categories and this product's VTEX category is not in the map.
    case unmappedCategory(id: String, name: String)
    /// The category map sends this product's VTEX category to a code that is not among
    /// Carrefour's leaf categories (H11).
    case unknownCategoryCode(String, id: String, name: String)

    public var description: String {
        switch self {
        case .missing(let field):
            "\(field) is missing: Carrefour requires it"
        case .invalidEAN(let ean):
            "EAN '\(ean)' is invalid: Carrefour expects 8, 12, 13 or 14 digits"
        case .eanCheckDigit(let ean, let expected):
            "EAN '\(ean)' is invalid: its check digit (the last digit) should be \(expected); correct the EAN in VTEX"
        case .notPositive(let field, let value):
            value.map { "\(field) is \(ProductFile.number($0)): Carrefour requires a positive \(field)" }
                ?? "\(field) is missing: Carrefour requires it"
        case .noImage:
            "no image: Carrefour requires at least one SKU image"
        case .variations(let productId, let skuIds):
            "product \(productId) has \(skuIds.count) SKUs (\(skuIds.joined(separator: ", "))): Carrefour does not accept products with variations"
        case .inactiveSKU:
            "the SKU is inactive in VTEX"
        case .inactiveProduct(let productId):
            "product \(productId) is inactive in VTEX"
        case .unmappedCategory(let id, let name):
            "VTEX category '\(name.isEmpty ? id : name)'" + (id.isEmpty || name.isEmpty ? "" : " (id \(id))")
                + " has no Carrefour category: add it to the category map (CARREFOUR_CATEGORY_MAP), then reprocess the product"
        case .unknownCategoryCode(let code, let id, let name):
            "VTEX category '\(name.isEmpty ? id : name)'" + (id.isEmpty || name.isEmpty ? "" : " (id \(id))")
                + " is mapped to Carrefour category '\(code)', which is not among Carrefour's leaf categories (H11):"
                + " correct the category map (CARREFOUR_CATEGORY_MAP), then reprocess the product"
        case .notInTradePolicy(let tradePolicy, let policies):
            "the product is not on trade policy \(tradePolicy)"
                + (policies.isEmpty ? " (it is on none)" : " (it is on \(policies.joined(separator: ", ")))")
        }
    }
}
