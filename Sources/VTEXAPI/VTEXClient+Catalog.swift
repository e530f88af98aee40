public import HTTPLayer

extension VTEXClient {
    /// The SKU and its context on trade policy `tradePolicy` (SkuContext, `stockkeepingunitbyid`
    /// with `sc`; reference/vtex-apis.md §1: "best single call for listing data").
    public func skuContext(_ skuId: String, tradePolicy: String) async throws(VTEXError) -> SKUContext {
        try await json(
            SKUContext.self, "sku context", path: "/api/catalog_system/pvt/sku/stockkeepingunitbyid/\(skuId)",
            query: [("sc", tradePolicy)])
    }

    /// Every SKU of a product (SkulistbyProductId), for the one-SKU-per-product rule.
    public func skus(ofProduct productId: String) async throws(VTEXError) -> [ProductSKU] {
        try await json(
            [ProductSKU].self, "skus of product",
            path: "/api/catalog_system/pvt/sku/stockkeepingunitByProductId/\(productId)")
    }

    /// One page (from 1) of the SKU ids of trade policy `tradePolicy`
    /// (`stockkeepingunitidsbysaleschannel`, the initial load of vtex-apis.md §7); an empty or
    /// short page is the last.
    public func skuIds(tradePolicy: String, page: Int, pageSize: Int) async throws(VTEXError) -> [Int] {
        try await json(
            [Int].self, "sku ids by sales channel", path: "/api/catalog_system/pvt/sku/stockkeepingunitidsbysaleschannel",
            query: [("sc", tradePolicy), ("page", String(page)), ("pageSize", String(pageSize)), ("onlyAssigned", "true")])
    }
}
