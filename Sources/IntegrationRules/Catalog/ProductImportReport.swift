/// A P44 (error) or P45 (new product) report read per SKU. Their columns are the operator's;
/// the defaults are the ones Mirakl's own M2 connector uses: `shop_sku` with `errors` (P44) or
/// `messages` (P45) (reference/mirakl-api.md §2 "P44 / P45").
public struct ProductImportReport: Sendable, Equatable {
    /// Which columns hold the SKU and its messages.
    public struct Columns: Sendable, Equatable {
        public var sku: String
        public var messages: String
        public init(sku: String, messages: String) {
            self.sku = sku
            self.messages = messages
        }
        /// P44's default columns.
        public static let errorReport = Columns(sku: "shop_sku", messages: "errors")
        /// P45's default columns.
        public static let newProductReport = Columns(sku: "shop_sku", messages: "messages")
    }

    /// The messages per shop SKU (several lines of one SKU are joined).
    public var messages: [String: [String]]

    public init(messages: [String: [String]]) {
        self.messages = messages
    }

    /// Why a report could not be read.
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// The report has no column of that name (the M2 connector's "invalid report format").
        case missingColumn(String)
        public var description: String {
            switch self {
            case .missingColumn(let name): "the report has no '\(name)' column: invalid report format"
            }
        }
    }

    /// Reads a report's CSV.
    public static func parse(_ bytes: [UInt8], columns: Columns) throws(Failure) -> ProductImportReport {
        let table = DelimitedTable.parse(bytes)
        guard !table.header.isEmpty else { return ProductImportReport(messages: [:]) }
        guard table.column(columns.sku) != nil else { throw .missingColumn(columns.sku) }
        var messages: [String: [String]] = [:]
        for row in table.rows {
            let sku = table.value(columns.sku, in: row)
            guard !sku.isEmpty else { continue }
            let text = table.value(columns.messages, in: row)
            messages[sku, default: []].append(contentsOf: text.isEmpty ? [] : [text])
        }
        return ProductImportReport(messages: messages)
    }
}

/// One error of a P44 line: `code|message` (Mirakl's form, e.g. `1000|The attribute 'ean' is
/// required`, reference/mirakl-api.md §2), several in one cell joined by `, `.
public struct ProductReportError: Sendable, Equatable, CustomStringConvertible {
    /// The operator's code, when the cell has one.
    public var code: String?
    /// The message.
    public var message: String

    public init(code: String?, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { code.map { "[\($0)] \(message)" } ?? message }

    /// The errors of one cell. A `, ` separates two errors only when a `code|` follows it, so a
    /// message that holds commas stays whole.
    public static func parse(_ cell: String) -> [ProductReportError] {
        var pieces: [String] = []
        var current = ""
        var rest = Substring(cell)
        while let range = rest.firstRange(of: ", ") {
            let after = rest[range.upperBound...]
            let digits = after.prefix { $0.isASCII && $0.isNumber }
            if !digits.isEmpty, after.dropFirst(digits.count).first == "|" {
                pieces.append(current + rest[..<range.lowerBound])
                current = ""
            } else {
                current += rest[..<range.upperBound]
            }
            rest = after
        }
        pieces.append(current + rest)
        return pieces.map { $0.trimmingBlanks }.filter { !$0.isEmpty }.map { piece in
            let digits = piece.prefix { $0.isASCII && $0.isNumber }
            if !digits.isEmpty, piece.dropFirst(digits.count).first == "|" {
                return ProductReportError(
                    code: String(digits), message: String(piece.dropFirst(digits.count + 1)).trimmingBlanks)
            }
            return ProductReportError(code: nil, message: piece)
        }
    }
}
