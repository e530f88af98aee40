#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
import SystemSupport

extension HTTPResponse {
    /// How long the server asks us to wait, from `Retry-After` (RFC 9110 §10.2.3): either
    /// delta-seconds (what Mirakl sends on 429, mirakl-api.md "Rate limits") or an HTTP-date,
    /// measured from now. `nil` when the header is absent or unreadable; a date in the past gives
    /// zero.
    public var retryAfter: Duration? {
        retryAfter(relativeTo: Date())
    }

    /// ``retryAfter`` measured from `now` instead of the current time (for an HTTP-date value).
    public func retryAfter(relativeTo now: Date) -> Duration? {
        guard let raw = headers["Retry-After"]?.trimmingWhitespace(), !raw.isEmpty else {
            return nil
        }
        if raw.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
            // delta-seconds; a value past Int64 is clamped rather than dropped.
            return .seconds(Int64(raw) ?? Int64.max)
        }
        guard let date = HTTPDate.parse(raw) else { return nil }
        let wait = date.timeIntervalSince(now)
        return wait > 0 ? .milliseconds(Int64((wait * 1000).rounded())) : .zero
    }
}
