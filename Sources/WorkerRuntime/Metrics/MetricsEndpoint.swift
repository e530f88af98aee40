import Hummingbird
import Logging
import Prometheus
public import ServiceLifecycle

/// Serves the process's metrics as Prometheus text at `/metrics` (and `/health` for container
/// healthchecks) on the metrics port.
public struct MetricsEndpoint: Service {
    private let application: Application<RouterResponder<BasicRequestContext>>

    init(registry: PrometheusCollectorRegistry, host: String, port: Int, logger: Logger) {
        let router = Router()
        router.get("/metrics") { _, _ -> Response in
            var buffer: [UInt8] = []
            registry.emit(into: &buffer)
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                body: .init(byteBuffer: ByteBuffer(bytes: buffer)))
        }
        router.get("/health") { _, _ in "ok" }
        application = Application(router: router, configuration: .init(address: .hostname(host, port: port)), logger: logger)
    }

    public func run() async throws {
        try await application.runService()
    }
}
