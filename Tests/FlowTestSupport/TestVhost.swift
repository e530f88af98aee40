public import AMQPLayer
import ConnectorTestSupport
import Foundation
import HTTPLayer

/// A vhost of one test on the shared test broker, made and removed through the management API,
/// so a test can run workers that declare the real topology (fixed queue names) beside others.
public struct TestVhost: Sendable {
    public let name: String
    /// The AMQP URL of the vhost.
    public let amqpURL: String
    /// The management API URL (with credentials).
    public let managementURL: String

    /// Creates the vhost on the shared test broker and gives `guest` every permission on it.
    public static func create(_ prefix: String) async throws -> TestVhost {
        let broker = try TestBroker.shared()
        let name = uniqueName(prefix)
        guard var components = URLComponents(string: broker.amqpURL) else { throw Failure("bad AMQP URL") }
        components.percentEncodedPath = "/" + Self.encode(name)
        guard let url = components.string else { throw Failure("bad AMQP URL") }
        let vhost = TestVhost(name: name, amqpURL: url, managementURL: broker.managementURL)
        try await vhost.management(.put, "vhosts/\(Self.encode(name))", json: "{}")
        try await vhost.management(.put, "permissions/\(Self.encode(name))/guest", json: #"{"configure":".*","write":".*","read":".*"}"#)
        return vhost
    }

    /// Deletes the vhost and everything in it.
    public func delete() async {
        _ = try? await management(.delete, "vhosts/\(Self.encode(name))")
    }

    /// A connection to this vhost.
    public func connect() async throws -> AMQPConnection {
        try await AMQPConnection.connect(AMQPConfiguration(url: amqpURL, connectionName: "flow-tests"))
    }

    /// The repository's topology.json.
    public static var topologyPath: String {
        TestBroker.repositoryRoot.appendingPathComponent("topology.json").path
    }

    /// The queue's ready and unacknowledged counts, from the management API.
    public func depth(of queue: String) async throws -> (ready: Int, unacknowledged: Int) {
        let response = try await management(.get, "queues/\(Self.encode(name))/\(Self.encode(queue))")
        let object = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
        return ((object?["messages_ready"] as? Int) ?? 0, (object?["messages_unacknowledged"] as? Int) ?? 0)
    }

    @discardableResult
    private func management(_ method: HTTPMethod, _ path: String, json: String? = nil) async throws -> HTTPResponse {
        guard var components = URLComponents(string: managementURL) else { throw Failure("bad management URL") }
        let credentials = "\(components.user ?? "guest"):\(components.password ?? "guest")"
        components.user = nil
        components.password = nil
        let client = HTTPClient()
        let request = HTTPRequest(
            method: method, url: (components.string ?? "") + "/api/" + path,
            headers: ["Authorization": "Basic " + Data(credentials.utf8).base64EncodedString()],
            body: json.map { HTTPBody.text($0, contentType: "application/json") })
        let response: HTTPResponse
        do { response = try await client.execute(request) } catch {
            await client.shutdown()
            throw error
        }
        await client.shutdown()
        guard response.isSuccess else { throw Failure("\(method) \(path): \(response.status) \(response.text)") }
        return response
    }

    private static func encode(_ segment: String) -> String {
        segment.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? segment
    }

    /// A test-setup failure.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        public init(_ description: String) { self.description = description }
    }
}
