/// A log line's JSON value: the strings, arrays and objects swift-log's metadata holds, encoded by
/// `JSONEncoder` (what the `[String: Any]` given to `JSONSerialization` was).
enum LogJSON: Encodable {
    case string(String)
    case array([LogJSON])
    case object([String: LogJSON])

    func encode(to encoder: any Encoder) throws {
        switch self {
        case .string(let text):
            var container = encoder.singleValueContainer()
            try container.encode(text)
        case .array(let items):
            var container = encoder.singleValueContainer()
            try container.encode(items)
        case .object(let fields):
            var container = encoder.singleValueContainer()
            try container.encode(fields)
        }
    }
}
