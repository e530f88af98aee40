/// Pieces every fake service of the sandbox shares.
///
/// - `SandboxClock`: a compressed clock through which every delay and rate-limit window runs.
/// - `CallCounter`: calls per operation, read back by tests and the admin API.
/// - `RateLimiter`: per-operation maximum call frequency, answered by 429 + `Retry-After`.
/// - `FaultPlan`, `FaultInjector`, `FaultMiddleware`: settable faults (shares of 5xx, of 429s and
///   of lost responses, latency, hangs, 429 bursts, revoked keys) applied to API calls, never to
///   admin calls; `ConnectionDroppingResponder` closes the connection of a lost response.
/// - `SeededGenerator`: deterministic randomness for seeded data and fault draws.
/// - `Response.json(_:status:encoder:)`, `Response.bytes(_:contentType:status:)`: small builders.
///
/// This module knows neither Mirakl nor VTEX; `SandboxMirakl` and `SandboxVTEX` build on it.
public enum SandboxSupport {
    /// The path prefix of every admin route; faults never apply under it.
    public static let adminPathPrefix = "/_admin"
}
