import AMQPLayer
import Connector
import FleetContracts
public import ServiceLifecycle
public import WorkerRuntime

/// The `catalog` worker (seeds/how-the-carrefour-integration-works.md §1): VTEX's SKUs to Carrefour's catalog with P41, the imports'
/// outcomes to the integration log, catalogued SKUs to the offer flow. Its services:
/// - `catalog.work` (``CatalogWorkHandler``): changes, the initial load, the wait for cataloguing;
/// - `catalog.products` (batched, ``ProductImportSender``): one P41 per
///   `CARREFOUR_PRODUCT_IMPORT_INTERVAL`;
/// - `catalog.imports` (``ImportTrackingHandler``): P42 until final, then P44/P45;
/// - with a category or attribute map, ``CatalogMapsCheck``: the maps against H11/PM11 at start.
public enum CatalogWorker {
    /// Builds the services from the process's settings; a bad setting stops the process at
    /// start, named (``WorkerApp/settings(_:)``).
    public static func services(app: WorkerApp) -> [any Service] {
        let connector = app.connectorSettings()
        let settings = app.settings { source throws(SettingsError) in try CatalogSettings(from: source, connector: connector) }
        let queues = app.settings { _ throws(SettingsError) in try CatalogQueues(app: app) }
        let parked = app.settings { _ throws(SettingsError) in try app.parkedQueue(of: CatalogContext.worker) }
        let http = app.makeHTTPClient(timeout: connector.mirakl.timeout)
        let mirakl = app.makeMiraklClient(connector, http: http)
        let publisher = app.makePublisher()
        let log = app.integrationLog(publisher)
        let lists = CarrefourLists(mirakl: mirakl, settings: settings, log: log, logger: app.logger)
        let context = CatalogContext(
            settings: settings, store: connector.store, mirakl: mirakl, vtex: app.makeVTEXClient(connector, http: http),
            index: CatalogIndex(
                mirakl: mirakl, callGap: settings.importPollInterval, refreshInterval: settings.importHistoryRefresh,
                logger: app.logger),
            lists: lists, publisher: publisher, delayed: DelayedDelivery(publisher: publisher, topology: app.topology),
            log: log, queues: queues, exchange: app.topology.fleet.exchanges.events,
            logger: app.logger)
        let auth = app.authReporter(worker: CatalogContext.worker, log: context.log)
        return app.settings { _ throws(SettingsError) in
            [
                try QueueConsumer(
                    queue: queues.work, parkedQueue: parked, handler: auth.reporting(CatalogWorkHandler(context: context)),
                    settings: app.settings, topology: app.topology, publisher: publisher, logger: app.logger),
                try BatchConsumer(
                    queue: queues.products, parkedQueue: parked,
                    handler: auth.reporting(ProductBatchHandler(sender: ProductImportSender(context: context))),
                    window: settings.productImportInterval, settings: app.settings, topology: app.topology,
                    publisher: publisher, logger: app.logger),
                try QueueConsumer(
                    queue: queues.imports, parkedQueue: parked, handler: auth.reporting(ImportTrackingHandler(context: context)),
                    settings: app.settings, topology: app.topology, publisher: publisher, logger: app.logger),
            ] + (settings.initialLoad
                ? [InitialLoad(
                    context: context, amqp: app.amqp, topology: app.topology, reconnectMaxDelay: app.settings.reconnectMaxDelay,
                    dryRun: connector.dryRun)] : [])
                + (try resync(settings.resyncInterval, context: context, parked: parked, publisher: publisher, app: app))
                + (lists.isNeeded ? [CatalogMapsCheck(lists: lists, logger: app.logger)] : [])
        }
    }

    /// The periodic resync's tick service, when `interval` is set.
    private static func resync(
        _ interval: Duration?, context: CatalogContext, parked: String, publisher: ReliablePublisher, app: WorkerApp
    ) throws(SettingsError) -> [any Service] {
        guard let interval else { return [] }
        let job = CatalogResyncJob(queue: try app.queue("resync.tick", of: CatalogContext.worker), interval: interval, context: context)
        return [try TickService(
            job: job, parkedQueue: parked, settings: app.settings, topology: app.topology, publisher: publisher, logger: app.logger)]
    }
}
