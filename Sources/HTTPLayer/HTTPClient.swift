public import Logging

/// The connector's HTTP client, on libcurl: the workers' calls to Mirakl and VTEX and the
/// sandbox's webhooks go through it.
///
/// Each client owns one dedicated I/O thread driving a `curl_multi` handle. ``execute(_:)``
/// builds the libcurl transfer on the caller's task, queues it for that thread and suspends on a
/// checked continuation; the thread runs every transfer without blocking, and resumes the task
/// when it is done. Swift's cooperative pool (two threads on our machines) is therefore never
/// blocked on the network. The multi handle's connection cache keeps connections alive across
/// requests (HTTP/1.1 keep-alive), capped per host by ``Configuration/maxConnectionsPerHost``.
///
/// `Sendable`: the stored properties are immutable, and the driver it owns synchronises all of
/// its mutable state (see `CurlMultiDriver`), so one client is meant to be shared by every task of
/// a process. Cancelling a task stops its transfer.
public final class HTTPClient: Sendable {
    /// The settings fixed at creation.
    public let configuration: Configuration
    private let logger: Logger
    private let driver: Result<CurlMultiDriver, HTTPClientError>

    /// Creates a client and starts its I/O thread. Should libcurl fail to initialise, every
    /// ``execute(_:)`` reports it as `.transport`.
    public init(configuration: Configuration = .init(), logger: Logger = Logger(label: "http")) {
        self.configuration = configuration
        self.logger = logger
        do throws(HTTPClientError) {
            driver = .success(
                try CurlMultiDriver(maxConnectionsPerHost: configuration.maxConnectionsPerHost, threadName: "http-io"))
        } catch {
            logger.error("HTTP client could not start", metadata: ["error": "\(error)"])
            driver = .failure(error)
        }
    }

    deinit {
        if case .success(let driver) = driver { driver.stop() }
    }

    /// Sends `request` and returns the response, whatever its status.
    ///
    /// Logs at `trace` before sending (headers through ``HTTPRedaction``) and at `debug` when done,
    /// with `http.method`, `http.url`, `http.status` and `http.duration_ms` metadata.
    /// - Throws: ``HTTPClientError`` when no response was received; `.cancelled` when the task is
    ///   cancelled, `.shutDown` after ``shutdown()``.
    public func execute(_ request: HTTPRequest) async throws(HTTPClientError) -> HTTPResponse {
        var logger = self.logger
        logger[metadataKey: "http.method"] = "\(request.method)"
        logger[metadataKey: "http.url"] = "\(HTTPRedaction.redact(url: request.url))"
        logger.trace("HTTP request", metadata: ["http.request_headers": "\(request.headers)"])
        let start = ContinuousClock.now
        let outcome = await perform(request)
        let elapsed = ContinuousClock.now - start
        logger[metadataKey: "http.duration_ms"] = "\((elapsed.milliseconds * 10).rounded() / 10)"
        switch outcome {
        case .success(let response):
            logger.debug(
                "HTTP response",
                metadata: [
                    "http.status": "\(response.status)", "http.new_connections": "\(response.newConnections)",
                ])
            logger.trace("HTTP response headers", metadata: ["http.response_headers": "\(response.headers)"])
            return response
        case .failure(let error):
            logger.debug("HTTP request failed", metadata: ["error": "\(error)"])
            throw error
        }
    }

    /// Stops the I/O thread and closes every connection; requests still running end with
    /// `.shutDown`, later ones fail at once. Idempotent. Dropping the last reference without calling
    /// it also stops the thread, without waiting.
    public func shutdown() async {
        if case .success(let driver) = driver { await driver.stopAndWait() }
    }

    private func perform(_ request: HTTPRequest) async -> Result<HTTPResponse, HTTPClientError> {
        let driver: CurlMultiDriver
        let transfer: CurlTransfer
        do throws(HTTPClientError) {
            driver = try self.driver.get()
            transfer = try CurlTransfer(request: request, configuration: configuration)
        } catch {
            return .failure(error)
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                driver.submit(transfer, continuation: continuation)
            }
        } onCancel: {
            driver.cancel(transfer)
        }
    }
}
