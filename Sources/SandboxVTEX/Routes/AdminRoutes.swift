import Foundation
import Hummingbird
import SandboxSupport

extension VTEXSandbox {
    /// The admin API under `/_admin` (documented in the module doc): change data, drive orders from the
    /// VTEX side, set faults, read everything back. No authentication and never faulted.
    func addAdminRoutes(to router: Router<BasicRequestContext>) {
        let admin = router.group("/_admin")
        addAdminCatalogRoutes(to: admin)
        addAdminSettingsRoutes(to: admin)
        addAdminOrderRoutes(to: admin)
        addAdminObservationRoutes(to: admin)
    }

    /// The catalog side: read the catalog, create SKUs, change their stock, price and fields, set promotions.
    private func addAdminCatalogRoutes(to admin: RouterGroup<BasicRequestContext>) {
        admin.get("catalog") { _, _ -> Response in
            try RouteSupport.json(store.withState { state in
                let policy = Int(state.affiliate.salesChannel) ?? state.tradePolicyId
                let views = state.catalog.skus.values.sorted { $0.id < $1.id }.compactMap { sku -> AdminSKUView? in
                    guard let product = state.catalog.products[sku.productId] else { return nil }
                    return AdminSKUView(sku: sku, product: product, price: state.catalog.prices[sku.id],
                                        inventory: state.catalog.inventory[sku.id],
                                        sellableOnAffiliatePolicy: state.sellable(sku, on: policy),
                                        simulatedPrice: state.unitPrice(skuId: sku.id, tradePolicy: policy)?.selling)
                }
                return AdminCatalogView(tradePolicyId: policy, skus: views, promotions: state.catalog.promotions)
            })
        }
        admin.post("skus") { request, _ -> Response in
            switch await RouteSupport.decode(AdminSKUCreate.self, from: request) {
            case .failure(let failure): return RouteSupport.error(.badRequest, failure.message)
            case .success(let body):
                let created: (Int, [OutboundWebhook])
                do throws(AdminError) {
                    created = try store.withState { (state: inout VTEXState) throws(AdminError) in
                        try state.createSKU(body, now: store.now)
                    }
                } catch { return RouteSupport.response(for: error) }
                outbox.enqueue(.deliver(created.1))
                return try RouteSupport.json(AdminAck(detail: String(created.0)), status: .created)
            }
        }
        admin.put("skus/:skuId/stock") { request, context -> Response in
            await adminChange(request, context, AdminStockRequest.self) { state, skuId, body throws(AdminError) in
                try state.setStock(skuId: skuId, body, now: store.now)
            }
        }
        admin.put("skus/:skuId/price") { request, context -> Response in
            await adminChange(request, context, AdminPriceRequest.self) { state, skuId, body throws(AdminError) in
                try state.setPrice(skuId: skuId, body, now: store.now)
            }
        }
        admin.patch("skus/:skuId") { request, context -> Response in
            await adminChange(request, context, AdminSKUPatch.self) { state, skuId, body throws(AdminError) in
                try state.patchSKU(skuId: skuId, body, now: store.now)
            }
        }
        admin.put("promotions") { request, _ -> Response in
            switch await RouteSupport.decode(Promotion.self, from: request) {
            case .failure(let failure): return RouteSupport.error(.badRequest, failure.message)
            case .success(let promotion):
                let webhooks: [OutboundWebhook]
                do throws(AdminError) {
                    webhooks = try store.withState { (state: inout VTEXState) throws(AdminError) in
                        try state.upsertPromotion(promotion, now: store.now)
                    }
                } catch { return RouteSupport.response(for: error) }
                outbox.enqueue(.deliver(webhooks))
                return try RouteSupport.json(AdminAck(detail: "promotion \(promotion.id) set"))
            }
        }
    }

