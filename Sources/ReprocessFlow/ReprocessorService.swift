import Connector
import FleetContracts
import OrderFlow
public import ServiceLifecycle
public import WorkerRuntime

/// The reprocessor's services: one ``QueueConsumer`` on `reprocess.requests` with a
/// ``ReprocessHandler`` whose targets are the order re-import (``OrderReimport``) and the hand-off
/// of products and offers to their flows (``FlowHandOff``).
public enum Reprocessor {
    /// The worker's name in topology.json and in the integration log.
    public static let name = "reprocessor"

    /// Builds the services from the process's settings; a bad setting stops the process at start.
    public static func services(app: WorkerApp, publisher: ReliablePublisher) -> [any Service] {
        let connector = app.connectorSettings()
        let settings = app.settings { source throws(SettingsError) in try ReprocessSettings(from: source) }
        let orderSettings = app.settings { source throws(SettingsError) in try OrderFlowSettings(from: source, connector: connector) }
        let http = app.makeHTTPClient(timeout: connector.mirakl.timeout)
        let processor = OrderProcessor(
            mirakl: app.makeMiraklClient(connector, http: http), vtex: app.makeVTEXClient(connector, http: http),
            store: connector.store, settings: orderSettings, log: app.integrationLog(publisher), worker: name,
            stockRefresh: OrderStockRefresh(publisher: publisher, exchange: app.topology.fleet.exchanges.events, appID: name),
            logger: app.logger)
        let events = app.topology.fleet.exchanges.events
        let targets: [ReprocessRequest.Entity: any ReprocessTarget] = [
            .order: OrderReimport(processor: processor, awaitingVTEX: settings.awaitingVTEX),
            .product: FlowHandOff(to: .catalog, publisher: publisher, exchange: events),
            .offer: FlowHandOff(to: .offers, publisher: publisher, exchange: events),
        ]
        let queue = app.settings { _ throws(SettingsError) in try app.queue("requests", of: name) }
        let handler = ReprocessHandler(
            targets: targets, schedule: settings.schedule, publisher: publisher, amqp: app.amqp, topology: app.topology,
            queue: queue, worker: name, logger: app.logger)
        let auth = app.authReporter(worker: name, log: app.integrationLog(publisher))
        let notification = app.settings { source throws(SettingsError) in
            try NotificationSettings.read(source, email: connector.store.notificationEmail)
        }
        return app.settings { _ throws(SettingsError) -> [any Service] in
            var services: [any Service] = [try QueueConsumer(
                queue: queue, parkedQueue: try app.parkedQueue(of: name), handler: auth.reporting(handler), settings: app.settings,
                topology: app.topology, publisher: publisher, logger: app.logger)]
            if let notification {
                services.append(NotificationDigestService(
                    settings: notification, amqp: app.amqp, logQueue: app.topology.fleet.integrationLog.queue, logger: app.logger))
            }
            return services
        }
    }
}
