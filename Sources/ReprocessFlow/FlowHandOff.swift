import AMQPLayer
import Foundation
public import WorkerRuntime

/// Reprocessing a product or an offer: the SKU is put back into its flow (`sku.changed` for the
/// catalog worker, `offer.refresh` for the offer-batcher; README "Messages between workers").
/// The flow then logs its own outcome; the attempt succeeds once the broker confirmed the hand-off.
public struct FlowHandOff: ReprocessTarget {
    /// The routing key (and message type) the SKU is handed back with.
    public let routingKey: String
    private let publisher: ReliablePublisher
    private let exchange: String

    /// A hand-off publishing `routingKey` to `exchange` (the events exchange).
    public init(routingKey: String, publisher: ReliablePublisher, exchange: String) {
        self.routingKey = routingKey
        self.publisher = publisher
        self.exchange = exchange
    }

    public func attempt(id: String) async throws(WorkFailure) -> AttemptSuccess {
        struct Body: Encodable { var skuId: String; var reason: String; var receivedAt: Date }
        let body: Data
        do {
            let encoder = JSONEncoder()
            encoder.dateEncodingStrategy = .iso8601
            body = try encoder.encode(Body(skuId: id, reason: "reprocess", receivedAt: Date()))
        } catch {
            throw .badInput("cannot encode the hand-off of \(id): \(error)")
        }
        var properties = AMQPProperties()
        properties.contentType = "application/json"
        properties.persistent = true
        properties.type = routingKey
        properties.messageID = "reprocess-\(routingKey)-\(id)-\(UUID().uuidString.lowercased())"
        do {
            try await publisher.publish([AMQPOutgoingMessage(exchange: exchange, routingKey: routingKey, properties: properties, body: Array(body))])
        } catch {
            throw .transient("hand-off of \(id) not confirmed: \(error)")
        }
        return AttemptSuccess(message: "SKU \(id) handed back to its flow (\(routingKey)); the flow logs its own outcome")
    }
}
