/// What the admin API can do to an order (`POST /_admin/orders/{id}/state {"action": …}`).
public enum AdminOrderAction: String, Sendable, Codable, CaseIterable {
    /// STAGING → WAITING_ACCEPTANCE now.
    case endStaging = "end_staging"
    /// WAITING_DEBIT_PAYMENT → SHIPPING: the customer was debited; addresses appear.
    case confirmPayment = "confirm_payment"
    /// Customer cancel → CANCELED (any state before SHIPPED).
    case cancel
    /// SHIPPED → RECEIVED (the customer received it; no seller call does this).
    case receive
    /// SHIPPED/RECEIVED → CLOSED.
    case close
    /// The customer opens an incident on the first line (`INCIDENT_OPEN`, `has_incident`).
    case openIncident = "open_incident"
    /// The incident is resolved (as OR64 would mark it).
    case closeIncident = "close_incident"
}
