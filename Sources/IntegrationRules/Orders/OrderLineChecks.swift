/// The checks every line of a Carrefour order passes before the order is accepted (OR21) or placed
/// in VTEX: the SKU exists in VTEX (Carrefour lets sellers register SKUs by hand), it is sellable
/// on the integration's trade policy, and it has stock (seeds/integrate-with-carrefour.md "How the
/// order integration works"; the VTEX availability values of reference/vtex-apis.md §4a).
public enum OrderLineChecks {
    /// Why one line cannot be sold.
    public enum Problem: Sendable, Equatable {
        /// VTEX does not know the SKU.
        case unknownSKU
        /// Inactive, or not in the trade policy (`cannotBeDelivered`).
        case notSellable
        /// Not enough stock (`withoutStock`).
        case withoutStock
        /// No price on the trade policy (`withoutPrice`).
        case withoutPrice
        /// Another availability VTEX reported.
        case unavailable(String)
    }

    /// One line's problem, with the message for the seller.
    public struct Issue: Sendable, Equatable {
        public var lineId: String
        public var sku: String
        public var problem: Problem
        public var message: String

        /// Creates the value from its parts.
        public init(lineId: String, sku: String, problem: Problem, message: String) {
            self.lineId = lineId
            self.sku = sku
            self.problem = problem
            self.message = message
        }
    }

    /// The problems of `lines` given the simulation, in line order; empty when every line is sellable.
    public static func issues(of lines: [MarketplaceOrder.Line], simulation: SimulationFacts, tradePolicy: String) -> [Issue] {
        var issues: [Issue] = []
        for (index, line) in lines.enumerated() {
            guard let item = simulation.items[index] else {
                issues.append(Issue(
                    lineId: line.id, sku: line.sku, problem: .unknownSKU,
                    message: "SKU \(line.sku) does not exist in VTEX"))
                continue
            }
            let problem: Problem
            let message: String
            switch item.availability {
            case "available": continue
            case "withoutStock":
                problem = .withoutStock
                message = "SKU \(line.sku) has no stock for \(line.quantity) unit(s) on trade policy \(tradePolicy)"
            case "cannotBeDelivered":
                problem = .notSellable
                message = "SKU \(line.sku) is not sellable on trade policy \(tradePolicy) (inactive or not in the trade policy)"
            case "withoutPrice":
                problem = .withoutPrice
                message = "SKU \(line.sku) has no price on trade policy \(tradePolicy)"
            default:
                problem = .unavailable(item.availability)
                message = "SKU \(line.sku) is unavailable on trade policy \(tradePolicy) (\(item.availability))"
            }
            issues.append(Issue(lineId: line.id, sku: line.sku, problem: problem, message: message))
        }
        return issues
    }

    /// One sentence naming every issue.
    public static func summary(_ issues: [Issue]) -> String {
        issues.map(\.message).joined(separator: "; ")
    }
}