    /// The account's settings: SLAs, manual price authorization, stock notifications, tax data, outbox delay.
    private func addAdminSettingsRoutes(to admin: RouterGroup<BasicRequestContext>) {
        admin.get("slas") { _, _ -> Response in
            try RouteSupport.json(store.withState { $0.shippingPolicies })
        }
        admin.put("slas") { request, _ -> Response in
            switch await RouteSupport.decode([ShippingPolicy].self, from: request) {
            case .failure(let failure): return RouteSupport.error(.badRequest, failure.message)
            case .success(let policies):
                do throws(AdminError) {
                    try store.withState { (state: inout VTEXState) throws(AdminError) in try state.setShippingPolicies(policies) }
                } catch { return RouteSupport.response(for: error) }
                return try RouteSupport.json(AdminAck(detail: "\(policies.count) SLAs set"))
            }
        }
        admin.put("settings") { request, _ -> Response in
            switch await RouteSupport.decode(AdminSettingsRequest.self, from: request) {
            case .failure(let failure): return RouteSupport.error(.badRequest, failure.message)
            case .success(let body):
                store.withState { state in
                    if let manual = body.manualPriceAuthorization { state.manualPriceAuthorization = manual }
                    if let notify = body.notifyOrderStockChanges { state.notifyOrderStockChanges = notify }
                    if let refuse = body.refuseTaxData { state.refuseTaxData = refuse }
                    if let url = body.affiliateNotificationURL { state.affiliate.searchURIEndpoint = url.isEmpty ? nil : url }
                }
                if let delay = body.processingDelayMilliseconds { outboxSettings.processingDelay = .milliseconds(max(0, delay)) }
                return try RouteSupport.json(AdminAck(detail: "settings updated"))
            }
        }
    }

    /// Orders from the VTEX side: read them and their counts, invoice, deliver, cancel, authorize a divergence.
    private func addAdminOrderRoutes(to admin: RouterGroup<BasicRequestContext>) {
        admin.get("orders") { _, _ -> Response in
            try RouteSupport.json(store.withState { state in
                state.orders.values.sorted { $0.sequence < $1.sequence }.map { OrderResponse($0, accountName: state.accountName) }
            })
        }
        admin.get("order-counts") { _, _ -> Response in
            try RouteSupport.json(store.withState { state in
                var byStatus: [String: Int] = [:]
                for order in state.orders.values { byStatus[order.status.rawValue, default: 0] += 1 }
                return AdminOrderCounts(total: state.orders.count, byStatus: byStatus)
            })
        }
        admin.get("orders/:orderId") { _, context -> Response in
            let orderId = context.parameters.get("orderId") ?? ""
            let order = store.withState { state in state.orders[orderId].map { OrderResponse($0, accountName: state.accountName) } }
            guard let order else { return RouteSupport.error(.notFound, "Order \(orderId) not found") }
            return try RouteSupport.json(order)
        }
        admin.post("orders/:orderId/invoice") { request, context -> Response in
            let orderId = context.parameters.get("orderId") ?? ""
            switch await RouteSupport.decode(AdminInvoiceRequest.self, from: request) {
            case .failure(let failure): return RouteSupport.error(.badRequest, failure.message)
            case .success(let body):
                return adminOrder(orderId) { (state: inout VTEXState) throws(OMSError) in
                    let package = try state.adminInvoice(orderId: orderId, body)
                    try state.addInvoice(orderId: orderId, package: package, now: store.now)
                }
            }
        }
        admin.post("orders/:orderId/delivered") { _, context -> Response in
            let orderId = context.parameters.get("orderId") ?? ""
            return adminOrder(orderId) { (state: inout VTEXState) throws(OMSError) in try state.markDelivered(orderId: orderId, now: store.now) }
        }
        admin.post("orders/:orderId/cancel") { _, context -> Response in
            let orderId = context.parameters.get("orderId") ?? ""
            return adminOrder(orderId) { (state: inout VTEXState) throws(OMSError) in
                try state.cancel(orderId: orderId, reason: "Canceled in VTEX by the seller", bySeller: true, now: store.now)
            }
        }
        admin.post("orders/:orderId/authorize") { _, context -> Response in
            let orderId = context.parameters.get("orderId") ?? ""
            return adminOrder(orderId) { (state: inout VTEXState) throws(OMSError) in try state.authorizeDivergence(orderId: orderId, now: store.now) }
        }
    }

