import Foundation

/// Carrefour's four shipping (SLA) types (integrate-with-carrefour.md, SLA mapping).
enum ShippingType: String, Sendable, Codable, CaseIterable {
    case normal = "NORMAL"
    case express = "EXPRESS"
    case economical = "ECONOMICAL"
    case scheduled = "SCHEDULED"

    var label: String {
        switch self {
        case .normal: "Normal"
        case .express: "Expressa"
        case .economical: "Econômica"
        case .scheduled: "Agendada"
        }
    }

    var english: String {
        switch self {
        case .normal: "Normal"
        case .express: "Express"
        case .economical: "Economical"
        case .scheduled: "Scheduled"
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
