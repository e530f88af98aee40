import Foundation

/// The Feed v3 configuration of the (single) AppKey (Orders API `POST /api/orders/feed/config`).
struct FeedConfiguration: Sendable, Codable, Equatable {
    struct Filter: Sendable, Codable, Equatable {
        /// "FromWorkflow" (status list) or "FromOrders" (JSONata expression).
        var type: String
        var status: [String]?
        var expression: String?
        var disableSingleFire: Bool?
    }
    struct Queue: Sendable, Codable, Equatable {
        var visibilityTimeoutInSeconds: Int
        // The spec's capitalised spelling (VTEX - Orders API.json FeedConfiguration).
        var MessageRetentionPeriodInSeconds: Int
    }
    var filter: Filter
    var queue: Queue
}

/// One order change waiting in the feed (Orders API `GET /api/orders/feed` item).
struct FeedEvent: Sendable, Codable {
    var eventId: String
    /// Opaque commit token, renewed on every read (a stale handle commits nothing).
    var handle: String
    var domain: String
    var state: String
    var lastState: String
    var orderId: String
    var lastChange: Date
    var currentChange: Date
    var enqueuedAt: Date
    /// Read but not committed: hidden until this instant (the queue's visibility timeout).
    var invisibleUntil: Date?
}

extension FeedConfiguration {
    /// Whether an order change enters the feed. "FromWorkflow" fires on status changes listed in `status`;
    /// "FromOrders" fires on any change (status or package/tracking), filtered by the expression when it is a
    /// plain `status = "x"` comparison (optionally several joined by `or`); other JSONata is not evaluated
    /// and lets every change through.
    func accepts(state: String, statusChanged: Bool) -> Bool {
        switch filter.type {
        case "FromWorkflow":
            return statusChanged && (filter.status ?? []).contains(state)
        default:
            guard let expression = filter.expression, !expression.isEmpty else { return true }
            let wanted = Self.statusComparisons(in: expression)
            return wanted.isEmpty || wanted.contains(state)
        }
    }

    /// The values of `status = "x"` clauses in a simple JSONata expression.
    static func statusComparisons(in expression: String) -> [String] {
        expression.components(separatedBy: " or ").compactMap { clause in
            let parts = clause.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, parts[0] == "status" else { return nil }
            return parts[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"'()"))
        }
    }
}
