#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// C's `printf` formatting of one number (what `String(format:)` did, without Foundation): the same
/// rounding and digits, e.g. `DecimalFormat.format(1.25, "%.1f")` is `1.2`.
enum DecimalFormat {
    static func format(_ value: Double, _ pattern: StaticString) -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        let count = withVaList([value]) { arguments in
            pattern.withUTF8Buffer { format in
                format.withMemoryRebound(to: CChar.self) { vsnprintf(&buffer, buffer.count, $0.baseAddress!, arguments) }
            }
        }
        guard count >= 0 else { return "\(value)" }
        return String(decoding: buffer.prefix(min(Int(count), buffer.count - 1)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
