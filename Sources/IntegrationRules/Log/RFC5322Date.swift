#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A message's `Date:` header (RFC 5322 section 3.3), in UTC: `Fri, 04 Dec 2026 12:33:06 +0000`.
/// The bytes a `DateFormatter` with `en_US_POSIX`, UTC and `EEE, dd MMM yyyy HH:mm:ss Z` wrote,
/// without Foundation's ICU-backed formatters.
enum RFC5322Date {
    private static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func format(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let parts = calendar.dateComponents([.weekday, .day, .month, .year, .hour, .minute, .second], from: date)
        let day = days[((parts.weekday ?? 1) - 1) % 7]
        let month = months[((parts.month ?? 1) - 1) % 12]
        return "\(day), \(two(parts.day)) \(month) \(four(parts.year)) \(two(parts.hour)):\(two(parts.minute)):\(two(parts.second)) +0000"
    }

    private static func two(_ value: Int?) -> String {
        let value = value ?? 0
        return value < 10 ? "0\(value)" : "\(value)"
    }

    private static func four(_ value: Int?) -> String {
        let text = "\(value ?? 0)"
        return String(repeating: "0", count: max(0, 4 - text.count)) + text
    }
}
