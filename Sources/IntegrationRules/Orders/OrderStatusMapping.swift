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
    public static func vtexStatus(forCarrefour state: String) -> String? {
        switch state.uppercased() {
        case "STAGING": "Waiting authorization to ship"
        case "SHIPPING": "Grade for cancellation / Ready for handling / Preparing delivery"
        case "SHIPPED", "CLOSED": "Invoiced"
        case "CANCELED": "Canceled"
        default: nil
        }
    }

    /// The Carrefour side of a VTEX OMS status (`delivered`: the invoice's courier status finished).
    public static func carrefourStatus(forVTEX status: String, delivered: Bool = false) -> String? {
        switch status.lowercased() {
        case "waiting-for-mkt-authorization", "waiting-for-manual-authorization", "waiting-for-authorization":
            "STAGING"
        case "window-to-cancel", "ready-for-handling", "start-handling", "handling":
            "SHIPPING"
        case "invoice", "invoiced":
            delivered ? "delivered (no Carrefour status)" : "SHIPPED / CLOSED"
        case "canceled", "cancel", "cancellation-requested":
            "CANCELED"
        default:
            nil
        }
    }

    /// "Carrefour SHIPPING ↔ VTEX Ready for handling…", for log messages.
    public static func describe(carrefour state: String) -> String {
        guard let vtex = vtexStatus(forCarrefour: state) else { return "Carrefour \(state)" }
        return "Carrefour \(state) ↔ VTEX \(vtex)"
    }

    /// "VTEX invoiced ↔ Carrefour SHIPPED / CLOSED", for log messages.
    public static func describe(vtex status: String, delivered: Bool = false) -> String {
        guard let carrefour = carrefourStatus(forVTEX: status, delivered: delivered) else { return "VTEX \(status)" }
        return "VTEX \(status) ↔ Carrefour \(carrefour)"
    }
}
