import Foundation
import Hummingbird
import SandboxSupport

extension MiraklSandbox {
    /// A01 `GET /api/account` and SH12 `GET /api/shipping/types`.
    func addAccountRoutes(to router: Router<BasicRequestContext>) {
        router.get("/api/account", use: operation(.a01) { [store, settings] _, _ in
            let counts = store.withSettledState { state, _ in (state.offers.count, state.orders.count) }
            let account = AccountWire(
                contact_informations: .init(email: "loja@sandbox.invalid"), date_created: store.clock.origin,
                last_updated_date: store.clock.origin, offers_count: counts.0, orders_count: counts.1,
                shipping_types: ShippingType.allCases.map(\.rawValue), shop_id: settings.shopId,
                shop_name: settings.shopName)
            return try Response.json(account, encoder: Self.encoder)
        })
        router.get("/api/shipping/types", use: operation(.sh12) { _, _ in
            try Response.json(ShippingTypesWire(shipping_types: ShippingType.allCases.map(\.wire)), encoder: Self.encoder)
        })
    }

    /// The JSON encoder of every Mirakl body: ISO-8601 dates (`2019-04-02T14:18:43Z`).
    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}
