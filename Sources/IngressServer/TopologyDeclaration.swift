public import AMQPLayer
public import FleetContracts
public import Logging
public import ServiceLifecycle
import WorkerRuntime

/// Declares the topology once at start, retrying with growing waits while the broker is away,
/// so that what the ingress publishes has its queues even before any worker ran. Publishing
/// does not wait for it: until the queues exist a message is unroutable and the route answers 503.
public struct TopologyDeclaration: Service {
    private let configuration: AMQPConfiguration
    private let topology: Topology
    private let logger: Logger
    private let maxDelay: Duration

    public init(configuration: AMQPConfiguration, topology: Topology, logger: Logger, maxDelay: Duration) {
        self.configuration = configuration
        self.topology = topology
        self.logger = logger
        self.maxDelay = maxDelay
    }

    public func run() async throws {
        let reconnecting = Reconnecting(initial: .milliseconds(200), maximum: maxDelay)
        let declared: Void? = await reconnecting.untilSuccess(stop: { Task.isCancelled || Task.isShuttingDownGracefully }) { error, _ in
            logger.warning("cannot declare the topology yet; trying again", metadata: ["error": "\(error)"])
        } attempt: {
            try await declareOnce()
        }
        if declared != nil { logger.info("topology declared") }
        // A service that returns would stop the whole group: stay until shutdown.
        try? await gracefulShutdown()
    }

    private func declareOnce() async throws(AMQPError) {
        let connection = try await AMQPConnection.connect(configuration)
        do {
            try await connection.declare(topology)
        } catch {
            await connection.close()
            throw error
        }
        await connection.close()
    }
}
