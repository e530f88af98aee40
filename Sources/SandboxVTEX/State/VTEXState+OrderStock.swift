import Foundation

/// Availability moved by orders (docs/stock-and-orders.md): the sellable quantity is total −
/// reserved (Logistics API, vtex-apis.md §3). An integrated order reserves its units ("Authorized
/// reservation: after the order is placed", help.vtex.com "How does reservation work"), a
/// cancellation releases them, and an invoice takes them out of the total and the reservation at
/// once (the sandbox plays the store's ERP, which VTEX leaves the removal from inventory to).
extension VTEXState {
    /// Queues, when ``notifyOrderStockChanges`` is on, one stock notification per SKU of `order`.
    mutating func noteOrderStockChange(_ order: SandboxOrder, now: Date) {
        guard notifyOrderStockChanges else { return }
        for skuId in Set(order.lines.map(\.skuId)).sorted() {
            if let webhook = skuNotification(skuId: skuId, stock: true, price: false, catalogData: false, now: now) {
                orderStockNotifications.append(webhook)
            }
        }
    }

    /// The queued order-stock notifications, handed over once.
    mutating func takeOrderStockNotifications() -> [OutboundWebhook] {
        defer { orderStockNotifications.removeAll() }
        return orderStockNotifications
    }
}
