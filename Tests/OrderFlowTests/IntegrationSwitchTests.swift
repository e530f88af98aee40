import ConnectorTestSupport
import FleetContracts
import Foundation
import IntegrationRules
import Testing
import WorkerRuntime

/// The seeds' "Integração ativa" switch (integrate-with-carrefour.md) as `CARREFOUR_INTEGRATION_ACTIVE`.
@Suite("Orders end to end: the integration switch", .serialized)
struct IntegrationSwitchTests {
    @Test("switched off: no call to Carrefour or VTEX, an Alert in the log, the work kept; switched on: the order goes through")
    func inactiveThenActive() async throws {
        let world = try await OrdersHarness.start()
        do {
            let price = try await world.simulatedPrice("2001")
            let orderId = try await world.createOrder([("2001", 1, Double(price) / 100, 9.90)])
            let inactive = try world.startWorker("order-importer", settings: ["CARREFOUR_INTEGRATION_ACTIVE": "false"])
            // Work published meanwhile stays in its queue.
            let connection = try await world.vhost.connect()
            let outcomes = try await connection.publish([
                try OrderChanged(orderId: orderId).message(exchange: "carrefour.events", id: "switch-\(orderId)"),
            ])
            #expect(outcomes.first?.isConfirmed == true)
            let alerted = try await eventually(timeout: .seconds(20)) {
                try await world.logEvents().contains {
                    $0.entity == .connector && $0.entityId == "integration" && $0.status == .alert && $0.worker == "order-importer"
                }
            }
            #expect(alerted)
            // Several poll intervals (300 ms) later on the sandbox's clock: nothing asked of
            // Carrefour, nothing sent to VTEX.
            let alertedAt = try await world.sandbox.now()
            #expect(try await world.sandbox.waitOnClock(.seconds(2), after: alertedAt))
            let calls = try await world.miraklCalls()
            #expect(calls.isEmpty, "\(calls)")
            #expect(try await world.vtexOrders().isEmpty)
            #expect(try await world.miraklState(orderId) == "WAITING_ACCEPTANCE")
            let waiting = try await connection.get("orders.work")
            let waitingId = waiting.flatMap { try? OrderChanged.decode(body: $0.body) }?.orderId
            #expect(waitingId == orderId)
            if let waiting { try await connection.reject(waiting.tag, requeue: true) }
            await connection.close()
            _ = await inactive.stop()

            try world.startWorker("order-importer")
            let integrated = try await eventually(timeout: .seconds(60)) {
                try await world.vtexOrder("CRF-\(orderId)")?["status"] as? String == "ready-for-handling"
            }
            let diagnostics = integrated ? "" : await world.diagnostics()
            #expect(integrated, "\(diagnostics)")
        } catch {
            await world.stop()
            throw error
        }
        await world.stop()
    }
}
