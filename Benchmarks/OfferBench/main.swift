// The offer-batcher's coalescing benchmark (issue 4): EVENTS change messages over SKUS SKUs, each
// SKU changed EVENTS/SKUS times in a shuffled order, published once to three quorum queues. The
// AMQP layer's raw consume rate (prefetch 500, `multiple` ack every 250, the loop of
// Benchmarks/AMQPBench) is measured on the first before, and on the third after, the second goes
// through the BatchConsumer as the offer-batcher runs it (the SKU id read from the JSON body as the
// key, the kept messages written to a journal queue), in one window; then one flush builds the
// OF01 file of all SKUs. The reference is the faster of the two raw rates: the broker's pace
// drifts over a run (its background writes after a million-message publish), and the faster one
// never flatters the ratio. The peak resident memory is that of the BatchConsumer phase (VmHWM,
// reset before it).
// ORDER `shuffled` (default): each SKU's changes at random places; `cycling`: every SKU once, then
// every SKU again (a full refresh replayed), the friendliest order for holding deliveries.
// Usage: offer-bench AMQP_URL [EVENTS=1000000] [SKUS=100000] [ORDER=shuffled|cycling]
import AMQPLayer
import FleetContracts
import Foundation
import IntegrationRules
import Logging
import OfferFlow
import ServiceLifecycle
import Synchronization
import WorkerRuntime

/// The offer flow's key, and a flush that only builds the OF01 file (no HTTP) and counts the SKUs
/// whose message is not their latest change.
final class BenchHandler: BatchHandler {
    let acceptedTypes: Set<String> = [OfferMessages.refresh, OfferMessages.price, OfferMessages.stock]
    /// The message id of each SKU's last change.
    let latest: [String]
    let outcome = Mutex<(keys: Int, bytes: Int, build: Duration, stale: Int)?>(nil)

    init(latest: [String]) {
        self.latest = latest
    }

    func key(for message: InboundMessage) throws(WorkFailure) -> String {
        try OfferBatcher.skuId(of: message)
    }

    func flush(_ batch: [String: InboundMessage]) async throws(WorkFailure) -> [String: WorkFailure] {
        let start = ContinuousClock.now
        let quotes = batch.keys.sorted().map { OfferQuote(skuId: $0, priceCents: 1000 + $0.utf8.count * 7, quantity: $0.utf8.count) }
        let file = OfferImportFile.csv(quotes)
        let build = ContinuousClock.now - start
        let stale = batch.count { key, message in Int(key).map { latest[$0] } != message.delivery.properties.messageID }
        outcome.withLock { $0 = (batch.count, file.count, build, stale) }
        return [:]
    }
}

func say(_ text: String) { FileHandle.standardOutput.write(Data((text + "\n").utf8)) }
func rate(_ count: Int, _ elapsed: Duration) -> Double { Double(count) / (elapsed / .seconds(1)) }
func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}
func statusMegabytes(_ field: String) -> Double {
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    let line = status.split(separator: "\n").first { $0.hasPrefix(field + ":") } ?? ""
    return (Double(line.split(separator: " ").dropFirst().first ?? "") ?? 0) / 1024
}

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: offer-bench AMQP_URL [EVENTS] [SKUS] [shuffled|cycling]\n".utf8))
    exit(2)
}
let url = arguments[1]
let events = arguments.count > 2 ? Int(arguments[2]) ?? 1_000_000 : 1_000_000
let skus = arguments.count > 3 ? Int(arguments[3]) ?? 100_000 : 100_000
let shuffled = arguments.count > 4 ? arguments[4] != "cycling" : true

