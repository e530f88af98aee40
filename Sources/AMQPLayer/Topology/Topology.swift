#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// The broker topology of the fleet, read from `topology.json`: a RabbitMQ definitions document
/// (`exchanges`, `queues`, `bindings`, `policies`, as `rabbitmqctl import_definitions` and
/// `load_definitions` read it) plus the fleet's own settings under `x-connector`, which RabbitMQ
/// ignores (ARCHITECTURE.md "Topology").
public struct Topology: Sendable, Equatable {
    public var exchanges: [Exchange]
    public var queues: [Queue]
    public var bindings: [Binding]
    public var connector: ConnectorSettings

    /// An exchange as the definitions format describes it.
    public struct Exchange: Sendable, Equatable, Codable {
        public var name: String
        public var type: String
        public var durable: Bool
        public var autoDelete: Bool
        public var `internal`: Bool
        public var arguments: [String: JSONValue]

        enum CodingKeys: String, CodingKey {
            case name, type, durable, autoDelete = "auto_delete", `internal`, arguments
        }
    }

    /// A queue as the definitions format describes it.
    public struct Queue: Sendable, Equatable, Codable {
        public var name: String
        public var durable: Bool
        public var autoDelete: Bool
        public var arguments: [String: JSONValue]

        enum CodingKeys: String, CodingKey {
            case name, durable, autoDelete = "auto_delete", arguments
        }
    }

    /// A binding of a queue to an exchange.
    public struct Binding: Sendable, Equatable, Codable, Hashable {
        public var source: String
        public var destination: String
        public var destinationType: String
        public var routingKey: String
        public var arguments: [String: JSONValue]

        enum CodingKeys: String, CodingKey {
            case source, destination, destinationType = "destination_type", routingKey = "routing_key", arguments
        }
    }

    /// The `x-connector` section: names the fleet relies on.
    public struct ConnectorSettings: Sendable, Equatable, Codable {
        public var version: Int
        public var exchanges: ExchangeNames
        public var delayHeader: String
        public var delayTiers: [DelayTier]
        public var integrationLog: IntegrationLog
        public var workers: [String: Worker]

        public struct ExchangeNames: Sendable, Equatable, Codable {
            /// The topic exchange every domain event is published to.
            public var events: String
            /// The headers exchange that routes a message to a delay tier by ``ConnectorSettings/delayHeader``.
            public var delay: String
            /// The direct exchange delay tiers dead-letter into; it routes by target queue name.
            public var retry: String
        }

        /// A TTL queue that holds messages for a fixed time, then sends them back to their target.
        public struct DelayTier: Sendable, Equatable, Codable {
            public var name: String
            public var queue: String
            public var milliseconds: Int

            public var duration: Duration { .milliseconds(milliseconds) }
        }

        public struct IntegrationLog: Sendable, Equatable, Codable {
            public var queue: String
            public var routingKeyPrefix: String
        }

        /// Which queues a worker consumes and where it parks what it cannot process.
        public struct Worker: Sendable, Equatable, Codable {
            public var queues: [String]
            public var parked: String?
            public var publishes: [String]?
        }
    }
}

extension Topology: Codable {
    enum CodingKeys: String, CodingKey {
        case exchanges, queues, bindings, connector = "x-connector"
    }
}

extension Topology {
    /// Errors reading a topology document.
    public enum LoadError: Error, CustomStringConvertible {
        case unreadable(path: String, reason: String)
        case invalid(String)

        public var description: String {
            switch self {
            case .unreadable(let path, let reason): return "cannot read the topology \(path): \(reason)"
            case .invalid(let reason): return "invalid topology: \(reason)"
            }
        }
    }

    /// Reads and checks a topology document.
    public static func load(path: String) throws(LoadError) -> Topology {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadable(path: path, reason: "\(error)")
        }
        return try decode(data)
    }

    /// Decodes and checks a topology document.
    public static func decode(_ data: Data) throws(LoadError) -> Topology {
        let topology: Topology
        do {
            topology = try JSONDecoder().decode(Topology.self, from: data)
        } catch {
            throw .invalid("\(error)")
        }
        try topology.validate()
        return topology
    }

    /// Checks that every name the fleet relies on is declared.
    public func validate() throws(LoadError) {
        let queueNames = Set(queues.map(\.name)), exchangeNames = Set(exchanges.map(\.name))
        for name in [connector.exchanges.events, connector.exchanges.delay, connector.exchanges.retry] where !exchangeNames.contains(name) {
            throw .invalid("x-connector names exchange \(name), which is not declared")
        }
        for tier in connector.delayTiers where !queueNames.contains(tier.queue) {
            throw .invalid("delay tier \(tier.name) names queue \(tier.queue), which is not declared")
        }
        guard !connector.delayTiers.isEmpty else { throw .invalid("no delay tiers") }
        for (worker, spec) in connector.workers {
            for queue in spec.queues + (spec.parked.map { [$0] } ?? []) where !queueNames.contains(queue) {
                throw .invalid("worker \(worker) names queue \(queue), which is not declared")
            }
        }
        for binding in bindings {
            guard exchangeNames.contains(binding.source) else { throw .invalid("binding from undeclared exchange \(binding.source)") }
            guard queueNames.contains(binding.destination) else { throw .invalid("binding to undeclared queue \(binding.destination)") }
        }
    }

    /// The tiers, shortest first.
    public var delayTiers: [ConnectorSettings.DelayTier] {
        connector.delayTiers.sorted { $0.milliseconds < $1.milliseconds }
    }
}
