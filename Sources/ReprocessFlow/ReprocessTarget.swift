public import IntegrationRules
public import WorkerRuntime

/// What one attempt of a reprocess series did when it did not fail: the series ends with it.
public struct AttemptSuccess: Sendable, Equatable {
    /// A message for the seller ("integrated in VTEX as 1234-01", "handed back to the catalog flow").
    public var message: String
    /// The other side's id, when one came out of it (the VTEX order id).
    public var externalId: String?
    /// How the final entry shows: Success, or Alert when the seller must act (a refusal, a price
    /// divergence waiting for authorization), or Pending when the outcome comes later.
    public var status: IntegrationEvent.Status

    public init(message: String, externalId: String? = nil, status: IntegrationEvent.Status = .success) {
        self.message = message
        self.externalId = externalId
        self.status = status
    }
}

/// Runs one attempt of reprocessing one entity. Throwing a ``WorkFailure`` is a failed attempt
/// (`.auth` pauses the reprocessor instead, keeping the series).
public protocol ReprocessTarget: Sendable {
    /// Runs the entity with `id` through its flow once more.
    func attempt(id: String) async throws(WorkFailure) -> AttemptSuccess
}
