import Foundation

extension OrderRecord {
    /// The order as OR11 returns it.
    var wire: OrderWire {
        let disclosed = state.disclosesAddresses
        let lineState = { (line: Line) -> String in
            if line.refused { return MiraklOrderState.refused.rawValue }
            return self.incidentOpen && line.index == 1 ? "INCIDENT_OPEN" : self.state.rawValue
        }
        let wireLines = lines.map { line in
            let price = line.total
            let commission = (price * Decimal(12) / 100).rounded(2)
            let tax = self.tax(of: line)
            let taxes = taxRate.map { [OrderWire.Line.Tax(amount: tax, code: "ICMS", rate: $0)] } ?? []
            return OrderWire.Line(
                can_refund: false, category_code: line.categoryCode, category_label: line.categoryCode,
                commission_fee: commission, created_date: created, description: line.productTitle,
                last_updated_date: lastUpdated, offer_id: line.offerId, offer_sku: line.offerSKU,
                order_line_id: line.id, order_line_index: line.index, order_line_state: lineState(line),
                price: price, price_unit: line.linePrice.map { ($0 / Decimal(line.quantity)).rounded(2) } ?? line.unitPrice,
                product_shop_sku: line.offerSKU,
                product_sku: "MKP\(line.offerSKU)", product_title: line.productTitle, quantity: line.quantity,
                received_date: received, shipped_date: shipped, shipping_price: line.shippingPrice, taxes: taxes,
                total_commission: commission, total_price: price + line.shippingPrice + tax)
        }
        let c = customer
        let street2 = c.complement.isEmpty ? c.neighbourhood : "\(c.complement) - \(c.neighbourhood)"
        var wire = OrderWire(
            acceptance_decision_date: acceptanceDecision,
            can_cancel: state.canCancel,
            can_shop_ship: state == .shipping,
            commercial_id: commercialId,
            created_date: created,
            customer: .init(
                billing_address: disclosed ? .init(
                    city: c.city, company: c.company, firstname: c.firstName, lastname: c.lastName, phone: c.phone, state: c.state,
                    street_1: "\(c.street), \(c.number)", street_2: street2, zip_code: c.zip) : nil,
                customer_id: c.id, firstname: c.firstName, lastname: c.lastName,
                shipping_address: disclosed ? .init(
                    additional_info: c.complement, city: c.city, firstname: c.firstName, lastname: c.lastName,
                    phone: c.phone, state: c.state, street_1: "\(c.street), \(c.number)", street_2: street2,
                    zip_code: c.zip) : nil),
            customer_debited_date: debited,
            customer_notification_email: "\(c.id.lowercased())@notification.sandbox.carrefour.invalid",
            last_updated_date: lastUpdated,
            // The customer's CPF rides in an order custom field, disclosed with the addresses
            // (mirakl-api.md §4: no CPF field in the standard schema; unconfirmed for Carrefour BR).
            order_additional_fields: disclosed ? [.init(code: "customer-cpf", type: "STRING", value: c.cnpj ?? c.cpf)] : [],
            order_id: id,
            order_lines: wireLines,
            order_state: state.rawValue,
            order_state_reason_code: reason?.code,
            order_state_reason_label: reason?.label,
            price: price,
            references: .init(order_reference_for_customer: commercialId),
            shipping_carrier_code: tracking?.carrierCode,
            shipping_company: tracking?.carrierName ?? tracking?.carrierCode,
            shipping_deadline: created.addingTimeInterval(3 * 86_400),
            shipping_price: shippingPrice,
            shipping_tracking: tracking?.trackingNumber,
            shipping_tracking_url: tracking?.carrierURL,
            shipping_type_code: shippingType.rawValue,
            shipping_type_label: shippingType.label,
            total_commission: wireLines.reduce(0) { $0 + $1.total_commission },
            total_price: price + shippingPrice + taxes)
        wire.has_incident = incidentOpen
        wire.shipping_pudo_id = pudoId
        wire.order_tax_mode = taxRate == nil ? "TAX_INCLUDED" : "TAX_EXCLUDED"
        return wire
    }
}

extension Decimal {
    /// The value rounded to `scale` decimal places (half up).
    func rounded(_ scale: Int) -> Decimal {
        var value = self
        var result = Decimal()
        NSDecimalRound(&result, &value, scale, .plain)
        return result
    }
}
