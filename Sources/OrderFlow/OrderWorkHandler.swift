import FleetContracts
public import WorkerRuntime

/// Consumes `orders.work`: each `order.changed` runs the order through ``OrderProcessor``, with
/// the order the poll read, or read again by id when the sender knew only the id.
public struct OrderWorkHandler: MessageHandler {
    let processor: OrderProcessor

    /// A handler running each order through `processor`.
    public init(processor: OrderProcessor) {
        self.processor = processor
    }

    public var acceptedTypes: Set<String> { [OrderChanged.routingKey] }

    public func handle(_ message: InboundMessage) async throws {
        let changed = try OrderChanged.decode(message)
        if let order = try changed.miraklOrder() {
            _ = try await processor.process(order)
        } else {
            _ = try await processor.process(orderId: changed.orderId)
        }
    }
}
