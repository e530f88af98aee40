import AMQPLayer
import ArgumentParser
import Foundation
import WorkerRuntime

/// `carrefourctl parked list|replay`: inspect parked messages or move them back to work.
struct ParkedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parked", abstract: "Inspect or replay the messages of a parked queue.",
        subcommands: [List.self, Replay.self])

    /// Gets every message of `queue` (basic.get until empty) on one open connection: none is
    /// redelivered while it is held, so each is seen once.
    static func takeAll(_ queue: String, from connection: AMQPConnection) async throws -> [AMQPDelivery] {
        var deliveries: [AMQPDelivery] = []
        while let delivery = try await connection.get(queue) { deliveries.append(delivery) }
        return deliveries
    }

    /// Shows each parked message and puts it back (the queue's order may change).
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the parked messages without consuming them.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The parked queue, e.g. catalog.parked.") var queue: String
        @Flag(help: "Print a JSON array instead of a table.") var json = false

        func run() async throws {
            let messages = try await options.withConnection { connection in
                let deliveries = try await ParkedCommand.takeAll(queue, from: connection)
                if let last = deliveries.last { try await connection.nack(last.tag, multiple: true, requeue: true) }
                return deliveries.map(ParkedMessage.init)
            }
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                encoder.dateEncodingStrategy = .iso8601
                print(String(decoding: try encoder.encode(messages), as: UTF8.self))
                return
            }
            let formatter = ISO8601DateFormatter()
            for message in messages {
                print([
                    message.messageId ?? "-", message.type ?? "-", "from=\(message.parkedFrom ?? "-")",
                    "attempt=\(message.attempt)", "parked-at=\(message.parkedAt.map(formatter.string) ?? "-")",
                    "reason=\(message.reason ?? "-")",
                ].joined(separator: "  "))
            }
            print("\(messages.count) parked message(s) in \(queue)")
        }
    }

    /// Moves parked messages back to the work queue they were parked from.
    struct Replay: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Move parked messages back to their work queue.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The parked queue, e.g. catalog.parked.") var queue: String
        @Option(help: "Replay only the message with this message id.") var id: String?

        func run() async throws {
            let (moved, failures) = try await options.withConnection { connection in
                let deliveries = try await ParkedCommand.takeAll(queue, from: connection)
                var keep: [AMQPDelivery] = []
                var copies: [(original: AMQPDelivery, copy: AMQPOutgoingMessage)] = []
                var failures: [String] = []
                for delivery in deliveries {
                    guard id == nil || delivery.properties.messageID == id else {
                        keep.append(delivery)
                        continue
                    }
                    guard let copy = Self.copy(of: delivery) else {
                        failures.append("message \(delivery.properties.messageID ?? "(no id)") has no \(MessageHistory.parkedFromHeader) header")
                        keep.append(delivery)
                        continue
                    }
                    copies.append((delivery, copy))
                }
                let outcomes = try await connection.publish(copies.map(\.copy))
                var moved = 0
                for (pair, outcome) in zip(copies, outcomes) {
                    if outcome.isConfirmed {
                        try await connection.ack(pair.original.tag)
                        moved += 1
                    } else {
                        failures.append("message \(pair.original.properties.messageID ?? "(no id)") to \(pair.copy.routingKey): \(outcome)")
                        keep.append(pair.original)
                    }
                }
                for delivery in keep { try await connection.nack(delivery.tag, requeue: true) }
                return (moved, failures)
            }
            print("moved \(moved) message(s)")
            for failure in failures {
                FileHandle.standardError.write(Data("not moved: \(failure)\n".utf8))
            }
            if let id, moved == 0, failures.isEmpty {
                FileHandle.standardError.write(Data("no message with id \(id) in \(queue)\n".utf8))
                throw ExitCode(1)
            }
            if !failures.isEmpty { throw ExitCode(1) }
        }

        /// The copy to publish: same body and properties, headers without the parked-* and `x-`
        /// ones but with the attempt/first-seen history, to the default exchange with routing
        /// key = the work queue.
        static func copy(of delivery: AMQPDelivery) -> AMQPOutgoingMessage? {
            let headers = delivery.properties.headers
            guard let workQueue = headers[MessageHistory.parkedFromHeader]?.stringValue, !workQueue.isEmpty else { return nil }
            var properties = delivery.properties
            properties.headers = MessageHistory(headers: headers).headers(basedOn: headers)
            return AMQPOutgoingMessage(exchange: "", routingKey: workQueue, properties: properties, body: delivery.body, mandatory: true)
        }
    }
}
