/// The one contract of New Order Integration replies and processing-result notifications
/// (seeds/new-order-integration.md "Response Body"; reference/vtex-apis.md §6): the synchronous
/// reply is normally `SOI003` (enqueued); the outcome (`SOI001`, `SOI002`, `EOI…`) is POSTed to
/// `{connectorEndpoint}/order-integration/notification/processing-result?an={account}`.
/// Any field may be null.
public struct OrderIntegrationResult: Codable, Sendable, Equatable {
    /// One `errors[]` entry.
    public struct Failure: Codable, Sendable, Equatable {
        /// `Fulfillment`, `Checkout` or `Order Integration`.
        public var source: String?
        public var code: String?
        public var description: String?

        public init(source: String?, code: String?, description: String?) {
            self.source = source
            self.code = code
            self.description = description
        }
    }

    /// `fields`: the created order's ids.
    public struct Fields: Codable, Sendable, Equatable {
        /// The VTEX order id, `{affiliateId}-{marketplaceOrderId}`.
        public var mainOrderId: String?
        public var franchiseOrderId: String?

        public init(mainOrderId: String?, franchiseOrderId: String? = nil) {
            self.mainOrderId = mainOrderId
            self.franchiseOrderId = franchiseOrderId
        }
    }

    public var accountName: String?
    public var success: Bool?
    /// `PlaceOrder`, `ApproveOrder` or `Unknown`.
    public var flow: String?
    public var operationId: String?
    public var marketplaceOrderId: String?
    /// `SOI001`…`SOI003`, `EOI000`…`EOI011`.
    public var code: String?
    public var message: String?
    public var errors: [Failure]?
    public var fields: Fields?

    public init(
        code: String?, flow: String?, success: Bool?, marketplaceOrderId: String?, message: String? = nil,
        operationId: String? = nil, accountName: String? = nil, errors: [Failure]? = nil, fields: Fields? = nil
    ) {
        self.accountName = accountName
        self.success = success
        self.flow = flow
        self.operationId = operationId
        self.marketplaceOrderId = marketplaceOrderId
        self.code = code
        self.message = message
        self.errors = errors
        self.fields = fields
    }
}
