import IntegrationRules
import MiraklAPI

extension MiraklOrder {
    /// `order_state` as the rules read it (an unknown state kept as ``MiraklOrderState/other(_:)``).
    var orderState: MiraklOrderState { MiraklOrderState(state) }

    /// The order as the rules read it: amounts in cents, the customer's document from the custom
    /// field `documentField`.
    func marketplaceOrder(documentField: String) -> MarketplaceOrder {
        let document = additionalFields?.first { $0.code == documentField }?.value
        var order = MarketplaceOrder(
            id: orderId, state: orderState, shippingTypeCode: shippingTypeCode, shippingTypeLabel: shippingTypeLabel,
            lines: lines.map { line in
                var mapped = MarketplaceOrder.Line(
                    id: line.id, sku: line.offerSKU, quantity: line.quantity, priceCents: cents(line.price),
                    shippingCents: cents(line.shippingPrice ?? 0))
                mapped.taxCents = (line.taxes ?? []).reduce(0) { $0 + cents($1.amount) }
                return mapped
            },
            customer: MarketplaceOrder.Customer(
                firstName: customer?.firstName ?? "", lastName: customer?.lastName ?? "",
                email: customerNotificationEmail, document: document),
            shippingAddress: customer?.shippingAddress.map(Self.address),
            billingAddress: customer?.billingAddress.map(Self.address),
            itemsCents: price.map(cents), shippingCents: shippingPrice.map(cents), totalCents: totalPrice.map(cents))
        order.customer.companyName = customer?.billingAddress?.company
        order.taxesExcluded = taxMode == "TAX_EXCLUDED"
        order.hasIncident = hasIncident ?? false
        order.pickupPointId = shippingPudoId
        return order
    }

    static func address(_ address: MiraklAddress) -> MarketplaceOrder.Address {
        MarketplaceOrder.Address(
            firstName: address.firstName, lastName: address.lastName, street1: address.street1, street2: address.street2,
            additionalInfo: address.additionalInfo, postalCode: address.zipCode, city: address.city, state: address.state,
            countryISO3: address.countryISOCode, phone: address.phone)
    }
}
