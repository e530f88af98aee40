/// Hides credentials before a header or URL reaches a log line or an error message.
///
/// The connector's secrets travel in headers: Mirakl's shop key in `Authorization`
/// (mirakl-api.md "Authentication"), VTEX's `X-VTEX-API-AppKey` / `X-VTEX-API-AppToken` or a
/// `VtexIdclientAutCookie` token (vtex-apis.md "Authentication"). Everything that logs headers goes
/// through here.
public enum HTTPRedaction {
    /// What a hidden value is replaced with.
    public static let placeholder = "[redacted]"

    /// Returns `value`, or ``placeholder`` when `headerName` (case-insensitive) carries a
    /// credential: `Authorization`, `Proxy-Authorization`, `Cookie`, `Set-Cookie`,
    /// `VtexIdclientAutCookie` and every `X-VTEX-API-*` header.
    public static func redact(headerName: String, value: String) -> String {
        isSensitive(headerName: headerName) ? placeholder : value
    }

    /// Whether `headerName` (case-insensitive) is one whose value must never be shown.
    public static func isSensitive(headerName: String) -> Bool {
        let name = headerName.lowercased()
        return sensitiveNames.contains(name) || name.hasPrefix("x-vtex-api-")
    }

    /// Returns `url` with any `user:password@` part replaced by ``placeholder``, for logs and
    /// error messages. Other parts of the URL are kept: they carry no secret in our APIs.
    public static func redact(url: String) -> String {
        guard let schemeEnd = url.firstRange(of: "://") else { return url }
        let authorityStart = schemeEnd.upperBound
        let authorityEnd = url[authorityStart...].firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? url.endIndex
        guard let at = url[authorityStart..<authorityEnd].lastIndex(of: "@") else { return url }
        return String(url[..<authorityStart]) + placeholder + String(url[at...])
    }

    private static let sensitiveNames: Set<String> = [
        "authorization", "proxy-authorization", "cookie", "set-cookie", "vtexidclientautcookie",
    ]
}
