/// A product of the seeded catalog (VTEX Catalog API "product"). Trade policies live on the product, as in VTEX.
struct CatalogProduct: Sendable, Codable {
    var id: Int
    var name: String
    var description: String
    var refId: String
    var brandId: Int
    var brandName: String
    var categoryId: Int
    var categoryName: String
    var isActive: Bool
    var isVisible: Bool
    /// Trade policies (sales channels) the product is sold on.
    var salesChannels: [Int]
}

/// Package dimensions of a SKU in centimetres and grams (Catalog `Dimension`).
struct SKUDimensions: Sendable, Codable, Equatable {
    var height: Double
    var width: Double
    var length: Double
    var weight: Double

    /// VTEX's cubic weight: volume over the usual 6000 factor.
    var cubicWeight: Double { (height * width * length / 6000 * 10000).rounded() / 10000 }
}

/// One SKU image (Catalog `Images[]`).
struct SKUImage: Sendable, Codable, Equatable {
    var fileId: Int
    var url: String
    var name: String
}

/// A SKU of the seeded catalog, with the defects it was seeded with (`traits`) so tests can find it.
struct CatalogSKU: Sendable, Codable {
    var id: Int
    var productId: Int
    var name: String
    var refId: String
    /// Nil when seeded without EAN (a Carrefour-required field, how-the-carrefour-integration-works.md §1).
    var ean: String?
    var isActive: Bool
    /// Nil when seeded without dimensions; the SKU context then reports zeros, as VTEX does.
    var dimensions: SKUDimensions?
    var images: [SKUImage]
    var manufacturerCode: String
    /// Why this SKU exists in the seed: "valid", "missingEAN", "twoSKUs", "fixedPrice", …
    var traits: [String]
}
