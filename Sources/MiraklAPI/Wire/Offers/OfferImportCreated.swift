/// OF01's `201` answer: the import to track with OF02 (spec `OF01_Response_201`).
public struct OfferImportCreated: Sendable, Decodable, Equatable {
    /// The import id. Mirakl answers a duplicate upload with the id of the existing import
    /// (spec OF01), which makes a re-sent batch idempotent.
    public var importId: Int

    enum CodingKeys: String, CodingKey {
        case importId = "import_id"
    }

    public init(importId: Int) {
        self.importId = importId
    }
}
