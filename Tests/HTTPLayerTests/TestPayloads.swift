import Foundation

/// A body the JSON route accepts.
struct Order: Codable, Sendable, Equatable {
    var id: String
    var items: [Item]

    struct Item: Codable, Sendable, Equatable {
        var sku: String
        var quantity: Int
        var price: Double
    }
}

/// What the JSON route answers.
struct Receipt: Codable, Sendable, Equatable {
    var id: String
    var lines: Int
    var total: Double
    var contentType: String
}

/// One multipart part as the upload route parsed it.
struct ReceivedPart: Codable, Sendable, Equatable {
    var name: String
    var filename: String?
    var contentType: String?
    var data: Data
}

/// The request headers as the echo route saw them.
struct ReceivedHeaders: Codable, Sendable {
    var fields: [[String]]

    func values(_ name: String) -> [String] {
        fields.filter { $0.first?.lowercased() == name.lowercased() }.compactMap { $0.last }
    }
}

enum Payloads {
    /// Every byte value 0…255, `repeats` times over.
    static func allByteValues(repeats: Int) -> [UInt8] {
        (0..<repeats).flatMap { _ in (0...255).map { UInt8($0) } }
    }

    /// The decompressed form of ``gzipped``.
    static let gzipText = #"{"compressed":true,"message":""# + String(repeating: "carrefour ", count: 20) + #""}"#

    /// `gzipText` gzip-compressed (made once, offline, with Python's gzip module, mtime 0).
    static let gzipped: [UInt8] = [
        0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0xab, 0x56, 0x4a, 0xce, 0xcf, 0x2d, 0x28, 0x4a,
        0x2d, 0x2e, 0x4e, 0x4d, 0x51, 0xb2, 0x2a, 0x29, 0x2a, 0x4d, 0xd5, 0x51, 0xca, 0x05, 0xf2, 0x12, 0xd3, 0x53,
        0x95, 0xac, 0x94, 0x92, 0x13, 0x8b, 0x8a, 0x52, 0xd3, 0xf2, 0x4b, 0x8b, 0x14, 0x86, 0x36, 0x4b, 0xa9, 0x16,
        0x00, 0x9b, 0x1d, 0xb8, 0xf8, 0xe8, 0x00, 0x00, 0x00,
    ]

    /// An IMF-fixdate (RFC 9110 §5.6.7) for `date`.
    static func imfFixdate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }
}
