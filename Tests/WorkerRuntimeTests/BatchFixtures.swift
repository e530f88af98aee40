import AMQPLayer
import ConnectorTestSupport
import FleetContracts
import Foundation
import HTTPLayer
import Logging
import ServiceLifecycle
import Synchronization
import WorkerRuntime

/// A batch handler whose flushes each test scripts, recording every batch it saw. A message's
/// body is `key:value`; the key is the part before the colon.
final class ScriptedBatchHandler: BatchHandler {
    struct Flush: Sendable {
        /// The body of each key's message.
        var bodies: [String: String]
        /// Each key's attempt count and redelivered flag.
        var attempts: [String: Int]
        var redelivered: [String: Bool]
        var at: ContinuousClock.Instant
    }

    let acceptedTypes: Set<String> = ["test.message"]
    private let script: @Sendable ([String: InboundMessage], Int) async throws(WorkFailure) -> [String: WorkFailure]
    private let seen = Mutex<[Flush]>([])

    init(_ script: @escaping @Sendable ([String: InboundMessage], Int) async throws(WorkFailure) -> [String: WorkFailure] = { _, _ in [:] }) {
        self.script = script
    }

    func key(for message: InboundMessage) throws(WorkFailure) -> String {
        let body = String(decoding: message.delivery.body, as: UTF8.self)
        guard let colon = body.firstIndex(of: ":") else { throw .badInput("no key in \(body)") }
        return String(body[..<colon])
    }

    func flush(_ batch: [String: InboundMessage]) async throws(WorkFailure) -> [String: WorkFailure] {
        let index = seen.withLock { seen in
            seen.append(Flush(
                bodies: batch.mapValues { String(decoding: $0.delivery.body, as: UTF8.self) },
                attempts: batch.mapValues(\.history.attempt), redelivered: batch.mapValues(\.delivery.redelivered), at: .now))
            return seen.count - 1
        }
        return try await script(batch, index)
    }

    var flushes: [Flush] { seen.withLock { $0 } }
}

/// Runs a batch consumer in a service group until `body` returns, then stops it gracefully.
func withBatchConsumer(
    queues: TestQueues, handler: ScriptedBatchHandler, window: Duration, capacity: Int = 65_535, consumerPrefetch: UInt16 = .max,
    journal: String? = nil, journalAfter: Int? = nil, maximumHold: Duration = .seconds(1200), settings: RuntimeSettings, topology: Topology,
    _ body: (BatchConsumer<ScriptedBatchHandler>) async throws -> Void
) async throws {
    let logger = Logger(label: "test")
    let publisher = ReliablePublisher(configuration: try AMQPConfiguration(url: settings.amqpURL), logger: logger)
    let consumer = try BatchConsumer(
        queue: queues.work, parkedQueue: queues.parked, handler: handler, window: window, capacity: capacity,
        consumerPrefetch: consumerPrefetch, journal: journal, journalAfter: journalAfter, maximumHold: maximumHold, settings: settings,
        topology: topology, publisher: publisher, logger: logger)
    let group = ServiceGroup(configuration: .init(services: [.init(service: consumer)], logger: logger))
    try await withThrowingTaskGroup { tasks in
        tasks.addTask { try await group.run() }
        do {
            try await body(consumer)
        } catch {
            await group.triggerGracefulShutdown()
            throw error
        }
        await group.triggerGracefulShutdown()
        try await tasks.waitForAll()
    }
    await publisher.close()
}

/// The broker's management API, to close a client's connection from the broker's side (what a
/// crashed client looks like to the broker: its deliveries are requeued).
struct Management {
    let baseURL: String
    let authorization: String

    init(_ managementURL: String) throws {
        guard var components = URLComponents(string: managementURL) else { throw Failure("bad management URL") }
        let credentials = "\(components.user ?? "guest"):\(components.password ?? "guest")"
        components.user = nil
        components.password = nil
        baseURL = components.string ?? managementURL
        authorization = "Basic " + Data(credentials.utf8).base64EncodedString()
    }

    /// Closes the connection its client named `connectionName`, once the management API lists it
    /// (its listing lags a little behind); returns whether one was closed.
    func closeConnection(named connectionName: String) async throws -> Bool {
        try await eventually(timeout: .seconds(15), every: .milliseconds(250)) {
            try await closeConnections(named: connectionName) > 0
        }
    }

    /// Closes every connection whose client named it `connectionName`; returns how many.
    func closeConnections(named connectionName: String) async throws -> Int {
        struct Connection: Decodable {
            struct Properties: Decodable { var connection_name: String? }
            var name: String
            var client_properties: Properties?
        }
        let listing = try await call(.get, "connections")
        let names = try listing.decode([Connection].self).filter { $0.client_properties?.connection_name == connectionName }.map(\.name)
        for name in names {
            try await call(.delete, "connections/" + (name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? name))
        }
        return names.count
    }

    @discardableResult
    private func call(_ method: HTTPMethod, _ path: String) async throws -> HTTPResponse {
        let client = HTTPClient()
        let outcome: Result<HTTPResponse, HTTPClientError>
        do {
            outcome = .success(try await client.execute(HTTPRequest(
                method: method, url: baseURL + "/api/" + path, headers: ["Authorization": authorization])))
        } catch {
            outcome = .failure(error)
        }
        await client.shutdown()
        let response = try outcome.get()
        guard response.isSuccess else { throw Failure("\(method) \(path): \(response.status) \(response.text)") }
        return response
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
