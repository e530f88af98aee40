public import AMQPLayer
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One message of a ``WindowJournal``: the kept messages of a window, written down in a compact
/// binary form so that their deliveries can be acknowledged before the flush.
///
/// Layout (little-endian): a version byte, the entry count (`UInt32`), then per entry the
/// exchange, the routing key, the properties (a `UInt16` presence mask, then each present field)
/// and the body. A header table is a count and name/value pairs, each value a tag byte (the AMQP
/// field type letter) and its payload.
/// - Version 2 (written since the offer coalescing work of 2026-12-04, BENCHMARKS.md): counts and
///   lengths are LEB128 varints; a string is a varint `n`, then, when `n` is even, `n / 2` bytes
///   of UTF-8, and when it is odd, the well-known string number `n / 2` (``wellKnown``: the
///   fleet's exchanges, types, content types and header names, written as one byte). Each entry
///   is self-delimiting, so a window holds its kept messages as entries already encoded
///   (``entry(exchange:routingKey:properties:body:)``) and a page is their concatenation.
/// - Version 1 (pages written before): every count and length a `UInt32`, every string inline.
///   Still read (by the same reader), so a window journaled before an upgrade is recovered.
public enum JournalPage {

    /// One kept message as it was delivered.
    public struct Entry: Sendable, Equatable {
        public var exchange: String
        public var routingKey: String
        public var properties: AMQPProperties
        public var body: [UInt8]

        public init(exchange: String, routingKey: String, properties: AMQPProperties, body: [UInt8]) {
            self.exchange = exchange
            self.routingKey = routingKey
            self.properties = properties
            self.body = body
        }
    }

    /// A page that cannot be read: a truncated or foreign message in the journal queue.
    public struct Unreadable: Error, CustomStringConvertible {
        public var description: String
    }

    /// The version this code writes; it reads this one and version 1.
    static let version: UInt8 = 2

    /// The strings a version 2 page writes as one byte. Frozen for version 2: never reorder or
    /// change an entry (a page on disk refers to them by number); a new one needs a new version.
    static let wellKnown: [String] = [
        "", "application/json", "application/octet-stream", "utf-8", "carrefour.events", "carrefour.delay",
        "carrefour.retry", "sku.stock", "sku.price", "offer.refresh", "sku.changed", "sku.awaiting-catalog",
        "product.ready", "catalog.sync", "catalog.check", "order.changed", "vtex.order.status", "offers.work",
        "catalog.work", "carrefour-attempt", "carrefour-first-seen-ms", "carrefour-last-error", "carrefour-due-ms",
        "delay-tier", "carrefour-entity", "carrefour-entity-id", "journal.page", "carrefour-journal-page",
    ]

    /// The well-known strings by length, each with its number (all are under 64 bytes): a string
    /// is compared only with those of its own length, mostly none or one, which costs less than
    /// hashing it for a dictionary (this runs for every field of every kept message).
    static let wellKnownByLength: [[(string: String, number: Int)]] = wellKnown.enumerated().reduce(
        into: Array(repeating: [], count: 64)
    ) { table, known in table[known.element.utf8.count].append((known.element, known.offset)) }

    /// The page holding `entries`.
    public static func encode(_ entries: [Entry]) -> [UInt8] {
        var builder = Builder(capacity: entries.count)
        for message in entries {
            builder.append(exchange: message.exchange, routingKey: message.routingKey, properties: message.properties, body: message.body)
        }
        return builder.bytes
    }

    /// One message encoded as a page entry (version 2), to hold until it is written down.
    public static func entry(exchange: String, routingKey: String, properties: AMQPProperties, body: [UInt8]) -> [UInt8] {
        var writer = Writer()
        writer.bytes.reserveCapacity(24 + exchange.utf8.count + (properties.messageID?.utf8.count ?? 0) + body.count
            + (properties.headers.isEmpty ? 0 : 48 * properties.headers.count))
        writer.string(exchange)
        writer.string(routingKey)
        writer.properties(properties)
        writer.data(body)
        return writer.bytes
    }

