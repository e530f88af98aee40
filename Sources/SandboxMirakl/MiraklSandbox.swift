public import Hummingbird
public import SandboxSupport
import Foundation
import Synchronization

/// The fake Mirakl seller API: its state, its routes and its admin routes, ready to mount on a
/// Hummingbird router. See the module documentation (`SandboxMirakl.swift`) for the behaviour.
///
/// Sendable: every mutable part is behind a `Mutex` (store, generator task) or is itself
/// thread-safe (`CallCounter`, `FaultInjector`, `RateLimiter`).
public final class MiraklSandbox: Sendable {
    /// The settings the sandbox was started with.
    public let settings: MiraklSettings
    /// The compressed clock of every delay and rate-limit window.
    public let clock: SandboxClock
    /// Calls per operation (`"OR11"`, `"P41"`…).
    public let calls: CallCounter
    /// Calls per operation refused with 429 for exceeding the maximum call frequency: a client
    /// that keeps to Mirakl's frequencies has none.
    public let rateLimited = CallCounter()
    /// The faults applied to API calls (never to admin calls).
    public let faults: FaultInjector
    /// The per-operation maximum call frequencies.
    public let rateLimiter: RateLimiter
    let store: MiraklStore
    let generator = Mutex<GeneratorState>(GeneratorState())

    struct GeneratorState: Sendable {
        var ordersPerHour: Double = 0
        var task: Task<Void, Never>?
        var created = 0
    }

    /// Creates the sandbox and its seeded orders (`settings.seedOrders`, moved to
    /// WAITING_ACCEPTANCE at once). Call `startGenerator` to run the order generator.
    public init(settings: MiraklSettings, clock: SandboxClock) {
        self.settings = settings
        self.clock = clock
        self.calls = CallCounter()
        self.faults = FaultInjector(seed: settings.seed)
        self.rateLimiter = RateLimiter(
            clock: clock, minimumIntervals: MiraklOperation.minimumIntervals, enabled: settings.rateLimitsEnabled)
        self.store = MiraklStore(settings: settings, clock: clock)
        for _ in 0..<max(0, settings.seedOrders) {
            if let id = try? store.createRandomOrder(skus: settings.seedOrderSKUs) {
                _ = try? store.adminAction(id, action: .endStaging)
            }
        }
    }

    /// A router with the Mirakl API, the admin API and the fault middleware.
    public func makeRouter() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        addRoutes(to: router)
        return router
    }

    /// Adds the fault middleware, the Mirakl seller routes and the `/_admin` routes to `router`.
    public func addRoutes(to router: Router<BasicRequestContext>) {
        router.add(middleware: FaultMiddleware(
            injector: faults, credentialHeaders: ["Authorization"],
            errorResponse: { status, message in MiraklAPIError.response(status: status, message: message) }))
        addAccountRoutes(to: router)
        addProductRoutes(to: router)
        addCatalogStructureRoutes(to: router)
        addOfferRoutes(to: router)
        addOrderRoutes(to: router)
        addAdminRoutes(to: router)
    }

    /// Starts (or re-rates) the order generator: `ordersPerHour` random orders per sandbox hour,
    /// on the SKUs of active offers (else the seeded SKUs). 0 stops it. Returns once the previous
    /// generator has stopped, so no order from it lands afterwards.
    public func startGenerator(ordersPerHour: Double, mix: OrderMix = OrderMix()) async {
        let rate = ordersPerHour.isFinite ? max(0, ordersPerHour) : 0
        var task: Task<Void, Never>?
        if rate > 0 {
            let interval = Duration.seconds(3600 / rate)
            task = Task { [self] in
                while !Task.isCancelled {
                    do { try await clock.sleep(sandbox: interval) } catch { return }
                    if (try? store.createRandomOrder(skus: store.orderableSKUs(), mix: mix)) != nil {
                        generator.withLock { $0.created += 1 }
                    }
                }
            }
        }
        // One swap under the lock, so concurrent calls never leave an orphan generator running.
        let previous = generator.withLock { state -> Task<Void, Never>? in
            let old = state.task
            state.ordersPerHour = rate
            state.task = task
            return old
        }
        previous?.cancel()
        await previous?.value
    }

    /// Stops the generator (for shutdown).
    public func stopGenerator() async {
        await startGenerator(ordersPerHour: 0)
    }
}
