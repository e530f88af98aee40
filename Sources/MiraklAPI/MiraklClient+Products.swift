#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
public import HTTPLayer

extension MiraklClient {
    /// P41 `POST /api/products/imports`: uploads a product file (multipart part `file`) and
    /// returns the import id (reference/mirakl-api.md §2). Maximum once every 15 minutes per
    /// seller; the caller keeps to that.
    public func importProducts(file: [UInt8], fileName: String) async throws(MiraklError) -> Int {
        let form = MultipartForm(parts: [
            MultipartForm.Part(name: "file", filename: fileName, contentType: "text/csv", data: file),
        ])
        let response = try await send("P41", method: .post, path: "/api/products/imports", body: .multipart(form), subject: fileName)
        return try decode(ImportCreated.self, from: response, operation: "P41").importId
    }

    /// P42 `GET /api/products/imports/{import}`: the import's status (at most once a minute per import).
    public func productImport(_ importId: Int) async throws(MiraklError) -> ProductImportTracking {
        try await get(ProductImportTracking.self, "P42", path: "/api/products/imports/\(importId)")
    }

    /// P44 `GET /api/products/imports/{import}/error_report`: the non-integrated products, a CSV
    /// whose columns the operator defines. `nil` when the import has no such report (404).
    public func productErrorReport(_ importId: Int) async throws(MiraklError) -> [UInt8]? {
        try await report("P44", path: "/api/products/imports/\(importId)/error_report")
    }

    /// P45 `GET /api/products/imports/{import}/new_product_report`: the products added or
    /// integrated. `nil` when the import has no such report (404).
    public func newProductReport(_ importId: Int) async throws(MiraklError) -> [UInt8]? {
        try await report("P45", path: "/api/products/imports/\(importId)/new_product_report")
    }

    /// P51 `GET /api/products/imports`: one page of the shop's product imports, those changed
    /// since `changedSince` when given (at most once a minute).
    public func productImports(changedSince: Date? = nil, max: Int = 100, offset: Int = 0) async throws(MiraklError) -> ProductImportList {
        var query: [(String, String)] = [("max", String(max)), ("offset", String(offset))]
        if let changedSince { query.append(("last_request_date", MiraklDate.format(changedSince))) }
        return try await get(ProductImportList.self, "P51", path: "/api/products/imports", query: query)
    }

    private func report(_ operation: String, path: String) async throws(MiraklError) -> [UInt8]? {
        do {
            return try await send(operation, path: path, accept: "application/octet-stream, text/csv, */*").body
        } catch .notFound {
            return nil
        }
    }
}
