import Logging
public import ServiceLifecycle
public import WorkerRuntime

/// The reprocessor's services: one ``QueueConsumer`` on `reprocess.requests` with a
/// ``ReprocessHandler``. `extraTargets` adds what reprocessing means for entities beyond the
/// catalog and offer hand-offs (the order re-import).
public enum Reprocessor {
    /// The queue from topology.json.
    public static let queue = "reprocess.requests"

    /// Builds the consumer for `app`, with the products and offers handed back to their flows
    /// and `extraTargets` (the order re-import) added.
    public static func services(
        app: WorkerApp, publisher: ReliablePublisher, extraTargets: [ReprocessRequest.Entity: any ReprocessTarget] = [:]
    ) throws(SettingsError) -> [any Service] {
        let settings = try ReprocessSettings(from: app.source)
        let events = app.topology.connector.exchanges.events
        var targets: [ReprocessRequest.Entity: any ReprocessTarget] = [
            .product: FlowHandOff(routingKey: "sku.changed", publisher: publisher, exchange: events),
            .offer: FlowHandOff(routingKey: "offer.refresh", publisher: publisher, exchange: events),
        ]
        targets.merge(extraTargets) { _, extra in extra }
        let handler = ReprocessHandler(
            targets: targets, schedule: settings.schedule, publisher: publisher, amqp: app.amqp, topology: app.topology,
            queue: queue, logger: app.logger)
        let consumer = try QueueConsumer(
            queue: queue, parkedQueue: try app.parkedQueue(of: "reprocessor"), handler: handler, settings: app.settings,
            topology: app.topology, publisher: publisher, logger: app.logger)
        return [consumer]
    }
}
