import AMQPLayer
import Connector
import FleetContracts
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import IntegrationRules
import Logging
import MiraklAPI
import VTEXAPI
import WorkerRuntime

/// What the offer flow's handlers share: the clients, the settings, the broker side and the pacer.
struct OfferContext: Sendable {
    let mirakl: MiraklClient
    let vtex: VTEXClient
    let store: StoreSettings
    let settings: OfferSettings
    let log: IntegrationLog
    let publisher: ReliablePublisher
    let topology: Topology
    let pacer: CallPacer
    /// The worker name written in the integration log.
    let worker: String
    let logger: Logger

    /// The offer-batcher's queue of import reminders (its `imports` queue in topology.json).
    var importsQueue: String? { topology.fleet.workers[OfferFlow.workerName]?.queue("imports") }

    /// Calls a Mirakl operation when its turn comes (``CallPacer``), classifying a failure.
    func paced<T: Sendable>(
        _ operation: String, every interval: Duration, _ call: () async throws(MiraklError) -> T
    ) async throws(MiraklError) -> T {
        await pacer.acquire(operation, interval: settings.real(interval))
        let outcome: Result<T, MiraklError>
        do {
            outcome = .success(try await call())
        } catch {
            outcome = .failure(error)
        }
        await pacer.release(operation)
        return try outcome.get()
    }

    /// Publishes `messages` with confirms; a broker failure is transient.
    func publish(_ messages: [AMQPOutgoingMessage]) async throws(WorkFailure) {
        do {
            try await publisher.publish(messages)
        } catch {
            throw .transient("publish not confirmed: \(error)")
        }
    }

    /// The AMQP properties of the flow's messages (MESSAGES.md: persistent JSON, type, message id).
    func properties(_ type: String, id: String) -> AMQPProperties {
        AMQPProperties(contentType: "application/json", persistent: true, messageID: id, timestamp: Date(), type: type, appID: worker)
    }

    func encode(_ body: some Encodable) throws(WorkFailure) -> [UInt8] {
        do {
            return Array(try OfferMessages.encoder.encode(body))
        } catch {
            throw .transient("cannot encode a message: \(error)")
        }
    }

    /// An integration-log entry about one SKU's offer.
    func logEntry(
        _ operationId: String, sku: String, operation: IntegrationEvent.Operation, status: IntegrationEvent.Status,
        message: String, translated: String? = nil, answer: String? = nil, importId: Int? = nil
    ) -> IntegrationEvent {
        IntegrationEvent(
            operationId: operationId, entity: .offer, entityId: sku, operation: operation, direction: .vtexToCarrefour,
            status: status, message: message, translatedPayload: translated, destinationAnswer: answer, worker: worker,
            externalId: importId.map(String.init))
    }
}

/// Runs `body` on each element with at most `limit` at a time; results in the elements' order.
func concurrently<Element: Sendable, Result: Sendable>(
    _ elements: [Element], limit: Int, _ body: @escaping @Sendable (Element) async -> Result
) async -> [Result] {
    await withTaskGroup(of: (Int, Result).self) { group in
        var results = [Result?](repeating: nil, count: elements.count)
        var next = 0
        while next < min(limit, elements.count) {
            let index = next
            group.addTask { (index, await body(elements[index])) }
            next += 1
        }
        while let (index, result) = await group.next() {
            results[index] = result
            if next < elements.count {
                let index = next
                group.addTask { (index, await body(elements[index])) }
                next += 1
            }
        }
        return results.compactMap { $0 }
    }
}
