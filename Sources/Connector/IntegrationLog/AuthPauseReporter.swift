import IntegrationRules
public import Logging
import Synchronization
public import WorkerRuntime

/// Writes one integration-log Error per auth pause (``CredentialAlert``): a consumer that gets
/// ``WorkFailure/auth(_:)`` pauses for `CARREFOUR_AUTH_PAUSE` and tries again, so a key refused
/// again and again gives one entry per pause, each naming the key to fix, never its value. Several
/// deliveries failing at once during one pause give one entry.
public final class AuthPauseReporter: AuthPauseReporting {
    private let log: IntegrationLog
    private let worker: String
    private let pause: Duration
    private let logger: Logger
    private let lastReported = Mutex<[CredentialAlert.Key: ContinuousClock.Instant]>([:])

    /// A reporter for `worker`, whose consumers pause `pause` after a refused key.
    public init(log: IntegrationLog, worker: String, pause: Duration, logger: Logger) {
        self.log = log
        self.worker = worker
        self.pause = pause
        self.logger = logger
    }

    /// Records the Error of a pause caused by `reason`, unless one was recorded for the same key
    /// within the last pause. A log the broker did not confirm is only a warning: the pause goes on.
    public func report(_ reason: String) async {
        let key = CredentialAlert.key(forReason: reason)
        let now = ContinuousClock.now
        let due = lastReported.withLock { last -> Bool in
            // A little under one pause: the retry after a pause must report again.
            if let previous = last[key], now - previous < pause * 0.9 { return false }
            last[key] = now
            return true
        }
        guard due else { return }
        do {
            try await log.record(CredentialAlert.event(reason: reason, worker: worker, pause: SettingsSource.format(pause)))
        } catch {
            logger.warning("the credentials error could not be logged", metadata: ["error": "\(error)"])
        }
    }

    /// `handler`, reporting the auth failures it throws.
    public func reporting<H: MessageHandler>(_ handler: H) -> AuthReportingHandler<H> {
        AuthReportingHandler(inner: handler, reporter: self)
    }

    public func reportingAuthFailures(of handler: any MessageHandler) -> any MessageHandler {
        func wrapped<H: MessageHandler>(_ handler: H) -> any MessageHandler { AuthReportingHandler(inner: handler, reporter: self) }
        return wrapped(handler)
    }

    /// `handler`, reporting the auth failures of its flushes.
    public func reporting<H: BatchHandler>(_ handler: H) -> AuthReportingBatchHandler<H> {
        AuthReportingBatchHandler(inner: handler, reporter: self)
    }
}

/// A ``MessageHandler`` whose ``WorkFailure/auth(_:)`` failures are reported, then thrown as they were.
public struct AuthReportingHandler<Inner: MessageHandler>: MessageHandler {
    let inner: Inner
    let reporter: AuthPauseReporter

    public var acceptedTypes: Set<String> { inner.acceptedTypes }

    public func handle(_ message: InboundMessage) async throws {
        do {
            try await inner.handle(message)
        } catch let failure as WorkFailure {
            if case .auth(let reason) = failure { await reporter.report(reason) }
            throw failure
        }
    }
}

/// A ``BatchHandler`` whose ``WorkFailure/auth(_:)`` failures (of the batch or of a key) are
/// reported, then returned or thrown as they were.
public struct AuthReportingBatchHandler<Inner: BatchHandler>: BatchHandler {
    let inner: Inner
    let reporter: AuthPauseReporter

    public var acceptedTypes: Set<String> { inner.acceptedTypes }

    public func key(for message: InboundMessage) throws(WorkFailure) -> Inner.Key {
        try inner.key(for: message)
    }

    public func flush(_ batch: [Inner.Key: InboundMessage]) async throws(WorkFailure) -> [Inner.Key: WorkFailure] {
        let failures: [Inner.Key: WorkFailure]
        do {
            failures = try await inner.flush(batch)
        } catch {
            if case .auth(let reason) = error { await reporter.report(reason) }
            throw error
        }
        for case .auth(let reason) in failures.values {
            await reporter.report(reason)
            break
        }
        return failures
    }
}