    /// The message of one entry (version 2) made by ``entry(exchange:routingKey:properties:body:)``.
    public static func decodeEntry(_ bytes: [UInt8]) throws(Unreadable) -> Entry {
        var reader = Reader(bytes: bytes, version: version)
        let entry = try reader.entry()
        guard reader.isAtEnd else { throw Unreadable(description: "journal entry has trailing bytes") }
        return entry
    }

    /// Writes a page entry by entry, without building the entries first.
    public struct Builder {
        private var page: [UInt8] = []
        /// How many entries the page holds so far.
        public private(set) var count = 0

        /// A builder for about `capacity` entries.
        public init(capacity: Int = 0) {
            page.reserveCapacity(8 + capacity * 56)
            page.append(version)
            page.append(contentsOf: [0, 0, 0, 0])
        }

        /// Adds one message.
        public mutating func append(exchange: String, routingKey: String, properties: AMQPProperties, body: [UInt8]) {
            append(entry: JournalPage.entry(exchange: exchange, routingKey: routingKey, properties: properties, body: body))
        }

        /// Adds one message already encoded by ``JournalPage/entry(exchange:routingKey:properties:body:)``.
        public mutating func append(entry: [UInt8]) {
            page.append(contentsOf: entry)
            count += 1
        }

        /// The page.
        public var bytes: [UInt8] {
            var bytes = page
            withUnsafeBytes(of: UInt32(count).littleEndian) { bytes.replaceSubrange(1..<5, with: $0) }
            return bytes
        }
    }

    /// The entries of a page of version 1 or 2.
    public static func decode(_ bytes: [UInt8]) throws(Unreadable) -> [Entry] {
        guard let pageVersion = bytes.first, pageVersion == 1 || pageVersion == version else {
            throw Unreadable(description: "not a journal page of version 1 or \(version)")
        }
        var reader = Reader(bytes: bytes, version: pageVersion)
        _ = try reader.byte()
        let count = Int(try reader.uint32())
        var entries: [Entry] = []
        entries.reserveCapacity(min(count, bytes.count / 8))
        for _ in 0..<count { entries.append(try reader.entry()) }
        guard reader.isAtEnd else { throw Unreadable(description: "journal page has trailing bytes") }
        return entries
    }
}

extension JournalPage {
    private enum Field: UInt16, CaseIterable {
        case contentType = 1, contentEncoding = 2, priority = 4, correlationID = 8, replyTo = 16, expiration = 32
        case messageID = 64, timestamp = 128, type = 256, userID = 512, appID = 1024, persistent = 2048, headers = 4096
    }

    struct Writer {
        var bytes: [UInt8] = []

        mutating func byte(_ value: UInt8) { bytes.append(value) }

        mutating func uint16(_ value: UInt16) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }

        mutating func uint32(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }

