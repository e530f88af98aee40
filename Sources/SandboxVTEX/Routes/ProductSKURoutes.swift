import Hummingbird

/// One item of `GET /api/catalog_system/pvt/sku/stockkeepingunitByProductId/{productId}`
/// (SkulistbyProductId, Catalog API): the spec's fields the seeded catalog knows.
struct ProductSKUItem: Encodable, Sendable {
    var IsPersisted = true
    var IsRemoved = false
    var Id: Int
    var ProductId: Int
    var IsActive: Bool
    var Name: String
    var Height: Double
    var Width: Double
    var Length: Double
    var WeightKg: Double
    var RefId: String
    var CubicWeight: Double
    var IsKit = false
    var ManufacturerCode: String
    var MeasurementUnit = "un"
    var UnitMultiplier: Double = 1
}

extension VTEXSandbox {
    /// SkulistbyProductId (vtex-apis.md §1 "SKUs of a product"): what the catalog worker reads for
    /// Carrefour's one-SKU-per-product rule. Unknown product: 404.
    func addProductSKURoutes(to router: Router<BasicRequestContext>) {
        router.get("/api/catalog_system/pvt/sku/stockkeepingunitByProductId/:productId") { _, context -> Response in
            calls.record("SkulistbyProductId")
            guard let productId = context.parameters.get("productId", as: Int.self) else {
                return RouteSupport.error(.badRequest, "productId must be an integer")
            }
            let items = store.withState { state -> [ProductSKUItem]? in
                guard state.catalog.products[productId] != nil else { return nil }
                return state.catalog.skus.values.filter { $0.productId == productId }.sorted { $0.id < $1.id }.map { sku in
                    let size = sku.dimensions ?? SKUDimensions(height: 0, width: 0, length: 0, weight: 0)
                    return ProductSKUItem(
                        Id: sku.id, ProductId: productId, IsActive: sku.isActive, Name: sku.name, Height: size.height,
                        Width: size.width, Length: size.length, WeightKg: size.weight, RefId: sku.refId,
                        CubicWeight: size.cubicWeight, ManufacturerCode: sku.manufacturerCode)
                }
            }
            guard let items else { return RouteSupport.error(.notFound, "Product \(productId) not found") }
            return try RouteSupport.json(items)
        }
    }
}
