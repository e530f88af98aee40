public import Connector
public import WorkerRuntime

/// The offer flow's settings, read from the environment (or the settings file) at start.
///
/// The settings are real durations, like every flow's. Mirakl's own call frequencies (the
/// constants below) are marketplace time: `CARREFOUR_TIME_SCALE` says how many marketplace seconds
/// pass per real second (1 in production; the sandbox's `--time-scale` against a compressed
/// sandbox, whose rate limiter divides its windows by the same scale), and ``real(_:)`` turns them
/// into real time. So the window's minimum, one marketplace minute (OF01 at most once per minute,
/// mirakl-api.md §1), holds in every run: with `--time-scale 60` a 6-second window is the seeds'
/// six minutes, and OF01 is never called more often than the sandbox allows.
public struct OfferSettings: Sendable {
    /// OF01's maximum frequency: once per minute with offers only (spec Call Frequency).
    public static let offerImportInterval = Duration.seconds(60)
    /// OR11's maximum frequency in its asynchronous use: once per minute (the pending orders'
    /// read, ``OfferBatcher``).
    public static let orderListInterval = Duration.seconds(60)
    /// OF02 and OF03's maximum frequency: once per minute.
    public static let reportCallInterval = Duration.seconds(60)
    /// Between two OF02 polls of one import: more than the maximum (once a minute), less than the
    /// recommended five minutes, so an import's outcome is known soon without pressing the limit.
    public static let statusPollInterval = Duration.seconds(120)
    /// OF02 polls of one import before it is reported as stuck (12 hours at two minutes).
    public static let maximumPolls = 360
    /// The longest window: deliveries are held for a window, and the broker closes a consumer that
    /// holds one past its 30-minute `consumer_timeout` (rabbitmq-recoverability.md §2.4).
    public static let maximumWindow = Duration.seconds(20 * 60)

    /// `CARREFOUR_OFFER_WINDOW` (default 6m, the seeds' batches; at least one marketplace minute, at most 20m).
    public var window: Duration
    /// `CARREFOUR_IMPORT_REPORT_DELAY` (default 3m): from an OF01 upload to its first OF02 (at least
    /// one marketplace minute).
    public var reportDelay: Duration
    /// `CARREFOUR_TIME_SCALE` (default 1): marketplace seconds per real second.
    public var timeScale: Double
    /// `CARREFOUR_RECONCILE_INTERVAL` (default 24h, `0` = off): between two scheduled reconciles.
    public var reconcileInterval: Duration?

    public init(window: Duration = .seconds(360), reportDelay: Duration = .seconds(180), timeScale: Double = 1) {
        self.window = window
        self.reportDelay = reportDelay
        self.timeScale = timeScale
    }

    /// Reads and validates the settings (`connector` gives the fleet's clock).
    public init(from source: SettingsSource, connector: ConnectorSettings) throws(SettingsError) {
        timeScale = connector.timeScale
        let minute = connector.miraklMinimum(Self.offerImportInterval)
        window = try source.duration("CARREFOUR_OFFER_WINDOW", default: .seconds(360), minimum: minute)
        guard window <= Self.maximumWindow else {
            throw SettingsError(setting: "CARREFOUR_OFFER_WINDOW", problem: "must be at most 20m (the broker's consumer timeout is 30m), not \(SettingsSource.format(window))")
        }
        reportDelay = try source.duration("CARREFOUR_IMPORT_REPORT_DELAY", default: .seconds(180), minimum: minute)
        if let text = source.string("CARREFOUR_RECONCILE_INTERVAL"), text == "0" || SettingsSource.parseDuration(text) == .zero {
            reconcileInterval = nil
        } else {
            reconcileInterval = try source.duration("CARREFOUR_RECONCILE_INTERVAL", default: .seconds(86_400), minimum: minute)
        }
    }

    /// The real duration of a marketplace duration.
    public func real(_ duration: Duration) -> Duration {
        timeScale == 1 ? duration : duration / timeScale
    }
}
