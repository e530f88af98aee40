public import AMQPLayer
#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// The fleet's topology, read from `topology.json`: the broker's definitions (exchanges, queues,
/// bindings, which `rabbitmqctl import_definitions` reads too) and the fleet's own section under
/// `x-connector`, which RabbitMQ ignores (ARCHITECTURE.md "Topology"): which worker consumes which
/// queue and parks where, the integration log, the delay tiers and the exchanges' roles.
public struct Topology: Sendable, Equatable {
    /// What the broker is asked to declare.
    public var definitions: BrokerDefinitions
    /// The `x-connector` section.
    public var fleet: FleetSettings

    public typealias Exchange = BrokerDefinitions.Exchange
    public typealias Queue = BrokerDefinitions.Queue
    public typealias Binding = BrokerDefinitions.Binding
    public typealias LoadError = BrokerDefinitions.LoadError

    public init(definitions: BrokerDefinitions, fleet: FleetSettings) {
        self.definitions = definitions
        self.fleet = fleet
    }

    /// The declared exchanges.
    public var exchanges: [Exchange] { definitions.exchanges }
    /// The declared queues.
    public var queues: [Queue] { definitions.queues }
    /// The declared bindings.
    public var bindings: [Binding] { definitions.bindings }

    /// The delay tiers, shortest first.
    public var delayTiers: [FleetSettings.DelayTier] {
        fleet.delayTiers.sorted { $0.milliseconds < $1.milliseconds }
    }

    /// Reads and checks a topology document.
    public static func load(path: String) throws(LoadError) -> Topology {
        try decode(BrokerDefinitions.read(path: path))
    }

    /// Decodes and checks a topology document: the definitions, then the fleet's section.
    public static func decode(_ data: Data) throws(LoadError) -> Topology {
        let definitions = try BrokerDefinitions.decode(data)
        let section: FleetSection
        do {
            section = try JSONDecoder().decode(FleetSection.self, from: data)
        } catch {
            throw .invalid("\(error)")
        }
        let topology = Topology(definitions: definitions, fleet: section.fleet)
        try topology.validate()
        return topology
    }

    /// Checks that every name the fleet section relies on is declared.
    public func validate() throws(LoadError) {
        try definitions.validate()
        let queueNames = Set(queues.map(\.name)), exchangeNames = Set(exchanges.map(\.name))
        for name in [fleet.exchanges.events, fleet.exchanges.delay, fleet.exchanges.retry] where !exchangeNames.contains(name) {
            throw .invalid("x-connector names exchange \(name), which is not declared")
        }
        for tier in fleet.delayTiers where !queueNames.contains(tier.queue) {
            throw .invalid("delay tier \(tier.name) names queue \(tier.queue), which is not declared")
        }
        guard !fleet.delayTiers.isEmpty else { throw .invalid("no delay tiers") }
        for (worker, spec) in fleet.workers {
            for queue in spec.queues.map(\.name) + (spec.parked.map { [$0] } ?? []) where !queueNames.contains(queue) {
                throw .invalid("worker \(worker) names queue \(queue), which is not declared")
            }
        }
    }

    /// The document's `x-connector` key.
    private struct FleetSection: Decodable {
        var fleet: FleetSettings
        enum CodingKeys: String, CodingKey { case fleet = "x-connector" }
    }
}

/// The `x-connector` section of topology.json: names the fleet relies on.
public struct FleetSettings: Sendable, Equatable, Codable {
    public var version: Int
    public var exchanges: ExchangeNames
    /// The header that names a delayed message's tier on the delay exchange.
    public var delayHeader: String
    public var delayTiers: [DelayTier]
    public var integrationLog: IntegrationLog
    public var workers: [String: Worker]

    public struct ExchangeNames: Sendable, Equatable, Codable {
        /// The topic exchange every domain event is published to.
        public var events: String
        /// The headers exchange that routes a message to a delay tier by ``FleetSettings/delayHeader``.
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

    /// The integration log's stream (its routing keys are ``IntegrationEventEnvelope``'s, `log.<entity>.<status>`).
    public struct IntegrationLog: Sendable, Equatable, Codable {
        public var queue: String
    }

    /// Which queues a worker consumes and where it parks what it cannot process.
    public struct Worker: Sendable, Equatable, Codable {
        /// The queues it consumes, each with its role in the worker (`work`, `tick`, `results`...):
        /// a flow asks for its queues by role, so their names live in topology.json only.
        public var queues: [WorkerQueue]
        public var parked: String?
        public var publishes: [String]?

        /// The name of the queue with `role`, if the worker has one.
        public func queue(_ role: String) -> String? {
            queues.first { $0.role == role }?.name
        }
    }

    /// One queue of a worker: its role and its name.
    public struct WorkerQueue: Sendable, Equatable, Codable {
        public var role: String
        public var name: String
    }
}

extension AMQPConnection {
    /// Declares every exchange, queue and binding of the fleet's topology (``BrokerDefinitions``).
    public func declare(_ topology: Topology) throws(AMQPError) {
        try declare(topology.definitions)
    }
}
