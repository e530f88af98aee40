import AMQPLayer
import ArgumentParser
import FleetContracts
import Foundation
import WorkerRuntime

/// The options every subcommand shares; each falls back to an environment variable, or to the
/// workers' settings file when `CARREFOUR_SETTINGS_FILE` names one.
struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("amqp-url"), help: "The broker's AMQP URL (env CARREFOUR_AMQP_URL or CARREFOUR_AMQP_URL_FILE).")
    var amqpURLOption: String?

    @Option(name: .customLong("management-url"), help: "The management API URL, credentials in it (env CARREFOUR_MANAGEMENT_URL or CARREFOUR_MANAGEMENT_URL_FILE).")
    var managementURLOption: String?

    @Option(name: .customLong("topology"), help: "The topology document (env CARREFOUR_TOPOLOGY, default topology.json).")
    var topologyOption: String?

    @Option(name: .customLong("store"), help: "The store: its vhost on the broker, when several stores share one (env CARREFOUR_STORE).")
    var storeOption: String?

    private func settings() throws -> SettingsSource { try SettingsSource.process() }

    /// The AMQP configuration (a secret: only its redacted description is ever printed).
    func amqpConfiguration() throws -> AMQPConfiguration {
        guard let url = try amqpURLOption ?? secret("CARREFOUR_AMQP_URL") else {
            throw CtlError.missingSetting("--amqp-url, CARREFOUR_AMQP_URL or CARREFOUR_AMQP_URL_FILE")
        }
        var configuration = try AMQPConfiguration(url: url, connectionName: "carrefourctl")
        // Several stores on one broker: one vhost per store, each with its own workers, settings
        // and secrets; the URL names the broker, --store the store's vhost (README "Several stores").
        if let store = try storeOption ?? settings().string("CARREFOUR_STORE") {
            guard !store.isEmpty else { throw CtlError.missingSetting("--store needs a store name (its vhost)") }
            configuration.vhost = store
        }
        return configuration
    }

    /// The management API client for the AMQP URL's vhost.
    func management() throws -> ManagementAPI {
        guard let url = try managementURLOption ?? secret("CARREFOUR_MANAGEMENT_URL") else {
            throw CtlError.missingSetting("--management-url, CARREFOUR_MANAGEMENT_URL or CARREFOUR_MANAGEMENT_URL_FILE")
        }
        return try ManagementAPI(url: url, vhost: amqpConfiguration().vhost)
    }

    /// A secret as the workers read it: `NAME`, or the file `NAME_FILE` names (container secrets).
    private func secret(_ name: String) throws -> String? {
        try settings().secret(name)
    }

    /// The topology document.
    func topology() throws -> Topology {
        try Topology.load(path: topologyOption ?? settings().string("CARREFOUR_TOPOLOGY") ?? "topology.json")
    }

    /// Connects, runs `body` and closes the connection whether or not `body` threw.
    func withConnection<T: Sendable>(_ body: (AMQPConnection) async throws -> T) async throws -> T {
        let connection = try await AMQPConnection.connect(amqpConfiguration())
        do {
            let result = try await body(connection)
            await connection.close()
            return result
        } catch {
            await connection.close()
            throw error
        }
    }
}
