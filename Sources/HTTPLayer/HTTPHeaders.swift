/// An ordered list of HTTP header fields with case-insensitive lookup by name.
///
/// Order and duplicates are kept as sent or received (HTTP allows a name to repeat, e.g.
/// `Set-Cookie`); lookups compare names case-insensitively as RFC 9110 §5.1 requires.
public struct HTTPHeaders: Sendable, Sequence, ExpressibleByDictionaryLiteral, CustomStringConvertible {
    /// One header field as iterated: the name as written, and its value.
    public typealias Element = (name: String, value: String)

    private var fields: [Field]

    /// Creates an empty header list.
    public init() {
        fields = []
    }

    /// Creates a header list from `(name, value)` pairs, in order.
    public init(_ pairs: some Sequence<(String, String)>) {
        fields = pairs.map { Field(name: $0.0, value: $0.1) }
    }

    /// Creates a header list from a literal such as `["Accept": "application/json"]`, in order.
    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(elements)
    }

    /// The first value for `name` (case-insensitive), or `nil` when the header is absent.
    public subscript(name: String) -> String? {
        let key = name.lowercased()
        return fields.first { $0.key == key }?.value
    }

    /// Every value for `name` (case-insensitive), in order.
    public func values(for name: String) -> [String] {
        let key = name.lowercased()
        return fields.filter { $0.key == key }.map(\.value)
    }

    /// Whether at least one field is named `name` (case-insensitive).
    public func contains(_ name: String) -> Bool {
        self[name] != nil
    }

    /// Appends a field, keeping any existing field of the same name.
    public mutating func add(_ name: String, _ value: String) {
        fields.append(Field(name: name, value: value))
    }

    /// Sets `name` to the single value `value`: the first field of that name is overwritten in
    /// place and the others removed; the field is appended when absent.
    public mutating func replace(_ name: String, _ value: String) {
        let key = name.lowercased()
        guard let first = fields.firstIndex(where: { $0.key == key }) else {
            add(name, value)
            return
        }
        fields[first] = Field(name: name, value: value)
        var index = fields.index(after: first)
        while index < fields.endIndex {
            if fields[index].key == key {
                fields.remove(at: index)
            } else {
                index = fields.index(after: index)
            }
        }
    }

    /// Removes every field named `name` (case-insensitive).
    public mutating func remove(_ name: String) {
        let key = name.lowercased()
        fields.removeAll { $0.key == key }
    }

    /// The number of fields, duplicates included.
    public var count: Int { fields.count }

    /// Whether there is no field at all.
    public var isEmpty: Bool { fields.isEmpty }

    /// Iterates the fields in order.
    public func makeIterator() -> some IteratorProtocol<Element> {
        fields.lazy.map { (name: $0.name, value: $0.value) }.makeIterator()
    }

    /// The fields with every value passed through ``HTTPRedaction``, so that printing headers
    /// never shows a credential.
    public var description: String {
        let shown = fields.map { "\($0.name): \(HTTPRedaction.redact(headerName: $0.name, value: $0.value))" }
        return "[" + shown.joined(separator: ", ") + "]"
    }
}

extension HTTPHeaders {
    /// One stored field; `key` is the lower-cased name used for lookups.
    private struct Field: Sendable {
        let name: String
        let value: String
        let key: String

        init(name: String, value: String) {
            self.name = name
            self.value = value
            self.key = name.lowercased()
        }
    }
}
