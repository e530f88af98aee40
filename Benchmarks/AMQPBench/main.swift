// The Swift side of the AMQP benchmark: the same loop as Benchmarks/AMQPBenchC/main.c through
// the AMQPLayer — publish COUNT persistent messages with confirms in batches of BATCH, then
// consume them with manual acks (prefetch PREFETCH, ack `multiple` every PREFETCH/2).
// Usage: amqp-bench URL QUEUE COUNT SIZE BATCH PREFETCH
// Prints `swift publish <rate>` and `swift consume <rate>` (messages per second).
import AMQPLayer
import Foundation

let arguments = CommandLine.arguments
guard arguments.count == 7, let count = Int(arguments[3]), let size = Int(arguments[4]),
      let batchSize = Int(arguments[5]), let prefetch = UInt16(arguments[6]) else {
    FileHandle.standardError.write(Data("usage: amqp-bench URL QUEUE COUNT SIZE BATCH PREFETCH\n".utf8))
    exit(2)
}
let queue = arguments[2]

do {
    let connection = try await AMQPConnection.connect(AMQPConfiguration(url: arguments[1], connectionName: "amqp-bench"))
    let message = AMQPOutgoingMessage(
        routingKey: queue, properties: AMQPProperties(contentType: "application/octet-stream", persistent: true),
        body: [UInt8](repeating: UInt8(ascii: "x"), count: size))
    let batch = [AMQPOutgoingMessage](repeating: message, count: batchSize)

    var start = ContinuousClock.now
    var sent = 0
    while sent < count {
        let n = min(batchSize, count - sent)
        let outcomes = try await connection.publish(n == batchSize ? batch : Array(batch.prefix(n)))
        guard outcomes.allSatisfy(\.isConfirmed) else {
            FileHandle.standardError.write(Data("a message was not confirmed\n".utf8))
            exit(1)
        }
        sent += n
    }
    var seconds = (ContinuousClock.now - start) / .seconds(1)
    print("swift publish \(Int(Double(count) / seconds))")

    try await connection.setPrefetch(prefetch)
    try await connection.consume(queue)
    start = ContinuousClock.now
    var received = 0
    var unacked = 0
    while received < count {
        let deliveries = try await connection.receive(maxMessages: Int(prefetch), timeout: .seconds(5))
        for delivery in deliveries {
            received += 1
            unacked += 1
            if unacked >= Int(prefetch) / 2 || received == count {
                try await connection.ack(delivery.tag, multiple: true)
                unacked = 0
            }
        }
    }
    seconds = (ContinuousClock.now - start) / .seconds(1)
    print("swift consume \(Int(Double(count) / seconds))")
    await connection.close()
} catch {
    FileHandle.standardError.write(Data("amqp-bench: \(error)\n".utf8))
    exit(1)
}
