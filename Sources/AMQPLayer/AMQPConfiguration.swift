import Foundation

/// Where and how to connect to the broker, parsed from an `amqp://` or `amqps://` URL.
///
/// `amqp://user:password@host:port/vhost?heartbeat=30&connection_timeout=5000` — the RabbitMQ URI
/// spec: user, password and vhost are percent-decoded, an empty path means the vhost `/`
/// (`%2F` spells it explicitly). `amqps` turns on TLS with peer and host-name verification;
/// `cacertfile=/path` names the CA bundle and `verify=verify_none` is refused on purpose.
public struct AMQPConfiguration: Sendable, Hashable, CustomStringConvertible {
    public var useTLS: Bool
    public var host: String
    public var port: Int
    public var user: String
    public var password: String
    public var vhost: String
    /// Heartbeat interval in seconds that the client asks for (0 turns heartbeats off).
    public var heartbeatSeconds: Int
    public var connectTimeout: Duration
    public var caCertificatePath: String?
    /// Shown in the management UI and `rabbitmqctl list_connections`.
    public var connectionName: String

    /// Parses a broker URL; the error names the part that is wrong, never the password.
    public init(url: String, connectionName: String = "carrefour-connector") throws(AMQPError) {
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
        self.user = components.user.flatMap { $0.removingPercentEncoding } ?? "guest"
        self.password = components.password.flatMap { $0.removingPercentEncoding } ?? "guest"
        let path = components.percentEncodedPath
        if path.isEmpty || path == "/" {
            self.vhost = "/"
        } else {
            guard let decoded = String(path.dropFirst()).removingPercentEncoding else {
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

    /// The URL with the password replaced, for logs and errors.
    public var description: String {
        let scheme = useTLS ? "amqps" : "amqp"
        let vhostPart = vhost.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "?"
        return "\(scheme)://\(user):***@\(host):\(port)/\(vhostPart)"
    }

    /// Replaces the password of any URL-looking string, for error messages.
    public static func redact(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.password != nil else { return url }
        components.password = "***"
        return components.string ?? "(unprintable URL)"
    }
}
