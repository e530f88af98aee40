/// Where and as whom the connector calls the seller's VTEX store.
public struct VTEXConfiguration: Sendable {
    /// The store's base URL (`https://{account}.vtexcommercestable.com.br`); paths (`/api/...`) are
    /// appended to it (reference/vtex-apis.md "Conventions").
    public var baseURL: String
    /// `X-VTEX-API-AppKey`. A secret: never logged.
    public var appKey: String
    /// `X-VTEX-API-AppToken`. A secret: never logged.
    public var appToken: String
    /// The whole-request time limit of each call.
    public var timeout: Duration
    /// `CARREFOUR_DRY_RUN`: every write is withheld (handed to the client's recorder, never sent)
    /// and answered ``VTEXError/withheld(operation:)``; reads still happen.
    public var dryRun: Bool

    /// Creates a configuration; a trailing `/` on `baseURL` is dropped.
    public init(baseURL: String, appKey: String, appToken: String, timeout: Duration = .seconds(30), dryRun: Bool = false) {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.appKey = appKey
        self.appToken = appToken
        self.timeout = timeout
        self.dryRun = dryRun
    }
}
