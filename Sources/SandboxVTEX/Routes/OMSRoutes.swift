import Hummingbird

extension VTEXSandbox {
    /// Orders API (vtex-apis.md §5): get order, start handling, cancel, invoice, tracking number, tracking status.
    func addOMSRoutes(to router: Router<BasicRequestContext>) {
        let base = "/api/oms/pvt/orders/:orderId"
        router.get(RouterPath(base)) { _, context -> Response in
            calls.record("GetOrder")
            let orderId = context.parameters.get("orderId") ?? ""
            let order = store.withState { state in state.orders[orderId].map { OrderResponse($0, accountName: state.accountName) } }
            guard let order else { return RouteSupport.error(.notFound, "Order \(orderId) not found") }
            return try RouteSupport.json(order)
        }
        router.post(RouterPath("\(base)/start-handling")) { _, context -> Response in
            calls.record("StartHandling")
            let orderId = context.parameters.get("orderId") ?? ""
            do throws(OMSError) {
                try store.withState { (state: inout VTEXState) throws(OMSError) in try state.startHandling(orderId: orderId, now: store.now) }
                return Response(status: .noContent)
            } catch { return RouteSupport.response(for: error) }
        }
        router.post(RouterPath("\(base)/cancel")) { request, context -> Response in
            calls.record("CancelOrder")
            let orderId = context.parameters.get("orderId") ?? ""
            let reason: String?
            switch await RouteSupport.decode(CancelRequest.self, from: request) {
            case .success(let body): reason = body.reason
            case .failure: reason = nil
            }
            return write(orderId) { (state: inout VTEXState) throws(OMSError) in
                try state.cancel(orderId: orderId, reason: reason, bySeller: false, now: store.now)
            }
        }
        router.post(RouterPath("\(base)/invoice")) { request, context -> Response in
            calls.record("InvoiceNotification")
            let orderId = context.parameters.get("orderId") ?? ""
            switch await RouteSupport.decode(InvoiceRequest.self, from: request) {
            case .failure(let failure):
                return RouteSupport.error(.badRequest, failure.message)
            case .success(let body):
                guard ["Output", "Input"].contains(body.type) else {
                    return RouteSupport.error(.badRequest, "type must be Output or Input")
                }
                let package = InvoicePackage(
                    type: body.type, invoiceNumber: body.invoiceNumber, invoiceValue: body.invoiceValue.value,
                    invoiceKey: body.invoiceKey, invoiceUrl: body.invoiceUrl, issuanceDate: body.issuanceDate,
                    courier: body.courier, trackingNumber: body.trackingNumber, trackingUrl: body.trackingUrl,
                    dispatchedDate: body.dispatchedDate, embeddedInvoice: body.embeddedInvoice,
                    items: body.items.enumerated().map { .init(itemIndex: $0.offset, quantity: $0.element.quantity, price: $0.element.price) },
                    courierStatus: nil)
                return write(orderId) { (state: inout VTEXState) throws(OMSError) in
                    try state.addInvoice(orderId: orderId, package: package, now: store.now)
                }
            }
        }
        router.patch(RouterPath("\(base)/invoice/:invoiceNumber")) { request, context -> Response in
            calls.record("SendTrackingNumber")
            let orderId = context.parameters.get("orderId") ?? ""
            let invoice = context.parameters.get("invoiceNumber") ?? ""
            switch await RouteSupport.decode(TrackingNumberRequest.self, from: request) {
            case .failure(let failure): return RouteSupport.error(.badRequest, failure.message)
            case .success(let body):
                return write(orderId) { (state: inout VTEXState) throws(OMSError) in
                    try state.sendTrackingNumber(orderId: orderId, invoiceNumber: invoice, body, now: store.now)
                }
            }
        }
        router.put(RouterPath("\(base)/invoice/:invoiceNumber/tracking")) { request, context -> Response in
            calls.record("UpdateTrackingStatus")
            let orderId = context.parameters.get("orderId") ?? ""
            let invoice = context.parameters.get("invoiceNumber") ?? ""
            switch await RouteSupport.decode(TrackingStatusRequest.self, from: request) {
            case .failure(let failure): return RouteSupport.error(.badRequest, failure.message)
            case .success(let body):
                return write(orderId) { (state: inout VTEXState) throws(OMSError) in
                    try state.updateTrackingStatus(orderId: orderId, invoiceNumber: invoice, body, now: store.now)
                }
            }
        }
    }

    /// Runs an OMS write and answers `{date, orderId, receipt}` or the refusal.
    private func write(_ orderId: String, _ change: (inout VTEXState) throws(OMSError) -> Void) -> Response {
        do throws(OMSError) {
            let (receipt, notifications) = try store.withState { (state: inout VTEXState) throws(OMSError) -> (OMSReceipt, [OutboundWebhook]) in
                try change(&state)
                return (OMSReceipt(date: VTEXDate.string(store.now), orderId: orderId, receipt: state.nextReceipt()),
                        state.takeOrderStockNotifications())
            }
            if !notifications.isEmpty { outbox.enqueue(.deliver(notifications)) }
            return (try? RouteSupport.json(receipt)) ?? RouteSupport.error(.internalServerError, "encoding failed")
        } catch {
            return RouteSupport.response(for: error)
        }
    }
}
