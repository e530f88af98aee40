public import AMQPLayer
#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// An operator's request to run one entity through its flow again (ARCHITECTURE.md "reprocess": at most 5
/// attempts within 15 minutes).
///
/// The contract, shared by `carrefourctl reprocess` (the producer) and the reprocessor worker
/// (the consumer):
/// - published with publisher confirms and `mandatory` to the `carrefour.events` exchange with
///   routing key `reprocess.<entity>` (`reprocess.order`, `reprocess.offer`, `reprocess.product`),
///   which topology.json binds to the `reprocess.requests` queue;
/// - persistent, AMQP `type` `reprocess.request`, content type `application/json`, and a fresh
///   message id that is also the body's `requestId` (so a redelivered request is recognised);
/// - body: `{"requestId": "...", "entity": "order|offer|product", "id": "...",
///   "requestedAt": "<ISO-8601>", "requestedBy": "carrefourctl"}`.
public struct ReprocessRequest: Sendable, Equatable, Codable {
    /// The AMQP `type` property of every request.
    public static let messageType = "reprocess.request"
    /// The content type of every request.
    public static let contentType = FleetMessageCoding.contentType

    /// The kinds of entity that can be reprocessed.
    public enum Entity: String, Sendable, Codable, CaseIterable {
        case order, offer, product
        /// The routing key a request for this kind is published with.
        public var routingKey: String { "reprocess.\(rawValue)" }
    }

    /// The request's id, also its AMQP message id.
    public var requestId: String
    /// What kind of entity to reprocess.
    public var entity: Entity
    /// The entity's id (order id, offer SKU or product id).
    public var id: String
    /// When the operator asked.
    public var requestedAt: Date
    /// Who asked (`carrefourctl` for the operator's tool).
    public var requestedBy: String

    /// Creates a request with a fresh id.
    public init(entity: Entity, id: String, requestedAt: Date = Date(), requestedBy: String, requestId: String = UUID().uuidString.lowercased()) {
        self.requestId = requestId
        self.entity = entity
        self.id = id
        self.requestedAt = requestedAt
        self.requestedBy = requestedBy
    }

    /// Encodes the body (the fleet's codec: dates as ISO-8601, sorted keys).
    public func encoded() throws(FleetMessageError) -> [UInt8] {
        do {
            return Array(try FleetMessageCoding.encoder.encode(self))
        } catch {
            throw .unencodable("\(Self.messageType): \(error)")
        }
    }

    /// Decodes a body produced by ``encoded()``.
    public static func decode(_ body: [UInt8]) throws(FleetMessageError) -> ReprocessRequest {
        do {
            return try FleetMessageCoding.decoder.decode(ReprocessRequest.self, from: Data(body))
        } catch {
            throw .undecodable("\(Self.messageType): \(error)")
        }
    }

    /// The message to publish to `exchange` (the events exchange), per the contract above.
    public func message(exchange: String) throws(FleetMessageError) -> AMQPOutgoingMessage {
        var properties = AMQPProperties()
        properties.contentType = Self.contentType
        properties.persistent = true
        properties.messageID = requestId
        properties.type = Self.messageType
        properties.timestamp = requestedAt
        properties.appID = requestedBy
        return AMQPOutgoingMessage(exchange: exchange, routingKey: entity.routingKey, properties: properties, body: try encoded(), mandatory: true)
    }
}
