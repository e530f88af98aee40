/// Where and as whom the connector calls Carrefour's Mirakl seller API.
public struct MiraklConfiguration: Sendable {
    /// The instance's base URL (`https://carrefour.mirakl.net`); operation paths (`/api/...`) are
    /// appended to it (reference/mirakl-api.md §1 "Base URL, shop, format").
    public var baseURL: String
    /// The shop API key (the seeds' "ShopKey"), sent raw in `Authorization`. A secret: never
    /// logged and never part of an error.
    public var apiKey: String
    /// The `shop_id` query parameter, for a user with several shops; `nil` uses the key's default shop.
    public var shopId: String?
    /// The whole-request time limit of each call.
    public var timeout: Duration
    /// `CARREFOUR_DRY_RUN`: every write is withheld (handed to the client's recorder, never sent)
    /// and answered ``MiraklError/withheld(operation:)``; reads still happen.
    public var dryRun: Bool

    /// Creates a configuration; a trailing `/` on `baseURL` is dropped.
    public init(baseURL: String, apiKey: String, shopId: String? = nil, timeout: Duration = .seconds(30), dryRun: Bool = false) {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.apiKey = apiKey
        self.shopId = shopId
        self.timeout = timeout
        self.dryRun = dryRun
    }
}
