import ArgumentParser

/// `carrefourctl`, the operator's tool: applies and checks the broker topology, shows queue
/// depths, asks for a reprocess and inspects or replays parked messages (issue 2 item 7), reads the integration log (issue 6)
/// and starts the catalog's initial load (issue 4).
@main
struct CarrefourCtl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "carrefourctl",
        abstract: "Operate the Carrefour connector's RabbitMQ broker.",
        subcommands: [
            TopologyCommand.self, QueuesCommand.self, ReprocessCommand.self, ParkedCommand.self, LogCommand.self,
            CatalogCommand.self, ReconcileCommand.self,
        ])
}
