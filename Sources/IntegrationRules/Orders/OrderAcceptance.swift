/// The acceptance decision on an order in WAITING_ACCEPTANCE (OR21; reference/mirakl-api.md §4):
/// every line sellable → accept every line; otherwise refuse the order or leave it for the seller,
/// as the settings say (Mirakl's own Magento connector offers the same choice).
public enum OrderAcceptance {
    /// What to do with an order that fails the line checks.
    public enum UnsellablePolicy: String, Sendable, CaseIterable {
        /// Refuse every line on Carrefour (the order becomes REFUSED).
        case refuse
        /// Leave the order waiting for the seller's decision in Carrefour's back office.
        case leave
    }

    /// The decision.
    public enum Decision: Sendable, Equatable {
        /// Accept every line.
        case accept(lineIds: [String])
        /// Refuse every line, for `reason`.
        case refuse(lineIds: [String], reason: String)
        /// Do nothing on Carrefour; the reason goes to the integration log.
        case leave(reason: String)
    }

    /// Decides on `order` given its line issues. The whole order is refused (never some lines
    /// only): a partial order is not what the customer bought, and operators may disable partial
    /// acceptance (`ORDER_PARTIAL_ACCEPTANCE_DISABLED`).
    public static func decide(order: MarketplaceOrder, issues: [OrderLineChecks.Issue], policy: UnsellablePolicy) -> Decision {
        let ids = order.lines.map(\.id)
        guard !issues.isEmpty else { return .accept(lineIds: ids) }
        let reason = OrderLineChecks.summary(issues)
        switch policy {
        case .refuse: return .refuse(lineIds: ids, reason: reason)
        case .leave: return .leave(reason: reason)
        }
    }
}
