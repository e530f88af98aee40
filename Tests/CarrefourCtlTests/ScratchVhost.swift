import AMQPLayer
import ConnectorTestSupport
import Foundation
import HTTPLayer

/// A vhost of one test on the shared test broker, made and removed through the management API,
/// so the test can declare, delete and drift the real topology without disturbing `/`.
struct ScratchVhost {
    let name: String
    let amqpURL: String
    let managementURL: String

    /// Creates the vhost and gives `guest` every permission on it.
    static func create(on broker: TestBroker) async throws -> ScratchVhost {
        let name = uniqueName("ctl")
        guard var components = URLComponents(string: broker.amqpURL) else { throw Failure("bad AMQP URL") }
        components.percentEncodedPath = "/" + Self.encode(name)
        guard let url = components.string else { throw Failure("bad AMQP URL") }
        let vhost = ScratchVhost(name: name, amqpURL: url, managementURL: broker.managementURL)
        try await vhost.management(.put, "vhosts/\(Self.encode(name))", json: "{}")
        try await vhost.management(.put, "permissions/\(Self.encode(name))/guest", json: #"{"configure":".*","write":".*","read":".*"}"#)
        return vhost
    }

    /// Deletes the vhost and everything in it.
    func delete() async {
        _ = try? await management(.delete, "vhosts/\(Self.encode(name))")
    }

    /// Runs `carrefourctl` against this vhost with the repository's topology.json.
    func ctl(_ arguments: String...) async throws -> Subprocess.Result {
        try await Subprocess.run(
            Subprocess.builtProduct("carrefourctl"), arguments,
            environment: [
                "CARREFOUR_AMQP_URL": amqpURL, "CARREFOUR_MANAGEMENT_URL": managementURL,
                "CARREFOUR_TOPOLOGY": TestBroker.repositoryRoot.appendingPathComponent("topology.json").path,
            ])
    }

    /// A connection to this vhost.
    func connect() async throws -> AMQPConnection {
        try await AMQPConnection.connect(AMQPConfiguration(url: amqpURL, connectionName: "carrefourctl-tests"))
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

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
