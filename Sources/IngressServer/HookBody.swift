#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The fields of a JSON object body, keyed by lower-cased name (of two names that differ only in
/// case, one wins): a string value as text, any other value (number, object, null, ...) only as
/// present. What the hook read from `JSONSerialization`.
struct HookBody: Decodable {
    enum Field: Decodable {
        case text(String)
        case other

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            self = (try? container.decode(String.self)).map(Field.text) ?? .other
        }

        var text: String? {
            if case .text(let value) = self { return value }
            return nil
        }
    }

    let fields: [String: Field]

    /// Nil when `body` is not a JSON object.
    static func parse(_ body: [UInt8]) -> HookBody? {
        try? JSONDecoder().decode(HookBody.self, from: Data(body))
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyKey.self)
        var fields: [String: Field] = [:]
        for key in container.allKeys where fields[key.stringValue.lowercased()] == nil {
            fields[key.stringValue.lowercased()] = try container.decode(Field.self, forKey: key)
        }
        self.fields = fields
    }

    private struct AnyKey: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
