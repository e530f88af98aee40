import AMQPLayer
import Connector
#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
public import IntegrationRules
public import Logging
public import MiraklAPI
import FleetContracts
import Metrics
public import WorkerRuntime

/// What the order poll's tick carries from one OR11 call to the next (the cursor lives in the
/// broker, nowhere else).
public struct OrderPollState: Codable, Sendable, Equatable {
    /// The running cycle's `start_update_date`.
    public var cursor: Date
    /// The next page's offset in the running cycle.
    public var offset: Int
    /// The latest `last_updated_date` seen so far, in any cycle.
    public var latestSeen: Date?
    /// `latestSeen` when the running cycle began: every order updated after the cycle began has a
    /// later update date, so the next cycle reads from here (less the overlap). The latest date
    /// seen *during* a cycle would not do: a page read late can show an update made after an
    /// earlier page was read, and the orders of that earlier page updated in between would be
    /// skipped.
    public var cycleFloor: Date?
    /// Orders already published, by id, with the `last_updated_date` published: an order read again
    /// in the overlap is not published twice (reference/mirakl-api.md §4: "deduplicate by order_id +
    /// last_updated_date"). Only entries at or after the cursor are kept.
    public var published: [String: Date]

    public init(cursor: Date, offset: Int = 0, latestSeen: Date? = nil, cycleFloor: Date? = nil, published: [String: Date] = [:]) {
        self.cursor = cursor
        self.offset = offset
        self.latestSeen = latestSeen
        self.cycleFloor = cycleFloor
        self.published = published
    }
}

/// The order poll: one OR11 page per tick on `orders.tick` (reference/mirakl-api.md §7).
///
/// A cycle reads every order updated since its cursor (`start_update_date`), 100 per page sorted by
/// creation date, one page per tick with a Mirakl minute between pages; it publishes one
/// `order.changed` (with the order read) per order that needs work — WAITING_ACCEPTANCE, SHIPPING,
/// CANCELED — not already published at that update. When the last page is read, the next cycle's
/// cursor is the latest update seen before this cycle began, minus the overlap (no clock of ours is
/// compared with Mirakl's), and it starts after the poll interval.
/// The pages' orders are confirmed by the broker before the tick's successor is published and the
/// tick acknowledged, so a crash mid-page reads the page again from the carried cursor.
public struct OrderPollJob: TickJob {
    public typealias State = OrderPollState

    /// The states whose orders need work from the importer.
    public static let statesNeedingWork: Set<MiraklOrderState> = [.waitingAcceptance, .shipping, .canceled]

    public let queue: String
    public let interval: Duration
    public let minimumSpacing: Duration
    let overlap: TimeInterval
    let lookback: TimeInterval
    let mirakl: MiraklClient
    let publisher: ReliablePublisher
    let exchange: String
    let logger: Logger

    /// - Parameters:
    ///   - queue: the tick queue (the order-importer's `tick` queue in topology.json).
    ///   - exchange: the events exchange `order.changed` goes to.
    public init(
        queue: String, settings: OrderFlowSettings, mirakl: MiraklClient, publisher: ReliablePublisher,
        exchange: String, logger: Logger
    ) {
        self.queue = queue
        self.interval = settings.pollInterval
        // A tenth and 100 ms more than a Mirakl minute: a delayed tick may be handled slightly early.
        self.minimumSpacing = settings.miraklMinute + settings.miraklMinute / 10 + .milliseconds(100)
        self.overlap = Double(settings.overlap.components.seconds) + Double(settings.overlap.components.attoseconds) / 1e18
        self.lookback = Double(settings.lookback.components.seconds)
        self.mirakl = mirakl
        self.publisher = publisher
        self.exchange = exchange
        self.logger = logger
    }

    public func tick(_ state: OrderPollState?) async throws(WorkFailure) -> TickStep<OrderPollState> {
        var state = state ?? OrderPollState(cursor: Date().addingTimeInterval(-lookback))
        if state.offset == 0 { state.cycleFloor = state.latestSeen }
        let page: MiraklOrderPage
        do throws(MiraklError) {
            page = try await mirakl.orders(MiraklOrderQuery(startUpdateDate: state.cursor, offset: state.offset))
        } catch {
            throw WorkFailure(classifying: error)
        }
        var messages: [AMQPOutgoingMessage] = []
        for order in page.orders {
            state.latestSeen = max(state.latestSeen ?? order.lastUpdatedDate, order.lastUpdatedDate)
            guard Self.statesNeedingWork.contains(order.orderState), state.published[order.orderId] != order.lastUpdatedDate else { continue }
            do {
                let changed = try OrderChanged(order: order)
                messages.append(try changed.message(exchange: exchange, id: changed.versionId, appID: OrderImporter.name))
            } catch {
                logger.error("cannot encode order.changed", metadata: ["order": "\(order.orderId)", "error": "\(error)"])
                continue
            }
            state.published[order.orderId] = order.lastUpdatedDate
        }
        do {
            try await publisher.publish(messages)
        } catch {
            throw .transient("order.changed not confirmed: \(error)")
        }
        Counter(label: "carrefour_orders_polled_total").increment(by: page.orders.count)
        // One per OR11 page read, empty or not, and the time of the latest: "orders not polled"
        // in docker/monitoring/alerts.yml.
        Counter(label: "carrefour_order_polls_total").increment()
        Gauge(label: "carrefour_order_poll_last_timestamp_seconds").record(Date().timeIntervalSince1970)
        Counter(label: "carrefour_orders_published_total").increment(by: messages.count)
        let read = state.offset + page.orders.count
        if !page.orders.isEmpty, read < page.totalCount {
            state.offset = read
            return TickStep(next: state, after: minimumSpacing)
        }
        if let floor = state.cycleFloor {
            state.cursor = max(state.cursor, floor.addingTimeInterval(-overlap))
        }
        state.offset = 0
        let cursor = state.cursor
        state.published = state.published.filter { $0.value >= cursor }
        logger.debug("order poll cycle done", metadata: ["cursor": "\(MiraklDate.format(cursor))", "read": "\(read)"])
        return TickStep(next: state, after: interval)
    }
}
