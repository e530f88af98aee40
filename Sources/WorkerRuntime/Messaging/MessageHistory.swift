public import AMQPLayer
#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// The history a message carries in its own headers: attempt count, first-seen time, last error,
/// and, while delayed, when it is due.
///
/// Only the fleet's own `carrefour-` headers carry state. A republished copy never keeps the
/// broker's `x-` headers: on RabbitMQ 3.10 a message republished with a copied `x-death` through
/// a chain of TTL queues is silently dropped (rabbitmq-recoverability.md §0.2). Headers are kept
/// small (the last error is cut to 1 KiB) because a content header cannot span frames (§0.11).
public struct MessageHistory: Sendable, Equatable {
    public static let attemptHeader = "carrefour-attempt"
    public static let firstSeenHeader = "carrefour-first-seen-ms"
    public static let lastErrorHeader = "carrefour-last-error"
    public static let dueHeader = "carrefour-due-ms"
    public static let parkedReasonHeader = "carrefour-parked-reason"
    public static let parkedFromHeader = "carrefour-parked-from"
    public static let parkedAtHeader = "carrefour-parked-at-ms"
    /// The longest last-error text kept in a header.
    public static let maximumErrorLength = 1024

    /// How many times a handler has tried this message before (0 on first delivery).
    public var attempt: Int
    /// When the fleet first saw the message.
    public var firstSeen: Date
    /// Why the last attempt failed.
    public var lastError: String?
    /// When a delayed message is due (it is re-delayed if it comes back early).
    public var due: Date?

    /// Reads the history from a delivery's headers (a message seen for the first time has none).
    public init(headers: AMQPTable, now: Date = Date()) {
        guard !headers.isEmpty else {
            (attempt, firstSeen, lastError, due) = (0, now, nil, nil)
            return
        }
        attempt = Int(headers[Self.attemptHeader]?.intValue ?? 0)
        firstSeen = headers[Self.firstSeenHeader]?.intValue.map { Date(timeIntervalSince1970: Double($0) / 1000) } ?? now
        lastError = headers[Self.lastErrorHeader]?.stringValue
        due = headers[Self.dueHeader]?.intValue.map { Date(timeIntervalSince1970: Double($0) / 1000) }
    }

    /// The headers for a republished copy: the original's headers without any `x-` header and
    /// without the delay/park bookkeeping, plus this history.
    public func headers(basedOn original: AMQPTable) -> AMQPTable {
        var headers = original.filter { key, _ in
            !key.lowercased().hasPrefix("x-") && key != Self.dueHeader && key != "delay-tier"
                && key != Self.parkedReasonHeader && key != Self.parkedFromHeader && key != Self.parkedAtHeader
        }
        headers[Self.attemptHeader] = .int64(Int64(attempt))
        headers[Self.firstSeenHeader] = .int64(Self.milliseconds(firstSeen))
        if let lastError { headers[Self.lastErrorHeader] = .string(Self.truncate(lastError)) }
        if let due { headers[Self.dueHeader] = .int64(Self.milliseconds(due)) }
        return headers
    }

    /// `date` in milliseconds since 1970, as the headers carry it; a date out of `Int64`'s range
    /// (read from a header that said so) is held at its end instead of trapping.
    public static func milliseconds(_ date: Date) -> Int64 {
        let value = (date.timeIntervalSince1970 * 1000).rounded()
        guard value.isFinite else { return 0 }
        return Int64(exactly: value) ?? (value < 0 ? .min : .max)
    }

    /// Cuts an error text to ``maximumErrorLength`` bytes on a character boundary.
    public static func truncate(_ text: String) -> String {
        guard text.utf8.count > maximumErrorLength else { return text }
        var result = ""
        for character in text {
            if result.utf8.count + character.utf8.count > maximumErrorLength - 3 { break }
            result.append(character)
        }
        return result + "..."
    }
}
