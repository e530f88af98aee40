public import AMQPLayer
#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// A message handed to a handler, with the history it carries.
///
/// Its fields live in one immutable box, so the value itself is a single reference: a batch of
/// 100,000 messages is a dictionary of 8-byte values rather than of ~350-byte ones (a
/// `Dictionary` keeps up to twice its count in empty slots, each the value's size: about 90 MB
/// for that batch; BENCHMARKS.md, offer coalescing). Setting a field makes a new box (value
/// semantics as before).
public struct InboundMessage: Sendable {
    private final class Box: Sendable {
        let queue: String
        let delivery: AMQPDelivery
        let history: MessageHistory

        init(queue: String, delivery: AMQPDelivery, history: MessageHistory) {
            self.queue = queue
            self.delivery = delivery
            self.history = history
        }
    }

    private var box: Box

    /// The queue it was consumed from.
    public var queue: String {
        get { box.queue }
        set { box = Box(queue: newValue, delivery: box.delivery, history: box.history) }
    }

    /// The delivery as the broker sent it.
    public var delivery: AMQPDelivery {
        get { box.delivery }
        set { box = Box(queue: box.queue, delivery: newValue, history: box.history) }
    }

    /// Attempt count, first-seen time and last error, from the fleet's own headers.
    public var history: MessageHistory {
        get { box.history }
        set { box = Box(queue: box.queue, delivery: box.delivery, history: newValue) }
    }

    public init(queue: String, delivery: AMQPDelivery, history: MessageHistory) {
        box = Box(queue: queue, delivery: delivery, history: history)
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
