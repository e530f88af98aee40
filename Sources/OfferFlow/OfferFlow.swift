import Connector
public import HTTPLayer
public import ServiceLifecycle
public import WorkerRuntime

/// The offer flow (ARCHITECTURE.md "offers", seeds/how-the-carrefour-integration-works.md §2): VTEX prices and stock to Carrefour's offers. The `offer-batcher`
/// executable runs its two consumers: ``OfferBatcher`` on its `work` queue (`offers.work` in
/// topology.json), coalesced per SKU over the offer window with its journal on its `window` queue,
/// and ``ImportTracker`` on its `imports` queue, which reads each import's outcome.
public enum OfferFlow {
    /// The worker's name in topology.json and in the integration log.
    public static let workerName = "offer-batcher"
    /// The most SKUs one window holds (any number of changes of them); the changes of more SKUs
    /// wait in the queue for the next window.
    public static let capacity = 250_000

    /// The flow's services, built from the process's settings (a bad one stops the process at
    /// start). `catalogued`, given the flow's HTTP client, lets the scheduled reconcile look for
    /// catalogued SKUs with no offer; it is called only when the reconcile is scheduled.
    public static func services(
        _ app: WorkerApp, catalogued: (@Sendable (HTTPClient) -> OfferReconciler.CataloguedSKUs)? = nil
    ) -> [any Service] {
        let connector = app.connectorSettings()
        let settings = app.settings { source throws(SettingsError) in try OfferSettings(from: source, connector: connector) }
        let parked = app.settings { _ throws(SettingsError) in try app.parkedQueue(of: workerName) }
        // Offer changes (`offer.refresh`, `sku.price`, `sku.stock`); the import reminders
        // (`offer.import.sent`); the window's journal, where the SKUs a window keeps are written
        // down so their deliveries are acknowledged long before the flush (``BatchConsumer``).
        let (work, imports, window) = app.settings { _ throws(SettingsError) in
            (try app.queue("work", of: workerName), try app.queue("imports", of: workerName), try app.queue("window", of: workerName))
        }
        let http = app.makeHTTPClient(timeout: connector.mirakl.timeout)
        let publisher = app.makePublisher()
        let context = OfferContext(
            mirakl: app.makeMiraklClient(connector, http: http), vtex: app.makeVTEXClient(connector, http: http),
            store: connector.store, settings: settings, log: app.integrationLog(publisher), publisher: publisher,
            topology: app.topology, pacer: CallPacer(), worker: workerName, logger: app.logger)
        let auth = app.authReporter(worker: workerName, log: context.log)
        return app.settings { _ throws(SettingsError) in
            var services: [any Service] = [
                try BatchConsumer(
                    queue: work, parkedQueue: parked, handler: auth.reporting(OfferBatcher(context: context)),
                    window: settings.window, capacity: capacity, journal: window, settings: app.settings, topology: app.topology,
                    publisher: publisher, logger: app.logger),
                try QueueConsumer(
                    queue: imports, parkedQueue: parked, handler: auth.reporting(ImportTracker(context: context)), settings: app.settings,
                    topology: app.topology, publisher: publisher, logger: app.logger),
            ]
            if let interval = settings.reconcileInterval {
                let job = ReconcileJob(
                    queue: try app.queue("reconcile.tick", of: workerName), interval: interval, minimumSpacing: settings.real(OfferSettings.orderListInterval),
                    reconciler: OfferReconciler(context: context, catalogued: catalogued?(http)))
                services.append(try TickService(
                    job: job, parkedQueue: parked, settings: app.settings, topology: app.topology, publisher: publisher,
                    logger: app.logger))
            }
            return services
        }
    }
}
