public import HTTPLayer

/// Offer imports (reference/mirakl-api.md §3): OF01 upload, OF02 status, OF03 error report, and
/// OF21 to read an offer back.
extension MiraklClient {
    /// OF01: uploads an offer file (`multipart/form-data`, part `file`) with `import_mode=NORMAL`.
    ///
    /// There is deliberately no way to ask for `REPLACE`: that mode deletes every offer missing
    /// from the file, and the connector only ever sends the offers that changed (mirakl-api.md §3
    /// "Import modes"; §7 "never REPLACE"). Maximum frequency: once per minute (spec Call Frequency).
    /// - Parameters:
    ///   - file: the `;`-separated CSV.
    ///   - fileName: the file name Mirakl shows in its import history.
    public func importOffers(file: [UInt8], fileName: String) async throws(MiraklError) -> OfferImportCreated {
        let form = MultipartForm(parts: [
            MultipartForm.Part(name: "file", filename: fileName, contentType: "text/csv", data: file),
            .text(name: "import_mode", value: "NORMAL"),
        ])
        let response = try await send("OF01", method: .post, path: "/api/offers/imports", body: .multipart(form), subject: fileName)
        return try decode(OfferImportCreated.self, from: response, operation: "OF01")
    }

    /// OF02: the status of an offer import. Maximum frequency: once per minute.
    public func offerImportStatus(_ importId: Int) async throws(MiraklError) -> OfferImportStatus {
        try await get(OfferImportStatus.self, "OF02", path: "/api/offers/imports/\(importId)")
    }

    /// OF03: the lines in error of an offer import, in the uploaded format (our CSV) with an
    /// `error-message` column. Call it only when OF02 says `has_error_report`. Maximum
    /// frequency: once per minute.
    public func offerImportErrorReport(_ importId: Int) async throws(MiraklError) -> [UInt8] {
        try await send(
            "OF03", path: "/api/offers/imports/\(importId)/error_report", accept: "application/octet-stream, text/csv, */*"
        ).body
    }

    /// OF21: the shop's offer with shop SKU `sku`, if Mirakl has one.
    public func offer(sku: String) async throws(MiraklError) -> OfferList.Offer? {
        let page = try await offers(sku: sku, max: 1, offset: 0)
        return page.offers.first { $0.shopSKU == sku }
    }

    /// OF21: one page of the shop's offers (only shop SKU `sku`'s when given; sorted by shop SKU,
    /// at most 100 a page). OF21's frequency is "on each offers page view", with no maximum
    /// (mirakl-api.md §1).
    public func offers(sku: String? = nil, max: Int, offset: Int) async throws(MiraklError) -> OfferList {
        let query = (sku.map { [("sku", $0)] } ?? []) + [("max", String(min(Swift.max(max, 1), 100))), ("offset", String(Swift.max(offset, 0)))]
        return try await get(OfferList.self, "OF21", path: "/api/offers", query: query)
    }
}
