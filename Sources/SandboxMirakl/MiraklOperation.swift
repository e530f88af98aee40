/// The Mirakl seller operations the sandbox serves, with their maximum call frequency.
public enum MiraklOperation: String, CaseIterable, Sendable {
    case a01 = "A01", h11 = "H11", pm11 = "PM11", p41 = "P41", p42 = "P42", p44 = "P44", p45 = "P45", p51 = "P51"
    case of01 = "OF01", of02 = "OF02", of03 = "OF03", of21 = "OF21"
    case or11 = "OR11", or21 = "OR21", or23 = "OR23", or24 = "OR24", or29 = "OR29", or43 = "OR43", sh12 = "SH12"

    /// The minimum sandbox interval between two calls: the "Maximum usage" of the spec's Call
    /// Frequency block (mirakl-api.md §1 table). Nil where the maximum equals the recommended
    /// per-event usage ("at each new order", "each time a report is needed").
    public var minimumInterval: Duration? {
        switch self {
        case .p41: .seconds(15 * 60)                 // every 15 minutes, per seller
        case .p42, .p51: .seconds(60)                // once per minute
        case .of01, .of02, .of03: .seconds(60)       // once per minute (offers only)
        case .or11: .seconds(60)                     // async: once per minute
        case .a01, .sh12: .seconds(24 * 3600)        // once per day
        case .h11, .pm11: .seconds(3600)             // every hour
        case .p44, .p45, .of21, .or21, .or23, .or24, .or29: nil
        case .or43: nil                              // "at each new thread posted on an order"
        }
    }

    /// The limiter table for every limited operation.
    public static var minimumIntervals: [String: Duration] {
        var table: [String: Duration] = [:]
        for operation in allCases {
            if let interval = operation.minimumInterval { table[operation.rawValue] = interval }
        }
        return table
    }
}
