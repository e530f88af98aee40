import Foundation
import Hummingbird
import SandboxSupport

extension MiraklSandbox {
    /// The `/_admin` routes (documented in the module documentation). Never faulted, never
    /// rate-limited, no shop key.
    func addAdminRoutes(to router: Router<BasicRequestContext>) {
        let admin = router.group("/_admin")
        admin.get("/state") { [store] _, _ in
            try Response.json(store.snapshot(), encoder: Self.encoder)
        }
        admin.get("/calls") { [calls, rateLimited, faults] _, _ in
            try Response.json(CallsBody(
                calls: calls.snapshot(), rateLimited: rateLimited.snapshot(), faultsInjected: faults.injectedCounts))
        }
        admin.delete("/calls") { [calls, rateLimited, faults] _, _ in
            calls.reset()
            return try Response.json(CallsBody(
                calls: calls.snapshot(), rateLimited: rateLimited.snapshot(), faultsInjected: faults.injectedCounts))
        }
        admin.get("/faults") { [faults] _, _ in
            try Response.json(FaultsBody(plan: faults.plan, burstRemaining: faults.burstRemaining))
        }
        admin.put("/faults") { [faults] request, _ in
            let plan: FaultPlan = try await Self.decodeAdmin(request)
            faults.setPlan(plan)
            return try Response.json(FaultsBody(plan: faults.plan, burstRemaining: faults.burstRemaining))
        }
        admin.put("/rate-limits") { [rateLimiter] request, _ in
            let body: RateLimitsBody = try await Self.decodeAdmin(request)
            rateLimiter.isEnabled = body.enabled
            rateLimiter.reset()
            return try Response.json(body)
        }
        admin.post("/orders") { [store] request, _ in
            let body: NewOrderBody = try await Self.decodeAdmin(request)
            let type = try Self.shippingType(body.shippingType)
            let id = try store.createOrder(
                lines: body.lines, shippingType: type,
                shape: OrderShape(corporate: body.corporate, taxRate: body.taxRate, incident: body.incident, pickupPoint: body.pickupPoint))
            if body.skipStaging ?? true {
                // Already out of STAGING when the staging delay is 0: nothing to end then.
                _ = try? store.adminAction(id, action: .endStaging)
            }
            return try Response.json(CreatedOrderBody(orderId: id), status: .created)
        }
        admin.post("/orders/:id/state") { [store] request, context in
            let id = try Self.parameter("id", context)
            let body: OrderActionBody = try await Self.decodeAdmin(request)
            guard let action = AdminOrderAction(rawValue: body.action) else {
                throw MiraklAPIError.badRequest(
                    "Unknown action '\(body.action)': one of \(AdminOrderAction.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return try Response.json(OrderStateBody(orderId: id, state: try store.adminAction(id, action: action)))
        }
        admin.delete("/products/:sku") { [store] _, context in
            let sku = try Self.parameter("sku", context)
            let existed = store.deleteProduct(shopSKU: sku)
            return try Response.json(DeletedBody(sku: sku, existed: existed))
        }
        admin.get("/generator") { [self] _, _ in
            let (rate, created) = generator.withLock { ($0.ordersPerHour, $0.created) }
            return try Response.json(GeneratorStatusBody(ordersPerHour: rate, created: created))
        }
        admin.post("/generator") { [self] request, _ in
            let body: GeneratorBody = try await Self.decodeAdmin(request)
            await startGenerator(ordersPerHour: body.ordersPerHour, mix: body.mix ?? OrderMix())
            return try Response.json(body)
        }
    }

    /// Decodes an admin JSON body or answers 400 with a Mirakl-style error.
    static func decodeAdmin<T: Decodable>(_ request: Request) async throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(try await body(of: request)))
        } catch {
            throw MiraklAPIError.badRequest("Invalid admin body for \(T.self): \(error)")
        }
    }

    static func shippingType(_ code: String?) throws(MiraklAPIError) -> ShippingType {
        guard let code else { return .normal }
        guard let type = ShippingType(rawValue: code.uppercased()) else {
            throw .badRequest("Unknown shipping type '\(code)': \(ShippingType.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return type
    }

    struct CallsBody: Encodable {
        var calls: [String: Int]
        var rateLimited: [String: Int]
        var faultsInjected: [String: Int]
    }
    struct FaultsBody: Encodable {
        var plan: FaultPlan
        var burstRemaining: Int
    }
    struct RateLimitsBody: Codable {
        var enabled: Bool
    }
    struct NewOrderBody: Decodable {
        var lines: [NewOrderLine]
        var shippingType: String?
        /// Whether the order skips STAGING and starts in WAITING_ACCEPTANCE (default true).
        var skipStaging: Bool?
        /// The order's shape (``OrderShape``): a company buying, taxes on top in percent, an open incident.
        var corporate: Bool?
        var taxRate: Decimal?
        var incident: Bool?
        /// The PickUp DropOff point of a `PICKUP` order.
        var pickupPoint: String?
    }
    struct CreatedOrderBody: Encodable {
        var orderId: String
    }
    struct OrderActionBody: Decodable {
        var action: String
    }
    struct OrderStateBody: Encodable {
        var orderId: String
        var state: String
    }
    struct DeletedBody: Encodable {
        var sku: String
        var existed: Bool
    }
    struct GeneratorBody: Codable {
        var ordersPerHour: Double
        /// The share of each order shape (``OrderMix``); none: people, taxes included, no incident.
        var mix: OrderMix?
    }
    struct GeneratorStatusBody: Encodable {
        var ordersPerHour: Double
        var created: Int
    }
}
