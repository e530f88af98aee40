public import AMQPLayer
public import Foundation

/// A message handed to a handler, with the history it carries.
public struct InboundMessage: Sendable {
    /// The queue it was consumed from.
    public var queue: String
    /// The delivery as the broker sent it.
    public var delivery: AMQPDelivery
    /// Attempt count, first-seen time and last error, from the fleet's own headers.
    public var history: MessageHistory

    public init(queue: String, delivery: AMQPDelivery, history: MessageHistory) {
        self.queue = queue
        self.delivery = delivery
        self.history = history
    }

    /// The message type (the AMQP `type` property).
    public var type: String? { delivery.properties.type }

    /// Decodes the JSON body; an undecodable body is ``WorkFailure/badInput(_:)``.
    public func decode<T: Decodable>(_ type: T.Type, decoder: JSONDecoder = JSONDecoder()) throws(WorkFailure) -> T {
        do {
            return try decoder.decode(T.self, from: Data(delivery.body))
        } catch {
            throw .badInput("cannot decode \(self.type ?? "message") as \(T.self): \(Self.describe(error))")
        }
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return "missing field \((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "wrong type at \(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)"
        case DecodingError.dataCorrupted(let context):
            return "invalid JSON: \(context.debugDescription)"
        default:
            return "\(error)"
        }
    }
}

/// What a worker does with one message. Returning means done (the message is acknowledged);
/// throwing a ``WorkFailure`` decides between retry, park and pause. Any other error counts as
/// transient. Handlers must be idempotent: delivery is at-least-once.
public protocol MessageHandler: Sendable {
    /// The message types this handler understands; others are parked as bad input.
    var acceptedTypes: Set<String> { get }

    /// Handles one message.
    func handle(_ message: InboundMessage) async throws
}
