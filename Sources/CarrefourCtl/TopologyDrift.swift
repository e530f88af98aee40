import AMQPLayer
import FleetContracts

/// The differences between the broker's objects (as the management API lists them) and
/// topology.json. Only objects named in topology.json are looked at.
struct TopologyDrift {
    /// One line per difference, e.g. `queue catalog.work: argument x-delivery-limit is 5 on the broker, 20 in topology.json`.
    private(set) var lines: [String] = []

    /// Compares `topology` with the broker's `queues`, `exchanges` and `bindings` (management API JSON objects).
    init(topology: Topology, queues: [[String: JSONValue]], exchanges: [[String: JSONValue]], bindings: [[String: JSONValue]]) {
        let brokerQueues = Self.byName(queues)
        for queue in topology.queues {
            guard let broker = brokerQueues[queue.name] else {
                lines.append("queue \(queue.name): missing on the broker")
                continue
            }
            compare("queue \(queue.name)", field: "durable", broker: broker["durable"], expected: .bool(queue.durable))
            compare("queue \(queue.name)", field: "auto_delete", broker: broker["auto_delete"], expected: .bool(queue.autoDelete))
            compareArguments("queue \(queue.name)", broker: broker["arguments"], expected: queue.arguments)
        }
        let brokerExchanges = Self.byName(exchanges)
        for exchange in topology.exchanges {
            guard let broker = brokerExchanges[exchange.name] else {
                lines.append("exchange \(exchange.name): missing on the broker")
                continue
            }
            let subject = "exchange \(exchange.name)"
            compare(subject, field: "type", broker: broker["type"], expected: .string(exchange.type))
            compare(subject, field: "durable", broker: broker["durable"], expected: .bool(exchange.durable))
            compare(subject, field: "auto_delete", broker: broker["auto_delete"], expected: .bool(exchange.autoDelete))
            compare(subject, field: "internal", broker: broker["internal"], expected: .bool(exchange.internal))
            compareArguments(subject, broker: broker["arguments"], expected: exchange.arguments)
        }
        for binding in topology.bindings where !bindings.contains(where: { Self.matches($0, binding) }) {
            lines.append("binding \(binding.source) -> \(binding.destinationType) \(binding.destination) (routing key \"\(binding.routingKey)\"): missing on the broker")
        }
    }

    private mutating func compare(_ subject: String, field: String, broker: JSONValue?, expected: JSONValue) {
        let actual = broker ?? .null
        if !actual.semanticallyEquals(expected) {
            lines.append("\(subject): \(field) is \(actual.display) on the broker, \(expected.display) in topology.json")
        }
    }

    private mutating func compareArguments(_ subject: String, broker: JSONValue?, expected: [String: JSONValue]) {
        var actual: [String: JSONValue] = [:]
        if case .object(let fields) = broker { actual = fields }
        for key in Set(actual.keys).union(expected.keys).sorted() {
            switch (actual[key], expected[key]) {
            case (let value?, let wanted?) where !value.semanticallyEquals(wanted):
                lines.append("\(subject): argument \(key) is \(value.display) on the broker, \(wanted.display) in topology.json")
            case (nil, let wanted?):
                lines.append("\(subject): argument \(key) is missing on the broker, \(wanted.display) in topology.json")
            case (let value?, nil):
                lines.append("\(subject): argument \(key) is \(value.display) on the broker, absent from topology.json")
            default:
                break
            }
        }
    }

    private static func byName(_ objects: [[String: JSONValue]]) -> [String: [String: JSONValue]] {
        var result: [String: [String: JSONValue]] = [:]
        for object in objects {
            if case .string(let name)? = object["name"] { result[name] = object }
        }
        return result
    }

    private static func matches(_ broker: [String: JSONValue], _ binding: Topology.Binding) -> Bool {
        var arguments: [String: JSONValue] = [:]
        if case .object(let fields)? = broker["arguments"] { arguments = fields }
        return broker["source"] == .string(binding.source) && broker["destination"] == .string(binding.destination)
            && broker["destination_type"] == .string(binding.destinationType)
            && broker["routing_key"] == .string(binding.routingKey)
            && JSONValue.object(arguments).semanticallyEquals(.object(binding.arguments))
    }
}
