/// One SKU of `GET /api/catalog_system/pvt/sku/stockkeepingunitByProductId/{productId}`
/// (SkulistbyProductId, reference/vtex-apis.md §1): what the one-SKU-per-product rule needs.
public struct ProductSKU: Sendable, Equatable, Decodable {
    /// The SKU id.
    public var Id: Int
    /// Its product.
    public var ProductId: Int?
    /// Whether the SKU is active.
    public var IsActive: Bool?

    public init(Id: Int, ProductId: Int?, IsActive: Bool?) {
        self.Id = Id
        self.ProductId = ProductId
        self.IsActive = IsActive
    }
}
