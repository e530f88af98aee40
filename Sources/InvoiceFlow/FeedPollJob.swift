import AMQPLayer
import Connector
import FleetContracts
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import IntegrationRules
public import Logging
public import VTEXAPI
public import WorkerRuntime

/// The Feed v3 poll on `invoices.tick` (reference/vtex-apis.md §8): reads the orders feed ten events
/// at a time, publishes one `vtex.order.status` per event and commits the events once the broker
/// confirmed them (an event read but not committed shows again after the feed's visibility
/// timeout, so a crash loses none). Configures the feed when VTEX says there is none.
public struct FeedPollJob: TickJob {
    /// The feed keeps no cursor of ours: VTEX's queue is the cursor.
    public struct State: Codable, Sendable, Equatable {}

    /// The feed filter: any change of an invoiced or canceled order (`FromOrders` also fires on
    /// invoice and tracking changes after invoicing, which `FromWorkflow` would miss).
    public static let filter = OrderFeedFilter(
        type: "FromOrders", expression: #"status = "\#(VTEXOrderStatus.invoiced)" or status = "\#(VTEXOrderStatus.canceled)""#,
        disableSingleFire: false)

    /// The most lots of ten read in one tick before the next tick continues.
    static let lotsPerTick = 50

    public let queue: String
    public let interval: Duration
    public let minimumSpacing: Duration = .zero
    let vtex: VTEXClient
    let publisher: ReliablePublisher
    let exchange: String
    let affiliateId: String
    let logger: Logger

    /// - Parameters:
    ///   - queue: the tick queue (the invoice-tracker's `tick` queue in topology.json).
    ///   - affiliateId: only orders of this affiliate (`CRF-…`) are published.
    public init(
        queue: String, interval: Duration, vtex: VTEXClient, publisher: ReliablePublisher, exchange: String,
        affiliateId: String, logger: Logger
    ) {
        self.queue = queue
        self.interval = interval
        self.vtex = vtex
        self.publisher = publisher
        self.exchange = exchange
        self.affiliateId = affiliateId
        self.logger = logger
    }

    public func tick(_ state: State?) async throws(WorkFailure) -> TickStep<State> {
        for _ in 0..<Self.lotsPerTick {
            let events: [OrderFeedItem]
            do throws(VTEXError) {
                events = try await vtex.readOrderFeed(maxLot: 10)
            } catch {
                if case .notFound = error {
                    try await configure()
                    return TickStep(next: State(), after: .zero)
                }
                throw WorkFailure(classifying: error)
            }
            guard !events.isEmpty else { return TickStep(next: State(), after: interval) }
            var messages: [AMQPOutgoingMessage] = []
            for event in events where MarketplaceOrderId(vtexOrderId: event.orderId, affiliateId: affiliateId) != nil {
                let change = VTEXOrderStatusChanged(
                    orderId: event.orderId, state: event.state, lastState: event.lastState, lastChange: event.currentChange)
                do {
                    messages.append(try change.message(exchange: exchange, id: "feed:\(event.eventId ?? event.handle)", appID: InvoiceTracker.name))
                } catch {
                    logger.error("cannot encode vtex.order.status", metadata: ["order": "\(event.orderId)", "error": "\(error)"])
                }
            }
            do {
                try await publisher.publish(messages)
            } catch {
                throw .transient("vtex.order.status not confirmed: \(error)")
            }
            do throws(VTEXError) {
                try await vtex.commitOrderFeed(handles: events.map(\.handle))
            } catch {
                throw WorkFailure(classifying: error)
            }
        }
        return TickStep(next: State(), after: .zero)
    }

    /// Creates the feed of this AppKey (14 days' retention, the maximum; a read event shows again
    /// after four minutes if not committed).
    func configure() async throws(WorkFailure) {
        logger.notice("no orders feed for this AppKey: configuring it", metadata: ["filter": "\(Self.filter.expression ?? "")"])
        do throws(VTEXError) {
            try await vtex.configureOrderFeed(OrderFeedConfiguration(
                filter: Self.filter, queue: .init(visibilityTimeoutInSeconds: 240, messageRetentionPeriodInSeconds: 1_209_600)))
        } catch {
            throw WorkFailure(classifying: error)
        }
    }
}
