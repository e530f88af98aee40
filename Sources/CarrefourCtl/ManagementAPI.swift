import AMQPLayer
import Foundation
import HTTPLayer

/// A small client of RabbitMQ's management HTTP API for one vhost.
///
/// Credentials in the URL go into a Basic `Authorization` header; the URL that is sent, and any
/// that appears in an error, carries none.
struct ManagementAPI: Sendable {
    /// The base URL without user-info or trailing slash.
    let baseURL: String
    let authorization: String?
    /// The vhost, percent-encoded for a path segment (`/` is `%2F`).
    let encodedVhost: String

    init(url: String, vhost: String) throws(CtlError) {
        guard var components = URLComponents(string: url), let scheme = components.scheme, scheme == "http" || scheme == "https",
            components.host != nil
        else { throw .invalidManagementURL(AMQPConfiguration.redact(url)) }
        if let user = components.user {
            let password = components.password ?? ""
            let pair = "\(user.removingPercentEncoding ?? user):\(password.removingPercentEncoding ?? password)"
            authorization = "Basic " + Data(pair.utf8).base64EncodedString()
        } else {
            authorization = nil
        }
        components.user = nil
        components.password = nil
        var base = components.string ?? ""
        while base.hasSuffix("/") { base.removeLast() }
        baseURL = base
        encodedVhost = Self.encode(vhost)
    }

    /// Percent-encodes one path segment.
    static func encode(_ segment: String) -> String {
        segment.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? segment
    }

    /// GETs `/api/<path>` and decodes the JSON answer.
    func get<T: Decodable>(_ path: String, as type: T.Type) async throws -> T {
        let response = try await send(.get, path)
        do {
            return try response.decode(type)
        } catch {
            throw CtlError.managementResponse(path: path, reason: "\(error)")
        }
    }

    /// Sends a request to `/api/<path>` and fails on any status outside 2xx.
    @discardableResult
    func send(_ method: HTTPMethod, _ path: String, json: String? = nil) async throws -> HTTPResponse {
        let client = HTTPClient()
        var headers: HTTPHeaders = ["Accept": "application/json"]
        if let authorization { headers.add("Authorization", authorization) }
        let request = HTTPRequest(
            method: method, url: "\(baseURL)/api/\(path)", headers: headers,
            body: json.map { HTTPBody.text($0, contentType: "application/json") }, timeout: .seconds(10))
        let response: HTTPResponse
        do {
            response = try await client.execute(request)
        } catch {
            await client.shutdown()
            throw error
        }
        await client.shutdown()
        guard response.isSuccess else { throw CtlError.managementStatus(path: String(path.prefix { $0 != "?" }), status: response.status) }
        return response
    }
}
