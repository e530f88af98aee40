import Hummingbird
import SandboxSupport

extension MiraklSandbox {
    /// P41, P42, P44, P45, P51 (mirakl-api.md §2).
    func addProductRoutes(to router: Router<BasicRequestContext>) {
        let importScope: @Sendable (BasicRequestContext) -> String? = { $0.parameters.get("import") }
        router.post("/api/products/imports", use: operation(.p41) { [store] request, _ in
            let (_, file) = try await Self.importUpload(request)
            let id = store.importProducts(file: file.data)
            return try Response.json(ImportCreatedWire(import_id: id), status: .created)
        })
        router.get("/api/products/imports", use: operation(.p51) { [store] request, _ in
            let page = try Self.page(request)
            let status = request.uri.queryParameters.get("status")
            let since = try Self.date("last_request_date", request)
            return try Response.json(
                store.productImports(status: status, since: since, max: page.max, offset: page.offset), encoder: Self.encoder)
        })
        router.get("/api/products/imports/:import", use: operation(.p42, scope: importScope) { [store] _, context in
            try Response.json(store.productImport(try Self.intParameter("import", context)), encoder: Self.encoder)
        })
        router.get("/api/products/imports/:import/error_report", use: operation(.p44) { [store] _, context in
            Response.bytes(try store.productReport(try Self.intParameter("import", context), errors: true),
                           contentType: "application/octet-stream")
        })
        router.get("/api/products/imports/:import/new_product_report", use: operation(.p45) { [store] _, context in
            Response.bytes(try store.productReport(try Self.intParameter("import", context), errors: false),
                           contentType: "application/octet-stream")
        })
    }
}
