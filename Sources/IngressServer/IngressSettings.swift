public import WorkerRuntime

/// The ingress's own settings (notes/COMMON.md "Setting names").
public struct IngressSettings: Sendable {
    /// `CARREFOUR_INGRESS_HOST`: the interface the HTTP server binds (`0.0.0.0` in containers).
    public var host: String
    /// `CARREFOUR_INGRESS_PORT`: its port (0 = any free port, logged at start).
    public var port: Int
    /// `CARREFOUR_INGRESS_PUBLISH_TIMEOUT`: how long a request waits for the broker's confirm before
    /// answering 503, so VTEX retries rather than waiting on a dead broker.
    public var publishTimeout: Duration

    /// Reads and validates the settings.
    public init(from source: SettingsSource) throws(SettingsError) {
        host = source.string("CARREFOUR_INGRESS_HOST") ?? "127.0.0.1"
        port = try source.int("CARREFOUR_INGRESS_PORT", default: 8080, in: 0...65535)
        publishTimeout = try source.duration(
            "CARREFOUR_INGRESS_PUBLISH_TIMEOUT", default: .seconds(5), minimum: .milliseconds(100))
    }
}
