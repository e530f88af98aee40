import Foundation

/// A Mirakl order held by the sandbox, with its lazy timers (STAGING ends, payment arrives).
struct OrderRecord: Sendable {
    struct Line: Sendable {
        var id: String
        var index: Int
        var offerSKU: String
        var offerId: Int
        var productTitle: String
        var categoryCode: String
        var quantity: Int
        var unitPrice: Decimal
        var shippingPrice: Decimal
        var refused = false
        /// Units this line took off its offer's quantity when the order was created, given back
        /// (and set to 0) when the line is refused or the order canceled (docs/stock-and-orders.md).
        var takenFromOffer = 0
        /// The line's price when a promotion priced the whole line (see ``NewOrderLine/linePrice``).
        var linePrice: Decimal? = nil

        /// OR11's line `price`: the whole line after the marketplace's discounts.
        var total: Decimal { linePrice ?? unitPrice * Decimal(quantity) }
    }

    struct Customer: Sendable {
        var id: String
        var firstName: String
        var lastName: String
        var phone: String
        var street: String
        var number: String
        var complement: String
        var neighbourhood: String
        var city: String
        var state: String
        var zip: String
        var cpf: String
        /// A company buying: its name, and its CNPJ in place of the CPF.
        var company: String? = nil
        var cnpj: String? = nil
    }

    var id: String
    var commercialId: String
    var created: Date
    var lastUpdated: Date
    var state: MiraklOrderState
    var reason: (code: String, label: String)?
    var lines: [Line]
    var shippingType: ShippingType
    var customer: Customer
    /// STAGING ends at this date.
    var stagingUntil: Date?
    /// WAITING_DEBIT_PAYMENT turns SHIPPING at this date (nil: only by the admin API).
    var paymentAt: Date?
    var acceptanceDecision: Date?
    var debited: Date?
    var shipped: Date?
    var received: Date?
    var tracking: TrackingRecord?
    /// Threads opened on the order (OR43), oldest first.
    var threads: [ThreadRecord] = []
    /// Taxes in percent of each line's price, on top of it (`TAX_EXCLUDED`); nil: prices include them.
    var taxRate: Decimal?
    /// An incident is open on the first line.
    var incidentOpen = false
    /// The PickUp DropOff point of a pickup order.
    var pudoId: String?

    /// A line's taxes (`TAX_EXCLUDED` only).
    func tax(of line: Line) -> Decimal {
        guard let taxRate else { return 0 }
        return (line.total * taxRate / 100).rounded(2)
    }

    /// The taxes of the lines not refused.
    var taxes: Decimal { lines.filter { !$0.refused }.reduce(0) { $0 + tax(of: $1) } }
    /// OR23 calls that set a tracking on this order, and those among them that replaced a
    /// different one (a second shipment's tracking, never a repeat of the same).
    var trackingCalls = 0
    var trackingChanges = 0
    /// OR24 calls that reached this order, refused ones included: more than one means the
    /// connector tried to ship it twice (read back by the drill's invariants).
    var shipCalls = 0
    /// The OR11 JSON of the order, rebuilt at every change (the OR11 hot path only copies it).
    var encoded: [UInt8] = []

    var price: Decimal { lines.filter { !$0.refused }.reduce(0) { $0 + $1.total } }
    var shippingPrice: Decimal { lines.filter { !$0.refused }.reduce(0) { $0 + $1.shippingPrice } }

    /// The next timer date, if a timer is pending.
    var nextDeadline: Date? {
        switch state {
        case .staging: stagingUntil
        case .waitingDebitPayment: paymentAt
        default: nil
        }
    }

    /// Applies the timers due at `now`, each at its own date.
    mutating func settle(now: Date) -> Bool {
        var changed = false
        if state == .staging, let until = stagingUntil, until <= now {
            move(to: .waitingAcceptance, at: until)
            changed = true
        }
        if state == .waitingDebitPayment, let at = paymentAt, at <= now {
            debited = at
            move(to: .shipping, at: at)
            changed = true
        }
        return changed
    }

    mutating func move(to newState: MiraklOrderState, at date: Date) {
        state = newState
        lastUpdated = date
    }
}
