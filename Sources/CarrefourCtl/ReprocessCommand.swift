import AMQPLayer
import ArgumentParser
import Connector
import FleetContracts
import Foundation
import IntegrationRules
import WorkerRuntime

/// The entity kinds as a command-line argument (argument-parser lists them in its messages).
enum EntityArgument: String, CaseIterable, ExpressibleByArgument {
    case order, offer, product

    var entity: ReprocessRequest.Entity {
        switch self {
        case .order: .order
        case .offer: .offer
        case .product: .product
        }
    }
}

/// `carrefourctl reprocess <order|offer|product> <id>`: publishes a ``ReprocessRequest``.
struct ReprocessCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reprocess", abstract: "Ask the fleet to run an order, offer or product through its flow again.")
    @OptionGroup var options: GlobalOptions

    @Argument(help: "What to reprocess: order, offer or product.")
    var entity: EntityArgument

    @Argument(help: "The entity's id.")
    var id: String

    @Flag(help: "After the request id, print each attempt's outcome until success or the final failure.")
    var follow = false

    @Option(help: "With --follow: give up waiting after this long (default: the series' window plus a margin).")
    var timeout: SinceArgument?

    func run() async throws {
        let request = ReprocessRequest(entity: entity.entity, id: id, requestedBy: "carrefourctl")
        let message = try request.message(exchange: try options.topology().fleet.exchanges.events)
        let outcomes = try await options.withConnection { connection in try await connection.publish([message]) }
        guard outcomes.first?.isConfirmed == true else {
            throw CtlError.notConfirmed("the reprocess request (\(outcomes.first.map { "\($0)" } ?? "no answer"))")
        }
        FileHandle.standardOutput.write(Data((request.requestId + "\n").utf8))
        guard follow else { return }
        try await followSeries(of: request)
    }

    /// Prints the series' entries from the integration log as they come, until the final one.
    private func followSeries(of request: ReprocessRequest) async throws {
        let reader = IntegrationLogReader(topology: try options.topology())
        let limit = timeout?.duration ?? .seconds(20 * 60)
        let final = try await options.withConnection { connection in
            var final: IntegrationEvent?
            try await reader.read(connection, from: .since(request.requestedAt.addingTimeInterval(-2)), idleLimit: limit) { event, _ in
                guard let event, event.reprocess?.requestId == request.requestId else { return true }
                FileHandle.standardOutput.write(Data((LogCommand.textLine(event) + "\n").utf8))
                if event.reprocess?.final == true {
                    final = event
                    return false
                }
                return true
            }
            return final
        }
        guard let final else { throw CtlError.noOutcome("the series did not end within \(SettingsSource.format(limit)) of quiet") }
        if final.status != .success { throw ExitCode(1) }
    }
}
