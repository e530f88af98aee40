/// `GET /api/oms/pvt/orders/{orderId}` (GetOrder, `VTEX - Orders API.json`; reference/vtex-apis.md
/// §5), reduced to what the invoice-tracker reads: who the order came from, its status, why it was
/// canceled, and its invoices with tracking and the courier's status.
public struct VTEXOrder: Codable, Sendable, Equatable {
    /// `cancellationData`: who asked for the cancellation.
    public struct CancellationData: Codable, Sendable, Equatable {
        public var requestedByUser: Bool?
        public var requestedBySystem: Bool?
        public var requestedBySellerNotification: Bool?
        public var reason: String?

        enum CodingKeys: String, CodingKey {
            case requestedByUser = "RequestedByUser", requestedBySystem = "RequestedBySystem"
            case requestedBySellerNotification = "RequestedBySellerNotification", reason = "Reason"
        }

        public init(requestedByUser: Bool? = nil, requestedBySystem: Bool? = nil, requestedBySellerNotification: Bool? = nil, reason: String? = nil) {
            self.requestedByUser = requestedByUser
            self.requestedBySystem = requestedBySystem
            self.requestedBySellerNotification = requestedBySellerNotification
            self.reason = reason
        }
    }

    public var orderId: String
    /// The marketplace's order id (the Mirakl `order_id` for a Carrefour order).
    public var marketplaceOrderId: String?
    /// The affiliate the order came through (`CRF` for Carrefour).
    public var affiliateId: String?
    public var origin: String?
    /// OMS workflow status: `ready-for-handling`, `invoiced`, `canceled`…
    public var status: String
    public var lastChange: String?
    public var cancelReason: String?
    public var cancellationData: CancellationData?
    public var packageAttachment: VTEXPackageAttachment?
    /// `items`: the order's SKUs (`id`) and quantities.
    public var items: [Item]?

    /// One `items[]` entry, as far as the connector reads it.
    public struct Item: Codable, Sendable, Equatable {
        /// The SKU id.
        public var id: String
        public var quantity: Int

        public init(id: String, quantity: Int) {
            self.id = id
            self.quantity = quantity
        }
    }

    public init(
        orderId: String, status: String, marketplaceOrderId: String? = nil, affiliateId: String? = nil,
        origin: String? = nil, lastChange: String? = nil, cancelReason: String? = nil,
        cancellationData: CancellationData? = nil, packages: [VTEXInvoicePackage] = [], items: [Item]? = nil
    ) {
        self.orderId = orderId
        self.marketplaceOrderId = marketplaceOrderId
        self.affiliateId = affiliateId
        self.origin = origin
        self.status = status
        self.lastChange = lastChange
        self.cancelReason = cancelReason
        self.cancellationData = cancellationData
        self.packageAttachment = VTEXPackageAttachment(packages: packages)
        self.items = items
    }

    /// The invoices (`packageAttachment.packages`).
    public var packages: [VTEXInvoicePackage] { packageAttachment?.packages ?? [] }
}

/// `packageAttachment`.
public struct VTEXPackageAttachment: Codable, Sendable, Equatable {
    public var packages: [VTEXInvoicePackage]?
}

/// One invoice (`packageAttachment.packages[]`) with its tracking and courier status.
public struct VTEXInvoicePackage: Codable, Sendable, Equatable {
    /// `courierStatus`: `finished` is true once delivered.
    public struct CourierStatus: Codable, Sendable, Equatable {
        public var status: String?
        public var finished: Bool?
        public var deliveredDate: String?

        public init(status: String? = nil, finished: Bool?, deliveredDate: String? = nil) {
            self.status = status
            self.finished = finished
            self.deliveredDate = deliveredDate
        }
    }

    /// `Output` (sale) or `Input` (return).
    public var type: String?
    public var invoiceNumber: String?
    public var invoiceKey: String?
    public var issuanceDate: String?
    public var invoiceUrl: String?
    public var courier: String?
    public var trackingNumber: String?
    public var trackingUrl: String?
    public var courierStatus: CourierStatus?

    public init(
        type: String?, invoiceNumber: String? = nil, invoiceKey: String? = nil, issuanceDate: String? = nil,
        invoiceUrl: String? = nil, courier: String? = nil, trackingNumber: String? = nil, trackingUrl: String? = nil,
        courierStatus: CourierStatus? = nil
    ) {
        self.type = type
        self.invoiceNumber = invoiceNumber
        self.invoiceKey = invoiceKey
        self.issuanceDate = issuanceDate
        self.invoiceUrl = invoiceUrl
        self.courier = courier
        self.trackingNumber = trackingNumber
        self.trackingUrl = trackingUrl
        self.courierStatus = courierStatus
    }
}

/// The reply of OMS writes (cancel, invoice, tracking): `{date, orderId, receipt}`.
public struct OMSReceipt: Codable, Sendable, Equatable {
    public var date: String?
    public var orderId: String?
    public var receipt: String?
}
