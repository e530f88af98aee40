import Connector
public import ServiceLifecycle
import VTEXAPI
public import WorkerRuntime

/// The invoice-tracker's services (Sources/Executables/invoice-tracker): the Feed v3 poll on
/// `invoices.tick` (or, with `CARREFOUR_INVOICE_SOURCE=hook`, the hook configured at start) and the
/// per-order work on `invoices.work`.
public enum InvoiceTracker {
    /// The worker's name in topology.json and in the integration log.
    public static let name = "invoice-tracker"

    /// Builds the services from the process's settings; a bad setting stops the process at start.
    public static func services(app: WorkerApp) -> [any Service] {
        let connector = app.connectorSettings()
        let settings = app.settings { source throws(SettingsError) in try InvoiceFlowSettings(from: source) }
        let http = app.makeHTTPClient(timeout: connector.mirakl.timeout)
        let vtex = app.makeVTEXClient(connector, http: http)
        let publisher = app.makePublisher()
        let log = app.integrationLog(publisher)
        let auth = app.authReporter(worker: name, log: log)
        let handler = auth.reporting(InvoiceHandler(
            mirakl: app.makeMiraklClient(connector, http: http), vtex: vtex, affiliateId: connector.store.affiliateId,
            log: log, worker: name,
            stockRefresh: OrderStockRefresh(publisher: publisher, exchange: app.topology.fleet.exchanges.events, appID: name),
            logger: app.logger))
        return app.settings { _ throws(SettingsError) -> [any Service] in
            let parked = try app.parkedQueue(of: name)
            var services: [any Service] = [
                try QueueConsumer(
                    queue: try app.queue("work", of: name), parkedQueue: parked, handler: handler, settings: app.settings,
                    topology: app.topology, publisher: publisher, logger: app.logger)
            ]
            switch settings.source {
            case .feed:
                let job = FeedPollJob(
                    queue: try app.queue("tick", of: name), interval: settings.pollInterval, vtex: vtex, publisher: publisher,
                    exchange: app.topology.fleet.exchanges.events, affiliateId: connector.store.affiliateId,
                    logger: app.logger)
                services.append(try TickService(
                    job: job, parkedQueue: parked, settings: app.settings, topology: app.topology, publisher: publisher,
                    logger: app.logger, authReporter: auth))
            case .hook:
                services.append(HookSetup(vtex: vtex, url: (settings.ingressURL ?? "") + HookSetup.path, logger: app.logger))
            }
            return services
        }
    }
}
