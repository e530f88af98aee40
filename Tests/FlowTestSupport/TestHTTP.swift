import Foundation
public import HTTPLayer

/// One-off HTTP calls from tests.
public enum TestHTTP {
    /// Sends `method` to `url` with an optional body and returns the response.
    public static func send(
        _ method: HTTPMethod, _ url: String, body: String? = nil, contentType: String = "application/json",
        headers: HTTPHeaders = [:]
    ) async throws -> HTTPResponse {
        let client = HTTPClient()
        let request = HTTPRequest(
            method: method, url: url, headers: headers, body: body.map { HTTPBody.text($0, contentType: contentType) })
        do {
            let response = try await client.execute(request)
            await client.shutdown()
            return response
        } catch {
            await client.shutdown()
            throw error
        }
    }

    /// The JSON object of a response body, if it is one.
    public static func object(_ response: HTTPResponse) -> [String: Any]? {
        try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
    }
}
