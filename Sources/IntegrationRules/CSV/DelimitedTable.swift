/// A CSV table as Mirakl's import files and reports are written: a header row, `"`-quoted fields
/// (a quote inside doubled), `;`-separated (reference/mirakl-api.md §2 P41: "`;`-separated,
/// `"`-enclosed CSV with a header row"). Reports whose columns the operator defines may use
/// another separator, so ``parse(_:)`` takes the header's.
public struct DelimitedTable: Sendable, Equatable {
    /// The column names.
    public var header: [String]
    /// The data rows.
    public var rows: [[String]]

    public init(header: [String], rows: [[String]]) {
        self.header = header
        self.rows = rows
    }

    /// The index of column `name` (exact, else case-insensitive).
    public func column(_ name: String) -> Int? {
        header.firstIndex(of: name) ?? header.firstIndex { $0.lowercased() == name.lowercased() }
    }

    /// Row `row`'s value in column `name`, trimmed; empty when absent.
    public func value(_ name: String, in row: [String]) -> String {
        guard let index = column(name), index < row.count else { return "" }
        return row[index].trimmingBlanks
    }

    /// Writes the table: every field quoted, `separator`-separated, `\n` after each line.
    public func serialized(separator: UInt8 = UInt8(ascii: ";")) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity((rows.count + 1) * 128)
        func write(_ fields: [String]) {
            for (index, value) in fields.enumerated() {
                if index > 0 { out.append(separator) }
                SemicolonCSV.appendField(value, to: &out)
            }
            out.append(UInt8(ascii: "\n"))
        }
        write(header)
        for row in rows { write(row) }
        return out
    }

    /// Parses UTF-8 CSV text: the separator is `;` when the header line has one, else `,`;
    /// quoted fields may hold separators, quotes and newlines; blank lines and a byte order mark
    /// are skipped. An empty text is a table with no columns.
    public static func parse(_ bytes: [UInt8]) -> DelimitedTable {
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let firstLineEnd = bytes[index...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.endIndex
        let separator = bytes[index..<firstLineEnd].contains(UInt8(ascii: ";")) ? UInt8(ascii: ";") : UInt8(ascii: ",")
        var records: [[String]] = []
        var record: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        var quoted = false
        func endField() {
            record.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            quoted = false
        }
        func endRecord() {
            endField()
            if !(record.count == 1 && record[0].isEmpty) { records.append(record) }
            record.removeAll()
        }
        while index < bytes.count {
            let byte = bytes[index]
            if inQuotes {
                if byte == UInt8(ascii: "\"") {
                    if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\"") {
                        field.append(byte)
                        index += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    field.append(byte)
                }
            } else if byte == UInt8(ascii: "\""), field.isEmpty, !quoted {
                inQuotes = true
                quoted = true
            } else if byte == separator {
                endField()
            } else if byte == UInt8(ascii: "\n") {
                endRecord()
            } else if byte != UInt8(ascii: "\r") {
                field.append(byte)
            }
            index += 1
        }
        if !field.isEmpty || !record.isEmpty || quoted { endRecord() }
        guard let header = records.first else { return DelimitedTable(header: [], rows: []) }
        return DelimitedTable(header: header.map { $0.trimmingBlanks }, rows: Array(records.dropFirst()))
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    var trimmingBlanks: String {
        guard let start = firstIndex(where: { $0 != " " && $0 != "\t" }),
              let end = lastIndex(where: { $0 != " " && $0 != "\t" }) else { return "" }
        return String(self[start...end])
    }
}
