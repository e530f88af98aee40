import ConnectorTestSupport
import Foundation
import HTTPLayer

/// A vhost of one test on the shared test broker (made and removed through the management API),
/// so every test gets its own queues, tick and integration log.
struct OrdersVhost: Sendable {
    let name: String
    let amqpURL: String
    let managementURL: String

    static func create() async throws -> OrdersVhost {
        let broker = try TestBroker.shared()
        let name = uniqueName("orders")
        guard var components = URLComponents(string: broker.amqpURL) else { throw HarnessFailure("bad AMQP URL") }
        components.percentEncodedPath = "/" + Self.encode(name)
        guard let url = components.string else { throw HarnessFailure("bad AMQP URL") }
        let vhost = OrdersVhost(name: name, amqpURL: url, managementURL: broker.managementURL)
        try await vhost.management(.put, "vhosts/\(Self.encode(name))", json: "{}")
        try await vhost.management(.put, "permissions/\(Self.encode(name))/guest", json: #"{"configure":".*","write":".*","read":".*"}"#)
        return vhost
    }

    func delete() async {
        _ = try? await management(.delete, "vhosts/\(Self.encode(name))")
    }

    /// The queue's ready and unacknowledged counts (the management API; may lag a few seconds).
    func queue(_ queue: String) async throws -> (ready: Int, unacked: Int) {
        let response = try await management(.get, "queues/\(Self.encode(name))/\(Self.encode(queue))")
        let object = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
        return (object?["messages_ready"] as? Int ?? 0, object?["messages_unacknowledged"] as? Int ?? 0)
    }

    @discardableResult
    private func management(_ method: HTTPMethod, _ path: String, json: String? = nil) async throws -> HTTPResponse {
        guard var components = URLComponents(string: managementURL) else { throw HarnessFailure("bad management URL") }
        let credentials = "\(components.user ?? "guest"):\(components.password ?? "guest")"
        components.user = nil
        components.password = nil
        let response = try await TestHTTP.client.execute(HTTPRequest(
            method: method, url: (components.string ?? "") + "/api/" + path,
            headers: ["Authorization": "Basic " + Data(credentials.utf8).base64EncodedString()],
            body: json.map { HTTPBody.text($0, contentType: "application/json") }))
        guard response.isSuccess else { throw HarnessFailure("\(method) \(path): \(response.status) \(response.text)") }
        return response
    }

    private static func encode(_ segment: String) -> String {
        segment.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? segment
    }
}

/// A failure of the test harness itself.
struct HarnessFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// One HTTP client for every call a test makes (sandbox admin, management API).
enum TestHTTP {
    static let client = HTTPClient()
}
