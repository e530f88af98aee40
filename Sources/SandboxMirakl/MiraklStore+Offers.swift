import Foundation

extension MiraklStore {
    /// OF01: registers an offer file; returns the import id, or the id of an identical import
    /// (same file bytes and mode) made within the duplicate window (spec OF01: "If Mirakl
    /// detects a duplicate import request, the API will return the import_id of the existing
    /// import").
    func importOffers(file: [UInt8], mode: String) -> Int {
        withSettledState { state, now in
            let windowStart = now.addingTimeInterval(-settings.duplicateImportWindow.seconds)
            if let existing = state.offerImports.values
                .filter({ $0.mode == mode && $0.created >= windowStart && $0.fileBytes == file })
                .max(by: { $0.id < $1.id }) {
                return existing.id
            }
            let id = state.nextImportId
            state.nextImportId += 1
            let runningAt = now.adding(settings.offerImportWaiting)
            var job = OfferImport(
                id: id, created: now, mode: mode, fileBytes: file, runningAt: runningAt,
                completeAt: runningAt.adding(settings.offerImportRunning))
            do {
                let table = try CSVTable.parse(file)
                let missing = OfferFile.missingColumns(in: table)
                if missing.isEmpty {
                    job.table = table
                } else {
                    job.fileError = "Missing column(s) in the header: \(missing.joined(separator: ", "))"
                }
            } catch {
                job.fileError = "The file could not be read: \(String(describing: error))"
            }
            state.offerImports[id] = job
            Self.recomputeDeadline(&state)
            return id
        }
    }

    /// Judges every line of a completed offer import against the products as they stand at its
    /// completion date, and applies the accepted ones.
    static func completeOfferImport(_ id: Int, in state: inout State) {
        guard var job = state.offerImports[id] else { return }
        job.settled = true
        defer { state.offerImports[id] = job }
        guard job.fileError == nil, let table = job.table else { return }
        let at = job.completeAt
        func column(_ name: String, _ row: [String]) -> String {
            guard let index = table.column(name), index < row.count else { return "" }
            return row[index].trimmingSpaces
        }
        var seen: Set<String> = []
        for (offset, row) in table.rows.enumerated() {
            let lineNumber = offset + 2
            let sku = column("sku", row)
            let action = column("update-delete", row).lowercased()
            let fail = { (message: String) in job.errors.append(.init(lineNumber: lineNumber, row: row, message: message)) }
            guard !sku.isEmpty else { fail("The offer SKU is required"); continue }
            switch action {
            case "delete":
                state.offerSetVersion += 1
                if state.offers.removeValue(forKey: sku) == nil {
                    fail("The offer does not exist")
                } else {
                    job.deleted += 1
                    job.succeeded += 1
                }
                continue
            case "", "update":
                break
            default:
                fail("The value '\(action)' of update-delete is invalid: update, delete or empty expected")
                continue
            }
            let offer: AcceptedOfferLine
            do throws(OfferLineRefusal) {
                offer = try acceptedOfferLine({ column($0, row) }, products: state.products, at: at)
            } catch {
                fail(error.message)
                continue
            }
            if upsertOffer(sku: sku, offer, importId: id, at: at, in: &state) {
                job.inserted += 1
            } else {
                job.updated += 1
            }
            job.succeeded += 1
            seen.insert(sku)
        }
        if job.mode == "REPLACE" {
            for sku in state.offers.keys where !seen.contains(sku) {
                state.offers[sku] = nil
                state.offerSetVersion += 1
                job.deleted += 1
            }
        }
    }

    /// The fields of an update line (`update-delete` empty or `update`) once each is judged: a SHOP_SKU
    /// product that is catalogued at the import's completion, a positive price, a non-negative
    /// quantity and a known offer state (spec OF01 and OF61), else the first problem's message.
    private static func acceptedOfferLine(
        _ column: (String) -> String, products: [String: ProductRecord], at: Date
    ) throws(OfferLineRefusal) -> AcceptedOfferLine {
        let productId = column("product-id")
        let idType = column("product-id-type")
        guard idType == "SHOP_SKU" else {
            throw OfferLineRefusal("The product identifier type '\(idType)' is not supported: use SHOP_SKU")
        }
        guard let product = products[productId], product.stage != .deleted else {
            throw OfferLineRefusal(products[productId]?.stage == .deleted ? "The product does not exist" : OfferFile.notCataloguedMessage)
        }
        guard product.isCatalogued(at: at) else { throw OfferLineRefusal(OfferFile.notCataloguedMessage) }
        guard let price = Decimal(string: column("price"), locale: Locale(identifier: "en_US_POSIX")),
              price > 0, !column("price").contains(",") else {
            throw OfferLineRefusal("The price '\(column("price"))' is invalid: a positive decimal with '.' expected")
        }
        guard let quantity = Int(column("quantity")), quantity >= 0 else {
            throw OfferLineRefusal("The quantity '\(column("quantity"))' is invalid: a non-negative integer expected")
        }
        let stateCode = column("state")
        guard OfferFile.knownStateCodes.contains(stateCode) else {
            throw OfferLineRefusal("The offer state '\(stateCode)' is unknown (OF61: 11 = New)")
        }
        return AcceptedOfferLine(productId: productId, price: price, quantity: quantity, stateCode: stateCode)
    }

