import CRabbitMQ
#if canImport(Glibc)
import Glibc
#endif
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Owns the C memory built for one librabbitmq call (strings, tables, property blocks) and frees
/// it all at once. librabbitmq serialises a publish or a declare before returning, so the memory
/// only has to live for the duration of that call.
///
/// Not Sendable: an arena lives inside one call on the connection's thread.
final class CArena {
    private var blocks: [UnsafeMutableRawPointer] = []

    deinit {
        for block in blocks { free(block) }
    }

    /// Copies `count` bytes into arena memory.
    func bytes(_ source: UnsafeRawBufferPointer) -> amqp_bytes_t {
        guard source.count > 0, let base = source.baseAddress else { return amqp_bytes_t(len: 0, bytes: nil) }
        let block = allocate(source.count)
        block.copyMemory(from: base, byteCount: source.count)
        return amqp_bytes_t(len: source.count, bytes: block)
    }

    func bytes(_ string: String) -> amqp_bytes_t {
        var string = string
        return string.withUTF8 { bytes(UnsafeRawBufferPointer($0)) }
    }

    func bytes(_ array: [UInt8]) -> amqp_bytes_t {
        array.withUnsafeBytes { bytes($0) }
    }

    /// A NUL-terminated copy, for the few calls that take C strings.
    func cString(_ string: String) -> UnsafePointer<CChar> {
        let utf8 = Array(string.utf8)
        let block = allocate(utf8.count + 1).bindMemory(to: CChar.self, capacity: utf8.count + 1)
        utf8.withUnsafeBytes { raw in
            if let base = raw.baseAddress { UnsafeMutableRawPointer(block).copyMemory(from: base, byteCount: utf8.count) }
        }
        block[utf8.count] = 0
        return UnsafePointer(block)
    }

    func array<T>(of type: T.Type, count: Int) -> UnsafeMutablePointer<T> {
        allocate(MemoryLayout<T>.stride * max(count, 1)).bindMemory(to: T.self, capacity: max(count, 1))
    }

    /// Encodes a table. Keys are sorted so the wire form is deterministic.
    func table(_ table: AMQPTable) -> amqp_table_t {
        guard !table.isEmpty else { return amqp_table_t(num_entries: 0, entries: nil) }
        let entries = array(of: amqp_table_entry_t.self, count: table.count)
        for (index, key) in table.keys.sorted().enumerated() {
            guard let value = table[key] else { continue }
            entries[index] = amqp_table_entry_t(key: bytes(key), value: field(value))
        }
        return amqp_table_t(num_entries: Int32(table.count), entries: entries)
    }

    func field(_ value: AMQPFieldValue) -> amqp_field_value_t {
        var field = amqp_field_value_t()
        switch value {
        case .bool(let v): field.kind = kind(AMQP_FIELD_KIND_BOOLEAN); field.value.boolean = v ? 1 : 0
        case .int8(let v): field.kind = kind(AMQP_FIELD_KIND_I8); field.value.i8 = v
        case .uint8(let v): field.kind = kind(AMQP_FIELD_KIND_U8); field.value.u8 = v
        case .int16(let v): field.kind = kind(AMQP_FIELD_KIND_I16); field.value.i16 = v
        case .uint16(let v): field.kind = kind(AMQP_FIELD_KIND_U16); field.value.u16 = v
        case .int32(let v): field.kind = kind(AMQP_FIELD_KIND_I32); field.value.i32 = v
        case .uint32(let v): field.kind = kind(AMQP_FIELD_KIND_U32); field.value.u32 = v
        case .int64(let v): field.kind = kind(AMQP_FIELD_KIND_I64); field.value.i64 = v
        case .float(let v): field.kind = kind(AMQP_FIELD_KIND_F32); field.value.f32 = v
        case .double(let v): field.kind = kind(AMQP_FIELD_KIND_F64); field.value.f64 = v
        case .decimal(let scale, let v):
            field.kind = kind(AMQP_FIELD_KIND_DECIMAL)
            field.value.decimal = amqp_decimal_t(decimals: scale, value: v)
        case .string(let v): field.kind = kind(AMQP_FIELD_KIND_UTF8); field.value.bytes = bytes(v)
        case .bytes(let v): field.kind = kind(AMQP_FIELD_KIND_BYTES); field.value.bytes = bytes(v)
        case .timestamp(let date):
            field.kind = kind(AMQP_FIELD_KIND_TIMESTAMP)
            field.value.u64 = UInt64(max(0, date.timeIntervalSince1970.rounded(.down)))
        case .array(let values):
            field.kind = kind(AMQP_FIELD_KIND_ARRAY)
            let entries = array(of: amqp_field_value_t.self, count: values.count)
            for (index, element) in values.enumerated() { entries[index] = self.field(element) }
            field.value.array = amqp_array_t(num_entries: Int32(values.count), entries: entries)
        case .table(let nested):
            field.kind = kind(AMQP_FIELD_KIND_TABLE); field.value.table = table(nested)
        case .void:
            field.kind = kind(AMQP_FIELD_KIND_VOID)
        }
        return field
    }

