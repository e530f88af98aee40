/// P51's answer: a page of product import trackings and how many there are in all.
public struct ProductImportList: Sendable, Equatable, Decodable {
    /// This page's imports.
    public var trackings: [ProductImportTracking]
    /// How many imports match, across pages.
    public var totalCount: Int

    public init(trackings: [ProductImportTracking], totalCount: Int) {
        self.trackings = trackings
        self.totalCount = totalCount
    }

    enum CodingKeys: String, CodingKey {
        case trackings = "product_import_trackings", totalCount = "total_count"
    }
}
