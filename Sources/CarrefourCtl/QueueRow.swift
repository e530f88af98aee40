/// One queue's depth and consumers, as the management API reports it.
struct QueueRow: Codable, Sendable {
    var name: String
    var type: String
    /// Ready messages (for a stream queue: the messages it holds).
    var ready: Int
    var unacknowledged: Int
    var consumers: Int

    private enum APIKeys: String, CodingKey {
        case name, type, messages, consumers
        case ready = "messages_ready", unacknowledged = "messages_unacknowledged"
    }

    /// Reads a management API queue object; counts the broker has not computed yet are 0.
    init(api decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: APIKeys.self)
        name = try container.decode(String.self, forKey: .name)
        type = try container.decodeIfPresent(String.self, forKey: .type) ?? "classic"
        let messages = try container.decodeIfPresent(Int.self, forKey: .messages)
        ready = type == "stream" ? (messages ?? 0) : (try container.decodeIfPresent(Int.self, forKey: .ready) ?? 0)
        unacknowledged = try container.decodeIfPresent(Int.self, forKey: .unacknowledged) ?? 0
        consumers = try container.decodeIfPresent(Int.self, forKey: .consumers) ?? 0
    }
}

/// A decoding wrapper so ``QueueRow`` reads the management API's keys but encodes its own.
struct APIQueueRow: Decodable {
    let row: QueueRow
    init(from decoder: any Decoder) throws { row = try QueueRow(api: decoder) }
}
