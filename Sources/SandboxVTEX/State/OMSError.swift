/// Why an OMS write was refused; the routes turn it into the HTTP status VTEX uses.
enum OMSError: Error, Sendable, CustomStringConvertible {
    /// No order with this id (404).
    case orderNotFound(String)
    /// No invoice with this number on the order (404).
    case invoiceNotFound(order: String, invoice: String)
    /// The order's state forbids the operation (409), e.g. canceling an invoiced order.
    case conflict(String)
    /// The body is well-formed JSON but semantically wrong (400).
    case invalid(String)

    var description: String {
        switch self {
        case .orderNotFound(let id): "Order \(id) not found"
        case .invoiceNotFound(let order, let invoice): "Invoice \(invoice) not found on order \(order)"
        case .conflict(let reason): reason
        case .invalid(let reason): reason
        }
    }
}
