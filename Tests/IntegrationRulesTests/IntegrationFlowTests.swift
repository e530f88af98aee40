import Foundation
import IntegrationRules
import Testing

/// Which flow a log entry is about, from the operation ids the workers compose, and a flow's
/// latest outcomes.
@Suite struct IntegrationFlowTests {
    private func event(_ operationId: String, _ status: IntegrationEvent.Status = .success, at: Date = Date(), operation: IntegrationEvent.Operation = .order) -> IntegrationEvent {
        IntegrationEvent(
            operationId: operationId, entity: .order, entityId: "x", operation: operation, direction: .carrefourToVTEX,
            status: status, message: operationId, at: at, worker: "test")
    }

    @Test(arguments: [
        ("P41:12:77", IntegrationFlow.productImport), ("P41:refused:file.csv:77", .productImport),
        ("P42:12:77", .productImportReport), ("validate:sku.changed", .catalogValidation),
        ("OF01:5:77:sent", .offerImport), ("OF01:refused:77:1700000000", .offerImport), ("OF01:5:77", .offerImportReport),
        ("order:CRF-1-A:accept:1700000000000", .orderAcceptance), ("order:CRF-1-A:integrate", .orderIntegration),
        ("order:CRF-1-A:result:x:SOI001:op", .orderIntegration), ("order:CRF-1-A:approved", .orderApproval),
        ("order:CRF-1-A:cancel", .cancellation), ("order:CRF-1-A:ship:N1", .shipping),
        ("order:CRF-1-A:invoice:N1:incomplete:courier", .shipping), ("order:CRF-1-A:delivered:N1", .delivery),
        ("order:CRF-1-A:state:CLOSED", .orderRead), ("reprocess:r-1:2", .reprocess), ("auth:order-importer:ShopKey:1700000000", .credentials),
        ("inactive:catalog:1700000000", .integrationSwitch), ("something-new", .other),
    ])
    func eachOperationIdNamesItsFlow(operationId: String, flow: IntegrationFlow) {
        #expect(IntegrationFlow(of: event(operationId)) == flow)
    }

    @Test func summaryKeepsTheLatestSuccessAndFailureAndCountsWithinTheLookBack() {
        let now = Date()
        let events = [
            event("order:A:integrate", .error, at: now.addingTimeInterval(-7200)),
            event("order:B:integrate", .success, at: now.addingTimeInterval(-600)),
            event("order:C:integrate", .error, at: now.addingTimeInterval(-300)),
            event("order:D:integrate", .alert, at: now.addingTimeInterval(-200)),
            event("order:E:integrate", .pending, at: now.addingTimeInterval(-100)),
            event("P41:1:1", .error, at: now.addingTimeInterval(-50)),
        ]
        let summary = FlowActivity.summarize(events, since: now.addingTimeInterval(-3600))
        #expect(summary.map(\.flow) == [.productImport, .orderIntegration])
        let orders = summary[1]
        #expect(orders.lastSuccess?.message == "order:B:integrate")
        #expect(orders.lastFailure?.message == "order:D:integrate")
        #expect((orders.errors, orders.alerts) == (1, 1))
        #expect(!orders.isStale(maximumAge: 900, now: now))
        #expect(orders.isStale(maximumAge: 300, now: now))
        #expect(summary[0].isStale(maximumAge: 1_000_000, now: now), "a flow that only failed is stale")
    }

    @Test func aWorkerIsPausedFromItsRefusedKeyUntilItsNextSuccess() {
        let now = Date()
        func entry(_ operationId: String, _ worker: String, _ status: IntegrationEvent.Status, _ seconds: Double) -> IntegrationEvent {
            IntegrationEvent(
                operationId: operationId, entity: .order, entityId: "x", operation: .order, direction: .carrefourToVTEX,
                status: status, message: operationId, at: now.addingTimeInterval(seconds), worker: worker)
        }
        let events = [
            entry("order:A:integrate", "order-importer", .success, -100),
            entry("auth:order-importer:ShopKey:1", "order-importer", .error, -90),
            entry("auth:order-importer:ShopKey:2", "order-importer", .error, -30),
            entry("auth:catalog:VTEX app key:1", "catalog", .error, -80),
            entry("P41:1:2", "catalog", .success, -20),
            entry("inactive:reprocessor:1", "reprocessor", .alert, -10),
        ]
        let pauses = WorkerPause.detect(events)
        #expect(Set(pauses.keys) == ["order-importer", "reprocessor"], "the catalog succeeded after its refused key")
        #expect(pauses["order-importer"]?.since == now.addingTimeInterval(-90), "paused since the first refusal")
        #expect(pauses["order-importer"]?.reason == "auth:order-importer:ShopKey:2", "the latest entry's message")
    }
}
