#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// The integration-log entry a seller sees when Carrefour or VTEX refuses the connector's key (401
/// or 403): which key to fix and where, never the key itself. The seeds' wording for Carrefour's
/// refusal (carrefour-inventory-integration-errors.pt.md, `"status":401,"message":"Unauthorized"`):
/// the ShopKey lost its authorization; have Carrefour validate it (Portal Fornecedor), then correct
/// it in the integration's settings.
public enum CredentialAlert {
    /// A refused key.
    public enum Key: String, Sendable, Equatable {
        /// Carrefour's API key (`CARREFOUR_MIRAKL_API_KEY`).
        case shopKey = "ShopKey"
        /// VTEX's AppKey/AppToken pair (`CARREFOUR_VTEX_APP_KEY`, `CARREFOUR_VTEX_APP_TOKEN`).
        case vtexAppKey = "VTEX app key"
    }

    /// Which key a pause reason names: the clients describe a refused call as `Mirakl <operation>:
    /// API key refused (401)` or `VTEX <call>: AppKey/AppToken refused (403)`.
    public static func key(forReason reason: String) -> Key {
        reason.hasPrefix("VTEX") ? .vtexAppKey : .shopKey
    }

    /// The Error entry of one pause of `worker`, `pause` long, caused by `reason`.
    public static func event(reason: String, worker: String, pause: String, at date: Date = Date()) -> IntegrationEvent {
        let key = key(forReason: reason)
        let message: String = switch key {
        case .shopKey:
            "Carrefour refused the ShopKey (\(reason)): the \(worker) flow is paused and tries again every \(pause). "
                + "Ask Carrefour to validate the ShopKey (Portal Fornecedor), then set the new one in CARREFOUR_MIRAKL_API_KEY."
        case .vtexAppKey:
            "VTEX refused the app key (\(reason)): the \(worker) flow is paused and tries again every \(pause). "
                + "Check the AppKey/AppToken pair in CARREFOUR_VTEX_APP_KEY and CARREFOUR_VTEX_APP_TOKEN and its role's permissions in VTEX."
        }
        let epochSecond = Int(date.timeIntervalSince1970)
        return IntegrationEvent(
            operationId: "auth:\(worker):\(key.rawValue):\(epochSecond)", entity: .connector, entityId: key.rawValue,
            operation: .authorization, direction: key == .shopKey ? .vtexToCarrefour : .carrefourToVTEX, status: .error,
            message: message, at: date, worker: worker)
    }
}
