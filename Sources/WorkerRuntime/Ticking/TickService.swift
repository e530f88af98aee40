import AMQPLayer
public import FleetContracts
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
public import Logging
public import ServiceLifecycle

/// Runs a ``TickJob`` on its single-active-consumer tick queue, whatever the number of replicas.
///
/// **One tick, one poller.** The queue has `x-single-active-consumer`, so only one replica receives
/// ticks. Each tick runs the job once and publishes its successor through the delay tiers (due
/// after the job's interval, never sooner than its minimum spacing) before it is acknowledged.
///
/// **Bootstrap, exactly once.** A replica cannot tell by itself whether a tick exists (it may sit
/// in a delay queue, or be held by another replica), so none publishes a first tick. Instead every
/// replica publishes a small *probe* to the tick queue when it starts and again every grace window
/// (the interval × 1.5 + the minimum spacing + 1 s: a healthy tick comes back within it). Probes go
/// only to the active consumer, which drops a probe at once if it saw a tick within the window, and
/// otherwise holds it — republishing it to itself every half window — until it has held it without
/// a break for a whole window with no tick seen; only then it publishes the first tick of a new
/// chain (atomically, so two probes never start two chains). A lost tick (purged, or delayed beyond
/// the window by a long `Retry-After`) is so re-created within two windows. As a last guard, ticks
/// carry their chain's id and the consumer ends any second chain it sees.
///
/// A tick's failure never parks it: a transient failure runs the same state again later, an auth
/// failure pauses the consumer with the tick kept (``QueueConsumer``).
public final class TickService<Job: TickJob>: Service {
    private let job: Job
    private let consumer: QueueConsumer
    private let publisher: ReliablePublisher
    private let grace: Duration
    private let logger: Logger

    /// - Parameters:
    ///   - parkedQueue: the worker's parked queue (for messages of an unknown type only).
    ///   - authReporter: told of each auth pause (the connector writes it to its integration log), when given.
    public init(
        job: Job, parkedQueue: String, settings: RuntimeSettings, topology: Topology, publisher: ReliablePublisher,
        logger: Logger, authReporter: (any AuthPauseReporting)? = nil
    ) throws(SettingsError) {
        let grace = job.interval + job.interval / 2 + job.minimumSpacing + .seconds(1)
        let runner = TickRunner(
            job: job, topology: topology, publisher: publisher, logger: logger, monitor: TickMonitor(grace: grace),
            instance: UUID().uuidString.lowercased())
        self.job = job
        self.grace = grace
        self.publisher = publisher
        self.logger = logger
        self.consumer = try QueueConsumer(
            queue: job.queue, parkedQueue: parkedQueue,
            handler: authReporter?.reportingAuthFailures(of: runner) ?? runner, settings: settings, topology: topology,
            publisher: publisher, logger: logger)
    }

    public func run() async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await self.consumer.run() }
            group.addTask {
                await cancelWhenGracefulShutdown {
                    // Until the consumer declared the topology, a probe finds no queue: try again soon.
                    let reconnecting = Reconnecting(initial: .milliseconds(200), maximum: self.grace)
                    await reconnecting.sessions(stop: { Task.isCancelled }) { error, _ in
                        self.logger.debug("tick probe not published yet", metadata: ["error": "\(error)"])
                    } session: { published in
                        try await self.publisher.publish([TickRunner<Job>.probeMessage(queue: self.job.queue)])
                        published()
                        try? await Task.sleep(for: self.grace)
                    }
                }
            }
            try await group.next()
            group.cancelAll()
        }
    }
}
