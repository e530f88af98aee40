/// A JSON value from a definitions document (queue and binding arguments).
public enum JSONValue: Sendable, Hashable, Codable {
    case string(String)
    case int(Int64)
    case double(Double)
    case bool(Bool)
    case array([JSONValue])
    case object([String: JSONValue])
    case null

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Int64.self) { self = .int(value) }
        else if let value = try? container.decode(Double.self) { self = .double(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let v): try container.encode(v)
        case .int(let v): try container.encode(v)
        case .double(let v): try container.encode(v)
        case .bool(let v): try container.encode(v)
        case .array(let v): try container.encode(v)
        case .object(let v): try container.encode(v)
        case .null: try container.encodeNil()
        }
    }

    /// The AMQP field value RabbitMQ makes of this JSON value when it imports definitions
    /// (numbers become signed 64-bit `long`), so a declare from the fleet is equivalent to an import.
    public var fieldValue: AMQPFieldValue {
        switch self {
        case .string(let v): return .string(v)
        case .int(let v): return .int64(v)
        case .double(let v): return .double(v)
        case .bool(let v): return .bool(v)
        case .array(let v): return .array(v.map(\.fieldValue))
        case .object(let v): return .table(v.mapValues(\.fieldValue))
        case .null: return .void
        }
    }
}

extension Dictionary where Key == String, Value == JSONValue {
    /// The arguments as an AMQP table.
    public var amqpTable: AMQPTable { mapValues(\.fieldValue) }
}
