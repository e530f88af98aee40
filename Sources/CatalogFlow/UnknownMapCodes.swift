public import MiraklAPI
import IntegrationRules

/// The codes of one of the store's maps that Carrefour does not list: for the category map, the
/// codes that are not leaf categories of H11; for the attribute map, those PM11 does not list.
public struct UnknownMapCodes: Sendable, Equatable {
    /// `CARREFOUR_CATEGORY_MAP` or `CARREFOUR_ATTRIBUTE_MAP`.
    public var setting: String
    /// The map's file.
    public var file: String?
    /// The unknown codes, sorted.
    public var codes: [String]
}

extension CatalogSettings {
    /// Reads Carrefour's list for each map that is set (H11, PM11: once an hour at most, a call
    /// the catalog worker's own check shares) and returns each map's unknown codes; no map, no call.
    public func unknownMapCodes(mirakl: MiraklClient) async throws(MiraklError) -> [UnknownMapCodes] {
        var reports: [UnknownMapCodes] = []
        if !mapping.categories.isEmpty {
            let known = try await mirakl.hierarchies().leafCodes
            reports.append(UnknownMapCodes(
                setting: "CARREFOUR_CATEGORY_MAP", file: categoryMapFile,
                codes: CatalogMapping.unknownCodes(in: mapping.categories, known: known)))
        }
        if !mapping.attributes.isEmpty {
            let known = try await mirakl.productAttributes().codes
            reports.append(UnknownMapCodes(
                setting: "CARREFOUR_ATTRIBUTE_MAP", file: attributeMapFile,
                codes: CatalogMapping.unknownCodes(in: mapping.attributes, known: known)))
        }
        return reports
    }
}
