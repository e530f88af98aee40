/// The OF01 offer file (mirakl-api.md §3 "CSV header"): `;`-separated, a header row, the columns
/// `sku`, `product-id`, `product-id-type`, `price`, `quantity`, `state` required, `update-delete`
/// optional, any extra column (the connector's own key) carried through to the OF03 report.
enum OfferFile {
    /// Columns that must be in the header.
    static let requiredColumns = ["sku", "product-id", "product-id-type", "price", "quantity", "state"]
    /// The offer state code the sandbox knows: 11 = New (mirakl-api.md §3, OF61 default).
    static let knownStateCodes: Set<String> = ["11"]
    /// The OF03 error text for an offer whose product is not catalogued yet
    /// (carrefour-inventory-integration-errors.pt.md, first message).
    static let notCataloguedMessage =
        "Produto ainda não foi catalogado no Carrefour. Para reprocessar essa oferta, aguarde a confirmação do "
        + "Carrefour de que o produto foi catalogado. Para mais detalhes verifique o portal do carrefour."

    /// Names the missing header columns, if any.
    static func missingColumns(in table: CSVTable) -> [String] {
        requiredColumns.filter { table.column($0) == nil }
    }
}
