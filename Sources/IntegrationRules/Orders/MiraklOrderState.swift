/// A Carrefour (Mirakl) order's state: `order_state` of OR11, whose values the spec lists as
/// "Enum: STAGING, WAITING_ACCEPTANCE, WAITING_DEBIT, WAITING_DEBIT_PAYMENT, SHIPPING, SHIPPED,
/// TO_COLLECT, RECEIVED, CLOSED, REFUSED, CANCELED" (specs/mirakl/mirakl-mmp-seller-openapi.json,
/// `OR11_Response_200_Orders.order_state`; the life cycle in reference/mirakl-api.md §4).
///
/// A value the spec does not list (its deprecated `WAITING_REFUND`, `WAITING_REFUND_PAYMENT`, or one
/// added later) is kept whole as ``other(_:)``: it never fails a decode and is logged as it came.
/// Build values from the wire with ``init(_:)``, which gives a listed value its own case; the
/// comparison is exact, as Mirakl writes its states in capitals.
public enum MiraklOrderState: Hashable, Sendable, CustomStringConvertible {
    case staging
    case waitingAcceptance
    case waitingDebit
    case waitingDebitPayment
    case shipping
    case shipped
    case toCollect
    case received
    case closed
    case refused
    case canceled
    /// A state the spec does not list, as Mirakl wrote it.
    case other(String)

    /// The states the spec lists, in its order.
    public static let listed: [MiraklOrderState] = [
        .staging, .waitingAcceptance, .waitingDebit, .waitingDebitPayment, .shipping, .shipped, .toCollect,
        .received, .closed, .refused, .canceled,
    ]

    /// The state Mirakl wrote as `rawValue`.
    public init(_ rawValue: String) {
        self = Self.listed.first { $0.rawValue == rawValue } ?? .other(rawValue)
    }

    /// The state as Mirakl writes it (`SHIPPING`).
    public var rawValue: String {
        switch self {
        case .staging: "STAGING"
        case .waitingAcceptance: "WAITING_ACCEPTANCE"
        case .waitingDebit: "WAITING_DEBIT"
        case .waitingDebitPayment: "WAITING_DEBIT_PAYMENT"
        case .shipping: "SHIPPING"
        case .shipped: "SHIPPED"
        case .toCollect: "TO_COLLECT"
        case .received: "RECEIVED"
        case .closed: "CLOSED"
        case .refused: "REFUSED"
        case .canceled: "CANCELED"
        case .other(let rawValue): rawValue
        }
    }

    public var description: String { rawValue }
}
