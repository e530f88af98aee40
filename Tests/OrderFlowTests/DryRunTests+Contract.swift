import ConnectorTestSupport
import FlowTestSupport
import Foundation
import IntegrationRules
import SandboxTestSupport
import Testing

/// One "would send" entry of the integration log, read back: the service and operation, the
/// method and path from its message, and its payload.
struct WouldSend {
    /// `Mirakl OR21`, `VTEX cancel order`…
    var kind: String
    var method: String
    var path: String
    var payload: String?

    /// The entry's parts, or nil for any other entry. Its message reads "Dry run
    /// (CARREFOUR_DRY_RUN): would send <service> <operation>: <METHOD> <path> (Content-Type: …); …".
    init?(_ event: IntegrationEvent) {
        guard event.status == .info, let start = event.message.range(of: "would send ") else { return nil }
        let rest = event.message[start.upperBound...]
        guard let colon = rest.range(of: ": ") else { return nil }
        let words = rest[colon.upperBound...].split(separator: " ", maxSplits: 2)
        guard words.count >= 2 else { return nil }
        kind = String(rest[..<colon.lowerBound])
        method = String(words[0])
        path = String(words[1])
        payload = event.translatedPayload
    }

    /// The parts of a multipart payload (written with the dry run's boundary), by name.
    var formParts: [String: String] {
        var parts: [String: String] = [:]
        for chunk in (payload ?? "").components(separatedBy: "--carrefour-connector-dry-run").dropFirst() {
            guard let split = chunk.range(of: "\r\n\r\n") else { continue }
            let head = chunk[..<split.lowerBound]
            guard let nameStart = head.range(of: "name=\"") else { continue }
            let name = head[nameStart.upperBound...].prefix { $0 != "\"" }
            var data = String(chunk[split.upperBound...])
            if data.hasSuffix("\r\n") { data.removeLast() }
            parts[String(name)] = data
        }
        return parts
    }
}

extension DryRunTests {
    /// Each would-send payload checked against the published OpenAPI file of its route
    /// (`scripts/contract/validate.py`): JSON bodies as they are, forms part by part.
    static func expectPayloadsValid(_ entries: [WouldSend]) async throws {
        let dir = try PackagePaths.specsDirectory()
        func spec(_ name: String) -> ContractRecorder { ContractRecorder(specPath: dir.appendingPathComponent(name).path) }
        let mirakl = spec("mirakl/mirakl-mmp-seller-openapi.json")
        let marketplaceOrders = spec("vtex/VTEX - Marketplace Protocol - External Marketplace Orders.json")
        let orders = spec("vtex/VTEX - Orders API.json")
        for entry in entries {
            switch entry.kind {
            case "Mirakl P41", "Mirakl OF01":
                let parts = entry.formParts
                #expect(parts["file"]?.contains(";") == true, "\(entry.kind) sends no CSV: \(entry.payload ?? "")")
                try mirakl.recordForm(method: entry.method, path: entry.path, parts: parts)
            case "Mirakl OR43":
                let input = try JSONSerialization.jsonObject(with: Data((entry.formParts["thread_input"] ?? "").utf8))
                try mirakl.recordForm(method: entry.method, path: entry.path, parts: ["thread_input": input])
            case "Mirakl OR24":
                #expect(entry.payload == nil)
                try mirakl.recordRequest(method: entry.method, path: entry.path, json: NSNull())
            case let kind where kind.hasPrefix("Mirakl"):
                try mirakl.recordRequest(method: entry.method, path: entry.path, body: Array((entry.payload ?? "").utf8))
            case "VTEX cancel order":
                try orders.recordRequest(method: entry.method, path: entry.path, body: Array((entry.payload ?? "").utf8))
            default:
                try marketplaceOrders.recordRequest(method: entry.method, path: entry.path, body: Array((entry.payload ?? "").utf8))
            }
        }
        for recorder in [mirakl, marketplaceOrders, orders] {
            let report = try await recorder.validate()
            #expect(report.passed && report.passes.count == recorder.count, "\(recorder.specPath):\n\(report)")
        }
        // The form check is not blind: an offer file without its file part, or with an import mode
        // Mirakl does not know, fails.
        let broken = spec("mirakl/mirakl-mmp-seller-openapi.json")
        try broken.recordForm(method: "POST", path: "/api/offers/imports", parts: ["import_mode": "NORMAL"])
        try broken.recordForm(method: "POST", path: "/api/offers/imports", parts: ["file": "sku;price", "import_mode": 7])
        let refused = try await broken.validate()
        #expect(refused.failures.count == 2, "\(refused)")
    }

    @Test("a bad CARREFOUR_DRY_RUN stops a worker at start, naming the setting")
    func badSettingStopsTheWorker() async throws {
        let vhost = try await TestVhost.create("dryrun")
        let worker = try RunningProcess.product("order-importer", environment: [
            "CARREFOUR_AMQP_URL": vhost.amqpURL, "CARREFOUR_TOPOLOGY": TestVhost.topologyPath,
            "CARREFOUR_MIRAKL_URL": "http://127.0.0.1:9", "CARREFOUR_MIRAKL_API_KEY": "k", "CARREFOUR_VTEX_URL": "http://127.0.0.1:9",
            "CARREFOUR_VTEX_APP_KEY": "k", "CARREFOUR_VTEX_APP_TOKEN": "t", "CARREFOUR_SLA_NORMAL": "Normal",
            "CARREFOUR_DRY_RUN": "perhaps",
        ])
        let stopped = await eventually(timeout: .seconds(30)) { !worker.isRunning }
        let status = stopped ? await worker.wait() : await worker.stop()
        await vhost.delete()
        #expect(stopped && status == 2, "exit \(status)")
        #expect(worker.standardError.contains("CARREFOUR_DRY_RUN") && worker.standardError.contains("perhaps"), "\(worker.standardError)")
    }
}
