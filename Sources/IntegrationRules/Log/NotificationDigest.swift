#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// The notification e-mail (integrate-with-carrefour.md "E-mail de notificação: E-mail of the person
/// responsible for following the integration"): the period's Errors and Alerts of the integration
/// log as one plain-text message to that person. Nothing new, no message.
public enum NotificationDigest {
    /// The entries a digest reports: Errors and Alerts recorded after `since`, oldest first, compared
    /// to the millisecond (the precision of the marker that remembers the last one sent).
    public static func entries(_ events: [IntegrationEvent], after since: Date) -> [IntegrationEvent] {
        let after = milliseconds(since)
        return events.filter { ($0.status == .error || $0.status == .alert) && milliseconds($0.at) > after }
            .sorted { $0.at < $1.at }
    }

    /// `date` in whole milliseconds since 1970 (rounded down).
    public static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }

    /// The subject line for `entries`.
    public static func subject(_ entries: [IntegrationEvent]) -> String {
        let errors = entries.filter { $0.status == .error }.count
        let alerts = entries.count - errors
        return "Carrefour integration: \(errors) error\(errors == 1 ? "" : "s"), \(alerts) alert\(alerts == 1 ? "" : "s")"
    }

    /// The whole message (RFC 5322 headers, a blank line, one line per entry; CRLF line ends, lines
    /// cut at 900 characters, under SMTP's 998).
    public static func message(_ entries: [IntegrationEvent], from: String, to: String, at date: Date) -> [UInt8] {
        let iso = Date.ISO8601FormatStyle()
        var lines = [
            "From: \(from)", "To: \(to)", "Subject: \(subject(entries))", "Date: \(RFC5322Date.format(date))",
            "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit", "",
            "What the Carrefour integration could not do on its own since the last message:", "",
        ]
        for event in entries {
            let line = "- \(iso.format(event.at)) \(event.status.rawValue) \(event.entity.rawValue) \(event.entityId) "
                + "(\(event.operation.rawValue), \(event.worker)): \(event.message)"
            lines.append(String(Self.oneLine(line).prefix(900)))
        }
        lines.append("")
        lines.append("Details: carrefourctl log --status error, carrefourctl log --status alert")
        return Array((lines.joined(separator: "\r\n") + "\r\n").utf8)
    }

    /// CR and LF (each, as scalars: a CRLF pair too) replaced by spaces.
    private static func oneLine(_ line: String) -> String {
        String(String.UnicodeScalarView(line.unicodeScalars.map { $0 == "\r" || $0 == "\n" ? " " : $0 }))
    }
}
