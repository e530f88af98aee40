/// The product-import file the connector sends to P41, as the sandbox defines it (see the module
/// documentation in `SandboxMirakl.swift`): one line per SKU, `;`-separated, a header row.
enum ProductFile {
    /// Every column, in the order the catalog worker writes them.
    static let columns = [
        "product-id", "shop-sku", "name", "sku-name", "description", "brand", "ean",
        "weight", "height", "width", "length", "image-urls", "category",
    ]
    /// Columns that must be in the header (the seeds' required fields plus the two keys;
    /// how-the-carrefour-integration-works.md "The fields that are sent").
    static let requiredColumns = [
        "product-id", "shop-sku", "name", "sku-name", "description", "ean", "weight", "height", "width", "length",
        "image-urls",
    ]
    /// Required values, with the seeds' field names.
    static let requiredValues = [
        "name", "sku-name", "description", "ean", "weight", "height", "width", "length", "image-urls",
    ]

    /// One line of the file, with the fields the sandbox keeps.
    struct Line: Sendable {
        var lineNumber: Int
        var productId: String
        var shopSKU: String
        var name: String
        var skuName: String
        var description: String
        var brand: String
        var ean: String
        var category: String
        var imageURLs: [String]
        /// Every column outside ``ProductFile/columns``: Carrefour attributes by their code.
        var attributes: [String: String]
        /// The validation errors of the line alone (rules needing other state come later).
        var errors: [String]
    }

    /// Reads the file, or names the missing header columns.
    static func read(_ table: CSVTable) -> Result<[Line], ProductFileError> {
        let missing = requiredColumns.filter { table.column($0) == nil }
        guard missing.isEmpty else { return .failure(.missingColumns(missing)) }
        var lines: [Line] = []
        for (offset, row) in table.rows.enumerated() {
            func value(_ name: String) -> String {
                guard let index = table.column(name), index < row.count else { return "" }
                return row[index].trimmingSpaces
            }
            var errors: [String] = []
            for name in requiredValues where value(name).isEmpty {
                errors.append("1000|The attribute '\(name)' is required")
            }
            if value("product-id").isEmpty { errors.append("1000|The attribute 'product-id' is required") }
            if value("shop-sku").isEmpty { errors.append("1000|The attribute 'shop-sku' is required") }
            let ean = value("ean")
            if !ean.isEmpty, !(ean.allSatisfy(\.isASCIIDigit) && [8, 12, 13, 14].contains(ean.count)) {
                errors.append("1001|The EAN '\(ean)' is invalid: 8, 12, 13 or 14 digits expected")
            } else if !ean.isEmpty, let expected = gs1CheckDigit(ean), String(expected) != String(ean.suffix(1)) {
                // An EAN is a GS1 code whose last digit is a check digit (GS1 General Specifications
                // §7.9); Mirakl's documentation does not say it checks it, so the harsher behaviour is
                // the default.
                errors.append("1001|The EAN '\(ean)' is invalid: its check digit should be \(expected)")
            }
            for name in ["weight", "height", "width", "length"] {
                let text = value(name)
                if !text.isEmpty, !((Double(text) ?? 0) > 0) {
                    errors.append("1002|The attribute '\(name)' must be a positive number (got '\(text)')")
                }
            }
            let images = value("image-urls").split(separator: "|").map { $0.trimmingSpaces }.filter { !$0.isEmpty }
            if !value("image-urls").isEmpty, images.isEmpty {
                errors.append("1000|The attribute 'image-urls' is required")
            }
            lines.append(Line(
                lineNumber: offset + 2, productId: value("product-id"), shopSKU: value("shop-sku"),
                name: value("name"), skuName: value("sku-name"), description: value("description"), brand: value("brand"), ean: ean,
                category: value("category"), imageURLs: images, attributes: attributes(of: row, in: table), errors: errors))
        }
        return .success(lines)
    }
}

extension ProductFile {
    /// The GS1 check digit a code of digits should end with (weights 3 and 1 from the right).
    static func gs1CheckDigit(_ code: String) -> Int? {
        let digits = code.compactMap(\.wholeNumberValue)
        guard digits.count == code.count, digits.count > 1 else { return nil }
        let sum = digits.dropLast().reversed().enumerated().reduce(0) { $0 + $1.element * ($1.offset.isMultiple(of: 2) ? 3 : 1) }
        return (10 - sum % 10) % 10
    }

    /// The non-empty values of the columns outside ``columns`` (attribute codes).
    static func attributes(of row: [String], in table: CSVTable) -> [String: String] {
        var attributes: [String: String] = [:]
        for (index, name) in table.header.enumerated() where !columns.contains(name) && index < row.count {
            let value = row[index].trimmingSpaces
            if !value.isEmpty { attributes[name] = value }
        }
        return attributes
    }
}

/// Why a whole product file was refused (the import ends FAILED).
enum ProductFileError: Error, CustomStringConvertible {
    case missingColumns([String])
    case unreadable(String)

    var description: String {
        switch self {
        case .missingColumns(let names): "Missing column(s) in the header: \(names.joined(separator: ", "))"
        case .unreadable(let reason): "The file could not be read: \(reason)"
        }
    }
}

extension Character {
    /// Whether this is one of the ASCII digits 0-9.
    var isASCIIDigit: Bool { isASCII && isNumber }
}
