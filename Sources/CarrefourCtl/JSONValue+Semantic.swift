import AMQPLayer

extension JSONValue {
    /// Whether two values mean the same: numbers compare by value whether the JSON held them
    /// as numbers or numeric strings (the management API and definitions files differ here).
    func semanticallyEquals(_ other: JSONValue) -> Bool {
        if let left = numericValue, let right = other.numericValue { return left == right }
        switch (self, other) {
        case (.array(let left), .array(let right)):
            return left.count == right.count && zip(left, right).allSatisfy { $0.semanticallyEquals($1) }
        case (.object(let left), .object(let right)):
            return left.keys == right.keys && left.allSatisfy { key, value in right[key].map(value.semanticallyEquals) ?? false }
        case (.bool(let left), .string(let right)), (.string(let right), .bool(let left)):
            return String(left) == right
        default:
            return self == other
        }
    }

    /// The value as a number, if it is one or a string holding one.
    private var numericValue: Double? {
        switch self {
        case .int(let value): Double(value)
        case .double(let value): value
        case .string(let text): Double(text)
        default: nil
        }
    }

    /// The value as the operator reads it in a drift line.
    var display: String {
        switch self {
        case .string(let text): text.isEmpty ? "\"\"" : text
        case .int(let value): String(value)
        case .double(let value): String(value)
        case .bool(let value): String(value)
        case .null: "null"
        case .array(let values): "[" + values.map(\.display).joined(separator: ", ") + "]"
        case .object(let fields): "{" + fields.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value.display)" }.joined(separator: ", ") + "}"
        }
    }
}
