import IntegrationRules
import Testing

@Suite("catalog rules: import reports to per-SKU outcomes")
struct ProductImportOutcomeTests {
    static let errorReport = Array("""
        "line";"shop_sku";"product_id";"errors"
        "3";"2002";"1002";"1000|The attribute 'ean' is required"
        "4";"2013";"1013";"1001|The EAN '12' is invalid: 8, 12, 13 or 14 digits expected, 1002|The attribute 'weight' must be a positive number (got '0')"
        "5";"2014";"1014";"2002|The product was deleted in Carrefour and can never be imported again"
        "6";"2015";"1015";"2003|The product is already catalogued: Carrefour does not accept updates"

        """.utf8)
    static let newProductReport = Array("""
        "line";"shop_sku";"product_id";"messages"
        "2";"2001";"1001";"Product integrated"

        """.utf8)

    @Test("a cell's errors split only where a code follows")
    func errorCells() {
        let errors = ProductReportError.parse("1001|The EAN '12' is invalid: 8, 12, 13 or 14 digits expected, 2001|Two SKUs, sorry")
        #expect(errors == [
            ProductReportError(code: "1001", message: "The EAN '12' is invalid: 8, 12, 13 or 14 digits expected"),
            ProductReportError(code: "2001", message: "Two SKUs, sorry"),
        ])
        #expect(ProductReportError.parse("plain message") == [ProductReportError(code: nil, message: "plain message")])
    }

    @Test("P45 → integrated; P44 → refused, deleted or already catalogued; neither → not in reports")
    func completeImport() throws {
        let errors = try ProductImportReport.parse(Self.errorReport, columns: .errorReport)
        let added = try ProductImportReport.parse(Self.newProductReport, columns: .newProductReport)
        let outcomes = ProductOutcome.outcomes(
            importId: 7, skus: ["2001", "2002", "2013", "2014", "2015", "2016"], status: "COMPLETE", reason: nil,
            errorReport: errors, newProductReport: added)
        #expect(outcomes["2001"] == .integrated(importId: 7, message: "Product integrated"))
        #expect(outcomes["2001"]?.status == .success)
        #expect(outcomes["2001"]?.refreshesOffer == true)
        #expect(outcomes["2002"]?.message == "Carrefour refused the product in import 7: [1000] The attribute 'ean' is required")
        #expect(outcomes["2013"]?.message == "Carrefour refused the product in import 7: [1001] The EAN '12' is invalid: 8, 12, 13 or 14 digits expected; [1002] The attribute 'weight' must be a positive number (got '0')")
        guard case .deleted = outcomes["2014"] else { Issue.record("2014 not deleted"); return }
        #expect(outcomes["2014"]?.state == .deleted(importId: 7, reason: outcomes["2014"]?.message ?? ""))
        #expect(outcomes["2015"]?.refreshesOffer == true)
        #expect(outcomes["2015"]?.state == .integrated(importId: 7))
        #expect(outcomes["2016"] == .notInReports(importId: 7))
        #expect(outcomes["2016"]?.status == .error)
    }

    @Test("a FAILED import fails every SKU with its reason; a report without the SKU column is refused")
    func failedImport() {
        let outcomes = ProductOutcome.outcomes(
            importId: 9, skus: ["1", "2"], status: "FAILED", reason: "Missing column(s) in the header: ean",
            errorReport: nil, newProductReport: nil)
        #expect(outcomes["1"]?.message == "Import 9 ended FAILED: Missing column(s) in the header: ean; the product was not integrated")
        #expect(outcomes.count == 2)
        #expect(throws: ProductImportReport.Failure.missingColumn("shop_sku")) {
            try ProductImportReport.parse(Array("sku;errors\n1;x\n".utf8), columns: .errorReport)
        }
    }

    @Test("history folds import by import: deleted is final, integrated stays, newer news wins otherwise")
    func folding() {
        let refused = CatalogState.refused(importId: 1, reason: "no EAN")
        #expect(CatalogState.unknown.merging(.inFlight(importId: 2)) == .inFlight(importId: 2))
        #expect(refused.merging(.integrated(importId: 3)) == .integrated(importId: 3))
        #expect(CatalogState.integrated(importId: 3).merging(.refused(importId: 4, reason: "x")) == .integrated(importId: 3))
        #expect(CatalogState.integrated(importId: 3).merging(.deleted(importId: 5, reason: "gone")) == .deleted(importId: 5, reason: "gone"))
        #expect(CatalogState.deleted(importId: 5, reason: "gone").merging(.integrated(importId: 6)) == .deleted(importId: 5, reason: "gone"))
        #expect(CatalogState.inFlight(importId: 2).merging(.unknown) == .inFlight(importId: 2))
    }

    @Test("decisions: send, refresh the offer, wait, keep refused, never resend")
    func decisions() {
        #expect(CatalogDecision.decide(state: .unknown, priceOrStockOnly: true) == .send)
        #expect(CatalogDecision.decide(state: .integrated(importId: 1), priceOrStockOnly: false) == .refreshOffer)
        #expect(CatalogDecision.decide(state: .inFlight(importId: 2), priceOrStockOnly: false) == .awaitImport(importId: 2))
        #expect(CatalogDecision.decide(state: .refused(importId: 3, reason: "r"), priceOrStockOnly: true) == .keepRefused(importId: 3, reason: "r"))
        #expect(CatalogDecision.decide(state: .refused(importId: 3, reason: "r"), priceOrStockOnly: false) == .send)
        #expect(CatalogDecision.decide(state: .deleted(importId: 4, reason: "d"), priceOrStockOnly: false) == .neverResend(importId: 4, reason: "d"))

        #expect(CatalogWaitDecision.decide(state: .integrated(importId: 1), waited: 60, maximum: 600, maximumText: "10m") == .probeOffer)
        #expect(CatalogWaitDecision.decide(state: .integrated(importId: 1), waited: 601, maximum: 600, maximumText: "10m")
            == .giveUp(reason: "Carrefour has not catalogued the product within 10m of its integration (import 1); contact Carrefour, then reprocess it"))
        #expect(CatalogWaitDecision.decide(state: .unknown, waited: 0, maximum: 1, maximumText: "1s") == .send)
        #expect(CatalogWaitDecision.decide(state: .inFlight(importId: 2), waited: 0, maximum: 1, maximumText: "1s") == .stop(reason: "import 2 will report on it"))
    }
}
