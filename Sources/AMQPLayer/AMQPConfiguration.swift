#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SystemSupport

/// Where and how to connect to the broker, parsed from an `amqp://` or `amqps://` URL.
///
/// `amqp://user:password@host:port/vhost?heartbeat=30&connection_timeout=5000` — the RabbitMQ URI
/// spec: user, password and vhost are percent-decoded, an empty path means the vhost `/`
/// (`%2F` spells it explicitly). `amqps` turns on TLS with peer and host-name verification;
/// `cacertfile=/path` names the CA bundle and `verify=verify_none` is refused on purpose.
///
/// A comma-separated list of such URLs names the nodes of one cluster
/// (`amqp://u:p@node-a:5672/v,amqp://u:p@node-b:5672/v`): they must agree on everything but host
/// and port, and ``AMQPConnection/connect(_:)`` tries them in turn (see ``addresses``).
public struct AMQPConfiguration: Sendable, Hashable, CustomStringConvertible {
    /// One node's address.
    public struct Address: Sendable, Hashable, CustomStringConvertible {
        public var host: String
        public var port: Int

        public init(host: String, port: Int) {
            self.host = host
            self.port = port
        }

        public var description: String { "\(host):\(port)" }
    }

    public var useTLS: Bool
    /// The node this configuration connects to (the first of ``addresses``).
    public var host: String
    public var port: Int
    /// Every node of the broker, in the order given; the first is ``host``:``port``. One entry
    /// unless the URL was a list.
    public var addresses: [Address]
    public var user: String
    public var password: String
    public var vhost: String
    /// Heartbeat interval in seconds that the client asks for (0 turns heartbeats off).
    public var heartbeatSeconds: Int
    public var connectTimeout: Duration
    public var caCertificatePath: String?
    /// Shown in the management UI and `rabbitmqctl list_connections`.
    public var connectionName: String

    /// Parses a broker URL, or a comma-separated list of URLs of one cluster's nodes; the error
    /// names the part that is wrong, never the password.
    public init(url: String, connectionName: String = "carrefour-connector") throws(AMQPError) {
        let urls = Self.split(url)
        try self.init(single: urls[0], connectionName: connectionName)
        for other in urls.dropFirst() {
            let node = try AMQPConfiguration(single: other, connectionName: connectionName)
            // Everything but the address must match: compare both as if they went to the same node.
            guard node.at(address) == at(address) else {
                throw .invalidConfiguration(
                    "the URLs of a list must differ only in host and port: \(Self.redact(other)) differs from \(Self.redact(urls[0]))")
            }
            if !addresses.contains(node.address) { addresses.append(node.address) }
        }
    }

    /// The same settings, connecting to `address` only.
    public func at(_ address: Address) -> AMQPConfiguration {
        var copy = self
        copy.host = address.host
        copy.port = address.port
        copy.addresses = [address]
        return copy
    }

    private var address: Address { Address(host: host, port: port) }

    /// Splits a list at each comma that starts another `amqp://` or `amqps://` URL, so a comma
    /// inside a password (better percent-encoded as `%2C`) does not split it.
    private static func split(_ text: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var rest = Substring(text)
        while let comma = rest.firstIndex(of: ",") {
            current += rest[..<comma]
            let after = rest[rest.index(after: comma)...].drop(while: { $0 == " " })
            if after.lowercased().hasPrefix("amqp://") || after.lowercased().hasPrefix("amqps://") {
                parts.append(current.trimmingWhitespace())
                current = ""
                rest = after
            } else {
                current += ","
                rest = rest[rest.index(after: comma)...]
            }
        }
        parts.append((current + rest).trimmingWhitespace())
        return parts
    }

    private init(single url: String, connectionName: String) throws(AMQPError) {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased() else {
            throw .invalidConfiguration("not a URL: \(Self.redact(url))")
        }
        switch scheme {
        case "amqp": useTLS = false
        case "amqps": useTLS = true
        default: throw .invalidConfiguration("scheme must be amqp or amqps, not \(scheme)")
        }
        guard let host = components.host, !host.isEmpty else {
            throw .invalidConfiguration("no host in \(Self.redact(url))")
        }
        self.host = host
        self.port = components.port ?? (useTLS ? 5671 : 5672)
        self.addresses = [Address(host: host, port: port)]
        self.user = components.user.flatMap(PercentEncoding.decode) ?? "guest"
        self.password = components.password.flatMap(PercentEncoding.decode) ?? "guest"
        let path = components.percentEncodedPath
        if path.isEmpty || path == "/" {
            self.vhost = "/"
        } else {
            guard let decoded = PercentEncoding.decode(String(path.dropFirst())) else {
                throw .invalidConfiguration("bad vhost in \(Self.redact(url))")
            }
            self.vhost = decoded
        }
        self.heartbeatSeconds = 30
        self.connectTimeout = .seconds(5)
        self.caCertificatePath = nil
        self.connectionName = connectionName
        for item in components.queryItems ?? [] {
            let value = item.value ?? ""
            switch item.name {
            case "heartbeat":
                guard let seconds = Int(value), seconds >= 0 else {
                    throw .invalidConfiguration("heartbeat must be a whole number of seconds, not \(value)")
                }
                heartbeatSeconds = seconds
            case "connection_timeout":
                guard let ms = Int(value), ms > 0 else {
                    throw .invalidConfiguration("connection_timeout must be milliseconds > 0, not \(value)")
                }
                connectTimeout = .milliseconds(ms)
            case "cacertfile":
                caCertificatePath = value
            case "verify":
                guard value == "verify_peer" else {
                    throw .invalidConfiguration("verify must be verify_peer: peer verification cannot be turned off")
                }
            default:
                throw .invalidConfiguration("unknown URL parameter \(item.name)")
            }
        }
    }

    /// The URL with the password replaced, for logs and errors (every node of a list).
    public var description: String {
        let scheme = useTLS ? "amqps" : "amqp"
        let vhostPart = PercentEncoding.encode(vhost, allowing: .alphanumerics)
        let nodes = addresses.count > 1 ? addresses.map(\.description).joined(separator: ",") : "\(host):\(port)"
        return "\(scheme)://\(user):***@\(nodes)/\(vhostPart)"
    }

    /// Replaces the password of any URL-looking string, for error messages.
    public static func redact(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.password != nil else { return url }
        components.password = "***"
        return components.string ?? "(unprintable URL)"
    }
}
