import Connector
import Foundation
import HTTPLayer
import IntegrationRules
import MiraklAPI
import Synchronization
import Testing
import VTEXAPI
import WorkerRuntime

/// The dry run's gate in both clients (`CARREFOUR_DRY_RUN`): writes are withheld and handed to the
/// recorder, reads and the feed's subscription calls go out. The clients point at a closed port,
/// so a call that goes out fails with a transport error and a withheld one never tries.
@Suite struct DryRunGateTests {
    /// Keeps what it is given.
    final class Kept: WithheldRequestRecorder {
        let requests = Mutex<[WithheldRequest]>([])
        let failing: Bool
        init(failing: Bool = false) { self.failing = failing }
        func record(_ request: WithheldRequest) async throws {
            if failing { throw SettingsError(setting: "-", problem: "broker down") }
            requests.withLock { $0.append(request) }
        }
        var all: [WithheldRequest] { requests.withLock { $0 } }
    }

    static let closed = "http://127.0.0.1:9"

    /// Whether a VTEX call failed on the network (it went out), not at the gate.
    static func wentOut(_ error: VTEXError) -> Bool {
        if case .transport = error { return true }
        return false
    }

    @Test func miraklWritesAreWithheldAndReadsGoOut() async throws {
        let http = HTTPClient()
        let kept = Kept()
        let mirakl = MiraklClient(
            configuration: MiraklConfiguration(baseURL: Self.closed, apiKey: "shop-key-secret", shopId: "7", dryRun: true),
            http: http, recorder: kept)
        await #expect(throws: MiraklError.withheld(operation: "OR21")) {
            try await mirakl.decide(orderId: "A-1", lines: [MiraklLineDecision(id: "A-1-1", accepted: true)])
        }
        await #expect(throws: MiraklError.withheld(operation: "OR24")) { try await mirakl.ship(orderId: "A-1") }
        await #expect(throws: MiraklError.withheld(operation: "OF01")) {
            _ = try await mirakl.importOffers(file: Array("sku;price\n1;2.00".utf8), fileName: "o.csv")
        }
        do {
            _ = try await mirakl.orders(ids: ["A-1"])
            Issue.record("a read to a closed port succeeded")
        } catch {
            guard case .transport = error else { Issue.record("read not sent: \(error)"); return }
        }
        let requests = kept.all
        #expect(requests.map(\.operation) == ["OR21", "OR24", "OF01"])
        #expect(requests[0].path == "/api/orders/A-1/accept?shop_id=7" && requests[0].method == .put && requests[0].subject == "A-1")
        #expect(String(decoding: requests[0].body, as: UTF8.self).contains(#""accepted":true"#))
        #expect(requests[1].body.isEmpty && requests[1].contentType == nil)
        let form = String(decoding: requests[2].body, as: UTF8.self)
        #expect(requests[2].contentType == "multipart/form-data; boundary=\(MultipartForm.boundary)")
        #expect(form.contains("name=\"file\"; filename=\"o.csv\"\r\nContent-Type: text/csv\r\n\r\nsku;price\n1;2.00\r\n"))
        #expect(form.hasSuffix("--\(MultipartForm.boundary)--\r\n") && form.contains("NORMAL"))
        for request in requests { #expect(!String(decoding: request.body, as: UTF8.self).contains("shop-key-secret")) }
        await http.shutdown()
    }

    @Test func vtexSimulationsAndTheFeedGoOutOrdersDoNot() async throws {
        let http = HTTPClient()
        let kept = Kept()
        let vtex = VTEXClient(
            configuration: VTEXConfiguration(baseURL: Self.closed, appKey: "k", appToken: "t", dryRun: true), http: http, recorder: kept)
        await #expect(throws: VTEXError.withheld(operation: "cancel order")) { _ = try await vtex.cancelOrder("CRF-A-1", reason: "r") }
        await #expect(throws: VTEXError.withheld(operation: "approve order")) {
            _ = try await vtex.approveOrder(OrderStatusUpdate(marketplaceOrderId: "A-1", connectorName: "c", connectorEndpoint: "https://e"))
        }
        do {
            _ = try await vtex.fulfillmentSimulation(skuIds: ["1"], tradePolicy: "1", affiliateId: "CRF")
            Issue.record("a simulation to a closed port succeeded")
        } catch {
            #expect(Self.wentOut(error), "simulation not sent: \(error)")
        }
        do {
            try await vtex.commitOrderFeed(handles: ["h"])
            Issue.record("a feed commit to a closed port succeeded")
        } catch {
            #expect(Self.wentOut(error), "feed commit not sent: \(error)")
        }
        #expect(kept.all.map(\.operation) == ["cancel order", "approve order"])
        #expect(kept.all.map(\.subject) == ["CRF-A-1", "A-1"])
        await http.shutdown()
    }

    @Test func aWriteThatCannotBeRecordedIsTransient() async throws {
        let http = HTTPClient()
        let mirakl = MiraklClient(
            configuration: MiraklConfiguration(baseURL: Self.closed, apiKey: "k", dryRun: true), http: http, recorder: Kept(failing: true))
        do {
            try await mirakl.ship(orderId: "A-1")
            Issue.record("shipped")
        } catch {
            #expect(error.isTransient && WorkFailure(classifying: error).kind == "transient", "\(error)")
        }
        await http.shutdown()
    }

    @Test func theLogEntryCarriesTheWholePayload() throws {
        let csv = String(repeating: "sku;price\n", count: 2_000)
        let request = WithheldRequest(
            service: "Mirakl", operation: "P41", subject: "p.csv", method: .post, path: "/api/products/imports",
            body: .multipart(MultipartForm(parts: [.init(name: "file", filename: "p.csv", contentType: "text/csv", data: Array(csv.utf8))])))
        let event = DryRunLog.event(for: request, worker: "catalog")
        #expect(event.status == .info && event.entity == .product && event.operation == .catalog && event.entityId == "p.csv")
        #expect(event.message.hasPrefix("Dry run (CARREFOUR_DRY_RUN): would send Mirakl P41: POST /api/products/imports (Content-Type: multipart/form-data"))
        #expect(event.translatedPayload == String(decoding: request.body, as: UTF8.self))
        #expect((event.translatedPayload?.utf8.count ?? 0) > IntegrationEvent.maximumPayloadLength)
        #expect(DryRunLog.event(for: request, worker: "catalog").operationId == event.operationId)
        let decoded = try IntegrationLog.decode(try IntegrationLog.message(for: event, exchange: "carrefour.events").body)
        #expect(decoded.status == .info)
    }
}
