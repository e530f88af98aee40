import AMQPLayer
import ConnectorTestSupport
import FleetContracts
import FlowTestSupport
import Foundation
import HTTPLayer
import Testing
import WorkerRuntime

/// The ingress's order routes against a real broker: VTEX's processing result and the orders hook.
@Suite("ingress: VTEX order processing results and the orders hook")
struct OrderRoutesTests {
    static let result = #"""
        {"marketplaceOrderId":"CRF-10001-A","accountName":"connections","code":"SOI001","flow":"PlaceOrder",
         "success":true,"operationId":"a1a0e124-6cfc-404e-a8c5-95f5a494dc86","errors":null,
         "fields":{"mainOrderId":"CRF-CRF-10001-A","franchiseOrderId":null},"message":"Order integrated successfully"}
        """#

    @Test("a processing result is published as received to orders.results, then 200; a body that is not one gets 400")
    func processingResult() async throws {
        let vhost = try await TestVhost.create("ingress-orders")
        let running = try await IngressTests.Running.start(amqpURL: vhost.amqpURL)
        defer { Task { await running.process.stop(); await vhost.delete() } }
        #expect(await IngressTests.declared(running))

        let response = try await running.post("/order-integration/notification/processing-result?an=connections", Self.result)
        #expect(response.status == 200)
        let connection = try await vhost.connect()
        let delivery = try #require(try await connection.get("orders.results"))
        #expect(delivery.properties.type == "order.integration.result")
        #expect(delivery.properties.messageID == "vtex-result-CRF-10001-A-PlaceOrder-SOI001-a1a0e124-6cfc-404e-a8c5-95f5a494dc86")
        #expect(String(decoding: delivery.body, as: UTF8.self) == Self.result)
        await connection.close()

        let refused = try await running.post("/order-integration/notification/processing-result", #"{"code":"SOI001"}"#)
        #expect(refused.status == 400)
        #expect(TestHTTP.object(refused)?["error"] as? String == "a processing result needs marketplaceOrderId and code")
        #expect(try await running.post("/order-integration/notification/processing-result", "[1,2]").status == 400)
    }

    @Test("the hook's ping is answered 200; a change becomes vtex.order.status on invoices.work")
    func orderHook() async throws {
        let vhost = try await TestVhost.create("ingress-hook")
        let running = try await IngressTests.Running.start(amqpURL: vhost.amqpURL)
        defer { Task { await running.process.stop(); await vhost.delete() } }
        #expect(await IngressTests.declared(running))

        #expect(try await running.post("/orders/hook", #"{"hookConfig":"ping"}"#).status == 200)
        let change = #"""
            {"Domain":"Fulfillment","OrderId":"CRF-CRF-10001-A","State":"invoiced","LastState":"handling",
             "LastChange":"2026-11-23T10:00:00.0000000Z","CurrentChange":"2026-11-23T10:05:00.0000000Z",
             "Origin":{"Account":"connections","Key":"vtexappkey-connections-ABCDE"}}
            """#
        #expect(try await running.post("/orders/hook", change).status == 200)
        let connection = try await vhost.connect()
        let delivery = try #require(try await connection.get("invoices.work"))
        #expect(delivery.properties.type == "vtex.order.status")
        let message = try VTEXOrderStatusChanged.decode(body: delivery.body)
        #expect(message == VTEXOrderStatusChanged(
            orderId: "CRF-CRF-10001-A", state: "invoiced", lastState: "handling", lastChange: "2026-11-23T10:05:00.0000000Z"))
        await connection.close()
        #expect(try await running.post("/orders/hook", #"{"State":"invoiced"}"#).status == 400)
    }
}
