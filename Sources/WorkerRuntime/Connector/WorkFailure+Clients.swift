public import MiraklAPI
public import VTEXAPI

extension WorkFailure {
    /// Classifies a Mirakl failure (reference/mirakl-api.md §7): 429 and 5xx and lost
    /// connections are transient (429 with its `Retry-After`), 401/403 pause the flow, other
    /// refusals are business errors for the integration log.
    public init(classifying error: MiraklError) {
        switch error {
        case .rateLimited(_, let retryAfter): self = .transient(error.description, retryAfter: retryAfter)
        case .unauthorized: self = .auth(error.description)
        case _ where error.isTransient: self = .transient(error.description)
        default: self = .business(error.description)
        }
    }

    /// Classifies a VTEX failure the same way (ARCHITECTURE.md "Failures are classified").
    public init(classifying error: VTEXError) {
        switch error {
        case .rateLimited(_, let retryAfter): self = .transient(error.description, retryAfter: retryAfter)
        case .unauthorized: self = .auth(error.description)
        case _ where error.isTransient: self = .transient(error.description)
        default: self = .business(error.description)
        }
    }
}
