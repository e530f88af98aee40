import AMQPLayer
#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
public import IntegrationRules
import Logging
public import ServiceLifecycle
public import WorkerRuntime

/// What a worker runs instead of its services when the integration is switched off
/// (`CARREFOUR_INTEGRATION_ACTIVE=false`, the seeds' "Integração ativa" set to "No",
/// integrate-with-carrefour.md): it consumes nothing, so it writes nothing to Carrefour or VTEX and
/// its work stays in its queues (the ingress and `carrefourctl` keep queueing it). It declares the
/// topology (so what is published meanwhile has its queue), says so in its own log and records one
/// Alert in the integration log (`carrefourctl log --latest` shows it as `connector integration`),
/// then waits for the stop signal. Switching the integration on again is a restart with the setting
/// back to true; the queued work is then handled in order.
public struct InactiveIntegration: Service {
    private let app: WorkerApp

    /// The inactive stand-in of `app`'s services.
    public init(app: WorkerApp) {
        self.app = app
    }

    /// The Alert this worker records.
    public static func event(worker: String, at date: Date = Date()) -> IntegrationEvent {
        IntegrationEvent(
            operationId: "inactive:\(worker):\(Int(date.timeIntervalSince1970))", entity: .connector, entityId: "integration",
            operation: .activation, direction: .vtexToCarrefour, status: .alert,
            message: "The integration is inactive (CARREFOUR_INTEGRATION_ACTIVE=false): \(worker) sends nothing to Carrefour "
                + "or VTEX; its work stays queued until the integration is active again.",
            at: date, worker: worker)
    }

    public func run() async throws {
        let worker = app.logger.label
        app.logger.warning("integration inactive (CARREFOUR_INTEGRATION_ACTIVE=false): consuming nothing; work stays queued")
        let publisher = app.makePublisher()
        let reconnecting = Reconnecting(initial: .milliseconds(200), maximum: app.settings.reconnectMaxDelay)
        _ = await reconnecting.untilSuccess(stop: { Task.isCancelled || Task.isShuttingDownGracefully }) { error, _ in
            app.logger.warning("cannot reach the broker to say the integration is inactive; trying again", metadata: [
                "error": "\(error)",
            ])
        } attempt: {
            let connection = try await AMQPConnection.connect(app.amqp)
            do {
                try await connection.declare(app.topology)
            } catch {
                await connection.close()
                throw error
            }
            await connection.close()
            try await app.integrationLog(publisher).record(Self.event(worker: worker))
        }
        await publisher.close()
        // A service that returns would stop the whole group: stay until shutdown.
        try? await gracefulShutdown()
    }
}
