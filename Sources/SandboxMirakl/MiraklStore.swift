import Foundation
import SandboxSupport
import Synchronization

/// The fake Mirakl's whole state behind one `Mutex`: products, imports, offers, orders.
///
/// Time-driven changes (import stages, cataloguing, STAGING → WAITING_ACCEPTANCE, payment) are
/// lazy: every entry point first settles what the sandbox clock says is due, each change dated at
/// its own deadline, in date order. No background task is needed and the outcome is the same
/// whenever it is observed. A `nextDeadline` keeps that check O(1) on the hot read paths.
final class MiraklStore: Sendable {
    let settings: MiraklSettings
    let clock: SandboxClock
    let state: Mutex<State>

    struct State: Sendable {
        var nextImportId = 2035
        var nextOfferId = 5001
        var nextOrderNumber = 10001
        var products: [String: ProductRecord] = [:]
        var productImports: [Int: ProductImport] = [:]
        var offerImports: [Int: OfferImport] = [:]
        var offers: [String: OfferRecord] = [:]
        /// Bumped whenever an offer is added or removed: the OF21 order below is rebuilt then.
        var offerSetVersion = 0
        /// The shop SKUs of every offer, sorted, for the `offerSetVersion` it was built at (OF21
        /// pages through 100,000 offers without sorting them for every page).
        var sortedOfferSKUs: (version: Int, skus: [String])?
        var orders: [String: OrderRecord] = [:]
        var orderSequence: [String] = []
        /// Orders with a pending timer (STAGING, WAITING_DEBIT_PAYMENT): only these are settled and
        /// looked at for the next deadline, so a request costs no pass over every order.
        var timedOrders: Set<String> = []
        var generator: SeededGenerator
        /// The categories and attributes H11 and PM11 list and P41 judges categories against.
        var catalog = CatalogStructure.seeded
        var nextDeadline: Date?
    }

    init(settings: MiraklSettings, clock: SandboxClock) {
        self.settings = settings
        self.clock = clock
        self.state = Mutex(State(generator: SeededGenerator(seed: settings.seed)))
    }

    /// Runs `body` on the state after settling everything due now.
    func withSettledState<T>(_ body: (inout State, Date) throws -> T) rethrows -> T {
        let now = clock.now
        return try state.withLock { state in
            if let deadline = state.nextDeadline, deadline <= now {
                Self.settle(&state, now: now, settings: settings)
            }
            let result = try body(&state, now)
            return result
        }
    }

    /// Applies every due change in date order, then recomputes the next deadline.
    static func settle(_ state: inout State, now: Date, settings: MiraklSettings) {
        enum Event { case product(Int), offer(Int) }
        var events: [(Date, Int, Event)] = []
        for (id, job) in state.productImports where !job.settled && job.finalAt <= now {
            events.append((job.finalAt, id, .product(id)))
        }
        for (id, job) in state.offerImports where !job.settled && job.completeAt <= now {
            events.append((job.completeAt, id, .offer(id)))
        }
        events.sort { ($0.0, $0.1) < ($1.0, $1.1) }
        for (_, _, event) in events {
            switch event {
            case .product(let id): completeProductImport(id, in: &state, settings: settings)
            case .offer(let id): completeOfferImport(id, in: &state)
            }
        }
        for id in state.timedOrders {
            if state.orders[id]?.settle(now: now) == true {
                encode(orderId: id, in: &state)
            }
        }
        recomputeDeadline(&state)
    }

    static func recomputeDeadline(_ state: inout State) {
        var deadline: Date?
        func consider(_ date: Date?) {
            guard let date else { return }
            if deadline.map({ date < $0 }) ?? true { deadline = date }
        }
        for job in state.productImports.values where !job.settled { consider(job.finalAt) }
        for job in state.offerImports.values where !job.settled { consider(job.completeAt) }
        for id in state.timedOrders { consider(state.orders[id]?.nextDeadline) }
        state.nextDeadline = deadline
    }

    /// Rebuilds the OR11 JSON cache of one order (after every change) and its timer membership.
    static func encode(orderId: String, in state: inout State) {
        guard let order = state.orders[orderId] else { return }
        if order.nextDeadline == nil {
            state.timedOrders.remove(orderId)
        } else {
            state.timedOrders.insert(orderId)
        }
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        state.orders[orderId]?.encoded = (try? encoder.encode(order.wire)).map { Array($0) } ?? []
    }
}
