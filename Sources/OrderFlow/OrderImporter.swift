import Connector
public import ServiceLifecycle
public import WorkerRuntime

/// The order-importer's services (Sources/Executables/order-importer): the poll on its `tick`
/// queue, the per-order work on its `work` queue, and VTEX's processing results on its `results`
/// queue (`orders.tick`, `orders.work`, `orders.results` in topology.json).
public enum OrderImporter {
    /// The worker's name in topology.json and in the integration log.
    public static let name = "order-importer"

    /// Builds the services from the process's settings; a bad setting stops the process at start.
    public static func services(app: WorkerApp) -> [any Service] {
        let connector = app.connectorSettings()
        let settings = app.settings { source throws(SettingsError) in try OrderFlowSettings(from: source, connector: connector) }
        let http = app.makeHTTPClient(timeout: connector.mirakl.timeout)
        let mirakl = app.makeMiraklClient(connector, http: http)
        let publisher = app.makePublisher()
        // One more publisher per four deliveries handled at once carries log entries (each confirm
        // waits a broker round trip).
        let logs = (0..<max(1, min(8, app.settings.concurrency / 4))).map { _ in app.integrationLog(app.makePublisher()) }
        let results = app.settings { _ throws(SettingsError) in try app.queue("results", of: name) }
        let processor = OrderProcessor(
            mirakl: mirakl, vtex: app.makeVTEXClient(connector, http: http), store: connector.store, settings: settings,
            log: logs[0], moreLogs: Array(logs.dropFirst()), worker: name,
            resultCheck: OrderResultCheck(delivery: DelayedDelivery(publisher: publisher, topology: app.topology), queue: results),
            stockRefresh: OrderStockRefresh(publisher: publisher, exchange: app.topology.fleet.exchanges.events, appID: name),
            logger: app.logger)
        return app.settings { _ throws(SettingsError) -> [any Service] in
            let parked = try app.parkedQueue(of: name)
            let poll = OrderPollJob(
                queue: try app.queue("tick", of: name), settings: settings, mirakl: mirakl, publisher: publisher,
                exchange: app.topology.fleet.exchanges.events, logger: app.logger)
            let auth = app.authReporter(worker: name, log: logs[0])
            return [
                try TickService(
                    job: poll, parkedQueue: parked, settings: app.settings, topology: app.topology, publisher: publisher,
                    logger: app.logger, authReporter: auth),
                try QueueConsumer(
                    queue: try app.queue("work", of: name), parkedQueue: parked, handler: auth.reporting(OrderWorkHandler(processor: processor)),
                    settings: app.settings, topology: app.topology, publisher: publisher, logger: app.logger),
                try QueueConsumer(
                    queue: results, parkedQueue: parked,
                    handler: auth.reporting(OrderResultHandler(processor: processor, logger: app.logger)), settings: app.settings,
                    topology: app.topology, publisher: publisher, logger: app.logger),
            ]
        }
    }
}
