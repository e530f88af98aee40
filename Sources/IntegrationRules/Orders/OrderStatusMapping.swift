/// How each side's order status shows in the integration log: the status table of
/// seeds/how-the-carrefour-integration-works.md §5.2 (reference/vtex-apis.md §9).
///
/// | VTEX | Carrefour |
/// |---|---|
/// | Waiting authorization to ship | STAGING (payment not yet approved) |
/// | Grade for cancellation / Ready for handling / Preparing delivery | SHIPPING (payment approved) |
/// | Invoiced | SHIPPED / CLOSED |
/// | Invoiced, courier status finished | delivered (no Carrefour status) |
/// | Canceled | CANCELED |
public enum OrderStatusMapping {
    /// The VTEX side of a Carrefour state, or nil when the table has no row for it.
    public static func vtexStatus(forCarrefour state: MiraklOrderState) -> String? {
        switch state {
        case .staging: "Waiting authorization to ship"
        case .shipping: "Grade for cancellation / Ready for handling / Preparing delivery"
        case .shipped, .closed: "Invoiced"
        case .canceled: "Canceled"
        default: nil
        }
    }

    /// The Carrefour side of a VTEX OMS status (`delivered`: the invoice's courier status finished).
    public static func carrefourStatus(forVTEX status: VTEXOrderStatus, delivered: Bool = false) -> String? {
        if status.isWaitingForAuthorization { return MiraklOrderState.staging.rawValue }
        if status.isApprovedForHandling { return MiraklOrderState.shipping.rawValue }
        if status.isInvoiced { return delivered ? "delivered (no Carrefour status)" : "SHIPPED / CLOSED" }
        if status.isCanceledOrCanceling { return MiraklOrderState.canceled.rawValue }
        return nil
    }

    /// "Carrefour SHIPPING ↔ VTEX Ready for handling…", for log messages.
    public static func describe(carrefour state: MiraklOrderState) -> String {
        guard let vtex = vtexStatus(forCarrefour: state) else { return "Carrefour \(state)" }
        return "Carrefour \(state) ↔ VTEX \(vtex)"
    }

    /// "VTEX invoiced ↔ Carrefour SHIPPED / CLOSED", for log messages.
    public static func describe(vtex status: VTEXOrderStatus, delivered: Bool = false) -> String {
        guard let carrefour = carrefourStatus(forVTEX: status, delivered: delivered) else { return "VTEX \(status)" }
        return "VTEX \(status) ↔ Carrefour \(carrefour)"
    }
}
