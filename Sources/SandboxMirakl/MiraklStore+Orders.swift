import Foundation
import SandboxSupport

extension MiraklStore {
    /// Creates an order in STAGING (it moves to WAITING_ACCEPTANCE after the staging delay).
    func createOrder(lines: [NewOrderLine], shippingType: ShippingType, shape: OrderShape = OrderShape()) throws(MiraklAPIError) -> String {
        guard !lines.isEmpty else { throw .badRequest("An order needs at least one line") }
        guard lines.allSatisfy({ $0.quantity > 0 && !$0.sku.isEmpty }) else {
            throw .badRequest("Every line needs a SKU and a positive quantity")
        }
        return withSettledState { state, now in
            let number = state.nextOrderNumber
            state.nextOrderNumber += 1
            let id = "CRF-\(number)-A"
            var customer = CustomerFactory.make(number: number, using: &state.generator)
            if shape.corporate == true {
                customer.company = CustomerFactory.companies[number % CustomerFactory.companies.count]
                customer.cnpj = CustomerFactory.cnpj((0..<8).map { _ in Int.random(in: 0...9, using: &state.generator) } + [0, 0, 0, 1])
            }
            let records = lines.enumerated().map { index, line in
                let offer = state.offers[line.sku]
                let product = state.products[line.sku]
                var record = OrderRecord.Line(
                    id: "\(id)-\(index + 1)", index: index + 1, offerSKU: line.sku, offerId: offer?.offerId ?? 0,
                    productTitle: product?.name.isEmpty == false ? (product?.name ?? "") : "Produto \(line.sku)",
                    categoryCode: product?.category.isEmpty == false ? (product?.category ?? "") : "GERAL",
                    quantity: line.quantity, unitPrice: line.price ?? offer?.price ?? 100,
                    shippingPrice: line.shippingPrice ?? 10)
                record.takenFromOffer = Self.takeFromOffer(line.sku, units: line.quantity, in: &state, at: now)
                record.linePrice = line.linePrice
                return record
            }
            var order = OrderRecord(
                id: id, commercialId: "CRF-\(number)", created: now, lastUpdated: now, state: .staging,
                lines: records, shippingType: shippingType, customer: customer,
                stagingUntil: now.adding(settings.stagingDelay))
            order.taxRate = shape.taxRate
            order.incidentOpen = shape.incident == true
            order.pudoId = shippingType == .pickup ? (shape.pickupPoint ?? "PUDO-1") : nil
            state.orders[id] = order
            state.orderSequence.append(id)
            Self.encode(orderId: id, in: &state)
            Self.settle(&state, now: now, settings: settings)
            return id
        }
    }

