/// An HTTP request method.
///
/// A struct rather than an enum so that a caller can send a method this layer does not list
/// (`HTTPMethod(rawValue: "OPTIONS")`) without a new release; the common ones are constants.
public struct HTTPMethod: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The method token as sent on the request line, e.g. `"GET"`.
    public let rawValue: String

    /// Wraps a method token; it is sent exactly as given, so pass it in upper case.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// `GET`: read a resource.
    public static let get = HTTPMethod(rawValue: "GET")
    /// `POST`: create a resource or submit a form (Mirakl imports, VTEX order integration).
    public static let post = HTTPMethod(rawValue: "POST")
    /// `PUT`: replace a resource.
    public static let put = HTTPMethod(rawValue: "PUT")
    /// `DELETE`: remove a resource.
    public static let delete = HTTPMethod(rawValue: "DELETE")
    /// `PATCH`: change part of a resource.
    public static let patch = HTTPMethod(rawValue: "PATCH")
    /// `HEAD`: like `GET` but the server sends no body.
    public static let head = HTTPMethod(rawValue: "HEAD")

    /// The method token, for logs.
    public var description: String { rawValue }
}
