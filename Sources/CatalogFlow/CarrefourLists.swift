import Connector
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import IntegrationRules
import Logging
import MiraklAPI
import WorkerRuntime

/// Carrefour's own lists the store's maps are checked against (reference/mirakl-api.md §2: the
/// product format is the operator's; its categories come from H11, its attributes from PM11):
/// the leaf categories of H11, where products go, for `CARREFOUR_CATEGORY_MAP`, and PM11's
/// attribute codes for `CARREFOUR_ATTRIBUTE_MAP`. A list is read only when its map is set.
///
/// When: at start (``CatalogMapsCheck``), then again when a product is prepared and a list is
/// older than `CARREFOUR_CATALOG_LISTS_REFRESH` (1h: both calls are limited to "Every hour" in the
/// spec). No product flowing, no call. Each read checks its map: codes Carrefour does not list
/// become one integration-log Error naming the map file and the codes (again only when that set
/// changes, and a Success when it empties).
///
/// A failed read (429, 5xx, no answer) is not tried again before its `Retry-After`, or
/// `CARREFOUR_IMPORT_POLL_INTERVAL` without one. Meanwhile the list read before stays in use; before
/// any list was read, a product that needs it fails transiently and comes back through the retry
/// delays like any transient failure (parked only when those run out, reprocessable as usual).
actor CarrefourLists {
    /// A list and the call that reads it.
    enum List: String, Sendable {
        case categories = "H11", attributes = "PM11"
    }

    private struct Entry {
        var codes: Set<String>?
        var unknown: [String] = []
        var readAt: ContinuousClock.Instant?
        var notBefore: ContinuousClock.Instant?
        var reading: Task<Result<Set<String>, WorkFailure>, Never>?
    }

    private let mirakl: MiraklClient
    private let settings: CatalogSettings
    private let log: IntegrationLog
    private let logger: Logger
    private var entries: [List: Entry] = [:]
    /// The unknown codes last written to the integration log, per list.
    private var reported: [List: [String]] = [:]

    init(mirakl: MiraklClient, settings: CatalogSettings, log: IntegrationLog, logger: Logger) {
        self.mirakl = mirakl
        self.settings = settings
        self.log = log
        self.logger = logger
    }

    /// Whether the store set a map, so that there is anything to check.
    nonisolated var isNeeded: Bool {
        !settings.mapping.categories.isEmpty || !settings.mapping.attributes.isEmpty
    }

    /// Carrefour's leaf category codes, nil when the store maps no category (nothing to check).
    /// The attribute map is checked again here too when its check is due; that never holds a
    /// product (a failed PM11 read only waits for its next try).
    func leafCategories() async throws(WorkFailure) -> Set<String>? {
        if !settings.mapping.attributes.isEmpty { _ = try? await codes(.attributes) }
        guard !settings.mapping.categories.isEmpty else { return nil }
        return try await codes(.categories)
    }

    /// Reads (when due) every list a set map needs, and checks the maps.
    func checkMaps() async throws(WorkFailure) {
        if !settings.mapping.categories.isEmpty { _ = try await codes(.categories) }
        if !settings.mapping.attributes.isEmpty { _ = try await codes(.attributes) }
    }

    private func codes(_ list: List) async throws(WorkFailure) -> Set<String> {
        let entry = entries[list] ?? Entry()
        if let codes = entry.codes, let readAt = entry.readAt, ContinuousClock.now - readAt < settings.listsRefresh {
            try await report(list)
            return codes
        }
        if let notBefore = entry.notBefore, ContinuousClock.now < notBefore {
            if let codes = entry.codes { return codes }
            throw .transient("Carrefour's \(Self.what(list)) (\(list.rawValue)) could not be read yet", retryAfter: notBefore - .now)
        }
        let task = entry.reading ?? Task { await self.read(list) }
        entries[list, default: Entry()].reading = task
        let result = await task.value
        entries[list]?.reading = nil
        switch result {
        case .success(let codes):
            entries[list]?.unknown = CatalogMapping.unknownCodes(in: map(list), known: codes)
            entries[list]?.codes = codes
            entries[list]?.readAt = .now
            entries[list]?.notBefore = nil
            try await report(list)
            return codes
        case .failure(let failure):
            var wait = settings.importPollInterval
            if case .transient(_, let retryAfter?) = failure { wait = max(wait, retryAfter) }
            if entries[list]?.notBefore.map({ $0 < .now + wait }) ?? true { entries[list]?.notBefore = .now + wait }
            if let codes = entries[list]?.codes {
                logger.warning("Carrefour's list not read again; the one read before stays in use", metadata: [
                    "operation": "\(list.rawValue)", "failure": "\(failure)",
                ])
                return codes
            }
            if case .transient(let reason, _) = failure { throw .transient(reason, retryAfter: wait) }
            throw failure
        }
    }

    private func read(_ list: List) async -> Result<Set<String>, WorkFailure> {
        do {
            switch list {
            case .categories: return .success(try await mirakl.hierarchies().leafCodes)
            case .attributes: return .success(try await mirakl.productAttributes().codes)
            }
        } catch {
            return .failure(WorkFailure(classifying: error))
        }
    }

    private func map(_ list: List) -> [String: String] {
        list == .categories ? settings.mapping.categories : settings.mapping.attributes
    }

    /// Writes the map's unknown codes to the integration log when they changed since last written.
    private func report(_ list: List) async throws(WorkFailure) {
        let unknown = entries[list]?.unknown ?? []
        let previous = reported[list] ?? []
        guard unknown != previous else { return }
        let setting = list == .categories ? "CARREFOUR_CATEGORY_MAP" : "CARREFOUR_ATTRIBUTE_MAP"
        let file = (list == .categories ? settings.categoryMapFile : settings.attributeMapFile).map { ", \($0)" } ?? ""
        let message = unknown.isEmpty
            ? "Every code of the \(Self.mapName(list)) (\(setting)\(file)) is now among Carrefour's \(Self.what(list)) (\(list.rawValue))"
            : Self.unknownMessage(list, codes: unknown, setting: setting + file)
        // Marked before the (suspending) write, so a caller arriving meanwhile does not write it twice.
        reported[list] = unknown
        do {
            try await log.record(IntegrationEvent(
                operationId: "check-maps:\(setting):\(Int(Date().timeIntervalSince1970 * 1000))", entity: .connector, entityId: setting,
                operation: .catalog, direction: .vtexToCarrefour, status: unknown.isEmpty ? .success : .error, message: message,
                worker: CatalogContext.worker))
        } catch {
            if reported[list] == unknown { reported[list] = previous }
            throw error
        }
    }

    static func unknownMessage(_ list: List, codes: [String], setting: String) -> String {
        let named = "\(codes.count) code\(codes.count == 1 ? "" : "s") of the \(mapName(list)) (\(setting))"
        switch list {
        case .categories:
            return "\(named) \(codes.count == 1 ? "is" : "are") not among Carrefour's leaf categories (H11), where products go: "
                + codes.joined(separator: ", ")
                + ". Products mapped to them wait with an error; correct the map, restart the catalog worker, then reprocess them"
        case .attributes:
            return "\(named) \(codes.count == 1 ? "is" : "are") not among Carrefour's product attributes (PM11): "
                + codes.joined(separator: ", ")
                + ". The specifications mapped to them go out under codes Carrefour does not know; correct the map and restart the catalog worker"
        }
    }

    static func mapName(_ list: List) -> String { list == .categories ? "category map" : "attribute map" }
    static func what(_ list: List) -> String { list == .categories ? "categories" : "product attributes" }
}
