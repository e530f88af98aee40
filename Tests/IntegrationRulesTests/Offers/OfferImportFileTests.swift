import IntegrationRules
import Testing

@Suite("OF01 offer file")
struct OfferImportFileTests {
    @Test("header and lines: ;-separated, quoted, SHOP_SKU product, state 11, update, the connector's key column")
    func layout() {
        let text = String(decoding: OfferImportFile.csv([
            OfferQuote(skuId: "12", priceCents: 12345, quantity: 7),
            OfferQuote(skuId: "3", priceCents: 5, quantity: 0),
        ]), as: UTF8.self)
        #expect(text == """
            "sku";"product-id";"product-id-type";"price";"quantity";"state";"update-delete";"vtex-sku-id"
            "12";"12";"SHOP_SKU";"123.45";"7";"11";"update";"12"
            "3";"3";"SHOP_SKU";"0.05";"0";"11";"update";"3"

            """)
    }

    @Test("prices are written with a dot and two decimals", arguments: [
        (0, "0.00"), (5, "0.05"), (10, "0.10"), (100, "1.00"), (1999, "19.99"), (123_456_789, "1234567.89"), (-250, "-2.50"),
    ])
    func prices(cents: Int, text: String) {
        #expect(OfferImportFile.price(cents: cents) == text)
    }

    @Test("a quote in a SKU id is doubled, and the file reads back column by column")
    func quotingRoundTrip() throws {
        let file = OfferImportFile.csv([OfferQuote(skuId: #"a"b;c"#, priceCents: 100, quantity: 1)])
        let table = DelimitedTable.parse(file)
        #expect(table.header == OfferImportFile.columns)
        #expect(table.rows == [[#"a"b;c"#, #"a"b;c"#, "SHOP_SKU", "1.00", "1", "11", "update", #"a"b;c"#]])
    }

    @Test("100,000 quotes make 100,000 lines under the header, the last one the last quote (speed: BENCHMARKS.md)")
    func large() {
        let quotes = (0..<100_000).map { OfferQuote(skuId: String($0), priceCents: 1000 + $0, quantity: $0 % 50) }
        let table = DelimitedTable.parse(OfferImportFile.csv(quotes))
        #expect(table.rows.count == 100_000)
        #expect(table.rows.last.map { [$0[0], $0[3], $0[4]] } == ["99999", "1009.99", "49"])
    }
}
