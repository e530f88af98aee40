public import AMQPLayer
public import FleetContracts
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
public import Logging
import Metrics
import Prometheus
public import ServiceLifecycle

/// What every executable of the fleet does at start: read and validate the settings (stopping
/// with a message that names a bad one), set up JSON logging and Prometheus metrics, load the
/// topology, then run its services until SIGTERM or SIGINT asks for a graceful stop.
public struct WorkerApp: Sendable {
    /// The validated shared settings.
    public let settings: RuntimeSettings
    /// All settings, for the flow's own.
    public let source: SettingsSource
    /// The broker topology.
    public let topology: Topology
    /// The process's logger.
    public let logger: Logger
    /// The broker connection settings.
    public let amqp: AMQPConfiguration
    private let registry: PrometheusCollectorRegistry

    /// Prepares a process named `name` (used as log label and connection name). Exits with status
    /// 2 and a one-line error when a setting is wrong.
    public static func start(name: String) -> WorkerApp {
        do {
            return try WorkerApp(name: name, source: SettingsSource.process())
        } catch {
            StandardError.fail("\(name): \(error)\n", status: 2)
        }
    }

    init(name: String, source: SettingsSource) throws {
        let settings = try RuntimeSettings(from: source)
        self.settings = settings
        self.source = source
        let level = settings.logLevel
        LoggingSystem.bootstrap { label in JSONLogHandler(label: label, level: level) }
        self.logger = Logger(label: name)
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        self.registry = registry
        do {
            self.topology = try Topology.load(path: settings.topologyPath)
        } catch {
            throw SettingsError(setting: "CARREFOUR_TOPOLOGY", problem: error.description)
        }
        self.amqp = try AMQPConfiguration(url: settings.amqpURL, connectionName: name)
    }

    /// A publisher with confirms on its own connection.
    public func makePublisher() -> ReliablePublisher {
        ReliablePublisher(configuration: amqp, logger: logger, maxReconnectDelay: settings.reconnectMaxDelay)
    }

    /// The parked queue of `worker` from topology.json.
    public func parkedQueue(of worker: String) throws(SettingsError) -> String {
        guard let parked = topology.fleet.workers[worker]?.parked else {
            throw SettingsError(setting: "CARREFOUR_TOPOLOGY", problem: "topology.json has no parked queue for worker \(worker)")
        }
        return parked
    }

    /// The queue of `worker` with `role` (`work`, `tick`...) from topology.json.
    public func queue(_ role: String, of worker: String) throws(SettingsError) -> String {
        guard let queue = topology.fleet.workers[worker]?.queue(role) else {
            throw SettingsError(setting: "CARREFOUR_TOPOLOGY", problem: "topology.json has no \(role) queue for worker \(worker)")
        }
        return queue
    }

    /// Runs `services` (plus the metrics endpoint when a port is set) until SIGTERM/SIGINT, then
    /// shuts them down gracefully.
    public func runServices(_ services: [any Service]) async throws {
        var all = services
        if settings.metricsPort > 0 {
            all.append(MetricsEndpoint(registry: registry, host: settings.metricsHost, port: settings.metricsPort, logger: logger))
        }
        let group = ServiceGroup(configuration: .init(
            services: all.map { .init(service: $0) },
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
        try await group.run()
    }
}
