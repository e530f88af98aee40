#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SystemSupport

/// Turns a paid Carrefour order (SHIPPING: the addresses are there only from now on, Mirakl's
/// contract) into the New Order Integration draft (reference/vtex-apis.md §6;
/// seeds/new-order-integration.md).
public enum OrderDraftRules {
    /// Builds the draft.
    ///
    /// - Items: the offer SKU is the VTEX SKU id; the unit price is the line's price after the
    ///   marketplace's discounts divided by the quantity; an order-level discount (the order's `price`
    ///   below the sum of its lines) is split between the lines in proportion to their prices
    ///   (seeds/new-order-integration.md, scenario 4). Shipping likewise per line.
    /// - The cent: VTEX adds unit price × quantity, so unit prices are rounded down and the cents
    ///   this leaves (fewer than the order's units) go on one line: the last line of one unit, whose
    ///   unit price takes them. With no such line they are sent as interest (an item of its own for
    ///   the same SKU would get a shipping charge of its own from VTEX). Items + shipping + taxes +
    ///   interest then equal Carrefour's total exactly.
    /// - Taxes: when Mirakl's order is `TAX_EXCLUDED`, the taxes it lists on each line come on top
    ///   of the prices: they go as `taxData`, one entry per SKU (scenario 11). With `TAX_INCLUDED`
    ///   (Mirakl's default) the prices hold them and nothing is added.
    /// - Payment: the order's total (shipping, taxes and fees included); what the total holds beyond
    ///   items, shipping and taxes is sent as interest.
    /// - A buyer whose document is a CNPJ (14 digits) is a company: VTEX's corporate fields carry
    ///   the CNPJ, the company (billing address `company`, else the buyer's name) and the phone.
    /// - `priceDivergenceAllowanceRate`: the settings' percentage as a fraction.
    public static func draft(
        order: MarketplaceOrder, shipping: ShippingSelection.Choice, settings: StoreSettings
    ) throws(OrderRuleError) -> VTEXOrderDraft {
        guard !order.lines.isEmpty else { throw OrderRuleError("Order \(order.id) has no line") }
        guard let address = order.shippingAddress else {
            throw OrderRuleError("Order \(order.id) has no shipping address yet (Carrefour discloses it from SHIPPING on)")
        }
        let linePrices = distribute(total: order.itemsCents, over: order.lines.map(\.priceCents))
        let lineShipping = distribute(total: order.shippingCents, over: order.lines.map(\.shippingCents))
        var items: [VTEXOrderDraft.Item] = []
        var logistics: [VTEXOrderDraft.Logistics] = []
        for (index, line) in order.lines.enumerated() {
            guard line.quantity > 0 else { throw OrderRuleError("Line \(line.id) of order \(order.id) has quantity \(line.quantity)") }
            items.append(.init(skuId: line.sku, unitPriceCents: linePrices[index] / line.quantity, quantity: line.quantity))
            let sla = index < shipping.perLine.count ? shipping.perLine[index] : shipping.perLine.last
            logistics.append(.init(
                priceCents: lineShipping[index], sla: shipping.slaName, deliveryChannel: "delivery",
                shippingEstimate: sla?.shippingEstimate ?? "5bd", lockTTL: sla?.lockTTL ?? "10d"))
        }
        let remainder = linePrices.reduce(0, +) - items.reduce(0) { $0 + $1.unitPriceCents * $1.quantity }
        let unplaced = placeRemainder(remainder, items: &items)
        let itemsTotal = linePrices.reduce(0, +) - unplaced
        let shippingTotal = lineShipping.reduce(0, +)
        let taxes = order.taxesExcluded ? Self.taxes(of: order) : []
        let taxTotal = taxes.reduce(0) { $0 + $1.valueCents }
        let interest = max(0, (order.totalCents ?? 0) - itemsTotal - shippingTotal - taxTotal)
        var draft = VTEXOrderDraft(
            marketplaceOrderId: order.id, items: items, logistics: logistics,
            address: try Self.address(address, order: order), client: try Self.client(order, address: address),
            paymentCents: itemsTotal + shippingTotal + taxTotal + interest, interestCents: interest,
            priceDivergenceAllowanceRate: settings.priceDivergenceRate / 100, status: "approved", shipping: shipping)
        draft.taxes = taxes
        return draft
    }

    /// The lines' taxes summed per SKU, in the lines' order.
    static func taxes(of order: MarketplaceOrder) -> [VTEXOrderDraft.Tax] {
        var taxes: [VTEXOrderDraft.Tax] = []
        for line in order.lines where line.taxCents > 0 {
            if let index = taxes.firstIndex(where: { $0.skuId == line.sku }) {
                taxes[index].valueCents += line.taxCents
            } else {
                taxes.append(.init(skuId: line.sku, valueCents: line.taxCents))
            }
        }
        return taxes
    }

