public import HTTPLayer
public import MiraklAPI
public import ServiceLifecycle
public import VTEXAPI
public import WorkerRuntime

extension WorkerApp {
    /// Runs `services` (``WorkerApp/runServices(_:)``) until SIGTERM/SIGINT. A worker
    /// (`switchable`, the default) whose integration is switched off runs ``InactiveIntegration``
    /// instead of its services; the ingress, which only writes to the broker, is not switchable.
    /// `CARREFOUR_INTEGRATION_ACTIVE` (true) is the seeds' "Integração ativa" switch
    /// (integrate-with-carrefour.md): off, a worker sends nothing to Carrefour or VTEX and consumes
    /// nothing, its work stays queued until the switch is on again. A bad value stops the process.
    public func run(_ services: [any Service], switchable: Bool = true) async throws {
        let active = settings { source throws(SettingsError) in try source.bool("CARREFOUR_INTEGRATION_ACTIVE", default: true) }
        try await runServices(switchable && !active ? [InactiveIntegration(app: self)] : services)
    }

    /// The connector settings (Mirakl, VTEX, store), or a stop at start naming the bad one.
    public func connectorSettings() -> ConnectorSettings {
        settings { source throws(SettingsError) in try ConnectorSettings(from: source) }
    }

    /// One HTTP client for the process, logging through the process's logger.
    public func makeHTTPClient(timeout: Duration = .seconds(30)) -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.requestTimeout = timeout
        return HTTPClient(configuration: configuration, logger: logger)
    }

    /// A Mirakl client on `http`; in a dry run its writes go to the integration log as "would send".
    public func makeMiraklClient(_ connector: ConnectorSettings, http: HTTPClient) -> MiraklClient {
        MiraklClient(configuration: connector.mirakl, http: http, recorder: dryRunRecorder(connector))
    }

    /// A VTEX client on `http`; in a dry run its writes go to the integration log as "would send".
    public func makeVTEXClient(_ connector: ConnectorSettings, http: HTTPClient) -> VTEXClient {
        VTEXClient(configuration: connector.vtex, http: http, recorder: dryRunRecorder(connector))
    }

    /// The recorder of a dry run's withheld writes (on a publisher of its own), or nil outside one.
    func dryRunRecorder(_ connector: ConnectorSettings) -> DryRunLog? {
        guard connector.dryRun else { return nil }
        return DryRunLog(log: integrationLog(makePublisher()), worker: logger.label, logger: logger)
    }

    /// The integration-log writer on `publisher`.
    public func integrationLog(_ publisher: ReliablePublisher) -> IntegrationLog {
        IntegrationLog(publisher: publisher, topology: topology)
    }

    /// The reporter of `worker`'s auth pauses (one integration-log Error per pause, naming the key).
    public func authReporter(worker: String, log: IntegrationLog) -> AuthPauseReporter {
        AuthPauseReporter(log: log, worker: worker, pause: settings.authPause, logger: logger)
    }
}
