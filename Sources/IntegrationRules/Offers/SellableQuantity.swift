/// The quantity the fleet may offer on Carrefour (README "Offers"; docs/stock-and-orders.md).
///
/// Mirakl takes an order's units off the offer when the order is created and gives them back when
/// the order or a line is refused or the order canceled; VTEX reserves them only when the fleet
/// integrates the order (Mirakl SHIPPING, after acceptance and payment). In between, Carrefour
/// counts the units as sold and VTEX does not: an OF01 carrying VTEX's availability would give them
/// back to Carrefour, which could sell them twice. So the quantity sent is VTEX's availability on the
/// trade policy less the units of those orders.
public enum SellableQuantity {
    /// Carrefour order states in which Mirakl has taken the units off and the fleet has not created
    /// the VTEX order yet (mirakl-api.md §4 "States").
    public static let statesBeforeIntegration = [MiraklOrderState.staging, .waitingAcceptance, .waitingDebit, .waitingDebitPayment]
        .map(\.rawValue)
    /// The state in which the fleet creates the VTEX order: such an order holds units VTEX does not
    /// until VTEX has it.
    public static let integrationState = MiraklOrderState.shipping.rawValue
    /// Every state an order with units VTEX may not hold can be in: the OR11 filter.
    public static var candidateStates: [String] { statesBeforeIntegration + [integrationState] }
    /// Line states whose units Mirakl has given back (OR11 `order_line_state`: the order's states,
    /// plus INCIDENT_OPEN and REFUNDED).
    public static let releasedLineStates: Set<String> = [MiraklOrderState.refused.rawValue, MiraklOrderState.canceled.rawValue]

    /// One Carrefour order as the rule needs it.
    public struct Order: Sendable, Equatable {
        public struct Line: Sendable, Equatable {
            public var sku: String
            public var quantity: Int
            /// `order_line_state`, when Mirakl gives it.
            public var state: String?

            public init(sku: String, quantity: Int, state: String? = nil) {
                self.sku = sku
                self.quantity = quantity
                self.state = state
            }
        }

        public var orderId: String
        public var state: String
        public var lines: [Line]

        public init(orderId: String, state: String, lines: [Line]) {
            self.orderId = orderId
            self.state = state
            self.lines = lines
        }
    }

    /// Whether VTEX must be asked if it holds an order (the order is in the integration state).
    public static func needsVTEXCheck(_ order: Order) -> Bool {
        order.state == integrationState
    }

    /// The units per SKU (among `skus`) that Carrefour counts as sold and VTEX does not hold:
    /// orders before the integration state, and orders in it that VTEX does not have
    /// (`heldByVTEX` lists the Carrefour order ids VTEX has, in any status). Refused or canceled
    /// lines count nothing.
    public static func pendingUnits(of orders: [Order], skus: Set<String>, heldByVTEX: Set<String>) -> [String: Int] {
        var units: [String: Int] = [:]
        for order in orders {
            let pending = statesBeforeIntegration.contains(order.state)
                || (order.state == integrationState && !heldByVTEX.contains(order.orderId))
            guard pending else { continue }
            for line in order.lines where skus.contains(line.sku) && line.quantity > 0 {
                if let state = line.state, releasedLineStates.contains(state) { continue }
                units[line.sku, default: 0] += line.quantity
            }
        }
        return units
    }

    /// The quantity to offer: VTEX's availability less the pending units, never below zero.
    public static func quantity(available: Int, pendingUnits: Int) -> Int {
        max(0, available - max(0, pendingUnits))
    }
}
