public import HTTPLayer
public import WorkerRuntime

extension WorkFailure {
    /// Classifies a Mirakl or VTEX failure (reference/mirakl-api.md §7; ARCHITECTURE.md "Failures
    /// are classified"): 429 and 5xx and lost connections are transient (429 with its
    /// `Retry-After`), 401/403 pause the flow, other refusals are business errors for the
    /// integration log.
    public init<Service>(classifying error: APIFailure<Service>) {
        switch error {
        case .rateLimited(_, let retryAfter): self = .transient(error.description, retryAfter: retryAfter)
        case .unauthorized: self = .auth(error.description)
        case _ where error.isTransient: self = .transient(error.description)
        default: self = .business(error.description)
        }
    }
}
