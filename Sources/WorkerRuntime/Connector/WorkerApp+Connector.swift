#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
public import HTTPLayer
public import MiraklAPI
public import VTEXAPI

extension WorkerApp {
    /// Reads settings with `read`; a bad one stops the process at start with status 2 and a
    /// line that names it (the same contract as ``start(name:)``).
    public func settings<T>(_ read: (SettingsSource) throws(SettingsError) -> T) -> T {
        do {
            return try read(source)
        } catch {
            logger.critical("bad setting", metadata: ["setting": "\(error.setting)", "problem": "\(error.problem)"])
            StandardError.fail("\(logger.label): \(error)\n", status: 2)
        }
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
