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
            var backoff = Backoff(initial: .seconds(1), maximum: .seconds(60))
            while !Task.isCancelled {
                do throws(VTEXError) {
                    try await vtex.configureOrderHook(OrderHookConfiguration(filter: FeedPollJob.filter, hook: .init(url: url)))
                    logger.notice("orders hook configured", metadata: ["url": "\(url)"])
                    break
                } catch {
                    logger.warning("orders hook not configured yet", metadata: ["error": "\(error)"])
                    try? await Task.sleep(for: backoff.next())
                }
            }
        }
        try? await gracefulShutdown()
    }
}
