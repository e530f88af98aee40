import AMQPLayer
import Connector
import ConnectorTestSupport
import FleetContracts
import FlowTestSupport
import Foundation
import HTTPLayer
import Logging
import MiraklAPI
import OrderFlow
import Testing
import WorkerRuntime

/// The poll's cursor against the sandbox, tick by tick: an order of an early page updated while a
/// later page is read is still seen by the next cycle.
@Suite("Order poll cursor")
struct OrderPollCursorTests {
    @Test("an update made to an early page's order during a cycle is read by the next cycle")
    func earlyPageUpdateIsNotSkipped() async throws {
        let world = try await OrdersHarness.start()
        do {
            let connector = try ConnectorSettings(from: SettingsSource(environment: world.environment))
            let settings = try OrderFlowSettings(from: SettingsSource(environment: world.environment), connector: connector)
            let logger = Logger(label: "poll-test")
            let publisher = ReliablePublisher(configuration: try AMQPConfiguration(url: world.vhost.amqpURL), logger: logger)
            let http = HTTPClient()
            let topology = try Topology.load(path: TestVhost.topologyPath)
            let job = OrderPollJob(
                queue: try #require(topology.fleet.workers["order-importer"]?.queue("tick")), settings: settings, mirakl: MiraklClient(configuration: connector.mirakl, http: http), publisher: publisher,
                exchange: "carrefour.events", logger: logger)
            var ids: [String] = []
            for _ in 0..<150 { ids.append(try await world.createOrder([("2001", 1, 10, 9.90)])) }

            /// Runs ticks (a Mirakl minute apart, as the tick queue would) until a cycle ends.
            func cycle(_ state: OrderPollState?, between: () async throws -> Void = {}) async throws -> OrderPollState? {
                var state = state
                repeat {
                    let step = try await job.tick(state)
                    state = step.next
                    if state?.offset != 0 { try await between() }
                    try await Task.sleep(for: job.minimumSpacing)
                } while state?.offset != 0
                return state
            }
            var state = try await cycle(nil)
            // Second cycle (still from the first cursor, so both pages are read whatever the
            // orders' creation took): after page 1 is read, order 5 (page 1) is canceled, then
            // order 140 (page 2), a second later: more than the overlap (120 Mirakl seconds, 0.2 s
            // here) after order 5, so a cursor taken from the cycle's latest update would miss
            // order 5. A later cycle starts from the latest update seen before this one, less the
            // overlap: only the last orders created, and the two canceled.
            var canceledDuringCycle = false
            state = try await cycle(state) {
                guard !canceledDuringCycle else { return }
                canceledDuringCycle = true
                try await world.miraklAction(ids[4], "cancel")
                // A second later on the sandbox's clock (600 Mirakl seconds, more than the overlap).
                let canceled = try await world.sandbox.now()
                #expect(try await world.sandbox.waitOnClock(.seconds(1), after: canceled))
                try await world.miraklAction(ids[139], "cancel")
            }
            #expect(canceledDuringCycle, "the cycle read more than one page")
            _ = try await cycle(state)

            let connection = try await world.vhost.connect()
            var canceled: Set<String> = []
            while let delivery = try await connection.get("orders.work") {
                let message = try OrderChanged.decode(body: delivery.body)
                if message.state == "CANCELED" { canceled.insert(message.orderId) }
            }
            await connection.close()
            #expect(canceled == [ids[4], ids[139]])
            await http.shutdown()
        } catch {
            await world.stop()
            throw error
        }
        await world.stop()
    }
}
