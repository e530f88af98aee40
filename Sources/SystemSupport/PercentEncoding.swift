/// Percent encoding and decoding (RFC 3986 section 2.1) without Foundation's `CharacterSet`.
public enum PercentEncoding {
    /// `text` with every UTF-8 byte that `allowed` does not hold written as `%XX` (upper-case hex).
    /// Bytes outside ASCII are always encoded.
    public static func encode(_ text: String, allowing allowed: ASCIISet) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        let hex = Array("0123456789ABCDEF".utf8)
        for byte in text.utf8 {
            if allowed.contains(byte) {
                out.append(byte)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `text` with every `%XX` replaced by its byte; nil when a `%` is not followed by two hex
    /// digits or the bytes are not UTF-8 (as Foundation's `removingPercentEncoding`).
    public static func decode(_ text: String) -> String? {
        var out: [UInt8] = []
        var bytes = text.utf8.makeIterator()
        while let byte = bytes.next() {
            guard byte == UInt8(ascii: "%") else {
                out.append(byte)
                continue
            }
            guard let high = bytes.next().flatMap(hexValue), let low = bytes.next().flatMap(hexValue) else { return nil }
            out.append(high << 4 | low)
        }
        return String(validating: out, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

/// A set of ASCII characters (what a `CharacterSet` of allowed characters was, for URL parts).
public struct ASCIISet: Sendable {
    private var low: UInt64
    private var high: UInt64

    /// The set of the ASCII characters of `characters` (others are ignored).
    public init(_ characters: String) {
        low = 0
        high = 0
        for byte in characters.utf8 where byte < 128 {
            if byte < 64 { low |= 1 << UInt64(byte) } else { high |= 1 << UInt64(byte - 64) }
        }
    }

    /// Whether `byte` is one of the set's characters.
    public func contains(_ byte: UInt8) -> Bool {
        byte < 64 ? low & (1 << UInt64(byte)) != 0 : byte < 128 && high & (1 << UInt64(byte - 64)) != 0
    }

    /// The set without the characters of `characters`.
    public func subtracting(_ characters: String) -> ASCIISet {
        let removed = ASCIISet(characters)
        var result = self
        result.low &= ~removed.low
        result.high &= ~removed.high
        return result
    }

    /// Letters and digits.
    public static let alphanumerics = ASCIISet("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
    /// What Foundation's `CharacterSet.urlQueryAllowed` allows of ASCII (RFC 3986's query).
    public static let urlQueryAllowed = alphanumerics.union("!$&'()*+,-./:;=?@_~")
    /// What Foundation's `CharacterSet.urlPathAllowed` allows of ASCII (RFC 3986's path).
    public static let urlPathAllowed = alphanumerics.union("!$&'()*+,-./:=@_~")

    private func union(_ characters: String) -> ASCIISet {
        let added = ASCIISet(characters)
        var result = self
        result.low |= added.low
        result.high |= added.high
        return result
    }
}