    private func kind(_ raw: amqp_field_value_kind_t) -> UInt8 { UInt8(truncatingIfNeeded: raw.rawValue) }

    private func allocate(_ count: Int) -> UnsafeMutableRawPointer {
        // malloc(0) may return nil; never ask for zero bytes. Allocation failure is not recoverable.
        guard let block = malloc(max(count, 1)) else { preconditionFailure("out of memory") }
        blocks.append(block)
        return block
    }
}

// MARK: Decoding

extension amqp_bytes_t {
    /// The bytes as a Swift array (copied).
    var array: [UInt8] {
        guard len > 0, let base = bytes else { return [] }
        return Array(UnsafeRawBufferPointer(start: base, count: len))
    }

    /// The bytes as a string, lossy for invalid UTF-8.
    var string: String {
        guard len > 0, let base = bytes else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: base, count: len), as: UTF8.self)
    }
}

extension AMQPFieldValue {
    /// Decodes a librabbitmq field value (deep copy). Unknown kinds decode as `.void`.
    init(_ field: amqp_field_value_t) {
        switch Int(field.kind) {
        case Int(AMQP_FIELD_KIND_BOOLEAN.rawValue): self = .bool(field.value.boolean != 0)
        case Int(AMQP_FIELD_KIND_I8.rawValue): self = .int8(field.value.i8)
        case Int(AMQP_FIELD_KIND_U8.rawValue): self = .uint8(field.value.u8)
        case Int(AMQP_FIELD_KIND_I16.rawValue): self = .int16(field.value.i16)
        case Int(AMQP_FIELD_KIND_U16.rawValue): self = .uint16(field.value.u16)
        case Int(AMQP_FIELD_KIND_I32.rawValue): self = .int32(field.value.i32)
        case Int(AMQP_FIELD_KIND_U32.rawValue): self = .uint32(field.value.u32)
        case Int(AMQP_FIELD_KIND_I64.rawValue): self = .int64(field.value.i64)
        case Int(AMQP_FIELD_KIND_U64.rawValue): self = .int64(Int64(truncatingIfNeeded: field.value.u64))
        case Int(AMQP_FIELD_KIND_F32.rawValue): self = .float(field.value.f32)
        case Int(AMQP_FIELD_KIND_F64.rawValue): self = .double(field.value.f64)
        case Int(AMQP_FIELD_KIND_DECIMAL.rawValue):
            self = .decimal(scale: field.value.decimal.decimals, value: field.value.decimal.value)
        case Int(AMQP_FIELD_KIND_UTF8.rawValue):
            let raw = field.value.bytes.array
            if let text = String(validating: raw, as: UTF8.self) { self = .string(text) } else { self = .bytes(raw) }
        case Int(AMQP_FIELD_KIND_BYTES.rawValue): self = .bytes(field.value.bytes.array)
        case Int(AMQP_FIELD_KIND_TIMESTAMP.rawValue):
            self = .timestamp(Date(timeIntervalSince1970: TimeInterval(field.value.u64)))
        case Int(AMQP_FIELD_KIND_ARRAY.rawValue):
            let array = field.value.array
            var values: [AMQPFieldValue] = []
            if let entries = array.entries, array.num_entries > 0 {
                values.reserveCapacity(Int(array.num_entries))
                for index in 0..<Int(array.num_entries) { values.append(AMQPFieldValue(entries[index])) }
            }
            self = .array(values)
        case Int(AMQP_FIELD_KIND_TABLE.rawValue): self = .table(AMQPTable(field.value.table))
        default: self = .void
        }
    }
}

extension AMQPTable {
    /// Decodes a librabbitmq table (deep copy).
    init(_ table: amqp_table_t) {
        self.init()
        guard let entries = table.entries, table.num_entries > 0 else { return }
        reserveCapacity(Int(table.num_entries))
        for index in 0..<Int(table.num_entries) {
            let entry = entries[index]
            self[entry.key.string] = AMQPFieldValue(entry.value)
        }
    }
}