        mutating func uint64(_ value: UInt64) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }

        /// An unsigned LEB128 varint (version 2's counts and lengths).
        mutating func varint(_ value: Int) {
            var value = UInt64(max(0, value))
            while value >= 0x80 {
                bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
                value >>= 7
            }
            bytes.append(UInt8(value))
        }

        mutating func data(_ value: [UInt8]) {
            varint(value.count)
            bytes.append(contentsOf: value)
        }

        /// A present optional string.
        mutating func string(_ value: String?) {
            if let value { string(value) }
        }

        /// A well-known string as its number, any other inline (see ``JournalPage``). Only a string
        /// of a well-known string's length is looked up.
        mutating func string(_ value: String) {
            let count = value.utf8.count
            if count < 64 {
                for known in JournalPage.wellKnownByLength[count] where known.string == value {
                    varint(known.number * 2 + 1)
                    return
                }
            }
            var value = value
            value.withUTF8 { utf8 in
                varint(utf8.count * 2)
                bytes.append(contentsOf: utf8)
            }
        }

        mutating func properties(_ properties: AMQPProperties) {
            var mask: UInt16 = 0
            func mark(_ field: Field, _ present: Bool) { if present { mask |= field.rawValue } }
            mark(.contentType, properties.contentType != nil)
            mark(.contentEncoding, properties.contentEncoding != nil)
            mark(.priority, properties.priority != nil)
            mark(.correlationID, properties.correlationID != nil)
            mark(.replyTo, properties.replyTo != nil)
            mark(.expiration, properties.expiration != nil)
            mark(.messageID, properties.messageID != nil)
            mark(.timestamp, properties.timestamp != nil)
            mark(.type, properties.type != nil)
            mark(.userID, properties.userID != nil)
            mark(.appID, properties.appID != nil)
            mark(.persistent, properties.persistent)
            mark(.headers, !properties.headers.isEmpty)
            uint16(mask)
            // field by field, in the mask's order (no array of the optional strings per message)
            string(properties.contentType)
            string(properties.contentEncoding)
            if let priority = properties.priority { byte(priority) }
            string(properties.correlationID)
            string(properties.replyTo)
            string(properties.expiration)
            string(properties.messageID)
            if let timestamp = properties.timestamp { uint64(UInt64(bitPattern: Int64(timestamp.timeIntervalSince1970))) }
            string(properties.type)
            string(properties.userID)
            string(properties.appID)
            if !properties.headers.isEmpty { table(properties.headers) }
        }

        mutating func table(_ table: AMQPTable) {
            varint(table.count)
            for (name, value) in table.sorted(by: { $0.key < $1.key }) {
                string(name)
                field(value)
            }
        }

        mutating func field(_ value: AMQPFieldValue) {
            switch value {
            case .bool(let value): byte(0x74); byte(value ? 1 : 0)
            case .int8(let value): byte(0x62); byte(UInt8(bitPattern: value))
            case .uint8(let value): byte(0x42); byte(value)
            case .int16(let value): byte(0x73); uint16(UInt16(bitPattern: value))
            case .uint16(let value): byte(0x75); uint16(value)
            case .int32(let value): byte(0x49); uint32(UInt32(bitPattern: value))
            case .uint32(let value): byte(0x69); uint32(value)
            case .int64(let value): byte(0x6C); uint64(UInt64(bitPattern: value))
            case .float(let value): byte(0x66); uint32(value.bitPattern)
            case .double(let value): byte(0x64); uint64(value.bitPattern)
            case .decimal(let scale, let value): byte(0x44); byte(scale); uint32(value)
            case .string(let value): byte(0x53); string(value)
            case .bytes(let value): byte(0x78); data(value)
            case .timestamp(let value): byte(0x54); uint64(UInt64(bitPattern: Int64(value.timeIntervalSince1970)))
            case .array(let values):
                byte(0x41)
                varint(values.count)
                for value in values { field(value) }
            case .table(let value): byte(0x46); table(value)
            case .void: byte(0x56)
            }
        }
    }

    /// Reads pages of version 1 and 2: only how counts, lengths and strings are written differs.
    struct Reader {
        let bytes: [UInt8]
        let version: UInt8
        var position = 0

        init(bytes: [UInt8], version: UInt8) {
            self.bytes = bytes
            self.version = version
        }

        var isAtEnd: Bool { position == bytes.count }

        private mutating func take(_ count: Int) throws(Unreadable) -> ArraySlice<UInt8> {
            guard count >= 0, bytes.count - position >= count else { throw Unreadable(description: "journal page is truncated") }
            defer { position += count }
            return bytes[position..<position + count]
        }

        mutating func byte() throws(Unreadable) -> UInt8 { try take(1).first ?? 0 }

        private mutating func integer<T: FixedWidthInteger & UnsignedInteger>(_: T.Type) throws(Unreadable) -> T {
            var value: T = 0
            for (shift, byte) in try take(MemoryLayout<T>.size).enumerated() { value |= T(byte) << (8 * shift) }
            return value
        }

        mutating func uint16() throws(Unreadable) -> UInt16 { try integer(UInt16.self) }

        mutating func uint32() throws(Unreadable) -> UInt32 { try integer(UInt32.self) }

        mutating func uint64() throws(Unreadable) -> UInt64 { try integer(UInt64.self) }

        /// A count or a length: a `UInt32` in version 1, a varint in version 2.
        mutating func length() throws(Unreadable) -> Int {
            guard version >= 2 else { return Int(try uint32()) }
            var value: UInt64 = 0, shift: UInt64 = 0
            while true {
                let byte = try byte()
                guard shift < 63 else { throw Unreadable(description: "journal page holds an oversized length") }
                value |= UInt64(byte & 0x7F) << shift
                if byte & 0x80 == 0 { break }
                shift += 7
            }
            guard value <= UInt64(Int32.max) else { throw Unreadable(description: "journal page holds an oversized length") }
            return Int(value)
        }

        mutating func data() throws(Unreadable) -> [UInt8] { Array(try take(try length())) }

        mutating func string() throws(Unreadable) -> String {
            var count = try length()
            if version >= 2 {
                if count % 2 == 1 {
                    guard count / 2 < JournalPage.wellKnown.count else {
                        throw Unreadable(description: "journal page refers to an unknown string \(count / 2)")
                    }
                    return JournalPage.wellKnown[count / 2]
                }
                count /= 2
            }
            let utf8 = try take(count)
            guard let value = String(validating: utf8, as: UTF8.self) else { throw Unreadable(description: "journal page holds invalid UTF-8") }
            return value
        }

        /// One entry: exchange, routing key, properties, body.
        mutating func entry() throws(Unreadable) -> Entry {
            let exchange = try string(), routingKey = try string()
            let properties = try properties()
            return Entry(exchange: exchange, routingKey: routingKey, properties: properties, body: try data())
        }

        private mutating func date() throws(Unreadable) -> Date {
            Date(timeIntervalSince1970: Double(Int64(bitPattern: try uint64())))
        }

        mutating func properties() throws(Unreadable) -> AMQPProperties {
            let mask = try uint16()
            func has(_ field: Field) -> Bool { mask & field.rawValue != 0 }
            var properties = AMQPProperties(persistent: has(.persistent))
            if has(.contentType) { properties.contentType = try string() }
            if has(.contentEncoding) { properties.contentEncoding = try string() }
            if has(.priority) { properties.priority = try byte() }
            if has(.correlationID) { properties.correlationID = try string() }
            if has(.replyTo) { properties.replyTo = try string() }
            if has(.expiration) { properties.expiration = try string() }
            if has(.messageID) { properties.messageID = try string() }
            if has(.timestamp) { properties.timestamp = try date() }
            if has(.type) { properties.type = try string() }
            if has(.userID) { properties.userID = try string() }
            if has(.appID) { properties.appID = try string() }
            if has(.headers) { properties.headers = try table() }
            return properties
        }

        mutating func table() throws(Unreadable) -> AMQPTable {
            let count = try length()
            var table: AMQPTable = [:]
            for _ in 0..<count {
                let name = try string()
                table[name] = try field()
            }
            return table
        }

        mutating func field() throws(Unreadable) -> AMQPFieldValue {
            switch try byte() {
            case 0x74: return .bool(try byte() != 0)
            case 0x62: return .int8(Int8(bitPattern: try byte()))
            case 0x42: return .uint8(try byte())
            case 0x73: return .int16(Int16(bitPattern: try uint16()))
            case 0x75: return .uint16(try uint16())
            case 0x49: return .int32(Int32(bitPattern: try uint32()))
            case 0x69: return .uint32(try uint32())
            case 0x6C: return .int64(Int64(bitPattern: try uint64()))
            case 0x66: return .float(Float(bitPattern: try uint32()))
            case 0x64: return .double(Double(bitPattern: try uint64()))
            case 0x44:
                let scale = try byte()
                return .decimal(scale: scale, value: try uint32())
            case 0x53: return .string(try string())
            case 0x78: return .bytes(try data())
            case 0x54: return .timestamp(try date())
            case 0x41:
                let count = try length()
                var values: [AMQPFieldValue] = []
                for _ in 0..<count { values.append(try field()) }
                return .array(values)
            case 0x46: return .table(try table())
            case 0x56: return .void
            case let tag: throw Unreadable(description: "journal page holds an unknown field type \(tag)")
            }
        }
    }
}