    /// Updates the shop's offer `sku` from an accepted line, or creates it; true when it was created.
    private static func upsertOffer(
        sku: String, _ line: AcceptedOfferLine, importId: Int, at: Date, in state: inout State
    ) -> Bool {
        if var offer = state.offers[sku] {
            offer.price = line.price
            offer.quantity = line.quantity
            offer.productSKU = line.productId
            offer.stateCode = line.stateCode
            offer.importId = importId
            offer.updated = at
            state.offers[sku] = offer
            return false
        }
        state.offerSetVersion += 1
        state.offers[sku] = OfferRecord(
            offerId: state.nextOfferId, shopSKU: sku, productSKU: line.productId, price: line.price,
            quantity: line.quantity, stateCode: line.stateCode, importId: importId, updated: at)
        state.nextOfferId += 1
        return true
    }

    /// OF02: the tracking of one offer import.
    func offerImport(_ id: Int) throws(MiraklAPIError) -> OfferImportWire {
        let wire: OfferImportWire? = withSettledState { state, now in
            guard let job = state.offerImports[id] else { return nil }
            let status = job.status(at: now)
            let done = job.settled
            let read = job.table?.rows.count ?? 0
            return OfferImportWire(
                date_created: job.created, has_error_report: done && !job.errors.isEmpty, import_id: id,
                lines_in_error: done ? job.errors.count : 0, lines_in_pending: 0,
                lines_in_success: done ? job.succeeded : 0, lines_read: done ? read : 0, mode: job.mode,
                offer_deleted: job.deleted, offer_inserted: job.inserted, offer_updated: job.updated,
                reason_status: job.fileError ?? "", status: status)
        }
        guard let wire else { throw .notFound("Offer import \(id)") }
        return wire
    }

    /// OF03: the lines in error with the original columns plus `error-line` and `error-message`
    /// (spec OF03 example; mirakl-api.md §3).
    func offerErrorReport(_ id: Int) throws(MiraklAPIError) -> [UInt8] {
        let result: Result<[UInt8], MiraklAPIError> = withSettledState { state, _ in
            guard let job = state.offerImports[id] else { return .failure(.notFound("Offer import \(id)")) }
            guard job.settled, !job.errors.isEmpty, let table = job.table else {
                return .failure(.notFound("Error report of offer import \(id)"))
            }
            let width = table.header.count
            let rows = job.errors.map { error in
                Array((error.row + Array(repeating: "", count: max(0, width - error.row.count))).prefix(width))
                    + [String(error.lineNumber), error.message]
            }
            return .success(CSVTable(header: table.header + ["error-line", "error-message"], rows: rows).serialized())
        }
        return try result.get()
    }

    /// OF21: the shop's offers, sorted by shop SKU, paged.
    func offerList(sku: String?, max: Int, offset: Int) -> OfferListWire {
        withSettledState { state, now in
            let all: [OfferRecord]
            if let sku {
                all = state.offers[sku].map { [$0] } ?? []
            } else {
                if state.sortedOfferSKUs?.version != state.offerSetVersion {
                    state.sortedOfferSKUs = (state.offerSetVersion, state.offers.keys.sorted())
                }
                let skus = state.sortedOfferSKUs?.skus ?? []
                all = skus.dropFirst(offset).prefix(max).compactMap { state.offers[$0] }
            }
            let total = sku == nil ? state.offers.count : all.count
            let page = (sku == nil ? all : Array(all.dropFirst(offset).prefix(max))).map { offer in
                let product = state.products[offer.productSKU]
                let price = OfferWire.Price(price: offer.price, unit_origin_price: offer.price, volume_prices: [
                    .init(price: offer.price, quantity_threshold: 1, unit_discount_price: offer.price, unit_origin_price: offer.price),
                ])
                return OfferWire(
                    active: offer.active, all_prices: [price], category_code: product?.category ?? "",
                    category_label: product?.category ?? "", description: product?.description ?? "",
                    inactivity_reasons: offer.active ? [] : ["ZERO_QUANTITY"],
                    offer_id: offer.offerId, price: offer.price,
                    product_references: (product?.ean).map { [.init(reference: $0, reference_type: "EAN")] } ?? [],
                    product_sku: offer.productSKU, product_title: product?.name ?? "", quantity: offer.quantity,
                    shipping_deadline: now.addingTimeInterval(2 * 86_400), shop_sku: offer.shopSKU,
                    state_code: offer.stateCode, total_price: offer.price)
            }
            return OfferListWire(offers: Array(page), total_count: total)
        }
    }
}

/// An offer line's fields once judged acceptable.
private struct AcceptedOfferLine {
    let productId: String
    let price: Decimal
    let quantity: Int
    let stateCode: String
}

/// Why an offer line is refused: the message of its line in the error report.
private struct OfferLineRefusal: Error {
    let message: String

    init(_ message: String) { self.message = message }
}
