#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// A RabbitMQ definitions document as the broker layer knows it: exchanges, queues and bindings
/// with their arguments (`rabbitmqctl import_definitions` and `load_definitions` read the same
/// file). Other keys (the fleet's `x-connector`, ARCHITECTURE.md "Topology") are not this layer's
/// business and are ignored here.
public struct BrokerDefinitions: Sendable, Equatable {
    public var exchanges: [Exchange]
    public var queues: [Queue]
    public var bindings: [Binding]

    public init(exchanges: [Exchange], queues: [Queue], bindings: [Binding]) {
        self.exchanges = exchanges
        self.queues = queues
        self.bindings = bindings
    }

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
}

extension BrokerDefinitions: Codable {
    enum CodingKeys: String, CodingKey {
        case exchanges, queues, bindings
    }
}

extension BrokerDefinitions {
    /// Errors reading a definitions document.
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

    /// The bytes of the document at `path` (a definitions document, or the fleet's topology that
    /// holds one).
    public static func read(path: String) throws(LoadError) -> Data {
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadable(path: path, reason: "\(error)")
        }
    }

    /// Decodes and checks a definitions document.
    public static func decode(_ data: Data) throws(LoadError) -> BrokerDefinitions {
        let definitions: BrokerDefinitions
        do {
            definitions = try JSONDecoder().decode(BrokerDefinitions.self, from: data)
        } catch {
            throw .invalid("\(error)")
        }
        try definitions.validate()
        return definitions
    }

    /// Checks that every binding joins a declared exchange to a declared queue.
    public func validate() throws(LoadError) {
        let queueNames = Set(queues.map(\.name)), exchangeNames = Set(exchanges.map(\.name))
        for binding in bindings {
            guard exchangeNames.contains(binding.source) else { throw .invalid("binding from undeclared exchange \(binding.source)") }
            guard queueNames.contains(binding.destination) else { throw .invalid("binding to undeclared queue \(binding.destination)") }
        }
    }
}
