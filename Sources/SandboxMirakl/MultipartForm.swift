/// A parsed `multipart/form-data` body (RFC 7578): the parts of a P41 or OF01 upload.
struct MultipartForm: Sendable {
    /// One part: its form name, optional file name and raw bytes.
    struct Part: Sendable {
        var name: String
        var filename: String?
        var data: [UInt8]
    }

    var parts: [Part]

    /// The first part with this form name.
    func part(named name: String) -> Part? {
        parts.first { $0.name == name }
    }

    /// The first part with this name, as UTF-8 text (trimmed).
    func text(named name: String) -> String? {
        part(named: name).map { String(decoding: $0.data, as: UTF8.self).trimmingSpaces }
    }

    /// Parses a body given its `Content-Type` header.
    /// - Throws: `MultipartError` when the type is not multipart/form-data with a boundary, or
    ///   the body does not follow it.
    static func parse(body: [UInt8], contentType: String?) throws(MultipartError) -> MultipartForm {
        guard let contentType, contentType.lowercased().hasPrefix("multipart/form-data") else {
            throw .notMultipart
        }
        guard let boundary = Self.parameter("boundary", in: contentType), !boundary.isEmpty else {
            throw .noBoundary
        }
        let delimiter = Array("--\(boundary)".utf8)
        var positions: [Int] = []
        var searchFrom = 0
        while let found = body.firstRange(of: delimiter, from: searchFrom) {
            positions.append(found.lowerBound)
            searchFrom = found.upperBound
        }
        guard positions.count >= 2 else { throw .malformed }
        var parts: [Part] = []
        for (start, end) in zip(positions, positions.dropFirst()) {
            var partStart = start + delimiter.count
            // Skip the CRLF after the delimiter.
            if partStart + 1 < body.count, body[partStart] == 13, body[partStart + 1] == 10 { partStart += 2 }
            var partEnd = end
            // The CRLF before the next delimiter belongs to it.
            if partEnd >= 2, body[partEnd - 2] == 13, body[partEnd - 1] == 10 { partEnd -= 2 }
            guard partStart <= partEnd else { throw .malformed }
            let slice = Array(body[partStart..<partEnd])
            guard let headerEnd = slice.firstRange(of: [13, 10, 13, 10], from: 0) else { throw .malformed }
            let headerText = String(decoding: slice[0..<headerEnd.lowerBound], as: UTF8.self)
            var name: String?
            var filename: String?
            for line in headerText.split(separator: "\r\n") where line.lowercased().hasPrefix("content-disposition:") {
                name = Self.parameter("name", in: String(line))
                filename = Self.parameter("filename", in: String(line))
            }
            guard let name else { throw .malformed }
            parts.append(Part(name: name, filename: filename, data: Array(slice[headerEnd.upperBound...])))
        }
        return MultipartForm(parts: parts)
    }

    /// A `key=value` or `key="value"` parameter of a header value.
    private static func parameter(_ key: String, in header: String) -> String? {
        for piece in header.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingSpaces.lowercased() == key else { continue }
            var value = pair[1].trimmingSpaces
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
                value = String(value.dropFirst().dropLast())
            }
            return value
        }
        return nil
    }
}

/// Why a multipart body could not be read.
enum MultipartError: Error, CustomStringConvertible {
    case notMultipart, noBoundary, malformed

    var description: String {
        switch self {
        case .notMultipart: "the request must be multipart/form-data"
        case .noBoundary: "the multipart Content-Type has no boundary"
        case .malformed: "the multipart body is malformed"
        }
    }
}

extension Array where Element == UInt8 {
    /// The first range where `pattern` occurs at or after `start`.
    func firstRange(of pattern: [UInt8], from start: Int) -> Range<Int>? {
        guard !pattern.isEmpty, count >= pattern.count, start <= count - pattern.count else { return nil }
        let first = pattern[0]
        var i = start
        let last = count - pattern.count
        while i <= last {
            if self[i] == first {
                var match = true
                for j in 1..<pattern.count where self[i + j] != pattern[j] {
                    match = false
                    break
                }
                if match { return i..<(i + pattern.count) }
            }
            i += 1
        }
        return nil
    }
}
