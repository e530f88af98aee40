import AMQPLayer
import ArgumentParser
import FleetContracts
import WorkerRuntime

/// `carrefourctl catalog …`: the catalog flow's operator commands.
struct CatalogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog", abstract: "Operate the catalog flow.", subcommands: [CatalogSyncCommand.self, CatalogCheckMapsCommand.self])
}

/// `carrefourctl catalog sync`: publishes `catalog.sync`; the catalog worker then looks at every
/// SKU of the trade policy (the initial load, seeds/how-the-carrefour-integration-works.md §1) and prints the request id.
struct CatalogSyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Send every SKU of the trade policy through the catalog flow (the initial load).",
        discussion: """
            The catalog worker pages the trade policy's SKU ids and looks at each: not yet in \
            Carrefour → validated and sent with the next product import; catalogued → its offer \
            refreshed; deleted in Carrefour → logged, never resent. Prints the request id.
            """)
    @OptionGroup var options: GlobalOptions

    func run() async throws {
        let request = CatalogSync()
        let message = try request.message(
            exchange: try options.topology().fleet.exchanges.events, id: request.requestId, appID: "carrefourctl")
        let outcomes = try await options.withConnection { connection in try await connection.publish([message]) }
        guard outcomes.first?.isConfirmed == true else {
            throw CtlError.notConfirmed("the catalog sync request (\(outcomes.first.map { "\($0)" } ?? "no answer"))")
        }
        print(request.requestId)
    }
}
