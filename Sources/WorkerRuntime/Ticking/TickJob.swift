/// A periodic job driven by a tick message on a single-active-consumer queue
/// (ARCHITECTURE.md "a periodic job is a tick message on a single-active-consumer queue: one
/// replica polls, the tick carries the cursor, and the next tick goes back through a delay queue").
///
/// ``TickService`` runs it: each tick hands the job the state the previous tick left, and the job
/// says what the next tick carries and when it is due. The job must make its effects durable
/// (published with confirms) before it returns: the successor is published after, and the tick
/// acknowledged last, so a crash repeats a tick from its carried state and loses nothing.
public protocol TickJob: Sendable {
    /// What one tick hands the next (a cursor, a page offset…).
    associatedtype State: Codable & Sendable

    /// The single-active-consumer queue of the ticks (`orders.tick`).
    var queue: String { get }
    /// The usual wait between two ticks (the poll interval).
    var interval: Duration { get }
    /// The shortest wait between two ticks, whatever the job asks (a call-frequency maximum such
    /// as OR11's once a minute). A redelivered tick also waits this long before it runs, since
    /// the replica that held it may have just called.
    var minimumSpacing: Duration { get }

    /// Runs one tick from `state` (nil for the first tick of a new chain).
    /// - Throws: ``WorkFailure/transient(_:retryAfter:)`` to run the same state again later (after
    ///   `retryAfter` when given); ``WorkFailure/auth(_:)`` to pause the flow with the tick kept.
    ///   Other failures are logged and the same state runs again after `interval`: a tick is never
    ///   parked, or the job would stop.
    func tick(_ state: State?) async throws(WorkFailure) -> TickStep<State>
}

/// What a tick leaves for the next one.
public struct TickStep<State: Codable & Sendable>: Sendable {
    /// The next tick's state.
    public var next: State?
    /// How long until the next tick (raised to the job's minimum spacing).
    public var after: Duration

    public init(next: State?, after: Duration) {
        self.next = next
        self.after = after
    }
}
