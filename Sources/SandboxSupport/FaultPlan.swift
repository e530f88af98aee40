/// The faults a fake service injects into its API calls, set and read through the admin API
/// (`PUT /_admin/faults`, `GET /_admin/faults`) as JSON.
///
/// Each field is optional in the JSON; a missing one takes its default (no fault), so
/// `{"serverErrorRate":0.2}` alone means "one call in five gets a 5xx". Shares are probabilities
/// in 0...1 drawn per call from a seeded generator, so a run with the same seed and the same
/// calls sees the same faults. Latency and hangs are real (not scaled by the sandbox clock):
/// they exercise the connector's own timeouts.
public struct FaultPlan: Codable, Sendable, Equatable {
    /// Share of calls answered `500 Internal Server Error`.
    public var serverErrorRate: Double
    /// Share of calls answered `429 Too Many Requests` with `Retry-After: retryAfterSeconds`
    /// (a rate limit met at random, beside the `tooManyRequestsBurst`).
    public var tooManyRequestsRate: Double
    /// Share of calls whose work is done (the route runs and its effects stay) but whose answer
    /// is lost: the connection is closed before a byte of the response is sent. A real network
    /// loses answers after the server committed (a reset connection, a proxy's idle timeout, a
    /// client timeout just before the answer), so a client must treat a dropped connection as
    /// transient and its retry must be idempotent. Needs `ConnectionDroppingResponder` in front
    /// of the router (the sandbox's servers have it).
    public var lostResponseRate: Double
    /// Latency added to every API call, in real milliseconds.
    public var latencyMilliseconds: Int
    /// Share of calls that hang (no answer) for `hangMilliseconds`, then get `504`.
    public var hangRate: Double
    /// How long a hanging call is held, in real milliseconds.
    public var hangMilliseconds: Int
    /// The next this-many API calls are answered `429` with `Retry-After`, whatever their
    /// operation's own limit (a burst the connector must back off from).
    public var tooManyRequestsBurst: Int
    /// The `Retry-After` seconds of burst 429s.
    public var retryAfterSeconds: Int
    /// Credentials (shop keys, app keys) answered `401` as if revoked.
    public var revokedKeys: [String]

    /// A plan; every argument defaults to "no fault".
    public init(
        serverErrorRate: Double = 0, latencyMilliseconds: Int = 0, hangRate: Double = 0,
        hangMilliseconds: Int = 30_000, tooManyRequestsBurst: Int = 0, retryAfterSeconds: Int = 1,
        revokedKeys: [String] = [], tooManyRequestsRate: Double = 0, lostResponseRate: Double = 0
    ) {
        self.serverErrorRate = serverErrorRate
        self.tooManyRequestsRate = tooManyRequestsRate
        self.lostResponseRate = lostResponseRate
        self.latencyMilliseconds = latencyMilliseconds
        self.hangRate = hangRate
        self.hangMilliseconds = hangMilliseconds
        self.tooManyRequestsBurst = tooManyRequestsBurst
        self.retryAfterSeconds = retryAfterSeconds
        self.revokedKeys = revokedKeys
    }

    /// No fault at all.
    public static let none = FaultPlan()

    private enum CodingKeys: String, CodingKey {
        case serverErrorRate, latencyMilliseconds, hangRate, hangMilliseconds
        case tooManyRequestsBurst, retryAfterSeconds, revokedKeys, tooManyRequestsRate, lostResponseRate
    }

    /// Decodes a plan, defaulting every missing field, clamping shares to 0...1 and counts to ≥ 0.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = FaultPlan()
        self.init(
            serverErrorRate: Self.share(try c.decodeIfPresent(Double.self, forKey: .serverErrorRate)),
            latencyMilliseconds: max(0, try c.decodeIfPresent(Int.self, forKey: .latencyMilliseconds) ?? 0),
            hangRate: Self.share(try c.decodeIfPresent(Double.self, forKey: .hangRate)),
            hangMilliseconds: max(0, try c.decodeIfPresent(Int.self, forKey: .hangMilliseconds) ?? defaults.hangMilliseconds),
            tooManyRequestsBurst: max(0, try c.decodeIfPresent(Int.self, forKey: .tooManyRequestsBurst) ?? 0),
            retryAfterSeconds: max(1, try c.decodeIfPresent(Int.self, forKey: .retryAfterSeconds) ?? 1),
            revokedKeys: try c.decodeIfPresent([String].self, forKey: .revokedKeys) ?? [],
            tooManyRequestsRate: Self.share(try c.decodeIfPresent(Double.self, forKey: .tooManyRequestsRate)),
            lostResponseRate: Self.share(try c.decodeIfPresent(Double.self, forKey: .lostResponseRate)))
    }

    private static func share(_ value: Double?) -> Double {
        guard let value, value.isFinite else { return 0 }
        return min(1, max(0, value))
    }
}
