/// Writing Mirakl's CSV files: `;`-separated, fields `"`-quoted with inner quotes doubled, a header
/// row (reference/mirakl-api.md §3 "CSV header"). Files and reports are read with ``DelimitedTable``.
public enum SemicolonCSV {
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
    static let newline = UInt8(ascii: "\n")
}