    /// OR11: the matching orders' cached JSON, concatenated into `{"orders":[…],"total_count":n}`.
    func listOrders(_ query: OrderQuery) -> [UInt8] {
        withSettledState { state, _ in
            var matching: [String] = []
            if let ids = query.orderIds {
                matching = state.orderSequence.filter(ids.contains)
            } else {
                matching = state.orderSequence
            }
            matching = matching.filter { id in
                guard let order = state.orders[id] else { return false }
                if let states = query.states, !states.contains(order.state.rawValue) { return false }
                if let start = query.startDate, order.created < start { return false }
                if let end = query.endDate, order.created > end { return false }
                if let start = query.startUpdateDate, order.lastUpdated < start { return false }
                if let end = query.endUpdateDate, order.lastUpdated > end { return false }
                return true
            }
            if query.descending { matching.reverse() }
            let page = query.paginate ? Array(matching.dropFirst(query.offset).prefix(query.max)) : matching
            var out: [UInt8] = Array(#"{"orders":["#.utf8)
            for (index, id) in page.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                out.append(contentsOf: state.orders[id]?.encoded ?? [])
            }
            out.append(contentsOf: Array(#"],"total_count":\#(matching.count)}"#.utf8))
            return out
        }
    }

    /// Runs a change on one order, re-encoding it afterwards. Lines that no longer hold their
    /// units (refused, or the order refused or canceled) give them back to their offers.
    func mutateOrder<T>(_ id: String, _ body: (inout OrderRecord, Date) throws(MiraklAPIError) -> T) throws(MiraklAPIError) -> T {
        let result: Result<T, MiraklAPIError> = withSettledState { state, now in
            guard var order = state.orders[id] else { return .failure(.notFound("Order \(id)")) }
            do throws(MiraklAPIError) {
                let value = try body(&order, now)
                Self.giveBackReleasedUnits(of: &order, in: &state, at: now)
                state.orders[id] = order
                Self.encode(orderId: id, in: &state)
                Self.recomputeDeadline(&state)
                return .success(value)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// OR21: accepts or refuses every line; an order with no accepted line is REFUSED.
    /// A refused line's units go back to its offer (``mutateOrder(_:_:)``).
    func acceptOrder(_ id: String, decisions: [String: Bool]) throws(MiraklAPIError) {
        let paymentDelay = settings.paymentDelay
        try mutateOrder(id) { (order, now) throws(MiraklAPIError) in
            guard order.state == .waitingAcceptance else {
                throw .badRequest("ORDER_INVALID_STATE: order \(id) is \(order.state.rawValue), not WAITING_ACCEPTANCE")
            }
            let lineIds = Set(order.lines.map(\.id))
            if let unknown = decisions.keys.first(where: { !lineIds.contains($0) }) {
                throw .badRequest("ORDER_LINE_NOT_FOUND: order line \(unknown) not found")
            }
            guard lineIds.allSatisfy({ decisions[$0] != nil }) else {
                throw .badRequest("ORDER_LINE_ACCEPTANCE_DECISION_MISSING: every order line must be accepted or refused")
            }
            for index in order.lines.indices {
                order.lines[index].refused = decisions[order.lines[index].id] == false
            }
            order.acceptanceDecision = now
            if order.lines.allSatisfy(\.refused) {
                order.reason = ("SHOP_REFUSED", "Refused by the shop")
                order.move(to: .refused, at: now)
            } else {
                order.paymentAt = paymentDelay.map { now.adding($0) }
                order.move(to: .waitingDebitPayment, at: now)
            }
        }
    }

    /// OR23: records the tracking of an order in SHIPPING.
    func setTracking(_ id: String, tracking: TrackingRecord) throws(MiraklAPIError) {
        try mutateOrder(id) { (order, now) throws(MiraklAPIError) in
            guard order.state == .shipping else {
                throw .badRequest("The tracking of order \(id) cannot be updated in state \(order.state.rawValue)")
            }
            guard tracking.carrierCode?.isEmpty == false || tracking.carrierName?.isEmpty == false else {
                throw .badRequest("carrier_code (registered carrier) or carrier_name (unregistered carrier) is required")
            }
            var record = tracking
            record.received = now
            order.trackingCalls += 1
            if let previous = order.tracking, !previous.sameTracking(as: record) { order.trackingChanges += 1 }
            order.tracking = record
            order.lastUpdated = now
        }
    }

    /// OR24: validates the shipment of an order in SHIPPING → SHIPPED.
    func ship(_ id: String) throws(MiraklAPIError) {
        // Counted before the checks, so a refused second shipment shows too.
        try mutateOrder(id) { (order, _) throws(MiraklAPIError) in order.shipCalls += 1 }
        try mutateOrder(id) { (order, now) throws(MiraklAPIError) in
            guard order.state == .shipping else {
                throw .badRequest("Order \(id) is \(order.state.rawValue): only an order in SHIPPING can be shipped")
            }
            if order.shippingType.mandatoryTracking, order.tracking == nil {
                throw .badRequest("Tracking details are mandatory for this shipping method")
            }
            order.shipped = now
            order.move(to: .shipped, at: now)
        }
    }

    /// OR29: cancels an order not yet debited.
    func cancel(_ id: String) throws(MiraklAPIError) {
        try mutateOrder(id) { (order, now) throws(MiraklAPIError) in
            guard order.state.canCancel else {
                throw .badRequest("Order \(id) is \(order.state.rawValue) and can no longer be canceled")
            }
            order.reason = ("SHOP_CANCELED", "Canceled by the shop")
            order.move(to: .canceled, at: now)
        }
    }

    /// Admin: moves an order as the operator or customer would.
    func adminAction(_ id: String, action: AdminOrderAction) throws(MiraklAPIError) -> String {
        try mutateOrder(id) { (order, now) throws(MiraklAPIError) in
            switch action {
            case .confirmPayment:
                if order.state == .staging { order.move(to: .waitingAcceptance, at: now) }
                guard order.state == .waitingDebitPayment || order.state == .waitingDebit else {
                    throw .badRequest("Order \(id) is \(order.state.rawValue): payment is confirmed after acceptance")
                }
                order.debited = now
                order.move(to: .shipping, at: now)
            case .endStaging:
                guard order.state == .staging else { throw .badRequest("Order \(id) is not in STAGING") }
                order.move(to: .waitingAcceptance, at: now)
            case .cancel:
                guard ![.shipped, .received, .closed, .refused, .canceled].contains(order.state) else {
                    throw .badRequest("Order \(id) is \(order.state.rawValue) and can no longer be canceled")
                }
                order.reason = ("CUSTOMER_CANCELED", "Canceled by the customer")
                order.move(to: .canceled, at: now)
            case .receive:
                guard order.state == .shipped else { throw .badRequest("Order \(id) is \(order.state.rawValue), not SHIPPED") }
                order.received = now
                order.move(to: .received, at: now)
            case .openIncident:
                guard [.shipping, .shipped, .received].contains(order.state) else {
                    throw .badRequest("Order \(id) is \(order.state.rawValue): an incident opens on a paid order")
                }
                order.incidentOpen = true
                order.lastUpdated = now
            case .closeIncident:
                guard order.incidentOpen else { throw .badRequest("Order \(id) has no open incident") }
                order.incidentOpen = false
                order.lastUpdated = now
            case .close:
                guard order.state == .received || order.state == .shipped else {
                    throw .badRequest("Order \(id) is \(order.state.rawValue): only a shipped or received order closes")
                }
                order.move(to: .closed, at: now)
            }
            return order.state.rawValue
        }
    }

    /// The shop SKUs of active offers (for the generator), else the seeded SKUs.
    func orderableSKUs() -> [String] {
        withSettledState { state, _ in
            let active = state.offers.values.filter(\.active).map(\.shopSKU).sorted()
            return active.isEmpty ? settings.seedOrderSKUs : active
        }
    }

    /// A random order for the generator and the start-up seed.
    func createRandomOrder(skus: [String], mix: OrderMix = OrderMix()) throws(MiraklAPIError) -> String {
        guard !skus.isEmpty else { throw .badRequest("No SKU to order") }
        let (lines, type, shape): ([NewOrderLine], ShippingType, OrderShape) = state.withLock { state in
            let count = Int.random(in: 1...min(2, skus.count), using: &state.generator)
            let chosen = Array(skus.shuffled(using: &state.generator).prefix(count))
            let lines = chosen.map { NewOrderLine(sku: $0, quantity: Int.random(in: 1...3, using: &state.generator)) }
            let type = ShippingType.allCases.filter { $0 != .pickup }.randomElement(using: &state.generator) ?? .normal
            return (lines, type, mix.draw(using: &state.generator))
        }
        return try createOrder(lines: lines, shippingType: type, shape: shape)
    }
}
