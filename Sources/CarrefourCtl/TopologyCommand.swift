import AMQPLayer
import ArgumentParser

/// `carrefourctl topology apply|check`.
struct TopologyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "topology", abstract: "Declare or check the broker topology of topology.json.",
        subcommands: [Apply.self, Check.self])

    /// Declares every exchange, queue and binding of topology.json.
    struct Apply: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Declare everything in topology.json on the broker.")
        @OptionGroup var options: GlobalOptions

        func run() async throws {
            let topology = try options.topology()
            try await options.withConnection { connection in try await connection.declare(topology) }
            print("declared \(topology.exchanges.count) exchanges, \(topology.queues.count) queues, \(topology.bindings.count) bindings")
        }
    }

    /// Compares the broker with topology.json; exits 1 on any drift.
    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Compare the broker with topology.json (exit 1 on drift).")
        @OptionGroup var options: GlobalOptions

        func run() async throws {
            let topology = try options.topology()
            let api = try options.management()
            let vhost = api.encodedVhost
            let drift = TopologyDrift(
                topology: topology,
                queues: try await api.get("queues/\(vhost)?columns=name,durable,auto_delete,arguments", as: [[String: JSONValue]].self),
                exchanges: try await api.get("exchanges/\(vhost)", as: [[String: JSONValue]].self),
                bindings: try await api.get("bindings/\(vhost)", as: [[String: JSONValue]].self))
            guard drift.lines.isEmpty else {
                for line in drift.lines { print(line) }
                throw ExitCode(1)
            }
            print("no drift")
        }
    }
}
