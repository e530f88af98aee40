#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
public import HTTPLayer

/// Why a VTEX call did not give the answer asked for: the shared ``APIFailure`` taxonomy for VTEX.
/// Descriptions carry the call, the status and VTEX's own message, never the AppKey or AppToken.
public typealias VTEXError = APIFailure<VTEXService>

/// VTEX's part of ``APIFailure``: its name, its credentials' name and its error bodies
/// (reference/vtex-apis.md "Conventions").
public enum VTEXService: APIService {
    /// `VTEX`.
    public static let name = "VTEX"
    /// `AppKey/AppToken`: what a 401/403 refused.
    public static let credentials = "AppKey/AppToken"

    /// VTEX's message from an error body (`{"error":{"code","message"}}`, `{"Message"}` or
    /// `{"message"}`), else the body's first 300 characters.
    public static func message(of response: HTTPResponse) -> String {
        struct Inner: Decodable { var code: String?; var message: String? }
        struct Body: Decodable {
            var error: Inner?
            var message: String?
            var Message: String?
        }
        if let body = try? JSONDecoder().decode(Body.self, from: Data(response.body)) {
            if let inner = body.error, let message = inner.message {
                return inner.code.map { "\($0): \(message)" } ?? message
            }
            if let message = body.message ?? body.Message { return message }
        }
        return String(response.text.prefix(300))
    }
}
