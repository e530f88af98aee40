/// Cancellations between the two sides (seeds/how-the-carrefour-integration-works.md §5.3): a
/// cancellation made in Carrefour cancels the order in VTEX; one made in VTEX cannot cancel it in
/// Carrefour, so the seller gets an Alert to contact Carrefour.
public enum CancellationRules {
    /// How the connector's own cancellations start their reason in VTEX, so a cancellation seen
    /// later in VTEX's feed can be told from the seller's.
    public static let connectorReasonPrefix = "Canceled on Carrefour"

    /// The reason the connector gives VTEX when Carrefour canceled `orderId`.
    public static func reason(orderId: String, why: String) -> String {
        "\(connectorReasonPrefix) (Mirakl order \(orderId): \(why))"
    }

    /// Whether a VTEX cancellation with `reason` was made by the connector.
    public static func isConnectorCancellation(reason: String?) -> Bool {
        reason?.hasPrefix(connectorReasonPrefix) ?? false
    }

    /// The Alert for an order canceled in VTEX by the seller.
    public static func canceledInVTEXAlert(vtexOrderId: String) -> String {
        "Order \(vtexOrderId) was canceled in VTEX; the integration cannot cancel it on Carrefour: ask Carrefour to cancel it"
    }
}
