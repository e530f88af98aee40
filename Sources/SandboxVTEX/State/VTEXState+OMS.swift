import Foundation

extension VTEXState {
    /// Cancels an order (OMS `POST …/cancel`, or "cancel in VTEX" from the admin API when `bySeller`).
    /// Refused for invoiced orders (vtex-apis.md §5); an already canceled order answers again, idempotently.
    mutating func cancel(orderId: String, reason: String?, bySeller: Bool, now: Date) throws(OMSError) {
        guard var order = orders[orderId] else { throw .orderNotFound(orderId) }
        switch order.status {
        case .canceled:
            return
        case .invoiced:
            throw .conflict("Order \(orderId) is invoiced: send an Input (return) invoice instead of canceling")
        default:
            let last = order.status
            for line in order.lines { catalog.inventory[line.skuId]?.reservedQuantity -= line.quantity }
            order.status = .canceled
            order.cancelReason = reason
            order.canceledBySeller = bySeller
            order.lastChange = now
            orders[orderId] = order
            noteOrderStockChange(order, now: now)
            recordChange(orderId: orderId, state: order.status.rawValue, lastState: last.rawValue,
                         statusChanged: true, now: now)
        }
    }

    /// `POST …/start-handling`: ready-for-handling → handling; any other state is a 409.
    mutating func startHandling(orderId: String, now: Date) throws(OMSError) {
        guard var order = orders[orderId] else { throw .orderNotFound(orderId) }
        guard order.status == .readyForHandling else {
            throw .conflict("Order \(orderId) is \(order.status.rawValue), not ready-for-handling")
        }
        order.status = .handling
        order.lastChange = now
        orders[orderId] = order
        recordChange(orderId: orderId, state: "handling", lastState: "ready-for-handling", statusChanged: true, now: now)
    }

    /// Adds an invoice. An Output invoice moves the order to `invoiced` (final) and takes the stock out;
    /// re-posting an invoice number replaces that invoice (vtex-apis.md §5: only the receipt changes).
    mutating func addInvoice(orderId: String, package: InvoicePackage, now: Date) throws(OMSError) {
        guard var order = orders[orderId] else { throw .orderNotFound(orderId) }
        let isOutput = package.type == "Output"
        if isOutput {
            guard order.status != .canceled else { throw .conflict("Order \(orderId) is canceled") }
            guard order.status != .waitingForMarketplaceAuthorization,
                  order.status != .waitingForManualAuthorization else {
                throw .conflict("Order \(orderId) is \(order.status.rawValue): approve it before invoicing")
            }
        }
        if let number = package.invoiceNumber, let index = order.packages.firstIndex(where: { $0.invoiceNumber == number }) {
            order.packages[index] = package
        } else {
            order.packages.append(package)
        }
        let last = order.status
        if isOutput && last != .invoiced {
            for line in order.lines {
                catalog.inventory[line.skuId]?.reservedQuantity -= line.quantity
                catalog.inventory[line.skuId]?.totalQuantity -= line.quantity
            }
            order.status = .invoiced
            order.invoicedDate = now
            noteOrderStockChange(order, now: now)
        }
        order.lastChange = now
        orders[orderId] = order
        recordChange(orderId: orderId, state: order.status.rawValue, lastState: last.rawValue,
                     statusChanged: order.status != last, now: now)
    }

    /// `PATCH …/invoice/{invoiceNumber}`: sets the tracking number, URL, courier and dispatch date.
    mutating func sendTrackingNumber(orderId: String, invoiceNumber: String, _ body: TrackingNumberRequest,
                                     now: Date) throws(OMSError) {
        try updatePackage(orderId: orderId, invoiceNumber: invoiceNumber, now: now) { package in
            package.trackingNumber = body.trackingNumber
            if let url = body.trackingUrl { package.trackingUrl = url }
            if let courier = body.courier { package.courier = courier }
            if let date = body.dispatchedDate { package.dispatchedDate = date }
        }
    }

    /// `PUT …/invoice/{invoiceNumber}/tracking`: records courier events; `isDelivered` sets
    /// `courierStatus.finished` (the inference of vtex-apis.md §5 "Delivered status"). Only for invoices that
    /// already carry a tracking number.
    mutating func updateTrackingStatus(orderId: String, invoiceNumber: String, _ body: TrackingStatusRequest,
                                       now: Date) throws(OMSError) {
        try updatePackage(orderId: orderId, invoiceNumber: invoiceNumber, now: now) { package throws(OMSError) in
            guard package.trackingNumber != nil else {
                throw .conflict("Invoice \(invoiceNumber) has no tracking number yet")
            }
            var status = package.courierStatus ?? CourierStatus(finished: false, deliveredDate: nil, events: [])
            status.events += body.events.map { .init(city: $0.city, state: $0.state, description: $0.description, date: $0.date) }
            if body.isDelivered {
                status.finished = true
                status.deliveredDate = body.deliveredDate ?? VTEXDate.string(now)
            }
            package.courierStatus = status
        }
    }

    /// Marks every Output invoice of an order delivered (admin "mark delivered").
    mutating func markDelivered(orderId: String, now: Date) throws(OMSError) {
        guard var order = orders[orderId] else { throw .orderNotFound(orderId) }
        guard order.packages.contains(where: { $0.type == "Output" }) else {
            throw .conflict("Order \(orderId) has no invoice to deliver")
        }
        for index in order.packages.indices where order.packages[index].type == "Output" {
            var status = order.packages[index].courierStatus ?? CourierStatus(finished: false, deliveredDate: nil, events: [])
            status.finished = true
            status.deliveredDate = VTEXDate.string(now)
            status.events.append(.init(city: order.address.city, state: order.address.state,
                                       description: "Entregue", date: VTEXDate.string(now)))
            order.packages[index].courierStatus = status
        }
        order.lastChange = now
        orders[orderId] = order
        recordChange(orderId: orderId, state: order.status.rawValue, lastState: order.status.rawValue,
                     statusChanged: false, now: now)
    }

    private mutating func updatePackage(orderId: String, invoiceNumber: String, now: Date,
                                        _ change: (inout InvoicePackage) throws(OMSError) -> Void) throws(OMSError) {
        guard var order = orders[orderId] else { throw .orderNotFound(orderId) }
        guard let index = order.packages.firstIndex(where: { $0.invoiceNumber == invoiceNumber }) else {
            throw .invoiceNotFound(order: orderId, invoice: invoiceNumber)
        }
        try change(&order.packages[index])
        order.lastChange = now
        orders[orderId] = order
        recordChange(orderId: orderId, state: order.status.rawValue, lastState: order.status.rawValue,
                     statusChanged: false, now: now)
    }
}
