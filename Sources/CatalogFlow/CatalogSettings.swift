public import Connector
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
public import IntegrationRules
public import WorkerRuntime

/// The catalog worker's own settings; every interval the seeds and Mirakl's call frequencies give
/// is a setting with that default (ARCHITECTURE.md "Configuration"), so tests run on seconds.
public struct CatalogSettings: Sendable {
    /// `CARREFOUR_PRODUCT_IMPORT_INTERVAL` (1h): the window of a P41 batch, so at most one P41
    /// per interval. Mirakl recommends every hour and allows every 15 minutes per seller
    /// (reference/mirakl-api.md §1). The batch is held unacknowledged for one interval: the
    /// broker's `consumer_timeout` must be longer.
    public var productImportInterval: Duration
    /// `CARREFOUR_IMPORT_REPORT_DELAY` (3m): the wait after a P41 before the first P42
    /// (seeds/integrate-with-carrefour.md: "Three minutes after sending the batches…").
    public var importReportDelay: Duration
    /// `CARREFOUR_IMPORT_POLL_INTERVAL` (1m): the gap between two P42 calls of one import and
    /// between two P51 calls (both "once per minute" at most in the spec).
    public var importPollInterval: Duration
    /// `CARREFOUR_IMPORT_HISTORY_REFRESH` (5m): how stale the import history read through P51 may
    /// get before it is read again (P51: "Recommended usage: Every 5 minutes").
    public var importHistoryRefresh: Duration
    /// `CARREFOUR_CATALOG_CHECK_INTERVAL` (10m): how often a SKU waiting for Carrefour's
    /// cataloguing is checked again (seeds/integrate-with-carrefour.md: "Each 10 minutes…").
    public var checkInterval: Duration
    /// `CARREFOUR_CATALOG_MAX_AGE` (10d): the longest a SKU waits for cataloguing (and an import
    /// for a final status) before it is parked with that reason; Mirakl's own connector expires
    /// a product import after 10 days (reference/mirakl-api.md §2 P42, `nb_days_expired`).
    public var maximumAge: Duration
    /// SKU ids read per page by `catalog.sync`.
    public var syncPageSize: Int
    /// `CARREFOUR_CATEGORY_MAP` and `CARREFOUR_ATTRIBUTE_MAP` (files of `vtex;carrefour` lines, none
    /// by default): VTEX categories → Carrefour category codes, VTEX specifications → Carrefour
    /// attribute codes (``CatalogMapping``).
    public var mapping: CatalogMapping
    /// The files the two maps were read from, for the messages that name them.
    public var categoryMapFile: String?
    /// See ``categoryMapFile``.
    public var attributeMapFile: String?
    /// `CARREFOUR_CATALOG_LISTS_REFRESH` (1h, at least Mirakl's hour): how old Carrefour's category
    /// and attribute lists (H11, PM11) may get before a product prepared reads them again; both
    /// calls are limited to "Every hour" in the spec (``CarrefourLists``).
    public var listsRefresh: Duration
    /// `CARREFOUR_CATALOG_INITIAL_LOAD` (true): on a first start (no product import in Mirakl, no
    /// initial load done) the worker starts the initial load itself (``InitialLoad``).
    public var initialLoad: Bool
    /// `CARREFOUR_CATALOG_RESYNC_INTERVAL` (default 24h, `0` = off): between two periodic full
    /// resyncs (``CatalogResyncJob``).
    public var resyncInterval: Duration?

    /// Reads and validates the settings. Mirakl's maximum frequencies are the minimums, on the
    /// fleet's clock (``ConnectorSettings/miraklMinimum(_:)``): P41 every 15 minutes, P42 and
    /// P51 once a minute (reference/mirakl-api.md §1).
    public init(from source: SettingsSource, connector: ConnectorSettings) throws(SettingsError) {
        let minute = connector.miraklMinimum(.seconds(60))
        productImportInterval = try source.duration(
            "CARREFOUR_PRODUCT_IMPORT_INTERVAL", default: .seconds(3600), minimum: connector.miraklMinimum(.seconds(15 * 60)))
        importReportDelay = try source.duration("CARREFOUR_IMPORT_REPORT_DELAY", default: .seconds(180), minimum: .zero)
        importPollInterval = try source.duration("CARREFOUR_IMPORT_POLL_INTERVAL", default: .seconds(60), minimum: minute)
        importHistoryRefresh = try source.duration("CARREFOUR_IMPORT_HISTORY_REFRESH", default: .seconds(300), minimum: minute)
        checkInterval = try source.duration("CARREFOUR_CATALOG_CHECK_INTERVAL", default: .seconds(600), minimum: .milliseconds(100))
        maximumAge = try source.duration("CARREFOUR_CATALOG_MAX_AGE", default: .seconds(10 * 86_400), minimum: .seconds(1))
        syncPageSize = try source.int("CARREFOUR_CATALOG_SYNC_PAGE_SIZE", default: 1000, in: 1...100_000)
        initialLoad = try source.bool("CARREFOUR_CATALOG_INITIAL_LOAD", default: true)
        if let text = source.string("CARREFOUR_CATALOG_RESYNC_INTERVAL"), text == "0" || SettingsSource.parseDuration(text) == .zero {
            resyncInterval = nil
        } else {
            resyncInterval = try source.duration("CARREFOUR_CATALOG_RESYNC_INTERVAL", default: .seconds(86_400), minimum: .seconds(1))
        }
        mapping = CatalogMapping(
            categories: try Self.map(source, "CARREFOUR_CATEGORY_MAP"), attributes: try Self.map(source, "CARREFOUR_ATTRIBUTE_MAP"))
        categoryMapFile = source.string("CARREFOUR_CATEGORY_MAP")
        attributeMapFile = source.string("CARREFOUR_ATTRIBUTE_MAP")
        let hour = connector.miraklMinimum(.seconds(3600))
        listsRefresh = try source.duration("CARREFOUR_CATALOG_LISTS_REFRESH", default: .seconds(3600), minimum: hour)
    }

    /// The map in the file `name` names, or an empty one when unset; an unreadable file or a bad
    /// line stops the process at start, named.
    static func map(_ source: SettingsSource, _ name: String) throws(SettingsError) -> [String: String] {
        guard let path = source.string(name) else { return [:] }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw SettingsError(setting: name, problem: "cannot read \(path)")
        }
        switch CatalogMapping.parse(text) {
        case .success(let map): return map
        case .failure(let error): throw SettingsError(setting: name, problem: "line \(error.line) of \(path) is not 'vtex;carrefour'")
        }
    }
}
