import IntegrationRules
import Testing

@Suite("OF03 error report")
struct OfferErrorReportTests {
    static let notCatalogued =
        "Produto ainda não foi catalogado no Carrefour. Para reprocessar essa oferta, aguarde a confirmação do "
        + "Carrefour de que o produto foi catalogado. Para mais detalhes verifique o portal do carrefour."

    @Test("each refused line maps to its SKU by the connector's key column; the not-catalogued refusal is recognised")
    func lines() throws {
        let report = """
            "sku";"product-id";"product-id-type";"price";"quantity";"state";"update-delete";"vtex-sku-id";"error-line";"error-message"
            "12";"12";"SHOP_SKU";"10.00";"3";"11";"update";"12";"2";"\(Self.notCatalogued)"
            "40";"40";"SHOP_SKU";"0.00";"3";"11";"update";"40";"3";"The price '0.00' is invalid: a positive decimal with '.' expected"
            """
        let errors = try OfferErrorReport.parse(Array(report.utf8))
        #expect(errors == [
            .init(skuId: "12", message: Self.notCatalogued, lineNumber: 2, notCatalogued: true),
            .init(skuId: "40", message: "The price '0.00' is invalid: a positive decimal with '.' expected", lineNumber: 3, notCatalogued: false),
        ])
    }

    @Test("without the key column the sku column is used; a report without error-message is refused")
    func columns() throws {
        let bare = "\"sku\";\"error-message\"\r\n\"5\";\"The product does not exist\"\r\n"
        #expect(try OfferErrorReport.parse(Array(bare.utf8)) == [.init(skuId: "5", message: "The product does not exist", lineNumber: nil, notCatalogued: false)])
        #expect(throws: OfferErrorReport.Failure.missingColumn("error-message")) {
            try OfferErrorReport.parse(Array("\"sku\";\"message\"\n\"5\";\"x\"\n".utf8))
        }
        #expect(throws: OfferErrorReport.Failure.empty) { try OfferErrorReport.parse([]) }
    }

    @Test("not catalogued, in Portuguese or English; a deleted product is not awaiting cataloguing", arguments: [
        (notCatalogued, true), ("Produto ainda nao foi catalogado", true), ("The product is not yet catalogued", true),
        ("Product not cataloged", true), ("The product does not exist", false), ("Product not found", false),
    ])
    func classification(message: String, expected: Bool) {
        #expect(OfferErrorReport.isNotCatalogued(message) == expected)
    }
}
