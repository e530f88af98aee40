import IntegrationRules
import Testing

@Suite("catalog rules: which SKUs may be sent")
struct ProductValidationTests {
    static let valid = CatalogProduct(
        skuId: "2001", productId: "1001", productName: "Smart Kettle 1", skuName: "Smart Kettle 1",
        description: "<p>Smart Kettle 1 by Acme.</p>", brand: "Acme", ean: "7891234567895", weight: 900,
        height: 20, width: 15, length: 15.5, imageURLs: ["https://img/1.jpg", "https://img/2.jpg"],
        category: "Casa", skuActive: true, productActive: true, tradePolicies: ["1", "2"], productSKUIds: ["2001"])

    @Test("a complete, active, single-SKU product on the trade policy has no problem")
    func validProduct() {
        #expect(ProductValidation.problems(of: Self.valid, tradePolicy: "1").isEmpty)
    }

    @Test("each required field of the seeds is named when missing")
    func requiredFields() {
        var product = Self.valid
        product.productName = " "
        product.description = "<p>&nbsp;</p>"
        product.skuName = ""
        product.ean = ""
        product.weight = nil
        product.height = 0
        product.width = -3
        product.imageURLs = []
        let messages = ProductValidation.problems(of: product, tradePolicy: "1").map(\.description)
        #expect(messages == [
            "product name is missing: Carrefour requires it",
            "description is missing: Carrefour requires it",
            "SKU name is missing: Carrefour requires it",
            "EAN is missing: Carrefour requires it",
            "weight is missing: Carrefour requires it",
            "height is 0: Carrefour requires a positive height",
            "width is -3: Carrefour requires a positive width",
            "no image: Carrefour requires at least one SKU image",
        ])
    }

    @Test("an EAN must be 8, 12, 13 or 14 digits")
    func eanFormat() {
        for (ean, valid) in [("12345670", true), ("123456789012", true), ("7891234567895", true), ("12345678901231", true),
                             ("1234567", false), ("789123456789X", false), ("78912345678901234", false)] {
            var product = Self.valid
            product.ean = ean
            #expect(ProductValidation.problems(of: product, tradePolicy: "1").isEmpty == valid, "\(ean)")
        }
        var product = Self.valid
        product.ean = "12AB"
        #expect(ProductValidation.problems(of: product, tradePolicy: "1").map(\.description)
            == ["EAN '12AB' is invalid: Carrefour expects 8, 12, 13 or 14 digits"])
    }

    @Test("an EAN's last digit is its GS1 check digit")
    func eanCheckDigit() {
        // EAN-13, EAN-8, UPC-A, GTIN-14 with their right check digit, then each with a wrong one.
        for (good, expected) in [("7891234567895", 5), ("96385074", 4), ("036000291452", 2), ("10012345678902", 2)] {
            #expect(GTIN.isValid(good), "\(good)")
            let wrong = String(good.dropLast()) + String((expected + 1) % 10)
            #expect(!GTIN.isValid(wrong), "\(wrong)")
            var product = Self.valid
            product.ean = wrong
            #expect(ProductValidation.problems(of: product, tradePolicy: "1").map(\.description) == [
                "EAN '\(wrong)' is invalid: its check digit (the last digit) should be \(expected); correct the EAN in VTEX",
            ])
        }
    }

    @Test("one SKU per product, active, on the trade policy")
    func eligibility() {
        var product = Self.valid
        product.productSKUIds = ["2021", "2005"]
        product.skuId = "2005"
        product.productId = "1005"
        #expect(ProductValidation.problems(of: product, tradePolicy: "1")
            == [.variations(productId: "1005", skuIds: ["2005", "2021"])])
        #expect(ProductValidation.problems(of: product, tradePolicy: "1").first?.description
            == "product 1005 has 2 SKUs (2005, 2021): Carrefour does not accept products with variations")

        product = Self.valid
        product.skuActive = false
        product.productActive = false
        product.tradePolicies = ["2"]
        #expect(ProductValidation.problems(of: product, tradePolicy: "1").map(\.description) == [
            "the SKU is inactive in VTEX",
            "product 1001 is inactive in VTEX",
            "the product is not on trade policy 1 (it is on 2)",
        ])
    }
}

@Suite("catalog rules: title and product file")
struct ProductFileTests {
    @Test("the brand joins the title only when the setting is on, and never twice")
    func brandInTitle() {
        #expect(ProductTitle.title(name: "Smart Kettle", brand: "Acme", brandInTitle: false) == "Smart Kettle")
        #expect(ProductTitle.title(name: "Smart Kettle", brand: "Acme", brandInTitle: true) == "Smart Kettle Acme")
        #expect(ProductTitle.title(name: "ACME Smart Kettle", brand: "Acme", brandInTitle: true) == "ACME Smart Kettle")
        #expect(ProductTitle.title(name: "Acmeware Kettle", brand: "Acme", brandInTitle: true) == "Acmeware Kettle Acme")
        #expect(ProductTitle.title(name: "Smart Kettle", brand: " ", brandInTitle: true) == "Smart Kettle")
    }

    @Test("one quoted ;-separated line per SKU under the header, numbers with '.'")
    func file() {
        var product = ProductValidationTests.valid
        product.description = #"<p>Say "hi"; twice</p>"#
        product.imageURLs = ["https://img/a.jpg", " https://img/b|c.jpg "]
        let line = ProductFile.line(for: product, brandInTitle: true, category: product.category)
        #expect(line.name == "Smart Kettle 1 Acme")
        #expect(line.skuName == product.skuName)
        #expect(line.length == "15.5")
        #expect(line.weight == "900")
        #expect(line.imageURLs == "https://img/a.jpg|https://img/b%7Cc.jpg")
        let text = String(decoding: ProductFile.file([line]), as: UTF8.self)
        let lines = text.split(separator: "\n")
        #expect(lines.first == #""product-id";"shop-sku";"name";"sku-name";"description";"brand";"ean";"weight";"height";"width";"length";"image-urls";"category""#)
        #expect(lines.count == 2)
        let table = DelimitedTable.parse(ProductFile.file([line]))
        #expect(table.rows == [line.values])
        #expect(table.value("description", in: table.rows[0]) == #"<p>Say "hi"; twice</p>"#)
    }

    @Test("CSV reading: quotes, separators and newlines inside fields, BOM, ',' reports")
    func csv() {
        let semicolon = Array("\u{FEFF}\"a\";\"b\"\r\n\"x;\"\"y\"\"\";\"line\nbreak\"\n\n".utf8)
        #expect(DelimitedTable.parse(semicolon) == DelimitedTable(header: ["a", "b"], rows: [["x;\"y\"", "line\nbreak"]]))
        let comma = Array("shop_sku,errors\n2002,\"1000|x, 1001|y\"\n".utf8)
        #expect(DelimitedTable.parse(comma).rows == [["2002", "1000|x, 1001|y"]])
        #expect(DelimitedTable.parse([]).header.isEmpty)
    }
}
