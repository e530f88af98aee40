import AMQPLayer
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

/// VTEX's order pushes (reference/vtex-apis.md §6, §8):
/// - `POST /order-integration/notification/processing-result` — New Order Integration's result,
///   under the `connectorEndpoint` the order-importer sends (the ingress's public URL): published
///   as `order.integration.result`, body as received, for `orders.results`;
/// - `POST /orders/hook` — the orders hook (`CARREFOUR_INVOICE_SOURCE=hook`): VTEX's `ping` is
///   answered 200, each change is published as `vtex.order.status` for `invoices.work`.
/// Each answers 200 only once the broker confirmed the message; 400 with the reason for a body
/// that is not what VTEX sends; 503 with `Retry-After` when the broker did not confirm in time.
public struct OrderRoutes: IngressRoutes {
    /// The processing-result route.
    public static let resultPath = "/order-integration/notification/processing-result"
    /// The orders hook route.
    public static let hookPath = "/orders/hook"
    /// The AMQP type (and routing key) of a processing result.
    public static let resultType = FleetRoutingKeys.orderIntegrationResult
    /// The largest body accepted.
    public static let maximumBodySize = 256 * 1024

    private let publisher: IngressPublisher
    private let logger: Logger

    /// Routes publishing through `publisher`.
    public init(publisher: IngressPublisher, logger: Logger) {
        self.publisher = publisher
        self.logger = logger
    }

    public func addRoutes(to router: Router<BasicRequestContext>) {
        router.post(RouterPath(Self.resultPath)) { request, _ in await self.result(request) }
        router.post(RouterPath(Self.hookPath)) { request, _ in await self.hook(request) }
    }

    /// A processing result: the body must be the result contract with a `marketplaceOrderId`.
    private func result(_ request: Request) async -> Response {
        guard let body = await Self.body(of: request) else {
            return IngressResponse.error(.contentTooLarge, "the body is larger than \(Self.maximumBodySize) bytes")
        }
        let result: OrderIntegrationResult
        do {
            result = try JSONDecoder().decode(OrderIntegrationResult.self, from: Data(body))
        } catch {
            return IngressResponse.error(.badRequest, "not a New Order Integration result: \(error)")
        }
        guard let orderId = result.marketplaceOrderId, !orderId.isEmpty, let code = result.code, !code.isEmpty else {
            return IngressResponse.error(.badRequest, "a processing result needs marketplaceOrderId and code")
        }
        var properties = AMQPProperties(contentType: "application/json", type: Self.resultType)
        properties.messageID = "vtex-result-\(orderId)-\(result.flow ?? "unknown")-\(code)-\(result.operationId ?? UUID().uuidString.lowercased())"
        properties.appID = "ingress"
        properties.timestamp = Date()
        let message = AMQPOutgoingMessage(
            exchange: publisher.exchange, routingKey: Self.resultType, properties: properties, body: body)
        do {
            try await publisher.publish(message)
        } catch {
            logger.error("processing result not published; answering 503", metadata: ["order": "\(orderId)", "error": "\(error.reason)"])
            return IngressResponse.unavailable("the result could not be stored: \(error.reason)")
        }
        return IngressResponse.accepted(["marketplaceOrderId": orderId, "code": code])
    }

    /// An orders-hook notification (`{Domain, OrderId, State, LastState, LastChange, CurrentChange,
    /// Origin}`), or the `{"hookConfig":"ping"}` VTEX sends when the hook is saved.
    private func hook(_ request: Request) async -> Response {
        guard let body = await Self.body(of: request) else {
            return IngressResponse.error(.contentTooLarge, "the body is larger than \(Self.maximumBodySize) bytes")
        }
        guard let fields = HookBody.parse(body)?.fields else {
            return IngressResponse.error(.badRequest, "not a JSON object")
        }
        if fields["hookconfig"] != nil { return IngressResponse.accepted(["hookConfig": "pong"]) }
        guard let orderId = fields["orderid"]?.text, !orderId.isEmpty else {
            return IngressResponse.error(.badRequest, "an order hook notification needs OrderId")
        }
        let change = VTEXOrderStatusChanged(
            orderId: orderId, state: fields["state"]?.text, lastState: fields["laststate"]?.text,
            lastChange: (fields["currentchange"] ?? fields["lastchange"])?.text)
        do {
            try await publisher.publish(change, id: "vtex-hook-\(orderId)-\(change.state ?? "")-\(change.lastChange ?? UUID().uuidString)")
        } catch {
            logger.error("order hook not published; answering 503", metadata: ["order": "\(orderId)", "error": "\(error.reason)"])
            return IngressResponse.unavailable("the change could not be stored: \(error.reason)")
        }
        return IngressResponse.accepted(["orderId": orderId])
    }

    private static func body(of request: Request) async -> [UInt8]? {
        guard let buffer = try? await request.body.collect(upTo: maximumBodySize) else { return nil }
        return Array(buffer.readableBytesView)
    }
}
