import Foundation

/// What `GET /_admin/state` returns: everything the connector did to the fake Mirakl.
struct MiraklSnapshot: Encodable {
    struct Product: Encodable {
        var sku: String
        var productId: String
        var name: String
        var skuName: String
        var category: String
        var attributes: [String: String]
        var state: String
        var error: String?
        var lastImportId: Int
        var liveAt: Date?
    }
    struct ProductImportSummary: Encodable {
        var importId: Int
        var status: String
        var created: Date
        var accepted: [String]
        var rejected: [String]
        var reason: String?
    }
    struct Offer: Encodable {
        var sku: String
        var productId: String
        var price: Decimal
        var quantity: Int
        var active: Bool
        var state: String
        var importId: Int
        var updated: Date
    }
    struct OfferImportSummary: Encodable {
        var importId: Int
        var status: String
        var mode: String
        var created: Date
        var linesRead: Int
        var linesInError: Int
        var reason: String?
    }
    struct OrderLine: Encodable {
        var lineId: String
        var sku: String
        var quantity: Int
        var unitPrice: Decimal
        var refused: Bool
    }
    struct Order: Encodable {
        var orderId: String
        var state: String
        var shippingType: String
        var created: Date
        var lastUpdated: Date
        var lines: [OrderLine]
        var tracking: TrackingRecord?
        var threads: [ThreadRecord]
        var trackingCalls: Int
        var trackingChanges: Int
        var shipCalls: Int
    }

    var now: Date
    var products: [Product]
    var productImports: [ProductImportSummary]
    var offers: [Offer]
    var offerImports: [OfferImportSummary]
    var orders: [Order]
    var tracking: [String: TrackingRecord]
}

extension MiraklStore {
    /// The whole state, settled at the current sandbox time.
    func snapshot() -> MiraklSnapshot {
        withSettledState { state, now in
            let products = state.products.values.sorted { $0.shopSKU < $1.shopSKU }.map { product in
                var error: String?
                var liveAt: Date?
                switch product.stage {
                case .rejected(let message): error = message
                case .integrated(let date): liveAt = date
                case .importing, .deleted: break
                }
                return MiraklSnapshot.Product(
                    sku: product.shopSKU, productId: product.productId, name: product.name, skuName: product.skuName,
                    category: product.category, attributes: product.attributes,
                    state: product.stageName(at: now), error: error, lastImportId: product.lastImportId, liveAt: liveAt)
            }
            let productImports = state.productImports.values.sorted { $0.id < $1.id }.map { job in
                MiraklSnapshot.ProductImportSummary(
                    importId: job.id, status: job.status(at: now), created: job.created,
                    accepted: job.acceptedLines.map(\.shopSKU), rejected: job.rejectedLines.map(\.shopSKU),
                    reason: job.fileError)
            }
            let offers = state.offers.values.sorted { $0.shopSKU < $1.shopSKU }.map { offer in
                MiraklSnapshot.Offer(
                    sku: offer.shopSKU, productId: offer.productSKU, price: offer.price, quantity: offer.quantity,
                    active: offer.active, state: offer.stateCode, importId: offer.importId, updated: offer.updated)
            }
            let offerImports = state.offerImports.values.sorted { $0.id < $1.id }.map { job in
                MiraklSnapshot.OfferImportSummary(
                    importId: job.id, status: job.status(at: now), mode: job.mode, created: job.created,
                    linesRead: job.table?.rows.count ?? 0, linesInError: job.errors.count, reason: job.fileError)
            }
            let orders = state.orderSequence.compactMap { state.orders[$0] }.map { order in
                MiraklSnapshot.Order(
                    orderId: order.id, state: order.state.rawValue, shippingType: order.shippingType.rawValue,
                    created: order.created, lastUpdated: order.lastUpdated,
                    lines: order.lines.map { .init(lineId: $0.id, sku: $0.offerSKU, quantity: $0.quantity,
                                                   unitPrice: $0.unitPrice, refused: $0.refused) },
                    tracking: order.tracking, threads: order.threads, trackingCalls: order.trackingCalls,
                    trackingChanges: order.trackingChanges, shipCalls: order.shipCalls)
            }
            var tracking: [String: TrackingRecord] = [:]
            for order in state.orders.values { tracking[order.id] = order.tracking }
            return MiraklSnapshot(
                now: now, products: products, productImports: productImports, offers: offers,
                offerImports: offerImports, orders: orders, tracking: tracking)
        }
    }
}
