import FleetContracts
import FlowTestSupport
import Foundation
import InvoiceFlow
import Testing
import WorkerRuntime

/// The invoice-tracker's handler on its own (the whole order life, invoice included, is in
/// OrderFlowTests' end-to-end suites): which VTEX order changes it follows at all.
@Suite("Invoice handler", .serialized)
struct InvoiceHandlerTests {
    @Test("an order change of another affiliate is not followed: no call to VTEX or Carrefour, nothing logged")
    func otherAffiliate() async throws {
        try await InvoiceWorld.run { world in
            let vtexBefore = try await world.vtexCalls()
            let message = try await world.delivered(VTEXOrderStatusChanged(orderId: "SLR-7001-01", state: "invoiced"))
            try await world.handler.handle(message)
            #expect(try await world.vtexCalls() == vtexBefore)
            #expect(try await world.sandbox.miraklCalls().isEmpty)
            #expect(try await world.logEntries().isEmpty)
        }
    }

    @Test("a Carrefour order VTEX does not know: read once, nothing asked of Carrefour, nothing logged, no failure")
    func unknownOrder() async throws {
        try await InvoiceWorld.run { world in
            let vtexBefore = try await world.vtexCalls()
            let orderId = "\(InvoiceWorld.affiliateId)-7002-01"
            let message = try await world.delivered(VTEXOrderStatusChanged(orderId: orderId, state: "invoiced"))
            try await world.handler.handle(message)
            let vtexAfter = try await world.vtexCalls()
            #expect(vtexAfter["GetOrder", default: 0] == vtexBefore["GetOrder", default: 0] + 1, "\(vtexAfter)")
            #expect(try await world.sandbox.miraklCalls().isEmpty)
            #expect(try await world.logEntries().isEmpty)
        }
    }
}
