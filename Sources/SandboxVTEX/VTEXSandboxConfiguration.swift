/// Settings of the fake VTEX store: identity, credentials, seeded data and timing.
///
/// Every value has a default so a test or a demo can start a sandbox with `.init()` and change only
/// what it exercises. The credentials are the ones the sandbox *expects*: requests to `pvt` routes
/// must carry them in `X-VTEX-API-AppKey` / `X-VTEX-API-AppToken` (vtex-apis.md "Conventions").
public struct VTEXSandboxConfiguration: Sendable {
    /// The VTEX account name (`an`), echoed in order-integration replies and SKU notifications.
    public var accountName: String = "carrefoursandbox"
    /// The AppKey every `pvt` request must present.
    public var appKey: String = "vtexappkey-carrefoursandbox-SANDBOX"
    /// The AppToken every `pvt` request must present; never logged.
    public var appToken: String = "sandbox-app-token"
    /// The marketplace's affiliate id: three consonants (vtex-apis.md "IDs"); prefixes VTEX order ids.
    public var affiliateId: String = "CRF"
    /// The trade policy (`sc`) the affiliate sells on; the seeded "not in trade policy" SKU is outside it.
    public var tradePolicyId: Int = 1
    /// The seed of the deterministic catalog: the same seed and product count give the same data.
    public var seed: UInt64 = 42
    /// How many products to seed (at least 1); the deliberately invalid ones come first (see the module doc).
    public var productCount: Int = 20
    /// How long the New Order Integration "queue" waits before processing a request (asynchronous by contract).
    public var processingDelay: Duration = .milliseconds(20)
    /// Where affiliate SKU change notifications go (the affiliate's `searchURIEndpoint`); nil sends none.
    public var affiliateNotificationURL: String? = nil
    /// Whether an availability change caused by an order (reservation at integration, release at
    /// cancellation, removal at invoice) also sends the affiliate a SKU notification. Off by default:
    /// VTEX's documentation promises notifications for catalog, price and inventory changes, not for
    /// reservations (docs/stock-and-orders.md), so the connector must not depend on it.
    public var notifyOrderStockChanges: Bool = false
    /// The total timeout of one outgoing webhook POST.
    public var webhookTimeout: Duration = .seconds(5)
    /// How many times an outgoing webhook is tried before it is recorded as failed.
    public var webhookAttempts: Int = 3
    /// ISO-3 country the seeded SLAs ship to (`shipsTo`).
    public var country: String = "BRA"

    /// A configuration with every default.
    public init() {}
}
