#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// The OR11 filters and page the connector uses (reference/mirakl-api.md §4 "OR11"): the poll reads
/// by `start_update_date` with offset paging sorted by creation date; the worker re-reads single
/// orders by `order_ids`.
public struct MiraklOrderQuery: Sendable, Equatable {
    /// `order_ids` (at most 100).
    public var orderIds: [String]?
    /// `order_state_codes`.
    public var states: [String]?
    /// `start_update_date`: orders updated at or after this date.
    public var startUpdateDate: Date?
    /// `end_update_date`.
    public var endUpdateDate: Date?
    /// `max`: the page size (Mirakl caps it at 100).
    public var max: Int
    /// `offset`: the 0-based index of the page's first order.
    public var offset: Int

    /// The most orders one OR11 page (or one `order_ids` list) may hold.
    public static let maximumPageSize = 100

    /// A query; `max` is clamped to 1…100.
    public init(
        orderIds: [String]? = nil, states: [String]? = nil, startUpdateDate: Date? = nil, endUpdateDate: Date? = nil,
        max: Int = MiraklOrderQuery.maximumPageSize, offset: Int = 0
    ) {
        self.orderIds = orderIds
        self.states = states
        self.startUpdateDate = startUpdateDate
        self.endUpdateDate = endUpdateDate
        self.max = Swift.min(Swift.max(max, 1), Self.maximumPageSize)
        self.offset = Swift.max(offset, 0)
    }

    /// The query parameters, sorted by creation date ascending (`sort=dateCreated&order=asc`).
    public var parameters: [(String, String)] {
        var items: [(String, String)] = []
        if let orderIds { items.append(("order_ids", orderIds.joined(separator: ","))) }
        if let states { items.append(("order_state_codes", states.joined(separator: ","))) }
        if let startUpdateDate { items.append(("start_update_date", MiraklDate.format(startUpdateDate))) }
        if let endUpdateDate { items.append(("end_update_date", MiraklDate.format(endUpdateDate))) }
        items.append(("sort", "dateCreated"))
        items.append(("order", "asc"))
        items.append(("max", String(max)))
        items.append(("offset", String(offset)))
        return items
    }
}
