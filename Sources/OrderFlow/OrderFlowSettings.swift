public import Connector
public import IntegrationRules
public import WorkerRuntime

/// The order-importer's own settings (defaults from the seeds and Mirakl's contract), read from the
/// environment or the settings file; a bad one stops the process at start, named.
public struct OrderFlowSettings: Sendable {
    /// `CARREFOUR_ORDER_POLL_INTERVAL` (default 5m, the seeds' cadence; at least Mirakl's OR11
    /// maximum of once a minute): the wait between two OR11 poll cycles.
    public var pollInterval: Duration
    /// Mirakl's OR11 maximum (asynchronous use: once per minute, reference/mirakl-api.md §1) on the
    /// fleet's clock (``ConnectorSettings/miraklMinimum(_:)``): two OR11 polls are never closer.
    public var miraklMinute: Duration
    /// `CARREFOUR_ORDER_POLL_OVERLAP` (default 2m, in Mirakl's time): each cycle reads again from the
    /// last update seen minus this, so nothing slips between polls (§4 "Lag on start_update_date").
    public var overlap: Duration
    /// `CARREFOUR_ORDER_LOOKBACK` (default 7d): how far back the very first cycle reads.
    public var lookback: Duration
    /// `CARREFOUR_ORDER_UNSELLABLE` (`leave`, the default, or `refuse`): what happens to an order
    /// in WAITING_ACCEPTANCE with a line that fails the checks.
    public var unsellable: OrderAcceptance.UnsellablePolicy
    /// `CARREFOUR_ORDER_DOCUMENT_FIELD` (default `customer-cpf`): the order custom field holding the
    /// customer's CPF/CNPJ (Mirakl's standard order has none; reference/mirakl-api.md §4).
    public var documentField: String
    /// `CARREFOUR_INGRESS_PUBLIC_URL` (required): the ingress as VTEX reaches it, sent as
    /// `connectorEndpoint`; VTEX posts the processing result under it.
    public var connectorEndpoint: String
    /// The `connectorName` sent to VTEX.
    public var connectorName: String
    /// `CARREFOUR_ORDER_RESULT_CHECK` (default 10m): how long after sending an order to VTEX the
    /// importer looks it up in VTEX, in case VTEX's processing result never reached the ingress.
    public var resultCheckDelay: Duration
    /// `CARREFOUR_PICKUP_POINTS` (none by default): `carrefourPoint=vtexPickupPointId` pairs, comma
    /// separated (a Carrefour shipping type code as the key covers every point of that type).
    public var pickupPoints: [String: String]

    /// Reads and validates the settings (`connector` gives the fleet's clock).
    public init(from source: SettingsSource, connector: ConnectorSettings) throws(SettingsError) {
        miraklMinute = connector.miraklMinimum(.seconds(60))
        pollInterval = try source.duration("CARREFOUR_ORDER_POLL_INTERVAL", default: .seconds(300), minimum: miraklMinute)
        overlap = try source.duration("CARREFOUR_ORDER_POLL_OVERLAP", default: .seconds(120), minimum: .seconds(1))
        lookback = try source.duration("CARREFOUR_ORDER_LOOKBACK", default: .seconds(7 * 86_400), minimum: .seconds(1))
        let policy = source.string("CARREFOUR_ORDER_UNSELLABLE") ?? OrderAcceptance.UnsellablePolicy.leave.rawValue
        guard let unsellable = OrderAcceptance.UnsellablePolicy(rawValue: policy.lowercased()) else {
            throw SettingsError(setting: "CARREFOUR_ORDER_UNSELLABLE", problem: "must be leave or refuse, not \(policy)")
        }
        self.unsellable = unsellable
        documentField = source.string("CARREFOUR_ORDER_DOCUMENT_FIELD") ?? "customer-cpf"
        var endpoint = try source.require("CARREFOUR_INGRESS_PUBLIC_URL")
        guard endpoint.hasPrefix("http://") || endpoint.hasPrefix("https://"), !endpoint.contains("?") else {
            throw SettingsError(setting: "CARREFOUR_INGRESS_PUBLIC_URL", problem: "must be an http(s) URL without a query, not \(endpoint)")
        }
        while endpoint.hasSuffix("/") { endpoint.removeLast() }
        connectorEndpoint = endpoint
        connectorName = "carrefour-connector"
        resultCheckDelay = try source.duration("CARREFOUR_ORDER_RESULT_CHECK", default: .seconds(600), minimum: .milliseconds(100))
        switch PickupRules.parse(source.string("CARREFOUR_PICKUP_POINTS") ?? "") {
        case .success(let map): pickupPoints = map
        case .failure(let error):
            throw SettingsError(setting: "CARREFOUR_PICKUP_POINTS", problem: "pair \(error.line) is not carrefourPoint=vtexPickupPointId")
        }
    }
}
