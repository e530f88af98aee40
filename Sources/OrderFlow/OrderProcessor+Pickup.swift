import Connector
import IntegrationRules
import MiraklAPI
import VTEXAPI
import WorkerRuntime

extension OrderProcessor {
    /// The draft of a pickup-in-point order (``PickupRules``), or nil for a delivery: the Carrefour
    /// point mapped to a VTEX pickup point (unmapped → the order's Error naming it), whose address
    /// and coordinates VTEX's logistics gives.
    func pickupDraft(
        _ order: MiraklOrder, rules: MarketplaceOrder, reprocess: IntegrationEvent.Reprocess?
    ) async throws(WorkFailure) -> VTEXOrderDraft? {
        guard rules.pickupPointId != nil else { return nil }
        let pointId: String
        let delivery: VTEXOrderDraft
        do throws(OrderRuleError) {
            pointId = try PickupRules.vtexPoint(of: rules, mapping: settings.pickupPoints)
            let choice = ShippingSelection.Choice(kind: nil, slaName: "", byContingency: false, perLine: [])
            delivery = try OrderDraftRules.draft(order: rules, shipping: choice, settings: store)
        } catch {
            try await fail(order, "Not integrated in VTEX: \(error.message)", reprocess: reprocess)
        }
        let point: VTEXPickupPoint
        do throws(VTEXError) {
            point = try await vtex.pickupPoint(pointId)
        } catch {
            if case .notFound = error {
                try await fail(order, "Not integrated in VTEX: VTEX has no pickup point \(pointId) (mapped in CARREFOUR_PICKUP_POINTS)", reprocess: reprocess)
            }
            throw WorkFailure(classifying: error)
        }
        guard let address = point.address, let postalCode = address.postalCode, let country = address.country?.acronym,
              let latitude = address.location?.latitude, let longitude = address.location?.longitude else {
            try await fail(order, "Not integrated in VTEX: pickup point \(pointId) has no complete address (postal code, country, coordinates) in VTEX", reprocess: reprocess)
        }
        let pickup = VTEXOrderDraft.PickupAddress(
            pointId: pointId,
            address: .init(
                receiverName: delivery.address.receiverName, postalCode: postalCode, city: address.city, state: address.state,
                countryISO3: country, street: address.street, number: address.number, neighborhood: address.neighborhood,
                complement: address.complement),
            latitude: latitude, longitude: longitude)
        return PickupRules.pickupDraft(delivery, pointId: pointId, point: pickup)
    }
}
