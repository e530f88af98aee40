import Logging
import ServiceLifecycle
import WorkerRuntime

/// At start, with a category or attribute map set: reads Carrefour's lists (H11, PM11) and checks
/// the maps (``CarrefourLists``), trying again after a failure (a read is paced by the lists
/// themselves, never before a 429's `Retry-After`) until it is done; then idles until shutdown.
/// Products do not wait for it: one prepared meanwhile asks the lists itself.
struct CatalogMapsCheck: Service {
    let lists: CarrefourLists
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            let reconnecting = Reconnecting(initial: .seconds(1), maximum: .seconds(60))
            let checked: Void? = await reconnecting.untilSuccess(stop: { Task.isCancelled }) { error, _ in
                logger.warning("catalog maps not checked against Carrefour's lists yet", metadata: ["error": "\(error)"])
            } attempt: {
                try await lists.checkMaps()
            }
            if checked != nil { logger.info("catalog maps checked against Carrefour's lists (H11, PM11)") }
        }
        try? await gracefulShutdown()
    }
}
