#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// What an operator asks of the integration log (`carrefourctl log`): which entity, which
/// statuses, since when; newest first, or each entity's latest state.
public struct IntegrationLogQuery: Sendable, Equatable {
    /// Only entries about this entity (a SKU matches both its product and its offer entries).
    public enum Subject: Sendable, Equatable {
        case sku(String)
        case order(String)
    }

    public var subject: Subject?
    /// Only these statuses; empty means all.
    public var statuses: Set<IntegrationEvent.Status>
    /// Only entries at or after this time.
    public var since: Date?

    public init(subject: Subject? = nil, statuses: Set<IntegrationEvent.Status> = [], since: Date? = nil) {
        self.subject = subject
        self.statuses = statuses
        self.since = since
    }

    /// Whether `event` is asked for.
    public func matches(_ event: IntegrationEvent) -> Bool {
        if let since, event.at < since { return false }
        if !statuses.isEmpty, !statuses.contains(event.status) { return false }
        switch subject {
        case .sku(let id)?: return event.entityId == id && (event.entity == .product || event.entity == .offer)
        case .order(let id)?: return event.entityId == id && event.entity == .order
        case nil: return true
        }
    }

    /// The matching entries, newest first (entries read oldest first; ties keep log order).
    public func newestFirst(_ events: [IntegrationEvent]) -> [IntegrationEvent] {
        Array(events.filter(matches).reversed())
    }

    /// Each entity's latest entry (by log order), newest first, then filtered by the query:
    /// "what state is every product, offer and order in now".
    public func latest(_ events: [IntegrationEvent]) -> [IntegrationEvent] {
        struct Key: Hashable { var entity: IntegrationEvent.Entity; var id: String }
        var seen = Set<Key>()
        var out: [IntegrationEvent] = []
        for event in events.reversed() where seen.insert(Key(entity: event.entity, id: event.entityId)).inserted {
            if matches(event) { out.append(event) }
        }
        return out
    }
}
