import Foundation
import IntegrationRules
import Testing

@Suite struct IntegrationLogQueryTests {
    private let base = Date(timeIntervalSince1970: 1_800_000_000)

    private func event(_ n: Int, _ entity: IntegrationEvent.Entity, _ id: String, _ status: IntegrationEvent.Status) -> IntegrationEvent {
        IntegrationEvent(
            operationId: "op-\(n)", entity: entity, entityId: id, operation: .catalog, direction: .vtexToCarrefour,
            status: status, message: "m\(n)", at: base.addingTimeInterval(Double(n)), worker: "test")
    }

    @Test func aSkuMatchesItsProductAndOfferButNotAnOrderOfTheSameId() {
        let events = [event(1, .product, "7", .error), event(2, .offer, "7", .success), event(3, .order, "7", .error)]
        let ids = IntegrationLogQuery(subject: .sku("7")).newestFirst(events).map(\.operationId)
        #expect(ids == ["op-2", "op-1"])
        #expect(IntegrationLogQuery(subject: .order("7")).newestFirst(events).map(\.operationId) == ["op-3"])
    }

    @Test func latestKeepsEachEntitysLastEntryThenFilters() {
        let events = [event(1, .product, "1", .error), event(2, .product, "1", .success), event(3, .product, "2", .error)]
        #expect(IntegrationLogQuery().latest(events).map(\.operationId) == ["op-3", "op-2"])
        #expect(IntegrationLogQuery(statuses: [.error]).latest(events).map(\.operationId) == ["op-3"])
    }

    @Test func sinceDropsOlderEntries() {
        let events = [event(1, .product, "1", .error), event(5, .product, "2", .error)]
        #expect(IntegrationLogQuery(since: base.addingTimeInterval(3)).newestFirst(events).map(\.operationId) == ["op-5"])
    }

    @Test func payloadsAreCutAndRoutingKeysNameEntityAndStatus() {
        let long = String(repeating: "é", count: IntegrationEvent.maximumPayloadLength)
        let entry = IntegrationEvent(
            operationId: "x", entity: .offer, entityId: "1", operation: .price, direction: .vtexToCarrefour, status: .alert,
            message: "", sourcePayload: long, worker: "t")
        #expect((entry.sourcePayload?.utf8.count ?? 0) <= IntegrationEvent.maximumPayloadLength + 3)
        #expect(entry.routingKey == "log.offer.alert")
    }
}
