import Hummingbird
import SandboxSupport

extension MiraklSandbox {
    /// H11 `GET /api/hierarchies` and PM11 `GET /api/products/attributes` (operation ids H11 and
    /// PM11 of the seller spec; mirakl-api.md §2), each limited to once an hour ("Maximum usage:
    /// Every hour"), and the admin routes that replace what they list.
    func addCatalogStructureRoutes(to router: Router<BasicRequestContext>) {
        router.get("/api/hierarchies", use: operation(.h11) { [store] request, _ in
            let query = try Self.structureQuery(request)
            let wire = try store.withSettledState { state, _ throws(MiraklAPIError) -> HierarchiesWire in
                guard let selected = state.catalog.select(hierarchy: query.hierarchy, maxLevel: query.maxLevel) else {
                    throw Self.unknownHierarchy(query.hierarchy)
                }
                return HierarchiesWire(selected, in: state.catalog)
            }
            return try Response.json(wire, encoder: Self.encoder)
        })
        router.get("/api/products/attributes", use: operation(.pm11) { [store] request, _ in
            let query = try Self.structureQuery(request)
            let withRoles = request.uri.queryParameters.get("with_roles") == "true"
            // `all_operator_attributes`: every attribute the sandbox holds is an operator attribute,
            // so the parameter changes nothing here.
            let wire = try store.withSettledState { state, _ throws(MiraklAPIError) -> ProductAttributesWire in
                guard let selected = state.catalog.attributes(hierarchy: query.hierarchy, maxLevel: query.maxLevel, withRoles: withRoles)
                else { throw Self.unknownHierarchy(query.hierarchy) }
                return ProductAttributesWire(selected)
            }
            return try Response.json(wire, encoder: Self.encoder)
        })
        let admin = router.group("/_admin")
        admin.put("/hierarchies") { [store] request, _ in
            let body: HierarchiesBody = try await Self.decodeAdmin(request)
            let count = try store.withSettledState { state, _ throws(MiraklAPIError) -> Int in
                state.catalog = try CatalogStructure.validated(categories: body.hierarchies, attributes: state.catalog.attributes)
                return state.catalog.categories.count
            }
            return try Response.json(CountBody(count: count))
        }
        admin.put("/attributes") { [store] request, _ in
            let body: AttributesBody = try await Self.decodeAdmin(request)
            let count = try store.withSettledState { state, _ throws(MiraklAPIError) -> Int in
                state.catalog = try CatalogStructure.validated(categories: state.catalog.categories, attributes: body.attributes)
                return state.catalog.attributes.count
            }
            return try Response.json(CountBody(count: count))
        }
    }

    /// H11's and PM11's shared parameters, `hierarchy` and `max_level` (a non-negative integer).
    static func structureQuery(_ request: Request) throws(MiraklAPIError) -> (hierarchy: String?, maxLevel: Int?) {
        let query = request.uri.queryParameters
        let hierarchy = query.get("hierarchy").flatMap { $0.isEmpty ? nil : $0 }
        guard let text = query.get("max_level") else { return (hierarchy, nil) }
        guard let level = Int(text), level >= 0 else { throw .badRequest("max_level must be a non-negative integer") }
        return (hierarchy, level)
    }

    /// The spec does not say what H11 or PM11 answer for a category that does not exist; the
    /// sandbox refuses it (404) rather than answer an empty list.
    static func unknownHierarchy(_ code: String?) -> MiraklAPIError {
        .notFound("Hierarchy \(code ?? "")")
    }

    /// `PUT /_admin/hierarchies` body: the categories, replacing every one.
    struct HierarchiesBody: Decodable {
        var hierarchies: [CatalogStructure.Category]
    }
    /// `PUT /_admin/attributes` body: the attributes, replacing every one.
    struct AttributesBody: Decodable {
        var attributes: [CatalogStructure.Attribute]
    }
    struct CountBody: Encodable {
        var count: Int
    }
}
