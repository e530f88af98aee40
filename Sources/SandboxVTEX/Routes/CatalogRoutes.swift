import Hummingbird

extension VTEXSandbox {
    /// Catalog API (vtex-apis.md §1): SKU context, SKU ids by sales channel, all SKU ids.
    func addCatalogRoutes(to router: Router<BasicRequestContext>) {
        router.get("/api/catalog_system/pvt/sku/stockkeepingunitbyid/:skuId") { request, context -> Response in
            calls.record("SkuContext")
            guard let skuId = context.parameters.get("skuId", as: Int.self) else {
                return RouteSupport.error(.badRequest, "skuId must be an integer")
            }
            let found = store.withState { state -> SKUContext? in
                guard let sku = state.catalog.skus[skuId], let product = state.catalog.products[sku.productId] else { return nil }
                return SKUContext(sku: sku, product: product)
            }
            guard let found else { return RouteSupport.error(.notFound, "SKU \(skuId) not found") }
            return try RouteSupport.json(found)
        }
        router.get("/api/catalog_system/pvt/sku/stockkeepingunitidsbysaleschannel") { request, _ -> Response in
            calls.record("SkuIdsBySalesChannel")
            guard let sc = request.intQuery("sc") else { return RouteSupport.error(.badRequest, "sc is required") }
            let page = max(request.intQuery("page") ?? 1, 1)
            let size = min(max(request.intQuery("pageSize") ?? 100_000, 1), 100_000)
            let ids = store.withState { state in
                state.catalog.skus.values.filter { sku in
                    state.catalog.products[sku.productId]?.salesChannels.contains(sc) ?? false
                }.map(\.id).sorted()
            }
            return try RouteSupport.json(Array(ids.dropFirst((page - 1) * size).prefix(size)))
        }
        router.get("/api/catalog_system/pvt/sku/stockkeepingunitids") { request, _ -> Response in
            calls.record("ListallSKUIDs")
            let page = max(request.intQuery("page") ?? 1, 1)
            let size = min(max(request.intQuery("pagesize") ?? 1000, 1), 1000)
            let ids = store.withState { $0.catalog.skus.keys.sorted() }
            return try RouteSupport.json(Array(ids.dropFirst((page - 1) * size).prefix(size)))
        }
    }
}
