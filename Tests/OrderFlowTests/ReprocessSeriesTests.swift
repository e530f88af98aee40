import ConnectorTestSupport
import FlowTestSupport
import Foundation
import Glibc
import IntegrationRules
import Testing

/// Issue 6 "Must show": reprocess series end to end — the reprocessor and `carrefourctl` as
/// subprocesses, a real broker, the sandbox on a compressed clock. A 20 s window stands for the
/// seeds' 15 minutes: attempts at 0, 1.2, 3.6, 8.4 and 18 s.
@Suite("Reprocess series end to end", .serialized)
struct ReprocessSeriesTests {
    static let window = ["CARREFOUR_REPROCESS_WINDOW": "20s", "CARREFOUR_REPROCESS_AWAIT_VTEX": "5s"]

    /// A Carrefour order in SHIPPING whose only line is `sku`: accepted by the seller by hand
    /// (OR21, as in Carrefour's panel), then paid; priced as VTEX will (50.00 and the Normal SLA's 9.90).
    private func shippingOrder(_ world: OrdersHarness, sku: String) async throws -> String {
        let orderId = try await world.createOrder([(sku, 1, 50.0, 9.90)])
        let order = try #require(try await world.miraklOrder(orderId))
        let lines = (order["order_lines"] as? [[String: Any]] ?? []).compactMap { $0["order_line_id"] as? String }
        try await world.json(
            .put, world.miraklURL + "/api/orders/\(orderId)/accept",
            body: ["order_lines": lines.map { ["id": $0, "accepted": true] }],
            headers: ["Authorization": SandboxProcess.shopKey], expect: 204)
        try await world.miraklAction(orderId, "confirm_payment")
        #expect(try await world.miraklState(orderId) == "SHIPPING")
        return orderId
    }

    /// The series' attempt entries of `requestId`, in log order.
    private func attempts(_ world: OrdersHarness, _ orderId: String, request requestId: String) async throws -> [IntegrationEvent] {
        try await world.events(of: orderId).filter { $0.reprocess?.requestId == requestId && ($0.reprocess?.attempt ?? 0) > 0 }
    }

    private func ctl(_ world: OrdersHarness, _ arguments: String...) async throws -> Subprocess.Result {
        try await Subprocess.run(Subprocess.builtProduct("carrefourctl"), arguments, environment: world.environment)
    }

    @Test("an order failing on an unknown SKU integrates at attempt 3, once, after the SKU is created")
    func unknownSkuFixedAfterAttemptTwo() async throws {
        let world = try await OrdersHarness.start(settings: Self.window)
        do {
            try world.startWorker("reprocessor")
            try world.startWorker("order-importer", settings: ["CARREFOUR_ORDER_UNSELLABLE": "leave"])
            let sku = "77\(Int.random(in: 1000...9999))"
            let orderId = try await shippingOrder(world, sku: sku)
            async let followed = ctl(world, "reprocess", "order", orderId, "--follow", "--timeout", "60s")
            let secondFailed = try await eventually(timeout: .seconds(30)) {
                try await world.events(of: orderId).contains { $0.reprocess?.attempt == 2 }
            }
            #expect(secondFailed, "attempt 2 never logged")
            let id = try #require(try await world.events(of: orderId).first { $0.reprocess?.attempt == 2 }?.reprocess?.requestId)
            try await world.json(.post, world.vtexURL + "/_admin/skus", body: ["id": Int(sku) ?? 0, "name": "Created after attempt 2", "price": 5000, "stock": 10], expect: 201)
            let result = try await followed
            #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
            let lines = result.standardOutput.split(separator: "\n").map(String.init)
            #expect(lines.first == id)
            #expect(lines.count == 4, "request id + 3 attempts: \(lines)")
            let series = try await attempts(world, orderId, request: id)
            let everything = try await world.events(of: orderId).map(\.message)
            #expect(series.map { $0.reprocess?.attempt ?? 0 } == [1, 2, 3], "\(everything)")
            #expect(series.map { $0.status } == [IntegrationEvent.Status.error, .error, .success])
            #expect(series.last?.reprocess?.final == true)
            let inVTEX = try await world.vtexOrders().filter { $0["marketplaceOrderId"] as? String == orderId }
            #expect(inVTEX.count == 1, "one VTEX order")
        } catch {
            await world.stop()
            throw error
        }
        await world.stop()
    }

    @Test("an order that can never succeed gets exactly 5 attempts inside the window, then a final error")
    func fiveAttemptsThenFinalError() async throws {
        let world = try await OrdersHarness.start(settings: Self.window)
        do {
            try world.startWorker("reprocessor")
            let orderId = try await shippingOrder(world, sku: "88\(Int.random(in: 1000...9999))")
            let result = try await ctl(world, "reprocess", "order", orderId, "--follow", "--timeout", "60s")
            #expect(result.status == 1, "the final failure exits 1: \(result.standardOutput)\(result.standardError)")
            let id = try #require(result.standardOutput.split(separator: "\n").first.map(String.init))
            let series = try await attempts(world, orderId, request: id)
            #expect(series.map { $0.reprocess?.attempt ?? 0 } == [1, 2, 3, 4, 5])
            #expect(series.allSatisfy { $0.status == .error })
            #expect(series.map { $0.reprocess?.final ?? false } == [false, false, false, false, true])
            let span = (series.last?.at ?? .distantPast).timeIntervalSince(series.first?.at ?? .distantFuture)
            #expect(span > 15 && span < 20, "attempts 1 to 5 span \(span) s of the 20 s window")
            #expect(series.last?.message.contains("gave up after attempt 5 of 5") == true)
        } catch {
            await world.stop()
            throw error
        }
        await world.stop()
    }

    @Test("SIGKILL of the reprocessor between attempts: the series completes, no attempt lost or doubled; a duplicate request is ignored")
    func killBetweenAttemptsAndDuplicateRequest() async throws {
        let world = try await OrdersHarness.start(settings: Self.window)
        do {
            let first = try world.startWorker("reprocessor")
            let orderId = try await shippingOrder(world, sku: "99\(Int.random(in: 1000...9999))")
            let request = try await ctl(world, "reprocess", "order", orderId)
            let id = request.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
            let firstLogged = try await eventually(timeout: .seconds(20)) { try await attempts(world, orderId, request: id).count >= 1 }
            #expect(firstLogged)
            first.signal(SIGKILL)
            await first.wait()
            try world.startWorker("reprocessor")

            let duplicate = try await ctl(world, "reprocess", "order", orderId, "--follow", "--timeout", "30s")
            #expect(duplicate.status == 1, "an ignored request is not a success")
            #expect(duplicate.standardOutput.contains("ignored: series \(id) is already running"), "\(duplicate.standardOutput)\(duplicate.standardError)")
            let done = try await eventually(timeout: .seconds(60)) {
                try await attempts(world, orderId, request: id).contains { $0.reprocess?.final == true }
            }
            #expect(done, "the series did not end")
            let series = try await attempts(world, orderId, request: id)
            #expect(series.map { $0.reprocess?.attempt ?? 0 } == [1, 2, 3, 4, 5], "each attempt exactly once")
        } catch {
            await world.stop()
            throw error
        }
        await world.stop()
    }
}