do {
    let connection = try await AMQPConnection.connect(AMQPConfiguration(url: url, connectionName: "offer-bench"))
    let id = UUID().uuidString.prefix(8).lowercased()
    let exchange = "bench.offers.\(id)", rawQueue = "bench.offers.raw.\(id)", batchQueue = "bench.offers.batch.\(id)"
    let afterQueue = "bench.offers.after.\(id)", journalQueue = "bench.offers.window.\(id)"
    try await connection.declareExchange(exchange, type: "fanout", durable: false, autoDelete: true)
    for queue in [rawQueue, batchQueue, afterQueue] {
        try await connection.declareQueue(queue, arguments: ["x-queue-type": "quorum"])
        try await connection.bindQueue(queue, exchange: exchange, routingKey: "")
    }
    try await connection.declareQueue(journalQueue, arguments: ["x-queue-type": "quorum"])

    // Each SKU changed events/skus times, in a shuffled or cycling order.
    var order = (0..<events).map { $0 % skus }
    if shuffled { order.shuffle() }
    let types = [OfferMessages.stock, OfferMessages.price, OfferMessages.refresh]
    var start = ContinuousClock.now
    for first in stride(from: 0, to: events, by: 1000) {
        let batch = (first..<min(first + 1000, events)).map { index in
            AMQPOutgoingMessage(
                exchange: exchange, routingKey: "",
                properties: AMQPProperties(contentType: "application/json", messageID: "e\(index)", type: types[index % 3]),
                body: Array(#"{"skuId":"\#(order[index])"}"#.utf8))
        }
        guard try await connection.publish(batch).allSatisfy(\.isConfirmed) else {
            FileHandle.standardError.write(Data("offer-bench: a message was not confirmed\n".utf8))
            exit(1)
        }
    }
    var latest = Array(repeating: "", count: skus)
    for (index, sku) in order.enumerated() { latest[sku] = "e\(index)" }
    order = []
    say("published \(events) events over \(skus) SKUs in \(shuffled ? "shuffled" : "cycling") order: \(Int(rate(events, ContinuousClock.now - start))) msg/s (to three queues)")

    // The reference: the AMQP layer's raw consume rate, on a connection of its own.
    func rawConsume(_ queue: String) async throws -> (rate: Double, cpu: Double) {
        let consumer = try await AMQPConnection.connect(AMQPConfiguration(url: url, connectionName: "offer-bench raw"))
        try await consumer.setPrefetch(500)
        try await consumer.consume(queue)
        let start = ContinuousClock.now, cpuStart = cpuSeconds()
        var received = 0, unacked = 0
        while received < events {
            for delivery in try await consumer.receive(maxMessages: 500, timeout: .seconds(5)) {
                received += 1
                unacked += 1
                if unacked >= 250 || received == events {
                    try await consumer.ack(delivery.tag, multiple: true)
                    unacked = 0
                }
            }
        }
        let raw = (rate(events, ContinuousClock.now - start), cpuSeconds() - cpuStart)
        await consumer.close()
        return raw
    }
    let (before, beforeCPU) = try await rawConsume(rawQueue)
    say("raw AMQP consume before (prefetch 500, multiple ack every 250): \(Int(before)) msg/s, \(String(format: "%.1f", beforeCPU)) CPU seconds")

    // The BatchConsumer, from the peak RSS reset on.
    var coalescedRate = 0.0
    try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
    say("resident memory as the BatchConsumer phase starts: \(String(format: "%.0f", statusMegabytes("VmRSS"))) MB")
    let logger = Logger(label: "offer-bench")
    let settings = try RuntimeSettings(from: SettingsSource(environment: ["CARREFOUR_AMQP_URL": url, "CARREFOUR_LOG_LEVEL": "warning"]))
    let topology = try Topology.load(path: "topology.json")
    let publisher = ReliablePublisher(configuration: try AMQPConfiguration(url: url), logger: logger)
    let handler = BenchHandler(latest: latest)
    latest = []
    // A window long enough for the whole queue at a fifth of the raw rate: one flush, all SKUs.
    let window = Duration.seconds(max(10, Double(events) / (before * 0.2)))
    let consumer = try BatchConsumer(
        queue: batchQueue, parkedQueue: "offers.parked", handler: handler, window: window, capacity: OfferFlow.capacity,
        journal: journalQueue, settings: settings, topology: topology, publisher: publisher, logger: logger)
    let group = ServiceGroup(configuration: .init(services: [.init(service: consumer)], logger: logger))
    try await withThrowingTaskGroup { tasks in
        tasks.addTask { try await group.run() }
        let opening = ContinuousClock.now
        while consumer.progress.received == 0 { try await Task.sleep(for: .milliseconds(1)) }
        start = ContinuousClock.now
        say("BatchConsumer: first delivery \(String(format: "%.2f", (start - opening) / .seconds(1))) s after start")
        let cpuStart = cpuSeconds()
        while consumer.progress.received < events { try await Task.sleep(for: .milliseconds(2)) }
        let coalesced = rate(events, ContinuousClock.now - start)
        say("BatchConsumer: \(String(format: "%.1f", cpuSeconds() - cpuStart)) CPU seconds over \(String(format: "%.1f", (ContinuousClock.now - start) / .seconds(1))) s")
        let progress = consumer.progress
        if progress.flushes > 0 { say("the window closed before the last event: more than one OF01 file") }
        say("BatchConsumer coalescing: \(Int(coalesced)) events/s, \(progress.pendingKeys) keys held, \(progress.superseded) superseded, \(progress.journaled) kept messages written to \(progress.journalPages) journal pages")
        say("BatchConsumer: the deliveries came to the session in \(progress.chunks) chunks (\(progress.received / max(1, progress.chunks)) a chunk)")
        coalescedRate = coalesced
        while handler.outcome.withLock({ $0 }) == nil { try await Task.sleep(for: .milliseconds(50)) }
        await group.triggerGracefulShutdown()
        try await tasks.waitForAll()
    }
    if let (keys, bytes, build, stale) = handler.outcome.withLock({ $0 }) {
        say("one flush of \(keys) SKUs; OF01 file \(bytes / 1024) KiB built in \(String(format: "%.1f", build / .milliseconds(1))) ms")
        say(stale == 0 ? "every SKU flushed with its latest change" : "SKUs flushed with an older change than their latest: \(stale)")
    }
    say("peak resident memory of the BatchConsumer phase (VmHWM): \(String(format: "%.0f", statusMegabytes("VmHWM"))) MB")

    let (after, afterCPU) = try await rawConsume(afterQueue)
    say("raw AMQP consume after (prefetch 500, multiple ack every 250): \(Int(after)) msg/s, \(String(format: "%.1f", afterCPU)) CPU seconds")
    say("ratio to raw consume \(String(format: "%.2f", coalescedRate / max(before, after))) (to the faster reference; \(String(format: "%.2f", coalescedRate / min(before, after))) to the slower)")
    await connection.close()
    await publisher.close()
    // The figures are out: a queue the broker is slow to delete is worth a warning, not a failure.
    do {
        let cleanup = try await AMQPConnection.connect(AMQPConfiguration(url: url, connectionName: "offer-bench"))
        for queue in [rawQueue, batchQueue, afterQueue, journalQueue] { try await cleanup.deleteQueue(queue) }
        await cleanup.close()
    } catch {
        FileHandle.standardError.write(Data("offer-bench: clean-up: \(error)\n".utf8))
    }
} catch {
    FileHandle.standardError.write(Data("offer-bench: \(error)\n".utf8))
    exit(1)
}
