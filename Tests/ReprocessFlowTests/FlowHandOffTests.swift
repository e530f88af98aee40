import AMQPLayer
import ConnectorTestSupport
import FleetContracts
import FlowTestSupport
import Foundation
import Logging
import ReprocessFlow
import Testing
import WorkerRuntime

/// The reprocessor's hand-off of a product or an offer back to its flow (README "Messages between
/// workers"), against the real broker: a scratch vhost with the fleet's topology, the messages
/// taken from the flows' own work queues.
@Suite("Reprocess hand-off", .serialized)
struct FlowHandOffTests {
    @Test("a product goes back to the catalog flow as a flagless SKU change, an offer to the offer flow as a refresh; each confirmed")
    func handOff() async throws {
        let vhost = try await TestVhost.create("reprocess")
        let topology = try Topology.load(path: TestVhost.topologyPath)
        let connection = try await vhost.connect()
        let publisher = ReliablePublisher(configuration: try AMQPConfiguration(url: vhost.amqpURL), logger: Logger(label: "reprocess-tests"))
        do {
            try await connection.declare(topology)
            let exchange = topology.fleet.exchanges.events

            let product = try await FlowHandOff(to: .catalog, publisher: publisher, exchange: exchange).attempt(id: "2001")
            #expect(product.message.contains("2001"))
            let change = try #require(try await connection.get("catalog.work"))
            #expect(change.properties.type == SKUChanged.routingKey)
            #expect(change.properties.appID == Reprocessor.name)
            let changed = try SKUChanged.decode(body: change.body)
            #expect(changed.skuId == "2001")
            #expect(changed.hasStockKeepingUnitModified == nil && changed.priceModified == nil && changed.stockModified == nil)
            #expect(try await connection.get("offers.work") == nil, "a product hand-off reached the offer flow")

            let offer = try await FlowHandOff(to: .offers, publisher: publisher, exchange: exchange).attempt(id: "2002")
            #expect(offer.message.contains("2002"))
            let refresh = try #require(try await connection.get("offers.work"))
            #expect(refresh.properties.type == OfferRefresh.routingKey)
            #expect(try OfferRefresh.decode(body: refresh.body).skuId == "2002")
            #expect(try await connection.get("catalog.work") == nil, "an offer hand-off reached the catalog flow")
        } catch {
            await publisher.close()
            await connection.close()
            await vhost.delete()
            throw error
        }
        await publisher.close()
        await connection.close()
        await vhost.delete()
    }
}
