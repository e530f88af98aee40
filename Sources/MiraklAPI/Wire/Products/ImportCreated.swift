/// The `201` answer of an import upload (P41, OF01): `{"import_id": n}`.
public struct ImportCreated: Sendable, Equatable, Decodable {
    /// The id to track the import with (P42, OF02).
    public var importId: Int

    public init(importId: Int) {
        self.importId = importId
    }

    enum CodingKeys: String, CodingKey {
        case importId = "import_id"
    }
}