    /// Puts the cents the rounded-down unit prices leave on the last one-unit line; returns what
    /// found no such line (it goes as interest; see ``draft(order:shipping:settings:)``).
    static func placeRemainder(_ remainder: Int, items: inout [VTEXOrderDraft.Item]) -> Int {
        guard remainder > 0, let single = items.lastIndex(where: { $0.quantity == 1 }) else { return max(0, remainder) }
        items[single].unitPriceCents += remainder
        return 0
    }

    /// Splits `total` over `parts` in proportion to them (largest remainders first) when `total` is
    /// below their sum — an order-level discount; otherwise the parts stay as they are.
    public static func distribute(total: Int?, over parts: [Int]) -> [Int] {
        let sum = parts.reduce(0, +)
        guard let total, total >= 0, total < sum, sum > 0 else { return parts }
        let discount = sum - total
        var shares = parts.map { $0 * discount / sum }
        var remainder = discount - shares.reduce(0, +)
        let order = parts.indices.sorted { (parts[$0] * discount % sum, $1) > (parts[$1] * discount % sum, $0) }
        for index in order where remainder > 0 {
            shares[index] += 1
            remainder -= 1
        }
        return zip(parts, shares).map { $0 - $1 }
    }

    static func address(_ address: MarketplaceOrder.Address, order: MarketplaceOrder) throws(OrderRuleError) -> VTEXOrderDraft.Address {
        guard let postalCode = nonEmpty(address.postalCode) else {
            throw OrderRuleError("The shipping address of order \(order.id) has no postal code")
        }
        guard let country = nonEmpty(address.countryISO3), country.count == 3 else {
            throw OrderRuleError("The shipping address of order \(order.id) has no ISO 3166-1 alpha-3 country code")
        }
        let (street, number) = splitStreet(address.street1)
        let complement = nonEmpty(address.additionalInfo)
        var neighborhood = nonEmpty(address.street2)
        if let complement, let rest = neighborhood {
            if rest == complement {
                neighborhood = nil
            } else if rest.hasPrefix(complement + " - ") {
                neighborhood = nonEmpty(String(rest.dropFirst(complement.count + 3)))
            }
        }
        let names = [address.firstName, address.lastName].compactMap(nonEmpty)
        let receiver = names.isEmpty ? "\(order.customer.firstName) \(order.customer.lastName)" : names.joined(separator: " ")
        return VTEXOrderDraft.Address(
            receiverName: receiver, postalCode: postalCode, city: nonEmpty(address.city), state: nonEmpty(address.state),
            countryISO3: country.uppercased(), street: street, number: number, neighborhood: neighborhood,
            complement: complement)
    }

    static func client(_ order: MarketplaceOrder, address: MarketplaceOrder.Address) throws(OrderRuleError) -> VTEXOrderDraft.Client {
        guard let email = nonEmpty(order.customer.email) else {
            throw OrderRuleError("Order \(order.id) carries no customer e-mail")
        }
        guard let phone = nonEmpty(address.phone) ?? nonEmpty(order.billingAddress?.phone) else {
            throw OrderRuleError("Order \(order.id) carries no customer phone")
        }
        let digits = (order.customer.document ?? "").filter(\.isNumber)
        guard !digits.isEmpty else {
            throw OrderRuleError("Order \(order.id) carries no customer document (CPF/CNPJ) in its custom fields")
        }
        let buyer = "\(order.customer.firstName) \(order.customer.lastName)".trimmingWhitespace()
        let company = nonEmpty(order.customer.companyName) ?? buyer
        return VTEXOrderDraft.Client(
            email: email, firstName: order.customer.firstName, lastName: order.customer.lastName, phone: phone,
            document: digits,
            corporate: digits.count == 14 ? .init(document: digits, name: company, tradeName: company, phone: phone) : nil)
    }

    /// "Avenida Paulista, 1578" → ("Avenida Paulista", "1578"); a street without a trailing number
    /// stays whole.
    public static func splitStreet(_ text: String?) -> (street: String?, number: String?) {
        guard let text = nonEmpty(text) else { return (nil, nil) }
        guard let comma = text.lastIndex(of: ",") else { return (text, nil) }
        let tail = text[text.index(after: comma)...].trimmingWhitespace()
        let head = text[..<comma].trimmingWhitespace()
        let isNumber = tail.first?.isNumber == true || tail.lowercased() == "s/n"
        guard isNumber, !head.isEmpty else { return (text, nil) }
        return (head, tail)
    }

    static func nonEmpty(_ text: String?) -> String? {
        guard let trimmed = text?.trimmingWhitespaceAndNewlines(), !trimmed.isEmpty else { return nil }
        return trimmed
    }
}
