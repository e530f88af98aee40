/// What `FaultInjector` decided for one call.
public struct FaultDecision: Sendable, Equatable {
    /// The fault (or none) to apply.
    public enum Outcome: Sendable, Equatable {
        /// No fault: the call goes on to its route.
        case proceed
        /// Answer 401, as for a revoked key.
        case unauthorized
        /// Answer 429 with this `Retry-After`.
        case tooManyRequests(retryAfterSeconds: Int)
        /// Answer 500.
        case serverError
        /// Hold the call this long, then answer 504.
        case hang(Duration)
        /// Let the call do its work, then close the connection without answering.
        case lostResponse

        var counterName: String? {
            switch self {
            case .proceed: nil
            case .unauthorized: "revoked"
            case .tooManyRequests: "tooManyRequests"
            case .serverError: "serverError"
            case .hang: "hang"
            case .lostResponse: "lostResponse"
            }
        }
    }

    /// Real latency added before the outcome is applied.
    public var latency: Duration
    /// The outcome.
    public var outcome: Outcome
}
