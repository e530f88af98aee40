import Foundation

/// The server side of the multipart test: splits a `multipart/form-data` body (RFC 7578) into its
/// parts, independently of libcurl, so the test sees what really went over the wire.
enum MultipartParser {
    /// The parts of `body`, whose `Content-Type` header is `contentType`.
    static func parse(body: [UInt8], contentType: String) throws -> [ReceivedPart] {
        guard let range = contentType.range(of: "boundary=") else {
            throw LocalServerError.badRequest("no boundary in \(contentType)")
        }
        let boundary = contentType[range.upperBound...].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        let delimiter = Array("--\(boundary)".utf8)
        let positions = occurrences(of: delimiter, in: body)
        guard positions.count >= 2 else { throw LocalServerError.badRequest("fewer than two delimiters") }
        let closing = positions[positions.count - 1] + delimiter.count
        guard body[closing..<min(closing + 2, body.count)].elementsEqual(Array("--".utf8)) else {
            throw LocalServerError.badRequest("no closing delimiter")
        }
        var parts: [ReceivedPart] = []
        for (start, end) in zip(positions, positions.dropFirst()) {
            // delimiter CRLF headers CRLF CRLF data CRLF (next delimiter)
            let segment = Array(body[(start + delimiter.count)..<end])
            guard segment.starts(with: crlf), segment.suffix(2).elementsEqual(crlf) else {
                throw LocalServerError.badRequest("part not framed by CRLF")
            }
            let inner = Array(segment[2..<(segment.count - 2)])
            guard let split = occurrences(of: crlf + crlf, in: inner).first else {
                throw LocalServerError.badRequest("part without header end")
            }
            let headerText = String(decoding: inner[..<split], as: UTF8.self)
            let data = Data(inner[(split + 4)...])
            parts.append(try part(headers: headerText, data: data))
        }
        return parts
    }

    private static let crlf: [UInt8] = [13, 10]

    private static func part(headers: String, data: Data) throws -> ReceivedPart {
        var name: String?
        var filename: String?
        var contentType: String?
        for line in headers.components(separatedBy: "\r\n") {
            let lower = line.lowercased()
            if lower.hasPrefix("content-disposition:") {
                name = parameter("name", in: line)
                filename = parameter("filename", in: line)
            } else if lower.hasPrefix("content-type:") {
                contentType = line.dropFirst("content-type:".count).trimmingCharacters(in: .whitespaces)
            }
        }
        guard let name else { throw LocalServerError.badRequest("part without a name") }
        return ReceivedPart(name: name, filename: filename, contentType: contentType, data: data)
    }

    /// The quoted value of `; key="…"` in a header line.
    private static func parameter(_ key: String, in line: String) -> String? {
        guard let range = line.range(of: "; \(key)=\"") else { return nil }
        let rest = line[range.upperBound...]
        guard let close = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<close])
    }

    private static func occurrences(of needle: [UInt8], in haystack: [UInt8]) -> [Int] {
        guard needle.count <= haystack.count else { return [] }
        var found: [Int] = []
        var index = 0
        while index <= haystack.count - needle.count {
            if haystack[index..<(index + needle.count)].elementsEqual(needle) {
                found.append(index)
                index += needle.count
            } else {
                index += 1
            }
        }
        return found
    }
}
