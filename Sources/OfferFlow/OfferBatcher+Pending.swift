import Connector
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import IntegrationRules
import MiraklAPI
import VTEXAPI
import WorkerRuntime

/// The units of the batch's SKUs that Carrefour counts as sold and VTEX does not hold yet
/// (``SellableQuantity``; README "Offers").
///
/// One OR11 read per flush, in its asynchronous use (`order_state_codes` = the states before the
/// fleet's VTEX integration and SHIPPING), paged by 100, each page paced by OR11's maximum
/// frequency (once a Mirakl minute) and a 429 honoured in place. The order-importer's poll uses the
/// same operation: in its default cadence (a cycle every five minutes) and the offer window's (at
/// least a Mirakl minute, six by default) they seldom meet, and when they do the later call waits
/// the `Retry-After`. A SHIPPING order touching the batch is asked of VTEX (get order, a few at
/// once): the fleet creates the VTEX order in SHIPPING, and until VTEX has it the units are pending.
/// Any failure keeps the whole batch for a retry: an offer is never sent on a guess.
extension OfferBatcher {
    /// Most 429s one page read waits out before the batch is retried later.
    static let rateLimitWaits = 3

    func pendingUnits(for skus: Set<String>) async throws(WorkFailure) -> [String: Int] {
        guard !skus.isEmpty else { return [:] }
        var orders: [SellableQuantity.Order] = []
        var offset = 0
        while true {
            let page = try await readPage(offset: offset)
            for order in page.orders where order.lines.contains(where: { skus.contains($0.offerSKU) }) {
                orders.append(SellableQuantity.Order(
                    orderId: order.orderId, state: order.state,
                    lines: order.lines.map { .init(sku: $0.offerSKU, quantity: $0.quantity, state: $0.state) }))
            }
            offset += page.orders.count
            guard !page.orders.isEmpty, offset < page.totalCount else { break }
        }
        let held = try await heldByVTEX(orders.filter(SellableQuantity.needsVTEXCheck).map(\.orderId))
        return SellableQuantity.pendingUnits(of: orders, skus: skus, heldByVTEX: held)
    }

    /// One OR11 page of the candidate states, in its turn; a 429 is waited out (its `Retry-After`,
    /// at most a Mirakl minute) a few times.
    private func readPage(offset: Int) async throws(WorkFailure) -> MiraklOrderPage {
        let query = MiraklOrderQuery(states: SellableQuantity.candidateStates, max: MiraklOrderQuery.maximumPageSize, offset: offset)
        let minute = context.settings.real(OfferSettings.orderListInterval)
        var waits = 0
        while true {
            do {
                return try await context.paced("OR11", every: OfferSettings.orderListInterval) { () async throws(MiraklError) in
                    try await context.mirakl.orders(query)
                }
            } catch {
                if case .rateLimited(_, let retryAfter) = error, waits < Self.rateLimitWaits {
                    waits += 1
                    try? await Task.sleep(for: min(retryAfter ?? minute, minute))
                    continue
                }
                throw WorkFailure(classifying: error)
            }
        }
    }

    /// The Carrefour orders among `orderIds` that VTEX has (any status).
    private func heldByVTEX(_ orderIds: [String]) async throws(WorkFailure) -> Set<String> {
        guard !orderIds.isEmpty else { return [] }
        let context = self.context
        let answers = await concurrently(orderIds, limit: Self.callConcurrency) { orderId in
            do throws(VTEXError) {
                _ = try await context.vtex.order(MarketplaceOrderId(affiliateId: context.store.affiliateId, marketplaceOrderId: orderId).vtexOrderId)
                return Result<Bool, VTEXError>.success(true)
            } catch {
                if case .notFound = error { return .success(false) }
                return .failure(error)
            }
        }
        var held: Set<String> = []
        for (orderId, answer) in zip(orderIds, answers) {
            switch answer {
            case .success(true): held.insert(orderId)
            case .success(false): break
            case .failure(let error): throw WorkFailure(classifying: error)
            }
        }
        return held
    }
}
