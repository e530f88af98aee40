import Hummingbird
import SandboxSupport

extension MiraklSandbox {
    /// OF01, OF02, OF03, OF21 (mirakl-api.md §3).
    func addOfferRoutes(to router: Router<BasicRequestContext>) {
        let importScope: @Sendable (BasicRequestContext) -> String? = { $0.parameters.get("import") }
        router.post("/api/offers/imports", use: operation(.of01) { [store] request, _ in
            let (form, file) = try await Self.importUpload(request)
            guard let mode = form.text(named: "import_mode") else {
                throw MiraklAPIError.badRequest("The multipart part 'import_mode' is required (NORMAL or REPLACE)")
            }
            guard ["NORMAL", "REPLACE", "PARTIAL_UPDATE"].contains(mode) else {
                throw MiraklAPIError.badRequest("import_mode '\(mode)' is invalid: NORMAL or REPLACE expected")
            }
            let id = store.importOffers(file: file.data, mode: mode)
            return try Response.json(ImportCreatedWire(import_id: id), status: .created)
        })
        router.get("/api/offers/imports/:import", use: operation(.of02, scope: importScope) { [store] _, context in
            try Response.json(store.offerImport(try Self.intParameter("import", context)), encoder: Self.encoder)
        })
        router.get("/api/offers/imports/:import/error_report", use: operation(.of03, scope: importScope) { [store] _, context in
            Response.bytes(try store.offerErrorReport(try Self.intParameter("import", context)),
                           contentType: "application/octet-stream")
        })
        router.get("/api/offers", use: operation(.of21) { [store] request, _ in
            let page = try Self.page(request)
            let sku = request.uri.queryParameters.get("sku")
            return try Response.json(store.offerList(sku: sku, max: page.max, offset: page.offset), encoder: Self.encoder)
        })
    }
}
