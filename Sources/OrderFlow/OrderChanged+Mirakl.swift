public import FleetContracts
public import MiraklAPI
import WorkerRuntime

extension OrderChanged {
    /// The message for `order`, read by the poll: the order rides along in OR11's shape.
    public init(order: MiraklOrder) throws(FleetMessageError) {
        try self.init(orderId: order.orderId, state: order.state, updatedAt: order.lastUpdatedDate, encoding: order)
    }

    /// The order the poll sent along, or nil when the sender knew only the id; an order that does
    /// not read as OR11's is ``WorkFailure/badInput(_:)``.
    func miraklOrder() throws(WorkFailure) -> MiraklOrder? {
        do {
            return try order(as: MiraklOrder.self)
        } catch {
            throw WorkFailure(error)
        }
    }
}
