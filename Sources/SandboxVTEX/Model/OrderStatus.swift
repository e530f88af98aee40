/// The OMS workflow states the sandbox walks an integrated order through (Orders API status names,
/// vtex-apis.md §8 and §9).
enum OrderStatus: String, Sendable, Codable {
    /// Integrated, waiting for the marketplace's payment approval ("Waiting authorization to ship" ↔ STAGING).
    case waitingForMarketplaceAuthorization = "waiting-for-mkt-authorization"
    /// Integrated with a price divergence, waiting for the seller's manual authorization (EOI011 on approve).
    case waitingForManualAuthorization = "waiting-for-manual-authorization"
    /// Approved (SOI002): the seller may handle it.
    case readyForHandling = "ready-for-handling"
    /// After `start-handling`.
    case handling
    /// After an Output invoice: final (vtex-apis.md §5 InvoiceNotification).
    case invoiced
    /// Canceled by the marketplace or in VTEX.
    case canceled

    /// The human label OMS shows beside the status.
    var description: String {
        switch self {
        case .waitingForMarketplaceAuthorization: "Aguardando autorização para despachar"
        case .waitingForManualAuthorization: "Aguardando autorização manual"
        case .readyForHandling: "Pronto para o manuseio"
        case .handling: "Preparando entrega"
        case .invoiced: "Faturado"
        case .canceled: "Cancelado"
        }
    }
}