    /// What the sandbox saw and did: webhooks, call counts, faults, the feed; and the reset that reseeds it.
    private func addAdminObservationRoutes(to admin: RouterGroup<BasicRequestContext>) {
        admin.get("webhooks") { _, _ -> Response in
            try RouteSupport.json(store.withState { $0.webhooks })
        }
        admin.get("calls") { _, _ -> Response in
            try RouteSupport.json(calls.snapshot())
        }
        admin.delete("calls") { _, _ -> Response in
            calls.reset()
            return try RouteSupport.json(AdminAck(detail: "call counts reset"))
        }
        admin.get("faults") { _, _ -> Response in
            try RouteSupport.json(faults.plan)
        }
        admin.get("faults/injected") { _, _ -> Response in
            try RouteSupport.json(faults.injectedCounts)
        }
        admin.put("faults") { request, _ -> Response in
            switch await RouteSupport.decode(FaultPlan.self, from: request) {
            case .failure(let failure): return RouteSupport.error(.badRequest, failure.message)
            case .success(let plan):
                faults.setPlan(plan)
                return try RouteSupport.json(plan)
            }
        }
        admin.get("feed") { _, _ -> Response in
            try RouteSupport.json(store.withState { $0.feedEvents })
        }
        admin.post("reset") { request, _ -> Response in
            let body: AdminResetRequest
            switch await RouteSupport.decode(AdminResetRequest.self, from: request) {
            case .success(let decoded): body = decoded
            case .failure: body = AdminResetRequest()
            }
            var settings = configuration
            if let seed = body.seed { settings.seed = seed }
            if let count = body.productCount { settings.productCount = count }
            store.withState { $0 = VTEXState(configuration: settings) }
            calls.reset()
            return try RouteSupport.json(AdminAck(detail: "reseeded with seed \(settings.seed), \(settings.productCount) products"))
        }
    }

    /// Decodes an admin SKU change, applies it and queues the affiliate notifications it produced.
    private func adminChange<Body: Decodable>(
        _ request: Request, _ context: BasicRequestContext, _ type: Body.Type,
        _ change: (inout VTEXState, Int, Body) throws(AdminError) -> [OutboundWebhook]
    ) async -> Response {
        guard let skuId = context.parameters.get("skuId", as: Int.self) else {
            return RouteSupport.error(.badRequest, "skuId must be an integer")
        }
        switch await RouteSupport.decode(type, from: request) {
        case .failure(let failure): return RouteSupport.error(.badRequest, failure.message)
        case .success(let body):
            do throws(AdminError) {
                let webhooks = try store.withState { (state: inout VTEXState) throws(AdminError) in try change(&state, skuId, body) }
                outbox.enqueue(.deliver(webhooks))
                return (try? RouteSupport.json(AdminAck(detail: "SKU \(skuId) changed, \(webhooks.count) notification(s) queued")))
                    ?? Response(status: .ok)
            } catch { return RouteSupport.response(for: error) }
        }
    }

    /// Applies an admin order change and answers with the order's OMS view.
    private func adminOrder(_ orderId: String, _ change: (inout VTEXState) throws(OMSError) -> Void) -> Response {
        do throws(OMSError) {
            let (view, notifications) = try store.withState { (state: inout VTEXState) throws(OMSError) -> (OrderResponse?, [OutboundWebhook]) in
                try change(&state)
                return (state.orders[orderId].map { OrderResponse($0, accountName: state.accountName) }, state.takeOrderStockNotifications())
            }
            if !notifications.isEmpty { outbox.enqueue(.deliver(notifications)) }
            return (try? RouteSupport.json(view)) ?? Response(status: .ok)
        } catch { return RouteSupport.response(for: error) }
    }
}
