public import IntegrationRules
public import WorkerRuntime

/// The reprocessor's settings: `CARREFOUR_REPROCESS_ATTEMPTS` (5) within
/// `CARREFOUR_REPROCESS_WINDOW` (15m), the seeds' rule.
public struct ReprocessSettings: Sendable {
    /// When the attempts of a series run.
    public var schedule: ReprocessSchedule
    /// `CARREFOUR_REPROCESS_AWAIT_VTEX` (30s): how long an order attempt waits for VTEX's
    /// asynchronous answer (the order existing in VTEX) before it counts as failed.
    public var awaitingVTEX: Duration

    /// Reads and validates the settings.
    public init(from source: SettingsSource) throws(SettingsError) {
        let attempts = try source.int("CARREFOUR_REPROCESS_ATTEMPTS", default: 5, in: 1...20)
        let window = try source.duration("CARREFOUR_REPROCESS_WINDOW", default: .seconds(15 * 60), minimum: .seconds(1))
        schedule = ReprocessSchedule(maxAttempts: attempts, window: window)
        awaitingVTEX = try source.duration("CARREFOUR_REPROCESS_AWAIT_VTEX", default: .seconds(30), minimum: .milliseconds(100))
    }
}
