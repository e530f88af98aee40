import Synchronization

extension AMQPConnection {
    /// Opens a connection and its channel, or throws why not (broker down, credentials refused).
    ///
    /// With several addresses (a cluster's nodes, ``AMQPConfiguration/addresses``) the nodes are
    /// tried in turn, starting with the one this process last reached, so a worker that lost its
    /// node lands on a live one at its next reconnect (the caller's backoff paces the rounds).
    /// Refused credentials end the round at once: every node shares them. A node that is down,
    /// unreachable or closes the connection during its start or stop is skipped. The connection's
    /// ``configuration`` names the node reached.
    public static func connect(_ configuration: AMQPConfiguration) async throws(AMQPError) -> AMQPConnection {
        let addresses = configuration.addresses
        guard addresses.count > 1 else { return try await connect(node: configuration) }
        let start = NodePreference.shared.start(for: addresses)
        var failures: [String] = []
        for offset in 0..<addresses.count {
            let index = (start + offset) % addresses.count
            do throws(AMQPError) {
                let connection = try await connect(node: configuration.at(addresses[index]))
                NodePreference.shared.remember(index, for: addresses)
                return connection
            } catch .accessRefused(let reason) {
                throw .accessRefused(reason)
            } catch .invalidConfiguration(let reason) {
                throw .invalidConfiguration(reason)
            } catch {
                // Down, unreachable, or closing the connection while it starts or stops: the next node.
                failures.append(error.description)
            }
        }
        throw .connectionFailed("no node answered: " + failures.joined(separator: "; "))
    }
}

/// The node each list of addresses last connected to in this process.
private final class NodePreference: Sendable {
    static let shared = NodePreference()
    private let last = Mutex<[[AMQPConfiguration.Address]: Int]>([:])

    func start(for addresses: [AMQPConfiguration.Address]) -> Int {
        last.withLock { $0[addresses] ?? 0 }
    }

    func remember(_ index: Int, for addresses: [AMQPConfiguration.Address]) {
        last.withLock { $0[addresses] = index }
    }
}
