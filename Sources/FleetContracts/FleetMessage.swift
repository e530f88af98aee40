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

/// Why a fleet message could not be written or read. The worker runtime maps it to its own
/// failure kinds where it publishes or consumes (an unwritable message is transient, an
/// unreadable one bad input).
public enum FleetMessageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The value could not be encoded (a non-finite number, say).
    case unencodable(String)
    /// The body is not the message it claims to be.
    case undecodable(String)

    public var description: String {
        switch self {
        case .unencodable(let reason): return "cannot encode: \(reason)"
        case .undecodable(let reason): return "cannot decode: \(reason)"
        }
    }
}

extension FleetMessage {
    /// The message to publish to `exchange` with message id `id`; `mandatory`, so a missing
    /// binding is an error rather than a silent loss.
    public func outgoing(exchange: String, id: String, appID: String? = nil) throws(FleetMessageError) -> AMQPOutgoingMessage {
        var properties = AMQPProperties()
        properties.contentType = FleetMessageCoding.contentType
        properties.persistent = true
        properties.type = Self.routingKey
        properties.messageID = id
        properties.appID = appID
        properties.timestamp = Date()
        return AMQPOutgoingMessage(
            exchange: exchange, routingKey: Self.routingKey, properties: properties, body: try body(), mandatory: true)
    }

    /// The JSON body.
    public func body() throws(FleetMessageError) -> [UInt8] {
        do {
            return Array(try FleetMessageCoding.encoder.encode(self))
        } catch {
            throw .unencodable("\(Self.routingKey): \(error)")
        }
    }

    /// Decodes a body.
    public static func decode(body: [UInt8]) throws(FleetMessageError) -> Self {
        do {
            return try FleetMessageCoding.decoder.decode(Self.self, from: Data(body))
        } catch {
            throw .undecodable("\(Self.routingKey): \(error)")
        }
    }
}

/// The one codec of the fleet's messages: JSON, ISO-8601 dates (fractional seconds accepted on
/// input), sorted keys.
public enum FleetMessageCoding {
    /// The content type of every fleet message.
    public static let contentType = "application/json"

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
