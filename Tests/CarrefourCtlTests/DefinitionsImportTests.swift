import AMQPLayer
import ConnectorTestSupport
import FleetContracts
import Foundation
import Testing

@Suite("topology.json as RabbitMQ definitions", .serialized)
struct DefinitionsImportTests {
    @Test("rabbitmqctl import_definitions accepts topology.json on a fresh broker; carrefourctl topology check then reports no drift, and the fleet's own declare finds everything equivalent")
    func importThenDeclare() async throws {
        let broker = try await TestBroker.start()
        defer { broker.destroy() }
        let path = TestBroker.repositoryRoot.appendingPathComponent("topology.json").path
        let output = try await broker.ctl("import_definitions", path)
        #expect(output.contains("Successfully"))
        let topology = try Topology.load(path: path)
        let connection = try await AMQPConnection.connect(AMQPConfiguration(url: broker.amqpURL))
        // a quorum queue reads as absent for a moment after an import: wait until all exist
        let ready = try await eventually(timeout: .seconds(30)) {
            for queue in topology.queues where try await connection.queueState(queue.name) == nil { return false }
            return true
        }
        #expect(ready)
        let check = try await Subprocess.run(
            Subprocess.builtProduct("carrefourctl"), ["topology", "check", "--topology", path],
            environment: ["CARREFOUR_AMQP_URL": broker.amqpURL, "CARREFOUR_MANAGEMENT_URL": broker.managementURL])
        #expect(check.status == 0, "\(check.standardOutput)\(check.standardError)")
        #expect(check.standardOutput.contains("no drift"))
        // 406 PRECONDITION_FAILED here would mean the import and the fleet disagree on an argument
        try await connection.declare(topology)
        let listed = try await broker.ctl("list_queues", "name", "--quiet", "--no-table-headers")
        let names = Set(listed.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) })
        #expect(names == Set(topology.queues.map(\.name)))
        await connection.close()
    }
}
