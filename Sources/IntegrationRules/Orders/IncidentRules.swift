/// Orders with an incident (seeds/how-the-carrefour-integration-works.md §5.2: "Orders with some
/// kind of incident are not integrated. If the incident happens after the order is integrated, a
/// warning will be displayed"). Mirakl marks them with `has_incident` (a line in `INCIDENT_OPEN`).
public enum IncidentRules {
    /// What to do with an order that has an open incident.
    public enum Decision: Sendable, Equatable {
        /// Not in VTEX yet: hold it (an Alert); the order is integrated when a later change shows
        /// the incident closed.
        case hold(message: String)
        /// Already in VTEX: only warn.
        case warn(message: String)
    }

    /// The decision for Carrefour order `orderId` with an open incident; `vtexOrderId` is its VTEX
    /// order when it is already integrated.
    public static func decide(orderId: String, vtexOrderId: String?) -> Decision {
        if let vtexOrderId {
            return .warn(message: "An incident was opened on Carrefour order \(orderId), already integrated in VTEX as \(vtexOrderId): "
                + "follow it in Carrefour's panel")
        }
        return .hold(message: "Carrefour order \(orderId) has an open incident: not integrated in VTEX while it is open; "
            + "it will be integrated once Carrefour closes the incident")
    }
}
