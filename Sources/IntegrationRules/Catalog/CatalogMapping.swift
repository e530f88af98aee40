/// How a VTEX product's category and specifications become Carrefour's category code and
/// attributes. Carrefour's product format is the operator's own (reference/mirakl-api.md §2: its
/// categories come from H11, its attributes from PM11), so the store maps them:
///
/// - categories: a VTEX category (its id, or its name) → a Carrefour category code. With no category
///   map, the VTEX category name goes out as it is; with one, an unmapped category keeps the product
///   back with an error naming the category.
/// - attributes: a VTEX specification name (product or SKU) → a Carrefour attribute code. A mapped
///   specification goes out as that attribute (several values joined with `|`); an unmapped one is
///   not sent.
///
/// The maps are read from files of `vtex;carrefour` lines (`#` starts a comment), the paths given by
/// `CARREFOUR_CATEGORY_MAP` and `CARREFOUR_ATTRIBUTE_MAP`.
public struct CatalogMapping: Sendable, Equatable {
    /// VTEX category id or name → Carrefour category code; empty: no category map.
    public var categories: [String: String]
    /// VTEX specification name → Carrefour attribute code.
    public var attributes: [String: String]

    /// The maps.
    public init(categories: [String: String] = [:], attributes: [String: String] = [:]) {
        self.categories = categories
        self.attributes = attributes
    }

    /// The category `product` goes out with, or the problem that keeps it back.
    public func category(of product: CatalogProduct) -> Result<String, ProductProblem> {
        guard !categories.isEmpty else { return .success(product.category.trimmingBlanks) }
        let id = product.categoryId.trimmingBlanks
        let name = product.category.trimmingBlanks
        if !id.isEmpty, let code = categories[id] { return .success(code) }
        if !name.isEmpty, let code = categories[name] { return .success(code) }
        return .failure(.unmappedCategory(id: id, name: name))
    }

    /// The category `product` goes out with, checked against `known`, Carrefour's leaf categories
    /// (H11) when the store maps categories: a mapped code Carrefour does not list keeps the
    /// product back as an unmapped category does. `known` nil: not checked.
    public func category(of product: CatalogProduct, known: Set<String>?) -> Result<String, ProductProblem> {
        let result = category(of: product)
        guard !categories.isEmpty, let known, case .success(let code) = result, !known.contains(code) else { return result }
        return .failure(.unknownCategoryCode(code, id: product.categoryId.trimmingBlanks, name: product.category.trimmingBlanks))
    }

    /// The Carrefour attributes of `product`: its mapped specifications, by attribute code.
    public func attributes(of product: CatalogProduct) -> [String: String] {
        var values: [String: String] = [:]
        for specification in product.specifications {
            guard let code = attributes[specification.name.trimmingBlanks] else { continue }
            let joined = specification.values.map(\.trimmingBlanks).filter { !$0.isEmpty }.joined(separator: "|")
            if !joined.isEmpty { values[code] = joined }
        }
        return values
    }

    /// Reads one map file's text: `vtex;carrefour` per line, blank lines and `#` comments skipped.
    /// - Returns: the map, or the number of the first line that is not `vtex;carrefour`.
    public static func parse(_ text: String) -> Result<[String: String], MapLineError> {
        var map: [String: String] = [:]
        // `isNewline`: a Windows line end "\r\n" is one Character, which splitting on "\n" misses.
        for (offset, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = String(raw).trimmingBlanks
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let separator = line.lastIndex(of: ";") else { return .failure(MapLineError(line: offset + 1)) }
            let key = String(line[..<separator]).trimmingBlanks
            let value = String(line[line.index(after: separator)...]).trimmingBlanks
            guard !key.isEmpty, !value.isEmpty else { return .failure(MapLineError(line: offset + 1)) }
            map[key] = value
        }
        return .success(map)
    }

    /// The codes of `map` that are not in `known` (a map checked against Carrefour's own list).
    public static func unknownCodes(in map: [String: String], known: Set<String>) -> [String] {
        Set(map.values).subtracting(known).sorted()
    }
}

/// A line of a map file that is not `vtex;carrefour`.
public struct MapLineError: Error, Sendable, Equatable {
    /// The 1-based line number.
    public var line: Int

    public init(line: Int) {
        self.line = line
    }
}
