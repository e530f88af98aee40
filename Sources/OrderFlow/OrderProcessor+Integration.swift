import AMQPLayer
import Connector
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import IntegrationRules
import Logging
import MiraklAPI
import VTEXAPI
import WorkerRuntime

extension OrderProcessor {
    /// SHIPPING: New Order Integration (reference/vtex-apis.md §6). Lines are checked again with the
    /// delivery address (stock may have gone since acceptance) and the SLA is chosen from the
    /// simulation's offer; VTEX's own checks (price divergence, EOI002…) come back as its result.
    func integrate(_ order: MiraklOrder, reprocess: IntegrationEvent.Reprocess?, logger: Logger) async throws(WorkFailure) -> OrderOutcome {
        let rules = order.marketplaceOrder(documentField: settings.documentField)
        let address = rules.shippingAddress
        let simulation = try await simulate(order, postalCode: address?.postalCode, country: address?.countryISO3)
        let issues = OrderLineChecks.issues(of: rules.lines, simulation: simulation, tradePolicy: store.tradePolicy)
        guard issues.isEmpty else {
            try await fail(order, "Not integrated in VTEX: \(OrderLineChecks.summary(issues))", reprocess: reprocess)
        }
        let draft: VTEXOrderDraft
        if let pickup = try await pickupDraft(order, rules: rules, reprocess: reprocess) {
            draft = pickup
        } else {
            do throws(OrderRuleError) {
                let offered = rules.lines.indices.map { simulation.items[$0]?.slas ?? [] }
                let choice = try ShippingSelection.choose(
                    code: rules.shippingTypeCode, label: rules.shippingTypeLabel, mapping: store.slaMapping, offered: offered)
                draft = try OrderDraftRules.draft(order: rules, shipping: choice, settings: store)
            } catch {
                try await fail(order, "Not integrated in VTEX: \(error.message)", reprocess: reprocess)
            }
        }
        let request = draft.request(connectorName: settings.connectorName, connectorEndpoint: settings.connectorEndpoint)
        let translated = jsonText(request, encoder: VTEXClient.encoder)
        let answer: OrderIntegrationResult
        do throws(VTEXError) {
            answer = try await vtex.placeOrder(request, affiliateId: store.affiliateId)
        } catch {
            if case .rejected(_, _, let message) = error {
                try await fail(order, "Refused by VTEX's New Order Integration: \(message)", translated: translated, reprocess: reprocess)
            }
            if case .withheld = error {
                // Dry run: the order is in the log as "would send"; no processing result will come.
                return .nothingToDo(reason: "Dry run: the New Order Integration of order \(order.orderId) is in the log as would send")
            }
            throw WorkFailure(classifying: error)
        }
        let shipping = draft.shipping
        let how = shipping.byContingency
            ? "matched by carrier type (no SLA mapped for \(shipping.kind.map(ShippingSelection.name) ?? "this type"))"
            : "mapped"
        switch answer.verdict {
        case .failed(_, let message):
            try await fail(order, "Refused by VTEX: \(message)", translated: translated, reprocess: reprocess)
        case .alreadyIntegrated(let id):
            try await events.record(
                order.orderId, step: "integrate", status: .success,
                message: "Already in VTEX\(id.map { " as \($0)" } ?? ""): no second order (EOI007)",
                translated: translated, externalId: id ?? vtexOrderId(order.orderId), reprocess: reprocess)
        default:
            try await events.record(
                order.orderId, step: "integrate", status: .pending,
                message: "Sent to VTEX (\(OrderStatusMapping.describe(carrefour: order.orderState))); SLA \(shipping.slaName) \(how); waiting for VTEX's processing result",
                source: sourcePayload(order), translated: translated, answer: jsonText(answer, encoder: VTEXClient.encoder),
                externalId: vtexOrderId(order.orderId), reprocess: reprocess)
            try await scheduleResultCheck(order.orderId)
        }
        logger.debug("order sent to VTEX", metadata: ["sla": "\(shipping.slaName)"])
        return .submitted
    }

    /// Sends ``OrderResultHandler`` a look-up of the order in VTEX after the settings' delay.
    func scheduleResultCheck(_ orderId: String) async throws(WorkFailure) {
        guard let resultCheck else { return }
        let check = OrderIntegrationCheck(orderId: orderId)
        var properties = AMQPProperties(contentType: "application/json", type: OrderIntegrationCheck.type)
        properties.messageID = "order:\(orderId):check:\(Int64(Date().timeIntervalSince1970 * 1000))"
        let body: [UInt8]
        do {
            body = Array(try JSONEncoder().encode(check))
        } catch {
            throw .transient("cannot encode the result check: \(error)")
        }
        try await resultCheck.delivery.schedule(to: resultCheck.queue, after: settings.resultCheckDelay, body: body, properties: properties)
    }

    /// Records `message` as the order's error and throws it as a business failure.
    func fail(_ order: MiraklOrder, _ message: String, translated: String? = nil, reprocess: IntegrationEvent.Reprocess?) async throws(WorkFailure) -> Never {
        try await events.record(
            order.orderId, step: "integrate", status: .error, message: message, source: sourcePayload(order),
            translated: translated, reprocess: reprocess)
        throw .business(message)
    }
}
