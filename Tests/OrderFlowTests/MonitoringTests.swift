import ConnectorTestSupport
import FlowTestSupport
import Foundation
import Glibc
import HTTPLayer
import Testing

/// The dashboard and alerting rules of `docker/monitoring` against a real Prometheus (Debian's
/// `prometheus`) scraping a running fleet and the test broker's own Prometheus plugin: every
/// panel's query returns data, and the rule file loads.
@Suite struct MonitoringTests {
    private static let monitoring = TestBroker.repositoryRoot.appendingPathComponent("docker/monitoring")

    @Test func everyDashboardPanelsQueryReturnsDataFromARunningFleet() async throws {
        guard let rabbitmq = ProcessInfo.processInfo.environment["CARREFOUR_TEST_PROMETHEUS_URL"], let broker = URL(string: rabbitmq) else {
            Issue.record("CARREFOUR_TEST_PROMETHEUS_URL is not set: run the tests with scripts/test")
            return
        }
        let queries = try Self.panelQueries()
        #expect(queries.count >= 8, "the dashboard's panels: \(queries)")

        let world = try await OrdersHarness.start()
        let importerPort = try Self.freePort(), trackerPort = try Self.freePort(), prometheusPort = try Self.freePort()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("carrefour-prometheus-\(UUID().uuidString.prefix(8))")
        var prometheus: RunningProcess?
        do {
            try world.startWorker("order-importer", settings: ["CARREFOUR_METRICS_PORT": String(importerPort)])
            try world.startWorker("invoice-tracker", settings: ["CARREFOUR_METRICS_PORT": String(trackerPort)])
            // One Mirakl call in four fails: the panels show a fleet at work through faults.
            _ = try await world.json(.put, world.miraklURL + "/_admin/faults", body: ["serverErrorRate": 0.25])
            let price = Double(try await world.simulatedPrice("2001")) / 100
            var orders: [String] = []
            for _ in 0..<3 { orders.append(try await world.createOrder([("2001", 1, price, 9.90)])) }

            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let config = """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                rule_files:
                  - \(Self.monitoring.appendingPathComponent("alerts.yml").path)
                scrape_configs:
                  - job_name: carrefour
                    static_configs:
                      - targets: ["127.0.0.1:\(importerPort)", "127.0.0.1:\(trackerPort)"]
                  - job_name: rabbitmq
                    metrics_path: /metrics/per-object
                    static_configs:
                      - targets: ["\(broker.host ?? "127.0.0.1"):\(broker.port ?? 15692)"]
                """
            try config.write(to: directory.appendingPathComponent("prometheus.yml"), atomically: true, encoding: .utf8)
            prometheus = try RunningProcess("/usr/bin/prometheus", [
                "--config.file=\(directory.appendingPathComponent("prometheus.yml").path)",
                "--storage.tsdb.path=\(directory.appendingPathComponent("data").path)",
                "--web.listen-address=127.0.0.1:\(prometheusPort)", "--log.level=warn",
            ])
            let integrated = try await eventually(timeout: .seconds(60), every: .milliseconds(500)) {
                try await world.vtexOrders().filter { orders.contains($0["marketplaceOrderId"] as? String ?? "") }.count == orders.count
            }
            let diagnostics = integrated ? "" : await world.diagnostics()
            #expect(integrated, "the orders reach VTEX despite the faults\n\(diagnostics)")

            var empty = queries
            let answered = try await eventually(timeout: .seconds(60), every: .seconds(1)) {
                var still: [String] = []
                for query in empty where try await Self.series(query, port: prometheusPort) == 0 { still.append(query) }
                empty = still
                return empty.isEmpty
            }
            #expect(answered, "panels whose query returns no data: \(empty)")
            let rules = try await world.json(.get, "http://127.0.0.1:\(prometheusPort)/api/v1/rules")
            let groups = ((rules["data"] as? [String: Any])?["groups"] as? [[String: Any]]) ?? []
            #expect(groups.flatMap { ($0["rules"] as? [Any]) ?? [] }.count == 6, "alerts.yml loads with its six rules")
        } catch {
            await prometheus?.stop(grace: .seconds(2))
            await world.stop()
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
        await prometheus?.stop(grace: .seconds(2))
        await world.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Every panel's Prometheus expression in the shipped dashboard.
    private static func panelQueries() throws -> [String] {
        let data = try Data(contentsOf: monitoring.appendingPathComponent("grafana/dashboards/carrefour.json"))
        let dashboard = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let panels = try #require(dashboard["panels"] as? [[String: Any]])
        return panels.flatMap { ($0["targets"] as? [[String: Any]] ?? []).compactMap { $0["expr"] as? String } }
    }

    /// How many series `query` returns now.
    private static func series(_ query: String, port: Int) async throws -> Int {
        // Percent-encoded whole: a `+` left as it is would reach Prometheus as a space.
        let encoded = query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? query
        let url = "http://127.0.0.1:\(port)/api/v1/query?query=\(encoded)"
        guard let response = try? await OrdersHarness.http.execute(HTTPRequest(method: .get, url: url, timeout: .seconds(5))),
            response.status == 200,
            let object = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any],
            let result = (object["data"] as? [String: Any])?["result"] as? [Any]
        else { return 0 }
        return result.count
    }

    /// A loopback port nobody listens on now.
    private static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw HarnessFailure("socket() failed") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0 }
        }
        guard bound else { throw HarnessFailure("bind() failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
