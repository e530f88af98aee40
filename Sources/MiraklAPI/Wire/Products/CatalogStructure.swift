/// H11's answer (`H11_Response_200`): Carrefour's catalog categories. Only what the connector
/// reads is decoded; other fields (`label_translations`…) are ignored, as Mirakl asks clients to
/// tolerate (reference/mirakl-api.md §1).
public struct MiraklHierarchies: Sendable, Equatable, Decodable {
    /// `hierarchies`, required by the spec.
    public var hierarchies: [MiraklHierarchy]

    public init(hierarchies: [MiraklHierarchy]) {
        self.hierarchies = hierarchies
    }

    /// The codes of the categories no other category names as its parent: the last level of each
    /// branch, where products go.
    public var leafCodes: Set<String> {
        let parents = Set(hierarchies.map(\.parentCode).filter { !$0.isEmpty })
        return Set(hierarchies.map(\.code)).subtracting(parents)
    }
}

/// One category of H11 (`H11_Response_200_Hierarchies`: `code`, `level` and `parent_code` are
/// required; `label` is not).
public struct MiraklHierarchy: Sendable, Equatable, Decodable {
    /// `code`: what a product's category column holds.
    public var code: String
    /// `label`.
    public var label: String?
    /// `level`, 1 for the first level under the root.
    public var level: Int
    /// `parent_code`, empty at the first level.
    public var parentCode: String

    public init(code: String, label: String? = nil, level: Int, parentCode: String) {
        self.code = code
        self.label = label
        self.level = level
        self.parentCode = parentCode
    }

    enum CodingKeys: String, CodingKey {
        case code, label, level, parentCode = "parent_code"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        code = try container.decode(String.self, forKey: .code)
        label = try container.decodeIfPresent(String.self, forKey: .label)
        // Required by the spec; a missing one is read leniently (the first level, no parent).
        level = try container.decodeIfPresent(Int.self, forKey: .level) ?? 1
        parentCode = try container.decodeIfPresent(String.self, forKey: .parentCode) ?? ""
    }
}

/// PM11's JSON answer (`PM11_Response_200`): Carrefour's product attributes.
public struct MiraklProductAttributes: Sendable, Equatable, Decodable {
    /// `attributes`, required by the spec.
    public var attributes: [MiraklProductAttribute]

    public init(attributes: [MiraklProductAttribute]) {
        self.attributes = attributes
    }

    /// Every attribute code.
    public var codes: Set<String> { Set(attributes.map(\.code)) }
}

/// One attribute of PM11 (`PM11_Response_200_Attributes`). Only the fields the connector reads;
/// `requirement_level` and `type` are kept as strings (unknown enum values are accepted), and the
/// deprecated fields (`required`, `type_parameter`, `values`…) are not read.
public struct MiraklProductAttribute: Sendable, Equatable, Decodable {
    /// `code`: the column a product file names the attribute by.
    public var code: String
    /// `label`.
    public var label: String?
    /// `hierarchy_code`: the category it belongs to; empty or absent, every category shares it.
    public var hierarchyCode: String?
    /// `requirement_level`: `OPTIONAL`, `REQUIRED`, `RECOMMENDED`, `DISABLED`.
    public var requirementLevel: String?
    /// `type` (`TEXT`, `LIST`…).
    public var type: String?
    /// `variant`: whether the attribute is a variation axis.
    public var variant: Bool?

    public init(
        code: String, label: String? = nil, hierarchyCode: String? = nil, requirementLevel: String? = nil,
        type: String? = nil, variant: Bool? = nil
    ) {
        self.code = code
        self.label = label
        self.hierarchyCode = hierarchyCode
        self.requirementLevel = requirementLevel
        self.type = type
        self.variant = variant
    }

    enum CodingKeys: String, CodingKey {
        case code, label, hierarchyCode = "hierarchy_code", requirementLevel = "requirement_level", type, variant
    }
}
