import ArgumentParser

/// `carrefourctl`, the operator's tool: applies and checks the broker topology, shows queue
/// depths and the whole integration's status, asks for a reprocess, inspects or replays parked
/// messages, reads the integration log and starts the catalog's initial load.
@main
struct CarrefourCtl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "carrefourctl",
        abstract: "Operate the Carrefour connector's RabbitMQ broker.",
        subcommands: [
            StatusCommand.self, TopologyCommand.self, QueuesCommand.self, ReprocessCommand.self, ParkedCommand.self,
            LogCommand.self, CatalogCommand.self, ReconcileCommand.self,
        ])

    /// `carrefourctl --store NAME <command> …` reads as `carrefourctl <command> … --store NAME`:
    /// the store option belongs to every command, and may come first.
    static func main() async {
        await main(StoreFirst.moved(Array(CommandLine.arguments.dropFirst())))
    }
}

/// Moves a leading `--store NAME` (or `--store=NAME`) behind the command, where each command's
/// options read it.
enum StoreFirst {
    static func moved(_ arguments: [String]) -> [String] {
        guard let first = arguments.first else { return arguments }
        if first == "--store", arguments.count >= 2 {
            return Array(arguments.dropFirst(2)) + ["--store", arguments[1]]
        }
        if first.hasPrefix("--store=") {
            return Array(arguments.dropFirst()) + [first]
        }
        return arguments
    }
}
