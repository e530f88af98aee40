public import Foundation

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
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        let iso = ISO8601DateFormatter()
        var lines = [
            "From: \(from)", "To: \(to)", "Subject: \(subject(entries))", "Date: \(formatter.string(from: date))",
            "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit", "",
            "What the Carrefour integration could not do on its own since the last message:", "",
        ]
        for event in entries {
            let line = "- \(iso.string(from: event.at)) \(event.status.rawValue) \(event.entity.rawValue) \(event.entityId) "
                + "(\(event.operation.rawValue), \(event.worker)): \(event.message)"
            lines.append(String(line.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ").prefix(900)))
        }
        lines.append("")
        lines.append("Details: carrefourctl log --status error, carrefourctl log --status alert")
        return Array((lines.joined(separator: "\r\n") + "\r\n").utf8)
    }
}
