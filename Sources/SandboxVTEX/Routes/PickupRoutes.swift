import Hummingbird

extension VTEXSandbox {
    /// Logistics' pickup points (`VTEX - Logistics API.json`): `GET
    /// /api/logistics/pvt/configuration/pickuppoints/{pickupPointId}` (404 for an unknown id), and
    /// `PUT /_admin/pickup-points` to set them.
    func addPickupRoutes(to router: Router<BasicRequestContext>) {
        router.get("/api/logistics/pvt/configuration/pickuppoints/:id") { _, context -> Response in
            calls.record("GetPickupPoint")
            let id = context.parameters.get("id") ?? ""
            guard let point = store.withState({ $0.pickupPoints[id] }) else {
                return RouteSupport.error(.notFound, "Pickup point \(id) not found")
            }
            return try RouteSupport.json(point)
        }
        router.put("/_admin/pickup-points") { request, _ -> Response in
            switch await RouteSupport.decode([PickupPoint].self, from: request) {
            case .failure(let failure): return RouteSupport.error(.badRequest, failure.message)
            case .success(let points):
                store.withState { state in state.pickupPoints = Dictionary(points.map { ($0.id, $0) }) { $1 } }
                return try RouteSupport.json(AdminAck(detail: "\(points.count) pickup points set"))
            }
        }
    }
}
