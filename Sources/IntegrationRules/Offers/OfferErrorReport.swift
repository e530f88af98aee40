/// OF03's error report read back: the lines Mirakl refused, each mapped to its SKU by the
/// connector's key column (reference/mirakl-api.md §3 OF03: the original columns plus
/// `error-message`, the M2 connector's reading; `error-line` when present).
public enum OfferErrorReport {
    /// One refused line.
    public struct LineError: Sendable, Equatable {
        /// The VTEX SKU id the line was for.
        public var skuId: String
        /// Mirakl's reason, as it gave it.
        public var message: String
        /// The line number in the uploaded file, when the report gives it.
        public var lineNumber: Int?
        /// Whether Mirakl refused the offer because the product is not catalogued yet
        /// (carrefour-inventory-integration-errors.pt.md: such offers wait for the cataloguing).
        public var notCatalogued: Bool

        public init(skuId: String, message: String, lineNumber: Int?, notCatalogued: Bool) {
            self.skuId = skuId
            self.message = message
            self.lineNumber = lineNumber
            self.notCatalogued = notCatalogued
        }
    }

    /// Why a report could not be read.
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        case empty
        case missingColumn(String)

        public var description: String {
            switch self {
            case .empty: "the OF03 report is empty"
            case .missingColumn(let name): "the OF03 report has no \(name) column"
            }
        }
    }

    /// Reads a report. The SKU comes from ``OfferImportFile/keyColumn``, else from `sku`.
    public static func parse(_ bytes: [UInt8]) throws(Failure) -> [LineError] {
        let table = DelimitedTable.parse(bytes)
        guard !table.header.isEmpty else { throw .empty }
        guard let messageColumn = table.column("error-message") else { throw .missingColumn("error-message") }
        guard let skuName = [OfferImportFile.keyColumn, "sku"].first(where: { table.column($0) != nil }) else {
            throw .missingColumn(OfferImportFile.keyColumn)
        }
        return table.rows.compactMap { row in
            let skuId = table.value(skuName, in: row)
            guard !skuId.isEmpty else { return nil }
            let message = messageColumn < row.count ? row[messageColumn] : ""
            return LineError(
                skuId: skuId, message: message, lineNumber: Int(table.value("error-line", in: row)),
                notCatalogued: isNotCatalogued(message))
        }
    }

    /// Whether `message` is Carrefour's "product not catalogued yet" refusal: the seed's text
    /// ("Produto ainda não foi catalogado no Carrefour…", carrefour-inventory-integration-errors.pt.md)
    /// or its English wording. A deleted or unknown product is not this case: it will never be
    /// catalogued by waiting.
    public static func isNotCatalogued(_ message: String) -> Bool {
        let folded = message.lowercased()
            .replacing("ã", with: "a").replacing("á", with: "a")
        return ["nao foi catalogado", "not catalogued", "not cataloged", "not yet catalogued", "not yet cataloged"]
            .contains { folded.contains($0) }
    }
}

