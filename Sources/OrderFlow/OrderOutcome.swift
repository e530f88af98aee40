/// What processing one Carrefour order did (``OrderProcessor/process(orderId:reprocess:)``).
/// Failures are thrown as `WorkFailure` instead: `.business` (recorded as an Error in the
/// integration log: unknown SKU, no stock, unmapped SLA, order left for the seller…), `.transient`
/// (not recorded: try again later), `.auth` (not recorded: the flow pauses).
public enum OrderOutcome: Sendable, Equatable {
    /// WAITING_ACCEPTANCE: every line sellable, accepted on Carrefour (OR21).
    case accepted
    /// WAITING_ACCEPTANCE: refused on Carrefour (OR21), as the settings ask for unsellable orders.
    case refused(reason: String)
    /// SHIPPING: sent to VTEX's New Order Integration (SOI003, enqueued). VTEX's processing result
    /// (SOI001 + SOI002, or an EOI error) reaches `orders.results` through the ingress and is
    /// recorded then.
    case submitted
    /// SHIPPING, when the caller asked to wait: the order exists in VTEX (VTEX's `SOI001` came, or
    /// it was there already).
    case integrated(vtexOrderId: String)
    /// CANCELED: canceled in VTEX.
    case canceledInVTEX(vtexOrderId: String)
    /// Recorded as an Alert for the seller (e.g. canceled on Carrefour but invoiced in VTEX).
    case alerted(reason: String)
    /// Nothing to do in this state (already decided, never reached VTEX, SHIPPED…).
    case nothingToDo(reason: String)
}
