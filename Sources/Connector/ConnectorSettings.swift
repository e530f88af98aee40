#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
public import IntegrationRules
public import MiraklAPI
public import VTEXAPI
public import WorkerRuntime

/// The settings every flow shares: Carrefour's Mirakl endpoint and ShopKey, the VTEX store and
/// its keys, and the store's integration settings (seeds/integrate-with-carrefour.md). Read from
/// the environment (or the settings file); a bad one stops the process at start, named.
public struct ConnectorSettings: Sendable {
    /// `CARREFOUR_MIRAKL_URL`, `CARREFOUR_MIRAKL_API_KEY` (the ShopKey), `CARREFOUR_MIRAKL_SHOP_ID`.
    public var mirakl: MiraklConfiguration
    /// `CARREFOUR_VTEX_URL`, `CARREFOUR_VTEX_APP_KEY`, `CARREFOUR_VTEX_APP_TOKEN`.
    public var vtex: VTEXConfiguration
    /// `CARREFOUR_TRADE_POLICY`, `CARREFOUR_AFFILIATE_ID`, `CARREFOUR_SLA_*`,
    /// `CARREFOUR_PRICE_DIVERGENCE_RATE`, `CARREFOUR_BRAND_IN_TITLE`, `CARREFOUR_NOTIFICATION_EMAIL`.
    public var store: StoreSettings
    /// `CARREFOUR_TIME_SCALE` (default 1): how much faster than real time the Mirakl the fleet
    /// talks to runs — the sandbox's `--time-scale`, for demos and tests. Mirakl's call-frequency
    /// limits are divided by it (``miraklMinimum(_:)``). Never set it against Carrefour itself.
    public var timeScale: Double
    /// `CARREFOUR_DRY_RUN` (default false): every write to Mirakl and VTEX becomes an
    /// integration-log entry "would send" with its exact payload (status `Info`) instead of a call;
    /// reads still happen. The way to check a new store before turning it on (README "Operating it").
    public var dryRun: Bool

    /// Reads and validates the connector settings.
    public init(from source: SettingsSource) throws(SettingsError) {
        let timeout = try source.duration("CARREFOUR_HTTP_TIMEOUT", default: .seconds(30), minimum: .milliseconds(100))
        let dryRun = try source.bool("CARREFOUR_DRY_RUN", default: false)
        self.dryRun = dryRun
        mirakl = MiraklConfiguration(
            baseURL: try Self.url(source, "CARREFOUR_MIRAKL_URL"),
            apiKey: try source.requireSecret("CARREFOUR_MIRAKL_API_KEY"),
            shopId: source.string("CARREFOUR_MIRAKL_SHOP_ID"),
            timeout: timeout, dryRun: dryRun)
        vtex = VTEXConfiguration(
            baseURL: try Self.url(source, "CARREFOUR_VTEX_URL"),
            appKey: try source.requireSecret("CARREFOUR_VTEX_APP_KEY"),
            appToken: try source.requireSecret("CARREFOUR_VTEX_APP_TOKEN"),
            timeout: timeout, dryRun: dryRun)
        store = try Self.store(from: source)
        let scaleText = source.string("CARREFOUR_TIME_SCALE") ?? "1"
        guard let scale = Double(scaleText), scale >= 1, scale.isFinite else {
            throw SettingsError(setting: "CARREFOUR_TIME_SCALE", problem: "must be a number of at least 1, not \(scaleText)")
        }
        timeScale = scale
    }

    /// The shortest allowed interval between calls that Mirakl limits to one per `real`
    /// (reference/mirakl-api.md §1 "Rate limits"), on this fleet's clock.
    public func miraklMinimum(_ real: Duration) -> Duration {
        real / timeScale
    }

    static func store(from source: SettingsSource) throws(SettingsError) -> StoreSettings {
        var mapping: [StoreSettings.ShippingKind: String] = [:]
        for kind in StoreSettings.ShippingKind.allCases {
            if let sla = source.string("CARREFOUR_SLA_\(kind.rawValue.uppercased())") { mapping[kind] = sla }
        }
        // "you must fill at least one of the SLA mapping fields" (seeds/integrate-with-carrefour.md).
        guard !mapping.isEmpty else {
            throw SettingsError(
                setting: "CARREFOUR_SLA_NORMAL",
                problem: "at least one SLA mapping is required (CARREFOUR_SLA_NORMAL, _EXPRESS, _ECONOMICAL or _SCHEDULED)")
        }
        let rateText = source.string("CARREFOUR_PRICE_DIVERGENCE_RATE") ?? "0"
        guard let rate = Double(rateText), rate >= 0, rate <= 100 else {
            throw SettingsError(setting: "CARREFOUR_PRICE_DIVERGENCE_RATE", problem: "must be a percentage from 0 to 100, not \(rateText)")
        }
        let tradePolicy = source.string("CARREFOUR_TRADE_POLICY") ?? "1"
        guard tradePolicy.allSatisfy(\.isNumber) else {
            throw SettingsError(setting: "CARREFOUR_TRADE_POLICY", problem: "must be a trade policy (sales channel) id, not \(tradePolicy)")
        }
        let affiliate = source.string("CARREFOUR_AFFILIATE_ID") ?? "CRF"
        // VTEX affiliate ids are three consonants/letters (reference/vtex-apis.md §7).
        guard affiliate.count == 3, affiliate.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            throw SettingsError(setting: "CARREFOUR_AFFILIATE_ID", problem: "must be three letters, not \(affiliate)")
        }
        return StoreSettings(
            tradePolicy: tradePolicy, affiliateId: affiliate, slaMapping: mapping, priceDivergenceRate: rate,
            brandInTitle: try source.bool("CARREFOUR_BRAND_IN_TITLE", default: false),
            notificationEmail: source.string("CARREFOUR_NOTIFICATION_EMAIL"))
    }

    private static func url(_ source: SettingsSource, _ name: String) throws(SettingsError) -> String {
        let text = try source.require(name)
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            url.host != nil
        else {
            throw SettingsError(setting: name, problem: "must be an http(s) URL, not \(text)")
        }
        guard url.user == nil, url.password == nil else {
            throw SettingsError(setting: name, problem: "must not carry credentials in the URL")
        }
        return text
    }
}
