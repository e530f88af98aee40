import AMQPLayer
import ArgumentParser
import Connector
import Foundation
import IntegrationRules
import WorkerRuntime

/// `carrefourctl status`: one screen for the whole integration — each flow's latest success and
/// failure with their age, each worker's queues and consumers, parked messages with their top
/// reasons. Read from the broker only (the integration log stream, the management API, the
/// parked queues): no state of its own. Exits 1 when a worker is paused (its latest log entry is a
/// refused key or the integration switched off), consumes nothing (down), or, with `--max-age`,
/// when a flow has not succeeded within that age.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show flows, workers and parked messages on one screen; exit 1 when something needs attention.")
    @OptionGroup var options: GlobalOptions

    @Option(name: .customLong("look-back"), help: "How much of the integration log to read: 30m, 24h, 7d.")
    var lookBack = SinceArgument(seconds: 86_400)

    @Option(name: .customLong("max-age"), help: "A flow whose last success is older than this (or that only failed) needs attention.")
    var maximumAge: SinceArgument?

    @Flag(help: "Refresh in place until Ctrl-C.")
    var watch = false

    @Option(help: "Refresh interval with --watch.")
    var interval = Interval(seconds: 5)

    @Flag(help: "Print the report as JSON.")
    var json = false

    /// How many messages of a parked queue are read for its top reasons.
    static let parkedSample = 500

    func run() async throws {
        var report: StatusReport
        repeat {
            report = try await gather()
            let text = json ? try Self.json(report) : report.text()
            if watch { print("\u{1B}[H\u{1B}[2J", terminator: "") }
            print(text)
            if watch { try await Task.sleep(for: interval.duration) }
        } while watch
        if !report.healthy { throw ExitCode(1) }
    }

    private func gather() async throws -> StatusReport {
        let topology = try options.topology()
        let api = try options.management()
        let now = Date()
        let rows = try await api.get(
            "queues/\(api.encodedVhost)?columns=name,type,messages,messages_ready,messages_unacknowledged,consumers",
            as: [APIQueueRow].self
        ).map(\.row)
        let byName = Dictionary(rows.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let since = now.addingTimeInterval(-lookBack.seconds)
        let parkedQueues = topology.fleet.workers.values.compactMap(\.parked).sorted()
        let (events, parked) = try await options.withConnection { connection in
            let events = try await IntegrationLogReader(topology: topology).readAll(connection, from: .since(since))
            var parked: [StatusReport.Parked] = []
            for queue in parkedQueues {
                // Read rather than the management API's count, which lags by its statistics interval.
                let (read, reasons) = try await Self.topReasons(queue, on: connection)
                let count = read < Self.parkedSample ? read : max(read, byName[queue]?.ready ?? 0)
                parked.append(StatusReport.Parked(queue: queue, count: count, topReasons: reasons))
            }
            return (events, parked)
        }
        let flows = FlowActivity.summarize(events, since: since)
        let pauses = WorkerPause.detect(events.filter { $0.at >= since })
        let workers = topology.fleet.workers.sorted { $0.key < $1.key }.compactMap { name, worker -> StatusReport.Worker? in
            guard let work = worker.queues.first?.name else { return nil }
            let queues = worker.queues.map { byName[$0.name] ?? QueueRow(name: $0.name) }
            return StatusReport.Worker(name: name, queues: queues, consuming: (byName[work]?.consumers ?? 0) > 0, pause: pauses[name])
        }
        return StatusReport(
            at: now, lookBackSeconds: Int(lookBack.seconds), flows: flows, workers: workers, parked: parked,
            problems: StatusReport.problems(workers: workers, flows: flows, maximumAge: maximumAge?.seconds, now: now))
    }

    /// The most frequent parked reasons among the first ``parkedSample`` messages, which are put
    /// back (not acknowledged) once read.
    private static func topReasons(_ queue: String, on connection: AMQPConnection) async throws -> (read: Int, reasons: [StatusReport.Parked.Reason]) {
        var counts: [String: Int] = [:]
        var last: AMQPDeliveryTag?
        var read = 0
        for _ in 0..<parkedSample {
            guard let delivery = try await connection.get(queue) else { break }
            counts[ParkedMessage(delivery).reason ?? "(no reason given)", default: 0] += 1
            last = delivery.tag
            read += 1
        }
        if let last { try await connection.nack(last, multiple: true, requeue: true) }
        let top = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(3)
        return (read, top.map { StatusReport.Parked.Reason(reason: $0.key, count: $0.value) })
    }

    static func json(_ report: StatusReport) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(report), as: UTF8.self)
    }
}

extension SinceArgument {
    /// A look-back of `seconds`.
    init(seconds: Int) {
        self.duration = .seconds(seconds)
    }

    /// The look-back in seconds.
    var seconds: TimeInterval { Double(duration / .milliseconds(1)) / 1000 }
}

extension QueueRow {
    /// A queue the topology names but the broker does not have (yet).
    init(name: String) {
        self.name = name
        self.type = "missing"
        self.ready = 0
        self.unacknowledged = 0
        self.consumers = 0
    }
}
