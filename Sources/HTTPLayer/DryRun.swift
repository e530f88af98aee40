/// What a call does on the other side, for the dry run (`CARREFOUR_DRY_RUN`): the Mirakl and VTEX
/// clients send every call through one gate, which withholds the writes of a dry run.
public enum CallEffect: Sendable, Equatable {
    /// Reads only. Always sent. A `GET`/`HEAD` is a read; a `POST` that only computes an answer
    /// (VTEX's simulations) says so explicitly.
    case read
    /// Changes business data (a product or offer import, an order decision, a shipment, a message,
    /// an order placed, approved or canceled): withheld in a dry run.
    case write
    /// The connector's own subscription bookkeeping with the store (the orders feed's configuration
    /// and commits, the orders hook): sent even in a dry run, because without it the reads a dry
    /// run must still do (the feed of invoices and cancellations) have nothing to read, and it
    /// changes no product, offer, order or message on either side.
    case subscription

    /// A call's effect when its caller says nothing: reads for `GET`/`HEAD`, writes otherwise, so a
    /// new write can never slip past the gate.
    public static func of(_ method: HTTPMethod) -> CallEffect {
        method == .get || method == .head ? .read : .write
    }
}

/// A write a dry run did not send: everything the request would have carried except its headers
/// (which hold the credentials).
public struct WithheldRequest: Sendable, Equatable {
    /// `Mirakl` or `VTEX`.
    public var service: String
    /// The operation's code or name (`P41`, `OR21`, `new order integration`…).
    public var operation: String
    /// What it is about: an order id, or the file name of an import.
    public var subject: String
    /// The method.
    public var method: HTTPMethod
    /// The path and query, without the base URL.
    public var path: String
    /// The body's `Content-Type` (for a form, with the boundary its ``body`` uses), if any.
    public var contentType: String?
    /// The body, byte for byte; a multipart form written out with ``MultipartForm/boundary``.
    public var body: [UInt8]

    /// Describes a withheld request; `body` is written out as it would be sent.
    public init(service: String, operation: String, subject: String, method: HTTPMethod, path: String, body: HTTPBody?) {
        self.service = service
        self.operation = operation
        self.subject = subject
        self.method = method
        self.path = path
        switch body {
        case .bytes(let bytes, let type):
            self.contentType = type
            self.body = bytes
        case .multipart(let form):
            self.contentType = "multipart/form-data; boundary=\(MultipartForm.boundary)"
            self.body = form.encoded()
        case nil:
            self.contentType = nil
            self.body = []
        }
    }
}

/// Where a dry run's withheld writes go (the worker's integration log). Defined here, below the
/// clients, so that both clients take one without knowing the worker runtime.
public protocol WithheldRequestRecorder: Sendable {
    /// Records `request`; throws when it could not be recorded (the caller then treats the call as
    /// failed for a transient reason, so nothing is lost).
    func record(_ request: WithheldRequest) async throws
}

extension MultipartForm {
    /// The boundary a withheld form is written out with (libcurl picks its own when sending).
    public static let boundary = "carrefour-connector-dry-run"

    /// The form as `multipart/form-data` bytes (RFC 7578) with ``boundary``: each part's
    /// `Content-Disposition`, its `Content-Type` when set, and its bytes unchanged.
    public func encoded() -> [UInt8] {
        var out: [UInt8] = []
        for part in parts {
            var head = "--\(Self.boundary)\r\nContent-Disposition: form-data; name=\"\(part.name)\""
            if let filename = part.filename { head += "; filename=\"\(filename)\"" }
            head += "\r\n"
            if let type = part.contentType { head += "Content-Type: \(type)\r\n" }
            head += "\r\n"
            out += Array(head.utf8)
            out += part.data
            out += Array("\r\n".utf8)
        }
        out += Array("--\(Self.boundary)--\r\n".utf8)
        return out
    }
}
