/// A value that encodes as JSON `null` when absent, for the fields the VTEX schemas mark required but
/// nullable (plain optionals are omitted by `Encodable` instead).
struct Nullable<Wrapped: Encodable & Sendable>: Encodable, Sendable, ExpressibleByNilLiteral {
    var value: Wrapped?

    init(_ value: Wrapped?) { self.value = value }
    init(nilLiteral: ()) { self.value = nil }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let value { try container.encode(value) } else { try container.encodeNil() }
    }
}
