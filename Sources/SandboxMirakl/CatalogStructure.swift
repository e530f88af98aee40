/// Carrefour's catalog structure as the sandbox holds it: the categories H11 lists and the product
/// attributes PM11 lists (mirakl-api.md §2: "its categories come from H11, its attributes from
/// PM11"). P41 judges each line's category against it. Settable through the admin API
/// (`PUT /_admin/hierarchies`, `PUT /_admin/attributes`).
struct CatalogStructure: Sendable {
    /// One category: its code, label and parent (empty at the first level).
    struct Category: Codable, Sendable, Equatable {
        var code: String
        var label: String?
        var parentCode: String?
    }

    /// One product attribute; an empty `hierarchyCode` is shared by every category (PM11
    /// `hierarchy_code`: "If this field is empty, the attribute is shared among all hierarchies").
    struct Attribute: Codable, Sendable, Equatable {
        var code: String
        var label: String?
        var hierarchyCode: String?
        /// `OPTIONAL`, `REQUIRED`, `RECOMMENDED`, `DISABLED` (PM11 `requirement_level`).
        var requirementLevel: String?
        var type: String?
        var variant: Bool?
        /// Role types (PM11 `roles[].type`).
        var roles: [String]?
    }

    /// The categories, in the order given.
    private(set) var categories: [Category]
    var attributes: [Attribute]
    private var byCode: [String: Category]
    private var children: [String: [String]]

    /// A structure over `categories` (the admin API's are checked first with ``validated``).
    init(categories: [Category], attributes: [Attribute]) {
        var byCode: [String: Category] = [:]
        var children: [String: [String]] = [:]
        for category in categories where byCode[category.code] == nil {
            byCode[category.code] = category
            children[category.parentCode ?? "", default: []].append(category.code)
        }
        self.categories = categories
        self.attributes = attributes
        self.byCode = byCode
        self.children = children
    }

    /// A structure, or the reason the categories are not a tree (an empty or duplicate code, an
    /// unknown parent, a cycle).
    static func validated(categories: [Category], attributes: [Attribute]) throws(MiraklAPIError) -> CatalogStructure {
        let structure = CatalogStructure(categories: categories, attributes: attributes)
        var seen = Set<String>()
        for category in categories {
            guard !category.code.isEmpty, seen.insert(category.code).inserted else {
                throw .badRequest("Category codes must be present and distinct ('\(category.code)')")
            }
            if let parent = category.parentCode, !parent.isEmpty, !structure.contains(parent) {
                throw .badRequest("The parent '\(parent)' of category '\(category.code)' does not exist")
            }
            guard structure.level(of: category.code) != nil else { throw .badRequest("Category '\(category.code)' is in a cycle") }
        }
        guard attributes.allSatisfy({ !$0.code.isEmpty }) else { throw .badRequest("Attribute codes must be present") }
        return structure
    }

    /// The level of `code` (1 at the first level), nil when unknown or in a cycle.
    func level(of code: String) -> Int? {
        var level = 0
        var current: String? = code
        while let code = current, !code.isEmpty {
            guard let category = byCode[code], level < byCode.count else { return nil }
            level += 1
            current = category.parentCode
        }
        return level
    }

    /// Whether `code` is a category.
    func contains(_ code: String) -> Bool { byCode[code] != nil }

    /// Whether `code` is a category with no child: the last level, where products go.
    func isLeaf(_ code: String) -> Bool { contains(code) && (children[code] ?? []).isEmpty }

    /// H11's selection: with `hierarchy`, that category, its parents and its children down to
    /// `maxLevel` levels below it; without, every category down to level `maxLevel`. Nil when
    /// `hierarchy` is not a category.
    func select(hierarchy: String?, maxLevel: Int?) -> [Category]? {
        guard let hierarchy else {
            return categories.filter { category in maxLevel.map { (level(of: category.code) ?? 0) <= $0 } ?? true }
        }
        guard contains(hierarchy) else { return nil }
        var codes = Set<String>()
        var parent = byCode[hierarchy]?.parentCode
        while let code = parent, !code.isEmpty, codes.insert(code).inserted { parent = byCode[code]?.parentCode }
        var frontier = [hierarchy]
        var depth = 0
        while !frontier.isEmpty {
            codes.formUnion(frontier)
            depth += 1
            if let maxLevel, depth > maxLevel { break }
            frontier = frontier.flatMap { children[$0] ?? [] }
        }
        return categories.filter { codes.contains($0.code) }
    }

    /// PM11's selection: the attributes every category shares, plus those of the categories H11
    /// would list for the same `hierarchy` and `maxLevel`; `withRoles` keeps only attributes with a
    /// role. Nil when `hierarchy` is not a category.
    func attributes(hierarchy: String?, maxLevel: Int?, withRoles: Bool) -> [Attribute]? {
        guard let selected = select(hierarchy: hierarchy, maxLevel: maxLevel) else { return nil }
        let codes = Set(selected.map(\.code))
        return attributes.filter { attribute in
            let owner = attribute.hierarchyCode ?? ""
            return (owner.isEmpty || codes.contains(owner)) && (!withRoles || !(attribute.roles ?? []).isEmpty)
        }
    }

    /// The P41 errors of a product line's `category` (`code|message`, as P44 reports them).
    /// Mirakl's documentation does not say which level a product's category must be at; the
    /// sandbox takes the harsher reading, a leaf, and the wording of that message is its own. The
    /// "unknown" wording is the one of Mirakl's transformation report in the M2 connector's test
    /// data, `1001|Category XXXX is unknown` (mirakl-api.md §2, P44 to P47).
    func errors(ofCategory category: String) -> [String] {
        if category.isEmpty { return ["1000|The attribute 'category' is required"] }
        guard contains(category) else { return ["1001|Category \(category) is unknown"] }
        guard isLeaf(category) else {
            return ["1001|Category \(category) is not a leaf category: a product goes on the last level of the hierarchy"]
        }
        return []
    }
}
