import AMQPLayer
import Foundation
import Hummingbird
import Logging
import WorkerRuntime

/// Stands in for the ingress's processing-result route in tests (until the ingress lands): VTEX's
/// `POST {connectorEndpoint}/order-integration/notification/processing-result` is published as
/// `order.integration.result`, body as received, and answered 200 once confirmed.
struct ResultRelay: Sendable {
    let url: String
    let task: Task<Void, any Error>

    static func start(amqpURL: String) async throws -> ResultRelay {
        var logger = Logger(label: "relay")
        logger.logLevel = .critical
        let publisher = ReliablePublisher(configuration: try AMQPConfiguration(url: amqpURL), logger: logger)
        let router = Router()
        router.post("/order-integration/notification/processing-result") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 1 << 20)
            var properties = AMQPProperties(contentType: "application/json", type: "order.integration.result")
            properties.messageID = UUID().uuidString
            do {
                try await publisher.publish([AMQPOutgoingMessage(
                    exchange: "carrefour.events", routingKey: "order.integration.result", properties: properties,
                    body: Array(body.readableBytesView))])
            } catch {
                return Response(status: .serviceUnavailable)
            }
            return Response(status: .ok)
        }
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) }, logger: logger)
        let task = Task { try await app.runService() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw HarnessFailure("relay did not start") }
        return ResultRelay(url: "http://127.0.0.1:\(port)", task: task)
    }

    func stop() {
        task.cancel()
    }
}
