/// What a batching worker does with a window's worth of messages (MESSAGES.md "BatchConsumer").
///
/// A ``BatchConsumer`` keeps only the latest message of each key (older ones are acknowledged at
/// once) and hands the survivors to ``flush(_:)`` once per window. Handlers must be idempotent:
/// delivery is at-least-once, and a crash redelivers whatever was not acknowledged.
public protocol BatchHandler: Sendable {
    /// What messages are coalesced by (an offer flow uses the SKU id).
    associatedtype Key: Hashable & Sendable

    /// The message types this handler understands; others are parked as bad input.
    var acceptedTypes: Set<String> { get }

    /// The coalescing key of a message; a thrown failure parks the message with its reason.
    func key(for message: InboundMessage) throws(WorkFailure) -> Key

    /// Handles one batch: the latest message of each key.
    ///
    /// Returns the keys that failed: a key absent from the map is acknowledged; one mapped to
    /// ``WorkFailure/business(_:)`` or ``WorkFailure/badInput(_:)`` is parked; one mapped to
    /// ``WorkFailure/transient(_:retryAfter:)`` is retried through the delay tiers.
    ///
    /// Throwing ``WorkFailure/transient(_:retryAfter:)`` keeps the whole batch unacknowledged and
    /// flushes it again after the retry delay (at least `retryAfter`, never sooner than a window
    /// after this flush began); ``WorkFailure/auth(_:)`` pauses the flow for the auth pause,
    /// keeping the batch; ``WorkFailure/business(_:)`` or ``WorkFailure/badInput(_:)`` parks the
    /// whole batch.
    func flush(_ batch: [Key: InboundMessage]) async throws(WorkFailure) -> [Key: WorkFailure]
}
