import Foundation

/// Carrefour's four shipping (SLA) types (integrate-with-carrefour.md, SLA mapping), and pickup at a
/// PickUp DropOff point (new-order-integration.md scenario 9; OR11 `shipping_pudo_id`).
enum ShippingType: String, Sendable, Codable, CaseIterable {
    case normal = "NORMAL"
    case express = "EXPRESS"
    case economical = "ECONOMICAL"
    case scheduled = "SCHEDULED"
    /// Collected by the customer at a PickUp DropOff point (OR11 `shipping_pudo_id`).
    case pickup = "PICKUP"

    var label: String {
        switch self {
        case .normal: "Normal"
        case .express: "Expressa"
        case .economical: "Econômica"
        case .scheduled: "Agendada"
        case .pickup: "Retirada"
        }
    }

    var english: String {
        switch self {
        case .normal: "Normal"
        case .express: "Express"
        case .economical: "Economical"
        case .scheduled: "Scheduled"
        case .pickup: "Pickup"
        }
    }

    /// Express and scheduled deliveries require tracking before OR24 (SH12 `mandatory_tracking`).
    var mandatoryTracking: Bool { self == .express || self == .scheduled }

    var wire: ShippingTypeWire {
        ShippingTypeWire(
            code: rawValue, description: "\(english) delivery", label: label,
            mandatory_tracking: mandatoryTracking, standard_code: rawValue)
    }
}
