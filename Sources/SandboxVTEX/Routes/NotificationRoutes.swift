import Hummingbird

/// `GET /api/fulfillment/pvt/affiliates/{affiliateId}` body (Marketplace APIs).
struct AffiliateResponse: Encodable, Sendable {
    var id: String
    var followUpEmail: String
    var useSellerPaymentMethod: Bool
    var name: String
    var salesChannel: String
    var searchURIEndpoint: Nullable<String>
    var searchURIEndpointVersion: String
    var searchURIEndpointAvailableVersions: [String]
    var minimumValueAccumulated: Nullable<Int>
}

/// `PUT /api/fulfillment/pvt/affiliates/{affiliateId}` body.
struct AffiliateRequest: Decodable, Sendable {
    var name: String?
    var salesChannel: String?
    var followUpEmail: String?
    var searchURIEndpoint: String?
    var searchURIEndpointVersion: String?
    var useSellerPaymentMethod: Bool?
    var minimumValueAccumulated: Int?
}

extension VTEXSandbox {
    /// Affiliate configuration (vtex-apis.md §7): `searchURIEndpoint` is where SKU change notifications
    /// are POSTed whenever the admin API changes a SKU's stock, price or catalog data. The sandbox has one
    /// affiliate; its id is the configured one.
    func addNotificationRoutes(to router: Router<BasicRequestContext>) {
        router.get("/api/fulfillment/pvt/affiliates/:affiliateId") { _, context -> Response in
            calls.record("GetAffiliate")
            let id = context.parameters.get("affiliateId") ?? ""
            let affiliate = store.withState { $0.affiliate }
            guard affiliate.id == id else { return RouteSupport.error(.notFound, "Affiliate \(id) not found") }
            return try RouteSupport.json(Self.view(affiliate))
        }
        router.get("/api/fulfillment/pvt/affiliates") { _, _ -> Response in
            calls.record("ListAffiliates")
            return try RouteSupport.json([Self.view(store.withState { $0.affiliate })])
        }
        router.put("/api/fulfillment/pvt/affiliates/:affiliateId") { request, context -> Response in
            calls.record("PutAffiliate")
            let id = context.parameters.get("affiliateId") ?? ""
            switch await RouteSupport.decode(AffiliateRequest.self, from: request) {
            case .failure(let failure):
                return RouteSupport.error(.badRequest, failure.message)
            case .success(let body):
                let accepted = store.withState { state -> Bool in
                    guard state.affiliate.id == id else { return false }
                    if let name = body.name { state.affiliate.name = name }
                    if let channel = body.salesChannel { state.affiliate.salesChannel = channel }
                    if let email = body.followUpEmail { state.affiliate.followUpEmail = email }
                    state.affiliate.searchURIEndpoint = body.searchURIEndpoint
                    if let version = body.searchURIEndpointVersion { state.affiliate.searchURIEndpointVersion = version }
                    if let flag = body.useSellerPaymentMethod { state.affiliate.useSellerPaymentMethod = flag }
                    state.affiliate.minimumValueAccumulated = body.minimumValueAccumulated
                    return true
                }
                return accepted ? Response(status: .noContent)
                    : RouteSupport.error(.notFound, "Only affiliate \(store.withState { $0.affiliate.id }) exists in the sandbox")
            }
        }
    }

    static func view(_ affiliate: AffiliateSettings) -> AffiliateResponse {
        AffiliateResponse(
            id: affiliate.id, followUpEmail: affiliate.followUpEmail, useSellerPaymentMethod: affiliate.useSellerPaymentMethod,
            name: affiliate.name, salesChannel: affiliate.salesChannel, searchURIEndpoint: Nullable(affiliate.searchURIEndpoint),
            searchURIEndpointVersion: affiliate.searchURIEndpointVersion, searchURIEndpointAvailableVersions: ["1.x.x"],
            minimumValueAccumulated: Nullable(affiliate.minimumValueAccumulated))
    }
}
