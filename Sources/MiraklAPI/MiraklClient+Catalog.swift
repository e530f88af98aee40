/// Carrefour's own catalog structure (reference/mirakl-api.md §2: the product format is the
/// operator's, "its categories come from H11, its attributes from PM11"). Both calls are limited
/// to once an hour ("Maximum usage: Every hour" in the spec's Call Frequency blocks); the caller
/// keeps to that.
extension MiraklClient {
    /// H11 `GET /api/hierarchies`: the catalog categories. `hierarchy` narrows the answer to one
    /// category with its parents and children, `maxLevel` to that many levels of children; with
    /// neither, every category.
    public func hierarchies(hierarchy: String? = nil, maxLevel: Int? = nil) async throws(MiraklError) -> MiraklHierarchies {
        try await get(MiraklHierarchies.self, "H11", path: "/api/hierarchies", query: Self.structureQuery(hierarchy, maxLevel))
    }

    /// PM11 `GET /api/products/attributes`: the product attributes, as JSON (the spec also offers
    /// CSV). `hierarchy` narrows them to one category's parents and children (`maxLevel` levels of
    /// children); with none, every attribute.
    public func productAttributes(hierarchy: String? = nil, maxLevel: Int? = nil) async throws(MiraklError) -> MiraklProductAttributes {
        try await get(
            MiraklProductAttributes.self, "PM11", path: "/api/products/attributes", query: Self.structureQuery(hierarchy, maxLevel))
    }

    /// The query of H11 and PM11: both name these two parameters the same way in the spec.
    static func structureQuery(_ hierarchy: String?, _ maxLevel: Int?) -> [(String, String)] {
        var query: [(String, String)] = []
        if let hierarchy { query.append(("hierarchy", hierarchy)) }
        if let maxLevel { query.append(("max_level", String(maxLevel))) }
        return query
    }
}
