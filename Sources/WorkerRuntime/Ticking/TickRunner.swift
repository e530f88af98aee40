import AMQPLayer
import FleetContracts
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Logging

/// The tick queue's message handler: runs the job on each tick and publishes its successor, and
/// answers bootstrap probes (see ``TickService``).
final class TickRunner<Job: TickJob>: MessageHandler {
    let job: Job
    let delayed: DelayedDelivery
    let logger: Logger
    let monitor: TickMonitor
    /// This process's id in probes.
    let instance: String

    init(job: Job, topology: Topology, publisher: ReliablePublisher, logger: Logger, monitor: TickMonitor, instance: String) {
        self.job = job
        self.delayed = DelayedDelivery(publisher: publisher, topology: topology)
        self.logger = logger
        self.monitor = monitor
        self.instance = instance
    }

    /// The AMQP type of a tick: the queue's name (`orders.tick`).
    var tickType: String { job.queue }
    /// The AMQP type of a probe (`orders.tick.probe`).
    var probeType: String { job.queue + ".probe" }

    var acceptedTypes: Set<String> { [tickType, probeType] }

    func handle(_ message: InboundMessage) async throws {
        if message.type == probeType {
            try await probe(message)
            return
        }
        let envelope: TickEnvelope<Job.State>
        do {
            envelope = try message.decode(TickEnvelope<Job.State>.self, decoder: Self.decoder)
        } catch {
            // A tick is never parked (the job would stop): an unreadable one starts over.
            logger.error("unreadable tick; starting the job over from no state", metadata: ["error": "\(error)"])
            envelope = TickEnvelope(chain: "recovered-\(UUID().uuidString.lowercased())", sequence: 0, state: nil)
        }
        guard monitor.admit(chain: envelope.chain) else {
            logger.warning("a second tick chain was found; it ends here", metadata: ["chain": "\(envelope.chain)"])
            return
        }
        if message.delivery.redelivered {
            // The replica that held this tick may have just made its call: wait the minimum spacing.
            try await publishTick(envelope, after: job.minimumSpacing)
            return
        }
        let step: TickStep<Job.State>
        do {
            step = try await job.tick(envelope.state)
        } catch {
            switch error {
            case .auth:
                throw error
            case .transient(let reason, let retryAfter):
                let after = max(retryAfter ?? min(job.interval, .seconds(5)), job.minimumSpacing)
                logger.warning("tick failed; same state again later", metadata: [
                    "reason": "\(reason)", "after": "\(SettingsSource.format(after))",
                ])
                step = TickStep(next: envelope.state, after: after)
            case .business(let reason), .badInput(let reason):
                logger.error("tick failed; same state again after the interval", metadata: ["reason": "\(reason)"])
                step = TickStep(next: envelope.state, after: job.interval)
            }
        }
        try await publishTick(
            TickEnvelope(chain: envelope.chain, sequence: envelope.sequence + 1, state: step.next),
            after: max(step.after, job.minimumSpacing))
    }

    // MARK: Bootstrap probes

    /// A probe asks the active consumer to start a chain if none exists. The active consumer drops
    /// it when it saw a tick within the grace window; otherwise it holds it (republishing it to
    /// itself every half window) and starts a chain once it held it without a break for a whole
    /// window with no tick seen. Only the active consumer receives probes and ticks, and a healthy
    /// chain's tick comes back within the window, so a chain is started only when none exists.
    private func probe(_ message: InboundMessage) async throws {
        let now = Date()
        let grace = monitor.grace.timeInterval
        if monitor.tickSeen(since: now.addingTimeInterval(-grace)) { return }
        let probe = (try? Self.decoder.decode(TickProbe.self, from: Data(message.delivery.body))) ?? TickProbe()
        let nowMs = Int64((now.timeIntervalSince1970 * 1000).rounded())
        let step = grace / 2
        let slack = max(grace / 4, 1)
        var held = TickProbe(heldBy: instance, heldSinceMs: nowMs, lastSeenMs: nowMs)
        if probe.heldBy == instance, let since = probe.heldSinceMs, let last = probe.lastSeenMs,
           Double(nowMs - last) / 1000 <= step + slack {
            held.heldSinceMs = since
            let heldSince = Date(timeIntervalSince1970: Double(since) / 1000)
            if now.timeIntervalSince(heldSince) >= grace, monitor.claimBootstrap(noTickSince: heldSince, now: now) {
                let chain = UUID().uuidString.lowercased()
                logger.notice("no tick found: starting the tick chain", metadata: ["chain": "\(chain)", "queue": "\(job.queue)"])
                try await publishTick(TickEnvelope<Job.State>(chain: chain, sequence: 0, state: nil), after: .zero)
                return
            }
        }
        var properties = AMQPProperties(contentType: "application/json", type: probeType)
        properties.messageID = message.delivery.properties.messageID
        let body = Array((try? Self.encoder.encode(held)) ?? Data())
        try await delayed.schedule(to: job.queue, after: .milliseconds(Int64(step * 1000)), body: body, properties: properties)
    }

    // MARK: Publishing

    private func publishTick(_ envelope: TickEnvelope<Job.State>, after delay: Duration) async throws {
        let body: Data
        do {
            body = try Self.encoder.encode(envelope)
        } catch {
            throw WorkFailure.transient("cannot encode the tick: \(error)")
        }
        var properties = AMQPProperties(contentType: "application/json", type: tickType)
        properties.messageID = "\(envelope.chain):\(envelope.sequence)"
        properties.timestamp = Date()
        try await delayed.schedule(to: job.queue, after: delay, body: Array(body), properties: properties)
    }

    /// A fresh probe for `queue`.
    static func probeMessage(queue: String) -> AMQPOutgoingMessage {
        var properties = AMQPProperties(contentType: "application/json", type: queue + ".probe")
        properties.messageID = "probe-\(UUID().uuidString.lowercased())"
        return AMQPOutgoingMessage(exchange: "", routingKey: queue, properties: properties, body: Array("{}".utf8))
    }

    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .millisecondsSince1970
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }

    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        return decoder
    }
}
