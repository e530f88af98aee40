import AMQPLayer
import Connector
import ConnectorTestSupport
import FleetContracts
import FlowTestSupport
import Foundation
import HTTPLayer
import IntegrationRules
import InvoiceFlow
import Logging
import MiraklAPI
import VTEXAPI
import WorkerRuntime

/// One world for an invoice-handler test: a scratch vhost with the fleet's topology (the handler's
/// integration log goes through it), the sandbox over HTTP, and an ``InvoiceHandler`` built as the
/// invoice-tracker builds it, with clients of the sandbox.
struct InvoiceWorld {
    /// Carrefour's affiliate in VTEX (the fleet's default, README "Settings").
    static let affiliateId = "CRF"
    let vhost: TestVhost
    let sandbox: SandboxProcess
    let connection: AMQPConnection
    let publisher: ReliablePublisher
    let http: HTTPClient
    let handler: InvoiceHandler

    /// Starts the world, runs `test`, stops everything whatever happens.
    static func run(_ test: (InvoiceWorld) async throws -> Void) async throws {
        let vhost = try await TestVhost.create("invoices")
        let sandbox: SandboxProcess
        do { sandbox = try await SandboxProcess.start(timeScale: 60) } catch {
            await vhost.delete()
            throw error
        }
        let http = HTTPClient()
        let world: InvoiceWorld
        do {
            let topology = try Topology.load(path: TestVhost.topologyPath)
            let connection = try await vhost.connect()
            try await connection.declare(topology)
            let logger = Logger(label: "invoice-tests")
            let publisher = ReliablePublisher(configuration: try AMQPConfiguration(url: vhost.amqpURL), logger: logger)
            let handler = InvoiceHandler(
                mirakl: MiraklClient(configuration: MiraklConfiguration(baseURL: sandbox.miraklURL, apiKey: SandboxProcess.shopKey), http: http),
                vtex: VTEXClient(
                    configuration: VTEXConfiguration(baseURL: sandbox.vtexURL, appKey: SandboxProcess.appKey, appToken: SandboxProcess.appToken),
                    http: http),
                affiliateId: affiliateId, log: IntegrationLog(publisher: publisher, topology: topology), worker: InvoiceTracker.name,
                logger: logger)
            world = InvoiceWorld(vhost: vhost, sandbox: sandbox, connection: connection, publisher: publisher, http: http, handler: handler)
        } catch {
            await http.shutdown()
            await sandbox.stop()
            await vhost.delete()
            throw error
        }
        do { try await test(world) } catch {
            await world.stop()
            throw error
        }
        await world.stop()
    }

    private func stop() async {
        await publisher.close()
        await connection.close()
        await http.shutdown()
        await sandbox.stop()
        await vhost.delete()
    }

    /// Publishes a VTEX order change as the ingress does and takes it from `invoices.work`, as the
    /// invoice-tracker's consumer would (a real delivery, routed by the fleet's topology).
    func delivered(_ change: VTEXOrderStatusChanged) async throws -> InboundMessage {
        let outcomes = try await connection.publish([try change.message(exchange: "carrefour.events", id: UUID().uuidString)])
        guard outcomes.first?.isConfirmed == true else { throw TestVhost.Failure("not confirmed: \(outcomes)") }
        var taken: AMQPDelivery?
        _ = try await eventually(timeout: .seconds(10), every: .milliseconds(20)) {
            taken = try await connection.get("invoices.work")
            return taken != nil
        }
        guard let delivery = taken else { throw TestVhost.Failure("nothing routed to invoices.work") }
        try await connection.ack(delivery.tag)
        return InboundMessage(queue: "invoices.work", delivery: delivery, history: MessageHistory(headers: delivery.properties.headers))
    }

    /// The fake VTEX's call counts per operation.
    func vtexCalls() async throws -> [String: Int] {
        let (status, body) = try await sandbox.admin(.get, .vtex, "/calls")
        guard status == 200, let calls = body as? [String: Int] else { throw TestVhost.Failure("GET /_admin/calls: \(status)") }
        return calls
    }

    /// Every integration-log entry so far.
    func logEntries() async throws -> [IntegrationEvent] {
        try await IntegrationLogReader(queue: "integration.log").readAll(connection, from: .first)
    }
}
