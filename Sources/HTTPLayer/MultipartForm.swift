/// A `multipart/form-data` body (RFC 7578), as Mirakl's imports expect: a part named `file` with a
/// filename carrying the CSV, plus text parts such as `import_mode` (mirakl-api.md P41, OF01).
public struct MultipartForm: Sendable {
    /// One part of the form.
    public struct Part: Sendable {
        /// The form field name (`name=` in `Content-Disposition`).
        public var name: String
        /// The file name (`filename=`), present for file parts only.
        public var filename: String?
        /// The part's `Content-Type`; libcurl omits it for plain text fields when `nil`.
        public var contentType: String?
        /// The part's content, sent byte for byte.
        public var data: [UInt8]

        /// Creates a part; give `filename` for a file upload, leave it `nil` for a text field.
        public init(name: String, filename: String? = nil, contentType: String? = nil, data: [UInt8]) {
            self.name = name
            self.filename = filename
            self.contentType = contentType
            self.data = data
        }

        /// A text field such as `import_mode=NORMAL`, sent as UTF-8.
        public static func text(name: String, value: String) -> Part {
            Part(name: name, data: Array(value.utf8))
        }
    }

    /// The parts in the order they are sent.
    public var parts: [Part]

    /// Creates a form from its parts, kept in order.
    public init(parts: [Part]) {
        self.parts = parts
    }
}
