#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// Mirakl's date-times: ISO 8601 (`2026-11-23T10:00:00Z`, with or without milliseconds).
public enum MiraklDate {
    /// Parses an ISO 8601 date-time, with or without fractional seconds.
    public static func parse(_ text: String) -> Date? {
        if let date = try? Date(text, strategy: .iso8601) { return date }
        return try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    /// Formats `date` as Mirakl's query parameters expect (`start_update_date` and the like):
    /// UTC with milliseconds.
    public static func format(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}
