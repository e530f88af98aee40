import AMQPLayer
public import Logging

/// The settings every worker shares: the broker, the topology, logging, metrics, consuming and
/// the failure policy. Each flow adds its own settings on top.
public struct RuntimeSettings: Sendable {
    /// `CARREFOUR_AMQP_URL` (secret: it holds the broker password; also `CARREFOUR_AMQP_URL_FILE`).
    public var amqpURL: String
    /// `CARREFOUR_TOPOLOGY`: path of topology.json.
    public var topologyPath: String
    /// `CARREFOUR_LOG_LEVEL`: trace, debug, info, notice, warning, error, critical.
    public var logLevel: Logger.Level
    /// `CARREFOUR_METRICS_PORT`: Prometheus text on `http://127.0.0.1:PORT/metrics` (0 = off).
    public var metricsPort: Int
    /// `CARREFOUR_METRICS_HOST`: the address the metrics endpoint binds (0.0.0.0 in containers).
    public var metricsHost: String
    /// `CARREFOUR_PREFETCH`: deliveries a consumer may hold unacknowledged.
    public var prefetch: Int
    /// `CARREFOUR_CONCURRENCY`: deliveries handled at once by one consumer.
    public var concurrency: Int
    /// `CARREFOUR_RETRY_DELAYS`: the delays between transient-failure retries; the last repeats.
    public var retryDelays: [Duration]
    /// `CARREFOUR_RETRY_MAX_AGE`: after this long since first seen, a transient failure is parked.
    public var retryMaxAge: Duration
    /// `CARREFOUR_AUTH_PAUSE`: how long a flow pauses after a 401/403 before it probes again.
    public var authPause: Duration
    /// `CARREFOUR_RECONNECT_MAX_DELAY`: the longest wait between two broker reconnect attempts.
    public var reconnectMaxDelay: Duration

    /// Reads and validates the shared settings.
    public init(from source: SettingsSource) throws(SettingsError) {
        amqpURL = try source.requireSecret("CARREFOUR_AMQP_URL")
        do {
            _ = try AMQPConfiguration(url: amqpURL)
        } catch {
            throw SettingsError(setting: "CARREFOUR_AMQP_URL", problem: error.description)
        }
        topologyPath = source.string("CARREFOUR_TOPOLOGY") ?? "topology.json"
        let levelText = source.string("CARREFOUR_LOG_LEVEL") ?? "info"
        guard let level = Logger.Level(rawValue: levelText.lowercased()) else {
            throw SettingsError(setting: "CARREFOUR_LOG_LEVEL", problem: "must be one of trace, debug, info, notice, warning, error, critical, not \(levelText)")
        }
        logLevel = level
        metricsPort = try source.int("CARREFOUR_METRICS_PORT", default: 0, in: 0...65535)
        metricsHost = source.string("CARREFOUR_METRICS_HOST") ?? "127.0.0.1"
        prefetch = try source.int("CARREFOUR_PREFETCH", default: 50, in: 1...65535)
        concurrency = try source.int("CARREFOUR_CONCURRENCY", default: 8, in: 1...1024)
        retryDelays = try source.durations(
            "CARREFOUR_RETRY_DELAYS", default: [.seconds(5), .seconds(30), .seconds(120), .seconds(600), .seconds(3600)],
            minimum: .milliseconds(100))
        retryMaxAge = try source.duration("CARREFOUR_RETRY_MAX_AGE", default: .seconds(24 * 3600), minimum: .seconds(1))
        authPause = try source.duration("CARREFOUR_AUTH_PAUSE", default: .seconds(60), minimum: .milliseconds(100))
        reconnectMaxDelay = try source.duration("CARREFOUR_RECONNECT_MAX_DELAY", default: .seconds(30), minimum: .milliseconds(100))
    }
}
