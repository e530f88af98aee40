import CRabbitMQ
import Glibc

/// Reuses the Swift strings of the few names that repeat on every delivery (consumer tag,
/// exchange, routing key, content type, message type) instead of building new ones per message:
/// the consume path's hot spot. A name of up to 15 bytes is built directly: Swift stores such a
/// string inline, without an allocation, so only longer ones (`application/json`,
/// `carrefour.events`) take the cache's few places.
struct NameCache {
    private var entries: [(bytes: [UInt8], string: String)] = []

    mutating func string(_ bytes: amqp_bytes_t) -> String {
        guard bytes.len > 15, let base = bytes.bytes else { return bytes.string }
        for entry in entries where entry.bytes.count == bytes.len {
            if entry.bytes.withUnsafeBytes({ $0.baseAddress.map { memcmp($0, base, bytes.len) } ?? 1 }) == 0 { return entry.string }
        }
        let string = bytes.string
        if entries.count >= 8 { entries.removeFirst() }
        entries.append((bytes.array, string))
        return string
    }
}
