/// `vtex.order.status` (notes/MESSAGES.md): a VTEX order changed, learnt from Feed v3 (the
/// invoice-tracker's poll) or the orders hook (through the ingress); the invoice-tracker consumes
/// it from `invoices.work`.
public struct VTEXOrderStatusChanged: FleetMessage, Equatable {
    public static let routingKey = "vtex.order.status"

    /// The VTEX order id (`CRF-<Mirakl order id>` for a Carrefour order).
    public var orderId: String
    /// The order's status at the change (`invoiced`, `canceled`…).
    public var state: String?
    public var lastState: String?
    /// When the change happened, as VTEX wrote it.
    public var lastChange: String?

    public init(orderId: String, state: String?, lastState: String? = nil, lastChange: String? = nil) {
        self.orderId = orderId
        self.state = state
        self.lastState = lastState
        self.lastChange = lastChange
    }
}
