import AMQPLayer
import FleetContracts
import Foundation
import IntegrationRules
import MiraklAPI
import Testing

/// The fleet's contracts on the wire: what a worker publishes is what another decodes, in the
/// shapes notes/MESSAGES.md and README "Messages between workers" give.
@Suite struct FleetContractsTests {
    /// An OR11 order with fractional prices, an integral price, dates and nested lines.
    static func order(seconds: TimeInterval) -> MiraklOrder {
        MiraklOrder(
            orderId: "ORD-\(Int(seconds))-A", state: "WAITING_ACCEPTANCE",
            lastUpdatedDate: Date(timeIntervalSince1970: seconds.rounded()),
            lines: [
                MiraklOrderLine(id: "ORD-\(Int(seconds))-A-1", offerSKU: "sku-\(Int(seconds) % 97)", quantity: 3, price: 29.97, unitPrice: 9.99),
                MiraklOrderLine(id: "ORD-\(Int(seconds))-A-2", offerSKU: "sku-\(Int(seconds) % 89)", quantity: 1, price: 100),
            ],
            createdDate: Date(timeIntervalSince1970: seconds.rounded() - 3600), currency: "BRL", price: 129.97,
            shippingPrice: 0, totalPrice: 129.97, canCancel: true)
    }

    /// The order rides in `order.changed` as the JSON object OR11's type encodes to with the
    /// fleet's codec, and reads back as the same order: the contract holds a plain JSON value.
    @Test func anOrderChangedCarriesTheOrderAsItsOwnJSON() throws {
        let order = Self.order(seconds: Date().timeIntervalSince1970)
        let changed = try OrderChanged(orderId: order.orderId, state: order.state, updatedAt: order.lastUpdatedDate, encoding: order)
        let body = try changed.body()
        // Sorted keys: the order's own encoding sits in the body as it is, under "order".
        let direct = String(decoding: try FleetMessageCoding.encoder.encode(order), as: UTF8.self)
        let text = String(decoding: body, as: UTF8.self)
        #expect(text.contains("\"order\":\(direct),"), "\(text) does not embed \(direct)")
        #expect(text.contains("\"orderId\":\"\(order.orderId)\""))
        let received = try OrderChanged.decode(body: body)
        #expect(received == changed)
        #expect(try received.order(as: MiraklOrder.self) == order)
    }

    /// An order-less `order.changed` (a sender that knows only the id) reads as one.
    @Test func anOrderChangedWithoutTheOrderReadsAsOne() throws {
        let changed = OrderChanged(orderId: "ORD-\(UUID().uuidString.prefix(8))")
        let received = try OrderChanged.decode(body: try changed.body())
        #expect(received.orderId == changed.orderId)
        #expect(try received.order(as: MiraklOrder.self) == nil)
    }

    /// A published message has its routing key as AMQP type, the fleet's content type, persistence
    /// and `mandatory`.
    @Test func aFleetMessageIsPublishedAsItsContractSays() throws {
        let refresh = OfferRefresh(skuId: "sku-\(UUID().uuidString.prefix(6))", reason: "test")
        let message = try refresh.outgoing(exchange: "carrefour.events", id: "id-\(refresh.skuId)", appID: "tests")
        #expect(message.routingKey == OfferRefresh.routingKey)
        #expect(message.properties.type == OfferRefresh.routingKey)
        #expect(message.properties.contentType == FleetMessageCoding.contentType)
        #expect(message.properties.messageID == "id-\(refresh.skuId)")
        #expect(message.properties.persistent)
        #expect(message.mandatory)
        #expect(try OfferRefresh.decode(body: message.body) == refresh)
    }

    /// A body that is not the message it claims to be is the contracts' own error, undecodable.
    @Test func anUndecodableBodyIsTheContractsOwnError() {
        #expect(throws: FleetMessageError.self) { try SKUChanged.decode(body: Array(#"{"productId":"1"}"#.utf8)) }
        do {
            _ = try CatalogSync.decode(body: Array("not json".utf8))
            Issue.record("a body that is not JSON decoded")
        } catch {
            guard case .undecodable = error else { Issue.record("\(error) is not undecodable"); return }
        }
    }

    /// A reprocess request goes out with its entity's routing key and reads back whole.
    @Test func aReprocessRequestRoundTrips() throws {
        for entity in ReprocessRequest.Entity.allCases {
            let request = ReprocessRequest(
                entity: entity, id: "id-\(UUID().uuidString.prefix(6))",
                requestedAt: Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded()), requestedBy: "tests")
            let message = try request.message(exchange: "carrefour.events")
            #expect(message.routingKey == "reprocess.\(entity.rawValue)")
            #expect(message.properties.type == ReprocessRequest.messageType)
            #expect(message.properties.messageID == request.requestId)
            #expect(try ReprocessRequest.decode(message.body) == request)
        }
    }

    /// An integration event's envelope: its routing key, type, id and filter headers, and a body
    /// that reads back as the event.
    @Test func anIntegrationEventTravelsInItsEnvelope() throws {
        let at = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded())
        let event = IntegrationEvent(
            operationId: "op-\(UUID().uuidString.prefix(8))", entity: .offer, entityId: "sku-\(UUID().uuidString.prefix(4))",
            operation: .price, direction: .vtexToCarrefour, status: .error, message: "refused", at: at, worker: "tests")
        let message = try IntegrationEventEnvelope.message(for: event, exchange: "carrefour.events")
        #expect(message.routingKey == event.routingKey)
        #expect(message.properties.type == IntegrationEventEnvelope.messageType)
        #expect(message.properties.messageID == event.operationId)
        #expect(message.properties.headers[IntegrationEventEnvelope.entityHeader] == .string(event.entity.rawValue))
        #expect(message.properties.headers[IntegrationEventEnvelope.entityIdHeader] == .string(event.entityId))
        #expect(message.properties.headers[IntegrationEventEnvelope.statusHeader] == .string(event.status.rawValue))
        #expect(try IntegrationEventEnvelope.decode(message.body) == event)
    }
}
