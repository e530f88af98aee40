/// A `;`-separated, `"`-quoted CSV file as Mirakl reads and writes them (mirakl-api.md §3
/// "CSV header": `;`-separated and `"`-quoted; a quote inside a field is doubled).
struct CSVTable: Sendable, Equatable {
    /// The header row's column names (trimmed).
    var header: [String]
    /// The data rows, each as long as it was in the file.
    var rows: [[String]]

    /// Parses UTF-8 text; blank lines are skipped, a field may hold `;`, quotes and newlines
    /// when quoted. A leading UTF-8 byte order mark is ignored.
    /// - Throws: `CSVError.empty` when there is no header row.
    static func parse(_ bytes: [UInt8]) throws(CSVError) -> CSVTable {
        var records: [[String]] = []
        var record: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        var fieldWasQuoted = false
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        func endField() {
            record.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            fieldWasQuoted = false
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
            } else {
                switch byte {
                case UInt8(ascii: "\"") where field.isEmpty && !fieldWasQuoted:
                    inQuotes = true
                    fieldWasQuoted = true
                case UInt8(ascii: ";"):
                    endField()
                case UInt8(ascii: "\n"):
                    endRecord()
                case UInt8(ascii: "\r"):
                    break
                default:
                    field.append(byte)
                }
            }
            index += 1
        }
        if !field.isEmpty || !record.isEmpty || fieldWasQuoted { endRecord() }
        guard let header = records.first else { throw .empty }
        return CSVTable(header: header.map { $0.trimmingSpaces }, rows: Array(records.dropFirst()))
    }

    /// The index of a column by name, if present.
    func column(_ name: String) -> Int? {
        header.firstIndex(of: name)
    }

    /// Writes the table with every field quoted, `;`-separated, `\n`-terminated lines.
    func serialized() -> [UInt8] {
        var out: [UInt8] = []
        func write(_ row: [String]) {
            for (i, value) in row.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ";")) }
                out.append(UInt8(ascii: "\""))
                for byte in value.utf8 {
                    if byte == UInt8(ascii: "\"") { out.append(byte) }
                    out.append(byte)
                }
                out.append(UInt8(ascii: "\""))
            }
            out.append(UInt8(ascii: "\n"))
        }
        write(header)
        rows.forEach(write)
        return out
    }
}

/// Why a CSV file could not be read.
enum CSVError: Error, CustomStringConvertible {
    /// The file has no header row.
    case empty

    var description: String {
        switch self {
        case .empty: "the file is empty: a header row is required"
        }
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and newlines.
    var trimmingSpaces: String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
