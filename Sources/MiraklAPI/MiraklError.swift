#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
public import HTTPLayer

/// Why a Mirakl call did not give the answer asked for: the shared ``APIFailure`` taxonomy for
/// Mirakl. Descriptions carry the operation, the status and Mirakl's own `message`, never the API
/// key, so they are safe for logs and headers.
public typealias MiraklError = APIFailure<MiraklService>

/// Mirakl's part of ``APIFailure``: its name, its credential's name and its error body
/// (`{"message": …, "status": …}`, reference/mirakl-api.md §1).
public enum MiraklService: APIService {
    /// `Mirakl`.
    public static let name = "Mirakl"
    /// `API key`: what a 401/403 refused.
    public static let credentials = "API key"

    /// Mirakl's `message` from an error body, else the body's first 300 characters.
    public static func message(of response: HTTPResponse) -> String {
        struct Body: Decodable { var message: String? }
        if let body = try? JSONDecoder().decode(Body.self, from: Data(response.body)), let message = body.message {
            return message
        }
        return String(response.text.prefix(300))
    }
}
