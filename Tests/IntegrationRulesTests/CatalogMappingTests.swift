import IntegrationRules
import Testing

@Suite("catalog rules: categories and specifications mapped to Carrefour's")
struct CatalogMappingTests {
    static var product: CatalogProduct {
        var product = ProductValidationTests.valid
        product.categoryId = "12"
        product.category = "Chaleiras"
        product.specifications = [
            .init(name: "Voltagem", values: ["110V", "220V"]), .init(name: "Cor", values: ["Preto"]),
            .init(name: "Garantia", values: [" "]),
        ]
        return product
    }

    @Test("no category map: the VTEX category name goes out; a map: id first, then name")
    func categories() {
        #expect(CatalogMapping().category(of: Self.product) == .success("Chaleiras"))
        #expect(CatalogMapping(categories: ["12": "CRF-ELETRO-7", "Chaleiras": "CRF-X"]).category(of: Self.product) == .success("CRF-ELETRO-7"))
        #expect(CatalogMapping(categories: ["Chaleiras": "CRF-X"]).category(of: Self.product) == .success("CRF-X"))
    }

    @Test("an unmapped category keeps the product back, naming the category and the setting")
    func unmappedCategory() throws {
        let mapping = CatalogMapping(categories: ["99": "CRF-1"])
        guard case .failure(let problem) = mapping.category(of: Self.product) else {
            Issue.record("an unmapped category was accepted")
            return
        }
        #expect(problem.description
            == "VTEX category 'Chaleiras' (id 12) has no Carrefour category: add it to the category map (CARREFOUR_CATEGORY_MAP), then reprocess the product")
    }

    @Test("a mapped code Carrefour does not list as a leaf category keeps the product back, naming both; no list, no check")
    func unknownCategoryCode() {
        let mapping = CatalogMapping(categories: ["12": "CRF-GONE"])
        #expect(mapping.category(of: Self.product, known: ["CRF-GONE"]) == .success("CRF-GONE"))
        #expect(mapping.category(of: Self.product, known: nil) == .success("CRF-GONE"))
        #expect(CatalogMapping().category(of: Self.product, known: []) == .success("Chaleiras"))
        guard case .failure(let problem) = mapping.category(of: Self.product, known: ["CRF-1"]) else {
            Issue.record("a code Carrefour does not list was accepted")
            return
        }
        #expect(problem == .unknownCategoryCode("CRF-GONE", id: "12", name: "Chaleiras"))
        #expect(problem.description == "VTEX category 'Chaleiras' (id 12) is mapped to Carrefour category 'CRF-GONE', which is not "
            + "among Carrefour's leaf categories (H11): correct the category map (CARREFOUR_CATEGORY_MAP), then reprocess the product")
    }

    @Test("mapped specifications become attributes, values joined with '|'; unmapped and empty ones are left out")
    func attributes() {
        let mapping = CatalogMapping(attributes: ["Voltagem": "voltage", "Garantia": "warranty"])
        #expect(mapping.attributes(of: Self.product) == ["voltage": "110V|220V"])
        let line = ProductFile.line(for: Self.product, brandInTitle: false, category: "CRF-1",
                                    attributes: mapping.attributes(of: Self.product))
        let other = ProductFile.line(for: ProductValidationTests.valid, brandInTitle: false, category: "CRF-2")
        let table = DelimitedTable.parse(ProductFile.file([line, other]))
        #expect(table.header == ProductFile.columns + ["voltage"])
        #expect(table.value("voltage", in: table.rows[0]) == "110V|220V")
        #expect(table.value("voltage", in: table.rows[1]) == "")
        #expect(table.value("category", in: table.rows[0]) == "CRF-1")
    }

    @Test("map files: 'vtex;carrefour' lines, comments and blanks skipped, a bad line named; unknown codes listed")
    func mapFiles() {
        #expect(CatalogMapping.parse("# VTEX;Carrefour\n12;CRF-1\r\n\n Casa e Jardim ; CRF-2 \n") == .success(["12": "CRF-1", "Casa e Jardim": "CRF-2"]))
        #expect(CatalogMapping.parse("12;CRF-1\n13\n") == .failure(MapLineError(line: 2)))
        #expect(CatalogMapping.parse("12;\n") == .failure(MapLineError(line: 1)))
        #expect(CatalogMapping.unknownCodes(in: ["12": "CRF-1", "13": "CRF-9"], known: ["CRF-1"]) == ["CRF-9"])
    }
}
