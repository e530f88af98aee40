public import AMQPLayer
#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// A message of the fleet's contracts (notes/MESSAGES.md): a JSON body published to the events
/// exchange, persistent, with AMQP `type` equal to its routing key and a message id that is its
/// idempotency key. Dates travel as ISO-8601 strings.
public protocol FleetMessage: Codable, Sendable {
    /// The routing key, which is also the AMQP `type`.
    static var routingKey: String { get }
}

extension FleetMessage {
    /// The message to publish to `exchange` with message id `id`; `mandatory`, so a missing
    /// binding is an error rather than a silent loss.
    public func message(exchange: String, id: String, appID: String? = nil) throws(WorkFailure) -> AMQPOutgoingMessage {
        var properties = AMQPProperties()
        properties.contentType = "application/json"
        properties.persistent = true
        properties.type = Self.routingKey
        properties.messageID = id
        properties.appID = appID
        properties.timestamp = Date()
        return AMQPOutgoingMessage(
            exchange: exchange, routingKey: Self.routingKey, properties: properties, body: try encoded(), mandatory: true)
    }

    /// The JSON body.
    public func encoded() throws(WorkFailure) -> [UInt8] {
        do {
            return Array(try FleetMessageCoding.encoder.encode(self))
        } catch {
            throw .transient("cannot encode \(Self.routingKey): \(error)")
        }
    }

    /// Decodes a delivery's body; an undecodable body is ``WorkFailure/badInput(_:)``.
    public static func decode(_ message: InboundMessage) throws(WorkFailure) -> Self {
        try message.decode(Self.self, decoder: FleetMessageCoding.decoder)
    }

    /// Decodes a body.
    public static func decode(body: [UInt8]) throws -> Self {
        try FleetMessageCoding.decoder.decode(Self.self, from: Data(body))
    }
}

/// The JSON coders of fleet messages: ISO-8601 dates (fractional seconds accepted on input).
public enum FleetMessageCoding {
    /// Sorted keys, ISO-8601 dates.
    public static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    /// ISO-8601 dates with or without fractional seconds.
    public static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            if let date = try? Date(text, strategy: .iso8601) { return date }
            if let date = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) { return date }
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an ISO-8601 date: \(text)"))
        }
        return decoder
    }()
}
