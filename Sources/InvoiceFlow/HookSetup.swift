import Logging
import ServiceLifecycle
import VTEXAPI
import WorkerRuntime

/// Configures VTEX's orders hook to post to the ingress (`POST /api/orders/hook/config`), retrying
/// until VTEX accepts it (VTEX pings the URL first, so the ingress must be up), then idles until
/// shutdown.
struct HookSetup: Service {
    /// The ingress route the hook posts to.
    static let path = "/orders/hook"

    let vtex: VTEXClient
    let url: String
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            let reconnecting = Reconnecting(initial: .seconds(1), maximum: .seconds(60))
            let configured: Void? = await reconnecting.untilSuccess(stop: { Task.isCancelled }) { error, _ in
                logger.warning("orders hook not configured yet", metadata: ["error": "\(error)"])
            } attempt: {
                try await vtex.configureOrderHook(OrderHookConfiguration(filter: FeedPollJob.filter, hook: .init(url: url)))
            }
            if configured != nil { logger.notice("orders hook configured", metadata: ["url": "\(url)"]) }
        }
        try? await gracefulShutdown()
    }
}
