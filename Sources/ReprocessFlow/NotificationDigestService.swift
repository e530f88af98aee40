import AMQPLayer
import Connector
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import HTTPLayer
import IntegrationRules
import Logging
import ServiceLifecycle
import WorkerRuntime

/// Sends the notification e-mail (``NotificationDigest``) once per `CARREFOUR_NOTIFICATION_PERIOD`
/// to `CARREFOUR_NOTIFICATION_EMAIL` over `CARREFOUR_SMTP_URL`: the Errors and Alerts the
/// integration log gained since the last message. What was sent is remembered by the broker: the
/// queue `notifications.digest` (`x-max-length: 1`, `drop-head`) holds the time of the last entry
/// sent, so a restart neither repeats nor skips a period (a crash between the mail and that marker
/// sends the same entries again: at least once). Run it in one reprocessor replica.
struct NotificationDigestService: Service {
    static let markerQueue = "notifications.digest"

    let settings: NotificationSettings
    let amqp: AMQPConfiguration
    let logQueue: String
    let logger: Logger

    func run() async throws {
        let smtp = SMTPClient(url: settings.smtpURL)
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            try? await Task.sleep(for: settings.period)
            guard !Task.isCancelled && !Task.isShuttingDownGracefully else { break }
            do {
                try await digest(with: smtp)
            } catch {
                logger.warning("notification e-mail not sent; tried again next period", metadata: ["error": "\(error)"])
            }
        }
    }

    /// One period: read the marker and the log since it, send what is new, move the marker.
    private func digest(with smtp: SMTPClient) async throws {
        let connection = try await AMQPConnection.connect(amqp)
        do {
            try await send(on: connection, with: smtp)
        } catch {
            await connection.close()
            throw error
        }
        await connection.close()
    }

    private func send(on connection: AMQPConnection, with smtp: SMTPClient) async throws {
        try await connection.declareQueue(Self.markerQueue, durable: true, arguments: [
            "x-queue-type": .string("classic"), "x-max-length": .int64(1), "x-overflow": .string("drop-head"),
        ])
        let period = Double(settings.period.components.seconds) + Double(settings.period.components.attoseconds) / 1e18
        var since = Date().addingTimeInterval(-period)
        var marked = false
        if let marker = try await connection.get(Self.markerQueue) {
            try await connection.nack(marker.tag, requeue: true)
            if let ms = Double(String(decoding: marker.body, as: UTF8.self)) {
                since = Date(timeIntervalSince1970: ms / 1000)
                marked = true
            }
        }
        let events = try await IntegrationLogReader(queue: logQueue).readAll(connection, from: .since(since.addingTimeInterval(-1)))
        let entries = NotificationDigest.entries(events, after: since)
        guard let last = entries.last else {
            // The first look anchors the marker, so no entry falls between two periods.
            if !marked { try await mark(since, on: connection) }
            return
        }
        try await smtp.send(
            from: settings.from, to: [settings.to],
            message: NotificationDigest.message(entries, from: settings.from, to: settings.to, at: Date()))
        try await mark(last.at, on: connection)
        logger.info("notification e-mail sent", metadata: ["entries": "\(entries.count)"])
    }

    /// Replaces the marker with `date` (the queue keeps only the newest message).
    private func mark(_ date: Date, on connection: AMQPConnection) async throws {
        var properties = AMQPProperties()
        properties.persistent = true
        let marker = AMQPOutgoingMessage(
            exchange: "", routingKey: Self.markerQueue, properties: properties,
            body: Array(String(NotificationDigest.milliseconds(date)).utf8))
        _ = try await connection.publish([marker])
    }
}

/// The notification e-mail's settings; present only when both `CARREFOUR_SMTP_URL` and
/// `CARREFOUR_NOTIFICATION_EMAIL` are set.
struct NotificationSettings: Sendable {
    /// `CARREFOUR_SMTP_URL` (secret): `smtp://[user:password@]host:port`.
    var smtpURL: String
    /// `CARREFOUR_NOTIFICATION_EMAIL`: the person following the integration.
    var to: String
    /// `CARREFOUR_NOTIFICATION_FROM` (`carrefour-connector@localhost`).
    var from: String
    /// `CARREFOUR_NOTIFICATION_PERIOD` (1h).
    var period: Duration

    /// Nil when no SMTP URL is set; a URL without the e-mail stops the process at start, named.
    static func read(_ source: SettingsSource, email: String?) throws(SettingsError) -> NotificationSettings? {
        guard let url = try source.secret("CARREFOUR_SMTP_URL") else { return nil }
        guard url.hasPrefix("smtp://") || url.hasPrefix("smtps://") else {
            throw SettingsError(setting: "CARREFOUR_SMTP_URL", problem: "must be an smtp:// or smtps:// URL")
        }
        guard let email, email.contains("@") else {
            throw SettingsError(setting: "CARREFOUR_NOTIFICATION_EMAIL", problem: "is required with CARREFOUR_SMTP_URL")
        }
        return NotificationSettings(
            smtpURL: url, to: email, from: source.string("CARREFOUR_NOTIFICATION_FROM") ?? "carrefour-connector@localhost",
            period: try source.duration("CARREFOUR_NOTIFICATION_PERIOD", default: .seconds(3600), minimum: .milliseconds(100)))
    }
}
