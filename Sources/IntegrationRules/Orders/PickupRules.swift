#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SystemSupport

/// Pickup-in-point orders (new-order-integration.md scenario 9): Carrefour names the PickUp DropOff
/// point (OR11 `shipping_pudo_id`), the store maps it to a VTEX pickup point id
/// (`CARREFOUR_PICKUP_POINTS`: `carrefourPoint=vtexPickupPointId` pairs, or a Carrefour shipping type
/// code as the key for every point of that type). VTEX gets `selectedDeliveryChannel`
/// `pickup-in-point`, no `selectedSla`, and the pickup point's address (`addressType` `pickup`,
/// `addressId` the VTEX id, its geo coordinates).
public enum PickupRules {
    /// The VTEX pickup point of `order`, or the error naming what to map.
    public static func vtexPoint(of order: MarketplaceOrder, mapping: [String: String]) throws(OrderRuleError) -> String {
        let point = order.pickupPointId ?? ""
        if let id = mapping[point] ?? order.shippingTypeCode.flatMap({ mapping[$0] }) { return id }
        let type = order.shippingTypeCode ?? order.shippingTypeLabel ?? "pickup"
        throw OrderRuleError(
            "Carrefour pickup point \(point) (shipping type \(type)) is not mapped to a VTEX pickup point: "
                + "add \(point)=<VTEX pickup point id> to CARREFOUR_PICKUP_POINTS, then reprocess the order")
    }

    /// Reads `CARREFOUR_PICKUP_POINTS` (`a=b,c=d`); nil names the first pair that is not `a=b`.
    public static func parse(_ text: String) -> Result<[String: String], MapLineError> {
        var map: [String: String] = [:]
        for (index, pair) in text.split(separator: ",").enumerated() {
            let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingWhitespace() }
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return .failure(MapLineError(line: index + 1)) }
            map[parts[0]] = parts[1]
        }
        return .success(map)
    }

    /// Turns the draft of a delivery into the draft of a pickup at `point` (VTEX id `pointId`).
    public static func pickupDraft(_ draft: VTEXOrderDraft, pointId: String, point: VTEXOrderDraft.PickupAddress) -> VTEXOrderDraft {
        var pickup = draft
        for index in pickup.logistics.indices {
            pickup.logistics[index].deliveryChannel = "pickup-in-point"
            pickup.logistics[index].sla = ""
        }
        pickup.shipping.slaName = "pickup point \(pointId)"
        pickup.pickup = point
        return pickup
    }
}
