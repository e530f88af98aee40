/// The OF01 offer file (reference/mirakl-api.md §3 "CSV header"): `;`-separated, every field
/// quoted, one line per SKU. The columns:
///
/// - `sku`: the offer's shop SKU, the VTEX SKU id;
/// - `product-id` + `product-id-type` `SHOP_SKU`: the product the catalog flow imported with the
///   same shop SKU (the M2 connector's choice after a P41 import);
/// - `price` with a `.` and two decimals; `quantity`, a whole number;
/// - `state` `11` ("New", OF61's default: Carrefour's own code is unconfirmed, §5);
/// - `update-delete` `update` (in NORMAL mode, an unknown SKU is created and a known one updated);
/// - ``keyColumn``, the connector's own key: extra columns come back in OF03's error report, so
///   each refused line maps back to its SKU whatever Mirakl did to the others (§3).
public enum OfferImportFile {
    /// The connector's own key column.
    public static let keyColumn = "vtex-sku-id"
    /// The offer state sent: 11, "New".
    public static let stateCode = "11"
    /// The header, in order.
    public static let columns = ["sku", "product-id", "product-id-type", "price", "quantity", "state", "update-delete", keyColumn]

    /// The whole file for `quotes`, header first. Written byte by byte: 100,000 lines take a few
    /// milliseconds.
    public static func csv(_ quotes: [OfferQuote]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(96 + quotes.count * 96)
        for (index, column) in columns.enumerated() {
            if index > 0 { out.append(SemicolonCSV.separator) }
            SemicolonCSV.appendField(column, to: &out)
        }
        out.append(SemicolonCSV.newline)
        for quote in quotes {
            append(quote, to: &out)
            out.append(SemicolonCSV.newline)
        }
        return out
    }

    /// One line of the file (without its line break), for the integration log.
    public static func line(_ quote: OfferQuote) -> String {
        var out: [UInt8] = []
        append(quote, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `12345` cents as `123.45`; a negative amount keeps its sign.
    public static func price(cents: Int) -> String {
        var out: [UInt8] = []
        appendPrice(cents, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private static func append(_ quote: OfferQuote, to out: inout [UInt8]) {
        SemicolonCSV.appendField(quote.skuId, to: &out)
        out.append(SemicolonCSV.separator)
        SemicolonCSV.appendField(quote.skuId, to: &out)
        out.append(contentsOf: #";"SHOP_SKU";""#.utf8)
        appendPrice(quote.priceCents, to: &out)
        out.append(contentsOf: #"";""#.utf8)
        appendInteger(quote.quantity, to: &out)
        out.append(contentsOf: #"";"11";"update";"#.utf8)
        SemicolonCSV.appendField(quote.skuId, to: &out)
    }

    private static func appendPrice(_ cents: Int, to out: inout [UInt8]) {
        if cents < 0 { out.append(UInt8(ascii: "-")) }
        let magnitude = cents.magnitude
        appendInteger(Int(magnitude / 100), to: &out)
        out.append(UInt8(ascii: "."))
        let fraction = Int(magnitude % 100)
        out.append(UInt8(ascii: "0") + UInt8(fraction / 10))
        out.append(UInt8(ascii: "0") + UInt8(fraction % 10))
    }

    private static func appendInteger(_ value: Int, to out: inout [UInt8]) {
        if value < 0 {
            out.append(UInt8(ascii: "-"))
            appendInteger(Int(value.magnitude), to: &out)  // Int.min cannot occur for prices and stock
            return
        }
        if value >= 10 { appendInteger(value / 10, to: &out) }
        out.append(UInt8(ascii: "0") + UInt8(value % 10))
    }
}
