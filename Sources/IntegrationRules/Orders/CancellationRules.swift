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

    /// The Alert for an order canceled in VTEX by the seller; `thread` is the message sent to
    /// Carrefour about it (nil: it could not be sent, `why`).
    public static func canceledInVTEXAlert(vtexOrderId: String, thread: String? = nil, why: String? = nil) -> String {
        let told = thread.map { "; Carrefour was told in a message on the order (thread \($0)), which does not cancel it" }
            ?? why.map { "; the message to Carrefour could not be sent (\($0))" } ?? ""
        return "Order \(vtexOrderId) was canceled in VTEX; the integration cannot cancel it on Carrefour: ask Carrefour to cancel it"
            + told
    }

    /// The topic of the message telling Carrefour (integrate-with-carrefour.md "Order cancelation
    /// information": "we send a message to Carrefour's integration API, although this does not mean
    /// that the order will be cancelled").
    public static let canceledInVTEXTopic = "Pedido cancelado pela loja"

    /// The message telling Carrefour that the store canceled `orderId` (VTEX `vtexOrderId`).
    public static func canceledInVTEXMessage(orderId: String, vtexOrderId: String, reason: String?) -> String {
        "O pedido \(orderId) foi cancelado pela loja na VTEX (\(vtexOrderId))"
            + (reason.map { ": \($0)" } ?? "") + ". Por favor, cancelem o pedido no Carrefour."
    }
}
