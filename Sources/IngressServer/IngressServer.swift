#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Hummingbird
public import Logging
public import ServiceLifecycle

/// The ingress's HTTP server: every ``IngressRoutes`` group plus `GET /health`, on
/// `CARREFOUR_INGRESS_HOST`:`CARREFOUR_INGRESS_PORT`. It holds no state: each route publishes
/// what it received and answers (ARCHITECTURE.md "Processes").
public struct IngressServer: Service {
    private let application: Application<RouterResponder<BasicRequestContext>>

    /// A server for `routes`; logs `ingress listening` with the bound port once it accepts connections.
    public init(settings: IngressSettings, routes: [any IngressRoutes], logger: Logger) {
        let router = Router()
        router.get("/health") { _, _ in "ok" }
        for group in routes { group.addRoutes(to: router) }
        let host = settings.host
        application = Application(
            router: router,
            configuration: .init(address: .hostname(host, port: settings.port), serverName: "carrefour-ingress"),
            onServerRunning: { channel in
                logger.info("ingress listening", metadata: [
                    "host": "\(host)", "port": "\(channel.localAddress?.port ?? settings.port)",
                ])
            },
            logger: logger)
    }

    public func run() async throws {
        try await application.runService()
    }
}
