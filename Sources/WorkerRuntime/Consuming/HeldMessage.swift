import AMQPLayer
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Synchronization

/// A kept message as a ``BatchConsumer`` window holds it: not a whole ``InboundMessage`` (about
/// 350 bytes of fields, a dozen of them reference-counted) but what the flush and the
/// acknowledgement need — the delivery tag, whether it was redelivered, when it was read (what
/// its history counts from when it has no first-seen header) — and one buffer with its
/// exchange, routing key, properties and body, encoded as a journal entry (``JournalPage``,
/// version 2). A journal page is then the concatenation of the entries it takes, and the
/// message is decoded again only when its window is flushed (BENCHMARKS.md, offer coalescing:
/// a million changes over 100,000 SKUs).
///
/// What it leaves out: the delivery's consumer tag (no handler reads it; a message read back
/// from the journal never had one either) and the queue (the consumer's own).
struct HeldMessage: Sendable {
    /// The delivery to acknowledge, or the journal's tag once the message is written down.
    var tag: AMQPDeliveryTag
    var redelivered: Bool
    /// When this process read it: the history's first-seen time without the header.
    var read: Date
    /// The message as a journal page entry.
    let entry: [UInt8]

    init(tag: AMQPDeliveryTag, redelivered: Bool, read: Date, entry: [UInt8]) {
        self.tag = tag
        self.redelivered = redelivered
        self.read = read
        self.entry = entry
    }

    /// Holds `delivery`, read at `read`.
    init(_ delivery: AMQPDelivery, read: Date) {
        self.init(
            tag: delivery.tag, redelivered: delivery.redelivered, read: read,
            entry: JournalPage.entry(
                exchange: delivery.exchange, routingKey: delivery.routingKey, properties: delivery.properties, body: delivery.body))
    }

    /// Holds `message` (a batch put back, a window read back from the journal).
    init(_ message: InboundMessage) {
        self.init(message.delivery, read: message.history.firstSeen)
    }

    /// The message again, as ``InboundMessage`` of `queue` (its history read as it was on arrival).
    func message(queue: String) throws(JournalPage.Unreadable) -> InboundMessage {
        let entry = try JournalPage.decodeEntry(entry)
        let delivery = AMQPDelivery(
            tag: tag, exchange: entry.exchange, routingKey: entry.routingKey, redelivered: redelivered, consumerTag: "",
            properties: entry.properties, body: entry.body)
        return InboundMessage(queue: queue, delivery: delivery, history: MessageHistory(headers: entry.properties.headers, now: read))
    }

    /// The message when it cannot be decoded (never expected: the entry is this process's own
    /// encoding): its bytes as the body, to park with the reason rather than lose.
    func undecodable(queue: String) -> InboundMessage {
        let delivery = AMQPDelivery(
            tag: tag, exchange: "", routingKey: queue, redelivered: redelivered, consumerTag: "",
            properties: AMQPProperties(contentType: "application/octet-stream"), body: entry)
        return InboundMessage(queue: queue, delivery: delivery, history: MessageHistory(headers: [:], now: read))
    }

    /// Takes the journal's `tag` when the message is the delivery `written` and the page was
    /// written.
    mutating func adopt(_ tag: AMQPDeliveryTag, ifWritten written: AMQPDeliveryTag, _ pageWritten: Bool) -> JournalStanding {
        if pageWritten && self.tag == written {
            self.tag = tag
            return .adopted
        }
        return self.tag.session == tag.session ? .journal : .delivery
    }
}

/// A window's held messages on their way to the flush's task, which takes them out once: the
/// flush decodes them for the handler and lets the held form go, rather than keep both for the
/// flush's whole length (BENCHMARKS.md, offer coalescing: peak memory is at the flush).
final class HeldBatch<Key: Hashable & Sendable>: Sendable {
    private let messages: Mutex<[(key: Key, value: HeldMessage)]>

    init(_ messages: [(key: Key, value: HeldMessage)]) {
        self.messages = Mutex(messages)
    }

    /// The messages; the box is empty after.
    func take() -> [(key: Key, value: HeldMessage)] {
        messages.withLock { messages in
            defer { messages = [] }
            return messages
        }
    }
}
