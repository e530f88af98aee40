import AMQPLayer
import ArgumentParser
import Connector
import Foundation
import IntegrationRules
import WorkerRuntime

/// `carrefourctl log`: reads the integration log (the broker's `integration.log` stream) newest
/// first, or each entity's latest state with `--latest`.
struct LogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log", abstract: "Show the integration log: every outcome on products, offers and orders.")
    @OptionGroup var options: GlobalOptions

    @Option(help: "Only this SKU (its product and offer entries).")
    var sku: String?

    @Option(help: "Only this Carrefour order.")
    var order: String?

    @Option(help: "Only this status: success, error, alert, pending or info (a dry run's \"would send\"; repeatable).")
    var status: [StatusArgument] = []

    @Option(help: "Only entries this recent: 30m, 24h, 7d.")
    var since: SinceArgument?

    @Flag(help: "Each entity's latest entry only: where every product, offer and order stands now.")
    var latest = false

    @Flag(help: "One JSON object per line.")
    var json = false

    func validate() throws {
        if sku != nil && order != nil { throw ValidationError("give --sku or --order, not both") }
    }

    func run() async throws {
        var query = IntegrationLogQuery(statuses: Set(status.map(\.status)))
        if let sku { query.subject = .sku(sku) }
        if let order { query.subject = .order(order) }
        let sinceDate = since.map { Date().addingTimeInterval(-Double($0.duration / .milliseconds(1)) / 1000) }
        query.since = sinceDate
        let reader = IntegrationLogReader(topology: try options.topology())
        // --latest needs every entry to know each entity's last one; otherwise read from --since.
        let start: IntegrationLogReader.Start = latest ? .first : sinceDate.map { .since($0.addingTimeInterval(-1)) } ?? .first
        let events = try await options.withConnection { connection in try await reader.readAll(connection, from: start) }
        let shown = latest ? query.latest(events) : query.newestFirst(events)
        for event in shown { print(json ? try Self.jsonLine(event) : Self.textLine(event)) }
        if !json { FileHandle.standardError.write(Data("\(shown.count) entries\n".utf8)) }
    }

    static func textLine(_ event: IntegrationEvent) -> String {
        var line = "\(event.at.formatted(.iso8601))  \(event.status.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0))  "
            + "\(event.entity.rawValue) \(event.entityId)  \(event.operation.rawValue)  \(event.message)"
        if let external = event.externalId { line += "  [\(external)]" }
        if let reprocess = event.reprocess, reprocess.attempt > 0 {
            line += "  (reprocess \(reprocess.requestId) attempt \(reprocess.attempt)/\(reprocess.maxAttempts)\(reprocess.final ? ", final" : ""))"
        }
        return line
    }

    static func jsonLine(_ event: IntegrationEvent) throws -> String {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(event), as: UTF8.self)
    }
}

/// A status as a command-line argument.
struct StatusArgument: ExpressibleByArgument {
    let status: IntegrationEvent.Status

    init?(argument: String) {
        guard let status = IntegrationEvent.Status.allCases.first(where: { $0.rawValue.lowercased() == argument.lowercased() }) else {
            return nil
        }
        self.status = status
    }

    static var allValueStrings: [String] { IntegrationEvent.Status.allCases.map { $0.rawValue.lowercased() } }
}

/// A look-back written as `30m`, `24h` or `7d`.
struct SinceArgument: ExpressibleByArgument {
    let duration: Duration

    init?(argument: String) {
        guard let duration = SettingsSource.parseDuration(argument), duration > .zero else { return nil }
        self.duration = duration
    }
}
