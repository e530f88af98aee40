/// H11 `GET /api/hierarchies` body (`H11_Response_200`): every required field (`code`,
/// `label_translations`, `level`, `parent_code`), the label in pt_BR.
struct HierarchiesWire: Encodable {
    struct Translation: Encodable {
        var locale: String
        var value: String
    }
    struct Hierarchy: Encodable {
        var code: String
        var label: String
        var label_translations: [Translation]
        var level: Int
        var parent_code: String
    }
    var hierarchies: [Hierarchy]

    init(_ categories: [CatalogStructure.Category], in structure: CatalogStructure) {
        hierarchies = categories.map { category in
            let label = category.label ?? category.code
            return Hierarchy(
                code: category.code, label: label, label_translations: [Translation(locale: "pt_BR", value: label)],
                level: structure.level(of: category.code) ?? 1, parent_code: category.parentCode ?? "")
        }
    }
}

/// PM11 `GET /api/products/attributes` JSON body (`PM11_Response_200`): every required field
/// (`code`, `description_translations`, `label_translations`, `required`, `requirement_level`,
/// `roles`, `type`, `type_parameter`, `variant`), the deprecated ones derived from the others
/// (`required` from the requirement level, `type_parameter` empty).
struct ProductAttributesWire: Encodable {
    struct Parameter: Encodable {
        var name: String
        var value: String
    }
    struct Role: Encodable {
        var parameters: [Parameter] = []
        var type: String
    }
    struct Attribute: Encodable {
        var code: String
        var description: String
        var description_translations: [HierarchiesWire.Translation]
        var hierarchy_code: String
        var label: String
        var label_translations: [HierarchiesWire.Translation]
        var required: Bool
        var requirement_level: String
        var roles: [Role]
        var type: String
        var type_parameter: String
        var variant: Bool
    }
    var attributes: [Attribute]

    init(_ attributes: [CatalogStructure.Attribute]) {
        self.attributes = attributes.map { attribute in
            let label = attribute.label ?? attribute.code
            let level = attribute.requirementLevel ?? "OPTIONAL"
            return Attribute(
                code: attribute.code, description: label, description_translations: [.init(locale: "pt_BR", value: label)],
                hierarchy_code: attribute.hierarchyCode ?? "", label: label, label_translations: [.init(locale: "pt_BR", value: label)],
                required: level == "REQUIRED", requirement_level: level, roles: (attribute.roles ?? []).map { Role(type: $0) },
                type: attribute.type ?? "TEXT", type_parameter: "", variant: attribute.variant ?? false)
        }
    }
}
