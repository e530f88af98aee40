public import Hummingbird
public import Logging
public import SandboxSupport
public import ServiceLifecycle

/// The fake VTEX store: a Hummingbird router speaking the VTEX contracts the connector uses, plus the
/// `/_admin` API, plus a background service (order processing and webhooks).
///
/// Build one, put `makeRouter()` in an `Application` and add `services` to it (or call
/// `makeApplication`). Every VTEX route counts its calls in `calls` under the spec's operation id, and
/// goes through `faults` (SandboxSupport's `FaultMiddleware`) before the AppKey/AppToken check.
public struct VTEXSandbox: Sendable {
    /// The settings the sandbox started with (the admin reset reseeds from them).
    public let configuration: VTEXSandboxConfiguration
    /// Calls per operation (spec operation ids such as `SkuContext`, `CartSimulation`, `EnqueueNewOrder`).
    public let calls: CallCounter
    /// The fault plan applied to VTEX API calls (not to `/_admin`).
    public let faults: FaultInjector
    let store: VTEXStore
    let outbox: VTEXOutbox
    let outboxSettings: VTEXOutbox.Settings

    /// Creates the sandbox with its seeded data.
    /// - Parameters:
    ///   - configuration: identity, credentials, seed and timing.
    ///   - clock: the compressed sandbox clock every date comes from.
    ///   - calls: where to count calls (shareable with the Mirakl side's admin).
    ///   - faults: the injector of this side's faults.
    ///   - logger: for webhook delivery failures (never logs credentials).
    public init(configuration: VTEXSandboxConfiguration = .init(), clock: SandboxClock = .init(),
                calls: CallCounter = .init(), faults: FaultInjector = .init(),
                logger: Logger = Logger(label: "sandbox.vtex")) {
        self.configuration = configuration
        self.calls = calls
        self.faults = faults
        self.store = VTEXStore(configuration: configuration, clock: clock)
        self.outboxSettings = VTEXOutbox.Settings(delay: configuration.processingDelay,
                                                  attempts: configuration.webhookAttempts,
                                                  timeout: configuration.webhookTimeout)
        self.outbox = VTEXOutbox(store: store, settings: outboxSettings, logger: logger)
    }

    /// The background services the application must run (the order queue and webhook outbox).
    public var services: [any Service] { [outbox] }

    /// The router with every VTEX and admin route.
    public func makeRouter() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: FaultMiddleware(
            injector: faults, credentialHeaders: ["X-VTEX-API-AppKey", "X-VTEX-API-AppToken"],
            exemptPathPrefix: SandboxSupport.adminPathPrefix,
            errorResponse: { status, message in RouteSupport.error(status, message) }))
        router.add(middleware: VTEXAuthMiddleware(appKey: configuration.appKey, appToken: configuration.appToken))
        addCatalogRoutes(to: router)
        addProductSKURoutes(to: router)
        addSimulationRoutes(to: router)
        addOMSRoutes(to: router)
        addOrderIntegrationRoutes(to: router)
        addFeedRoutes(to: router)
        addNotificationRoutes(to: router)
        addPickupRoutes(to: router)
        addAdminRoutes(to: router)
        return router
    }

    /// A ready-to-run application on `host:port` (port 0 picks a free one; `onServerRunning` receives it).
    public func makeApplication(
        host: String = "127.0.0.1", port: Int = 0, logger: Logger = Logger(label: "sandbox.vtex.http"),
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        Application(
            responder: ConnectionDroppingResponder(makeRouter().buildResponder()), configuration: .init(address: .hostname(host, port: port), serverName: "vtex-sandbox"),
            services: services,
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? port) },
            logger: logger)
    }
}
