/// Everything that shapes the fake Mirakl's behaviour; the `sandbox` executable maps one
/// command-line option to each field. Durations are sandbox time (scaled by the clock).
public struct MiraklSettings: Sendable {
    /// The shop API key every call must present in `Authorization` (mirakl-api.md §1).
    public var shopKey: String
    /// The shop's id, returned by A01 and P42.
    public var shopId: Int
    /// The shop's name, returned by A01.
    public var shopName: String
    /// P41 product import: time spent in WAITING, RUNNING and SENT before COMPLETE.
    public var productImportWaiting: Duration
    /// See `productImportWaiting`.
    public var productImportRunning: Duration
    /// See `productImportWaiting`; SENT is the long "sent for integration" stage.
    public var productImportSent: Duration
    /// Time after COMPLETE before an integrated product is catalogued (live) and accepts offers.
    public var cataloguingDelay: Duration
    /// OF01 offer import: time spent in WAITING and RUNNING before COMPLETE.
    public var offerImportWaiting: Duration
    /// See `offerImportWaiting`.
    public var offerImportRunning: Duration
    /// An identical OF01 (same file, same mode) within this window returns the earlier import id.
    public var duplicateImportWindow: Duration
    /// Time an order spends in STAGING (operator fraud checks) before WAITING_ACCEPTANCE.
    public var stagingDelay: Duration
    /// Time after acceptance before the customer is debited (WAITING_DEBIT_PAYMENT → SHIPPING);
    /// nil leaves it to `POST /_admin/orders/{id}/state {"action":"confirm_payment"}`.
    public var paymentDelay: Duration?
    /// Whether the per-operation maximum call frequencies are enforced (429 + Retry-After).
    public var rateLimitsEnabled: Bool
    /// The seed of every generated value (customers, addresses, generated orders).
    public var seed: UInt64
    /// Orders created at start-up (in WAITING_ACCEPTANCE), for `seedOrderSKUs`.
    public var seedOrders: Int
    /// The shop SKUs (VTEX SKU ids) seeded and generated orders use when no offer is active.
    public var seedOrderSKUs: [String]
    /// Orders the generator creates per sandbox hour at start (0 = off; settable at run time).
    public var generatorOrdersPerHour: Double

    /// Settings with demo-friendly defaults (a 1× clock makes the SENT stage ten minutes).
    public init(
        shopKey: String = "sandbox-shop-key", shopId: Int = 2001, shopName: String = "Loja VTEX Sandbox",
        productImportWaiting: Duration = .seconds(60), productImportRunning: Duration = .seconds(120),
        productImportSent: Duration = .seconds(600), cataloguingDelay: Duration = .seconds(7200),
        offerImportWaiting: Duration = .seconds(30), offerImportRunning: Duration = .seconds(60),
        duplicateImportWindow: Duration = .seconds(3600), stagingDelay: Duration = .seconds(60),
        paymentDelay: Duration? = .seconds(300), rateLimitsEnabled: Bool = true, seed: UInt64 = 1,
        seedOrders: Int = 0, seedOrderSKUs: [String] = ["1", "2", "3"], generatorOrdersPerHour: Double = 0
    ) {
        self.shopKey = shopKey
        self.shopId = shopId
        self.shopName = shopName
        self.productImportWaiting = productImportWaiting
        self.productImportRunning = productImportRunning
        self.productImportSent = productImportSent
        self.cataloguingDelay = cataloguingDelay
        self.offerImportWaiting = offerImportWaiting
        self.offerImportRunning = offerImportRunning
        self.duplicateImportWindow = duplicateImportWindow
        self.stagingDelay = stagingDelay
        self.paymentDelay = paymentDelay
        self.rateLimitsEnabled = rateLimitsEnabled
        self.seed = seed
        self.seedOrders = seedOrders
        self.seedOrderSKUs = seedOrderSKUs
        self.generatorOrdersPerHour = generatorOrdersPerHour
    }
}
