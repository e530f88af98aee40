import AMQPLayer
import Foundation
import OfferFlow
import Testing
import WorkerRuntime

@Suite("Offer change messages")
struct OfferMessageTests {
    func change(_ body: String) -> InboundMessage {
        let delivery = AMQPDelivery(
            tag: AMQPDeliveryTag(session: 1, value: 1), exchange: "carrefour.events", routingKey: OfferMessages.stock,
            redelivered: false, consumerTag: "c", properties: AMQPProperties(type: OfferMessages.stock), body: Array(body.utf8))
        return InboundMessage(queue: "offers.work", delivery: delivery, history: MessageHistory(headers: [:]))
    }

    @Test("the SKU of a change: the fleet's own bodies, and any other JSON spelling of them", arguments: [
        (#"{"skuId":"2001"}"#, "2001"),
        (#"{ "skuId" : "2001", "reason": "catalogued" }"#, "2001"),
        (#"{"reason":"x","skuId":"20\"01"}"#, "20\"01"),
        (#"{"skuId":"\u0032001"}"#, "2001"),
    ])
    func skuId(body: String, sku: String) throws {
        #expect(try OfferBatcher.skuId(of: change(body)) == sku)
    }

    @Test("a body without a SKU is bad input, which parks it", arguments: [#"{"skuId":""}"#, #"{"sku":"1"}"#, "not json"])
    func badInput(body: String) {
        #expect(throws: WorkFailure.self) { try OfferBatcher.skuId(of: change(body)) }
    }
}
