#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// A value in an AMQP 0-9-1 field table, as RabbitMQ understands it.
///
/// The cases follow RabbitMQ's field types (the AMQP 0-9-1 errata table), not the original 0-9-1
/// spec: `s` is a signed 16-bit integer and there is no unsigned 64-bit type, so none is offered
/// here (rabbitmq-recoverability.md §3.3). Broker-written headers such as `x-death` decode into
/// `.array` of `.table` values with `.int64` counts and `.timestamp` times.
public enum AMQPFieldValue: Sendable, Hashable {
    case bool(Bool)
    case int8(Int8)
    case uint8(UInt8)
    case int16(Int16)
    case uint16(UInt16)
    case int32(Int32)
    case uint32(UInt32)
    case int64(Int64)
    case float(Float)
    case double(Double)
    /// A decimal: `value` × 10^-`scale`.
    case decimal(scale: UInt8, value: UInt32)
    /// A long string that is valid UTF-8.
    case string(String)
    /// A byte array (`x`), or a long string that is not valid UTF-8.
    case bytes([UInt8])
    /// A timestamp with one-second precision (AMQP timestamps are whole POSIX seconds).
    case timestamp(Date)
    case array([AMQPFieldValue])
    case table(AMQPTable)
    case void
}

/// An AMQP field table: message headers and declare arguments.
public typealias AMQPTable = [String: AMQPFieldValue]

extension AMQPFieldValue {
    /// The value as a string, when it is one.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The value as a 64-bit integer, for any integer case.
    public var intValue: Int64? {
        switch self {
        case .int8(let v): return Int64(v)
        case .uint8(let v): return Int64(v)
        case .int16(let v): return Int64(v)
        case .uint16(let v): return Int64(v)
        case .int32(let v): return Int64(v)
        case .uint32(let v): return Int64(v)
        case .int64(let v): return v
        default: return nil
        }
    }

    /// The value as a table, when it is one.
    public var tableValue: AMQPTable? {
        if case .table(let value) = self { return value }
        return nil
    }

    /// The value as an array, when it is one.
    public var arrayValue: [AMQPFieldValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// The value as a date, when it is a timestamp.
    public var dateValue: Date? {
        if case .timestamp(let value) = self { return value }
        return nil
    }
}

extension AMQPFieldValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    /// Integer literals become `.int64`, the type RabbitMQ itself uses for numbers it writes
    /// (and the one a definitions import gives a JSON number), so declares stay equivalent.
    public init(integerLiteral value: Int64) { self = .int64(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}
