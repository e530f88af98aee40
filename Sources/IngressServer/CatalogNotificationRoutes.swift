import FleetContracts
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
public import Hummingbird
public import Logging
import VTEXAPI
import WorkerRuntime

/// VTEX's affiliate SKU change notifications (reference/vtex-apis.md §7): `POST /api/notification`
/// (the affiliate's `searchURIEndpoint`) and the App-Template
/// route `POST /catalog/notification`.
///
/// Each notification becomes one `sku.changed` (notes/MESSAGES.md), VTEX's flags kept, published
/// with a confirm; only then 200. A body that cannot be read as a notification gets 400 with the
/// reason; a broker that is away or does not confirm gets 503 with `Retry-After`, so VTEX retries.
public struct CatalogNotificationRoutes: IngressRoutes {
    /// The paths served (the router also takes them with a trailing slash, as VTEX's
    /// `searchURIEndpoint` example `https://{connector}/api/notification/` has).
    public static let paths = ["/api/notification", "/catalog/notification"]
    /// The largest body accepted (a notification is a few hundred bytes).
    public static let maximumBodySize = 64 * 1024

    private let publisher: IngressPublisher
    private let logger: Logger

    public init(publisher: IngressPublisher, logger: Logger) {
        self.publisher = publisher
        self.logger = logger
    }

    public func addRoutes(to router: Router<BasicRequestContext>) {
        for path in Self.paths {
            router.post(RouterPath(path)) { request, _ in await self.receive(request) }
        }
    }

    private func receive(_ request: Request) async -> Response {
        let body: [UInt8]
        do {
            body = Array(try await request.body.collect(upTo: Self.maximumBodySize).readableBytesView)
        } catch {
            return IngressResponse.error(.contentTooLarge, "the body is larger than \(Self.maximumBodySize) bytes")
        }
        let notification: AffiliateNotification
        switch Self.decode(body) {
        case .failure(let reason):
            logger.warning("notification refused", metadata: ["reason": "\(reason.text)"])
            return IngressResponse.error(.badRequest, reason.text)
        case .success(let decoded):
            notification = decoded
        }
        let message = SKUChanged(notification, receivedAt: Date())
        do {
            try await publisher.publish(message, id: Self.messageId(of: notification))
        } catch {
            logger.error("notification not published; answering 503", metadata: [
                "sku": "\(notification.skuId)", "error": "\(error.reason)",
            ])
            return IngressResponse.unavailable("the notification could not be stored: \(error.reason)")
        }
        logger.debug("notification published", metadata: ["sku": "\(notification.skuId)"])
        return IngressResponse.accepted(["skuId": notification.skuId])
    }

    /// A reason a body is not a notification.
    struct Refusal: Error { var text: String }

    /// Decodes a notification, or says why the body is not one.
    static func decode(_ body: [UInt8]) -> Result<AffiliateNotification, Refusal> {
        guard !body.isEmpty else { return .failure(Refusal(text: "empty body: a JSON SKU notification is expected")) }
        do {
            return .success(try JSONDecoder().decode(AffiliateNotification.self, from: Data(body)))
        } catch let error as DecodingError {
            return .failure(Refusal(text: describe(error)))
        } catch {
            return .failure(Refusal(text: "unreadable body"))
        }
    }

    /// The idempotency key: stable across VTEX's retries of one notification when it is dated.
    static func messageId(of notification: AffiliateNotification) -> String {
        guard let date = notification.dateModified, !date.isEmpty else { return UUID().uuidString.lowercased() }
        return "vtex-sku-\(notification.skuId)-\(date)"
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(_, let context): return context.debugDescription
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "not a JSON object: \(context.debugDescription)" : context.debugDescription
        @unknown default: return "invalid body"
        }
    }
}

extension SKUChanged {
    /// The `sku.changed` of a VTEX notification, flags kept.
    init(_ notification: AffiliateNotification, receivedAt: Date) {
        self.init(
            skuId: notification.skuId, productId: notification.productId, isActive: notification.isActive,
            stockModified: notification.stockModified, priceModified: notification.priceModified,
            hasStockKeepingUnitModified: notification.hasStockKeepingUnitModified,
            hasStockKeepingUnitRemovedFromAffiliate: notification.hasStockKeepingUnitRemovedFromAffiliate,
            receivedAt: receivedAt)
    }
}
