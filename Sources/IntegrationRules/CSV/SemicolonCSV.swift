/// Mirakl's CSV files: `;`-separated, fields `"`-quoted with inner quotes doubled, a header row
/// (reference/mirakl-api.md §3 "CSV header"; the OF03 and P44/P45 reports come back the same way).
public enum SemicolonCSV {
    /// A parsed file: the header and the data rows.
    public struct Table: Sendable, Equatable {
        /// The column names, trimmed.
        public var header: [String]
        /// The data rows, each as long as it was in the file.
        public var rows: [[String]]

        /// The position of the column named `name`, if there is one.
        public func column(_ name: String) -> Int? {
            header.firstIndex(of: name)
        }

        /// The value of column `index` in `row`, or `""` when the row is shorter.
        public func value(_ row: [String], _ index: Int?) -> String {
            guard let index, index < row.count else { return "" }
            return row[index]
        }
    }

    /// Parses UTF-8 bytes. A quoted field may hold `;`, quotes and line breaks; `\r\n` ends a line
    /// like `\n`; blank lines are skipped; a leading byte order mark is ignored. Returns `nil` when
    /// there is no header row.
    public static func parse(_ bytes: [UInt8]) -> Table? {
        var records: [[String]] = []
        var record: [String] = []
        var field: [UInt8] = []
        var inQuotes = false, quoted = false
        func endField() {
            record.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            quoted = false
        }
        func endRecord() {
            endField()
            if !(record.count == 1 && record[0].isEmpty) { records.append(record) }
            record.removeAll(keepingCapacity: true)
        }
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while index < bytes.count {
            let byte = bytes[index]
            if inQuotes {
                if byte == quote {
                    if index + 1 < bytes.count, bytes[index + 1] == quote {
                        field.append(quote)
                        index += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    field.append(byte)
                }
            } else if byte == quote, field.isEmpty, !quoted {
                inQuotes = true
                quoted = true
            } else if byte == separator {
                endField()
            } else if byte == newline {
                endRecord()
            } else if byte != carriageReturn {
                field.append(byte)
            }
            index += 1
        }
        if !field.isEmpty || !record.isEmpty || quoted { endRecord() }
        guard let header = records.first else { return nil }
        return Table(header: header.map { $0.trimmingCharacters(in: " \t") }, rows: Array(records.dropFirst()))
    }

    /// Appends `value` quoted, with inner quotes doubled.
    public static func appendField(_ value: String, to out: inout [UInt8]) {
        out.append(quote)
        for byte in value.utf8 {
            if byte == quote { out.append(quote) }
            out.append(byte)
        }
        out.append(quote)
    }

    static let quote = UInt8(ascii: "\""), separator = UInt8(ascii: ";")
    static let newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")
}

extension String {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var text = Substring(self)
        while let first = text.first, set.contains(first) { text.removeFirst() }
        while let last = text.last, set.contains(last) { text.removeLast() }
        return String(text)
    }
}
