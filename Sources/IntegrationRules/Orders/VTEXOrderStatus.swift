/// A VTEX order's status (`status` of the OMS order, `state` of an Orders Feed or Hook event).
///
/// The cases are the statuses the integration meets with a Carrefour order, named as VTEX writes
/// them in the list of "Status available to filter" of the Orders Feed configuration
/// (specs/vtex/VTEX - Orders API.json, `POST /api/orders/feed/config`, `filter.status`) and in the
/// `f_status` filter of List orders; reference/vtex-apis.md §8 and §9 (the status mapping of VTEX's
/// own Carrefour connector). Any other status of those lists, or one added later, is kept whole as
/// ``other(_:)``: it never fails a decode and is logged as it came.
/// Build values from the wire with ``init(_:)``; the comparison is exact, as VTEX writes its
/// statuses in lower case.
public enum VTEXOrderStatus: Hashable, Sendable, CustomStringConvertible {
    case orderCreated
    case paymentPending
    case paymentApproved
    case waitingForSellersConfirmation
    case waitingForAuthorization
    case waitingForManualAuthorization
    case waitingForMktAuthorization
    case windowToCancel
    case readyForHandling
    case startHandling
    case handling
    case invoice
    case invoiced
    case cancellationRequested
    case cancel
    case canceled
    /// A status not among the cases, as VTEX wrote it.
    case other(String)

    /// The statuses with a case of their own.
    public static let named: [VTEXOrderStatus] = [
        .orderCreated, .paymentPending, .paymentApproved, .waitingForSellersConfirmation, .waitingForAuthorization,
        .waitingForManualAuthorization, .waitingForMktAuthorization, .windowToCancel, .readyForHandling,
        .startHandling, .handling, .invoice, .invoiced, .cancellationRequested, .cancel, .canceled,
    ]

    /// The status VTEX wrote as `rawValue`.
    public init(_ rawValue: String) {
        self = Self.named.first { $0.rawValue == rawValue } ?? .other(rawValue)
    }

    /// The status as VTEX writes it (`ready-for-handling`).
    public var rawValue: String {
        switch self {
        case .orderCreated: "order-created"
        case .paymentPending: "payment-pending"
        case .paymentApproved: "payment-approved"
        case .waitingForSellersConfirmation: "waiting-for-sellers-confirmation"
        case .waitingForAuthorization: "waiting-for-authorization"
        case .waitingForManualAuthorization: "waiting-for-manual-authorization"
        case .waitingForMktAuthorization: "waiting-for-mkt-authorization"
        case .windowToCancel: "window-to-cancel"
        case .readyForHandling: "ready-for-handling"
        case .startHandling: "start-handling"
        case .handling: "handling"
        case .invoice: "invoice"
        case .invoiced: "invoiced"
        case .cancellationRequested: "cancellation-requested"
        case .cancel: "cancel"
        case .canceled: "canceled"
        case .other(let rawValue): rawValue
        }
    }

    public var description: String { rawValue }

    /// Waiting for an authorization before handling: the marketplace's approval, or the seller's for a
    /// price divergence (new-order-integration.md; Carrefour STAGING in reference/vtex-apis.md §9).
    public var isWaitingForAuthorization: Bool {
        [.waitingForMktAuthorization, .waitingForManualAuthorization, .waitingForAuthorization].contains(self)
    }

    /// Approved and in the seller's hands, not yet invoiced (Carrefour SHIPPING in reference/vtex-apis.md §9).
    public var isApprovedForHandling: Bool {
        [.windowToCancel, .readyForHandling, .startHandling, .handling].contains(self)
    }

    /// Invoiced or being invoiced (Carrefour SHIPPED / CLOSED in reference/vtex-apis.md §9).
    public var isInvoiced: Bool { self == .invoice || self == .invoiced }

    /// Canceled or on its way to be (Carrefour CANCELED in reference/vtex-apis.md §9).
    public var isCanceledOrCanceling: Bool {
        [.canceled, .cancel, .cancellationRequested].contains(self)
    }
}
