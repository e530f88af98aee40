extension CatalogStructure {
    /// The structure the sandbox starts with: every category and attribute code the demo and the
    /// test fixtures send, each category a leaf under a first level.
    /// - `Casa`, `Eletronicos`, `Esporte`, `Ferramentas`: the sandbox VTEX's seeded categories, whose
    ///   names go out as they are when the store has no category map; `Roupas` and `c1`: the
    ///   categories of the product files the sandbox and offer tests upload.
    /// - `CRF-CAT-10` … `CRF-CAT-40`: the Carrefour codes the catalog fields test maps the VTEX
    ///   category ids 10 … 40 to.
    /// - attributes: every column of the product file (``ProductFile/columns``), shared by every
    ///   category, plus `brand-name`, `voltage` and `color`.
    static let seeded = CatalogStructure(categories: seededCategories, attributes: seededAttributes)

    static let seededCategories: [Category] = {
        var categories = [Category(code: "DEPARTAMENTOS", label: "Departamentos", parentCode: nil)]
        for (code, label) in [("Casa", "Casa"), ("Eletronicos", "Eletrônicos"), ("Esporte", "Esporte"),
                              ("Ferramentas", "Ferramentas"), ("Roupas", "Roupas"), ("c1", "Categoria de teste")] {
            categories.append(Category(code: code, label: label, parentCode: "DEPARTAMENTOS"))
        }
        categories.append(Category(code: "CRF-CAT", label: "Categorias Carrefour", parentCode: nil))
        for id in [10, 20, 30, 40] {
            categories.append(Category(code: "CRF-CAT-\(id)", label: "Categoria \(id)", parentCode: "CRF-CAT"))
        }
        return categories
    }()

    static let seededAttributes: [Attribute] = {
        let required = Set(ProductFile.requiredValues + ["product-id", "shop-sku", "category"])
        var attributes = ProductFile.columns.map { code in
            Attribute(
                code: code, label: code, hierarchyCode: nil, requirementLevel: required.contains(code) ? "REQUIRED" : "OPTIONAL",
                type: "TEXT", variant: false, roles: [])
        }
        attributes.append(Attribute(code: "brand-name", label: "Marca", requirementLevel: "RECOMMENDED", type: "TEXT", variant: false, roles: []))
        attributes.append(Attribute(code: "voltage", label: "Voltagem", requirementLevel: "OPTIONAL", type: "TEXT", variant: false, roles: []))
        attributes.append(Attribute(code: "color", label: "Cor", requirementLevel: "OPTIONAL", type: "TEXT", variant: true, roles: []))
        return attributes
    }()
}
