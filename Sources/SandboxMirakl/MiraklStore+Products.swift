import Foundation
import SandboxSupport

extension MiraklStore {
    /// P41: registers a product file; returns the import id. The lines are judged now (required
    /// fields, the category against the H11 hierarchy, one SKU per product, deleted and
    /// already-catalogued products) and revealed when the import completes.
    func importProducts(file: [UInt8]) -> Int {
        withSettledState { state, now in
            let id = state.nextImportId
            state.nextImportId += 1
            let runningAt = now.adding(settings.productImportWaiting)
            let sentAt = runningAt.adding(settings.productImportRunning)
            let completeAt = sentAt.adding(settings.productImportSent)
            var job = ProductImport(
                id: id, created: now, fileError: nil, lines: [], parsed: [],
                runningAt: runningAt, sentAt: sentAt, completeAt: completeAt)
            do {
                let table = try CSVTable.parse(file)
                switch ProductFile.read(table) {
                case .failure(let error): job.fileError = error.description
                case .success(let lines): job.parsed = lines
                }
            } catch {
                job.fileError = ProductFileError.unreadable(String(describing: error)).description
            }
            let skusPerProduct = Dictionary(grouping: job.parsed, by: \.productId).mapValues { Set($0.map(\.shopSKU)) }
            for line in job.parsed {
                var errors = line.errors + state.catalog.errors(ofCategory: line.category)
                if let skus = skusPerProduct[line.productId], skus.count > 1, !line.productId.isEmpty {
                    errors.append("2001|The product \(line.productId) has \(skus.count) SKUs: Carrefour does not accept products with variations")
                }
                if let existing = state.products[line.shopSKU] {
                    switch existing.stage {
                    case .deleted:
                        errors.append("2002|The product was deleted in Carrefour and can never be imported again")
                    case .integrated:
                        errors.append("2003|The product is already catalogued: Carrefour does not accept updates")
                    case .importing, .rejected:
                        break
                    }
                }
                job.lines.append(.init(lineNumber: line.lineNumber, shopSKU: line.shopSKU, productId: line.productId, errors: errors))
                // A new, importing or previously refused product takes this line's data; a deleted or
                // catalogued one keeps its record (the line is refused above).
                let replaceable: Bool = switch state.products[line.shopSKU]?.stage {
                case nil, .importing?, .rejected?: true
                case .integrated?, .deleted?: false
                }
                if !line.shopSKU.isEmpty, replaceable {
                    state.products[line.shopSKU] = ProductRecord(
                        shopSKU: line.shopSKU, productId: line.productId, name: line.name, skuName: line.skuName,
                        description: line.description, brand: line.brand, ean: line.ean, category: line.category,
                        imageURLs: line.imageURLs, attributes: line.attributes, stage: .importing, lastImportId: id)
                }
            }
            state.productImports[id] = job
            Self.recomputeDeadline(&state)
            return id
        }
    }

    /// Applies a completed product import to the products it named.
    static func completeProductImport(_ id: Int, in state: inout State, settings: MiraklSettings) {
        guard var job = state.productImports[id] else { return }
        job.settled = true
        state.productImports[id] = job
        guard job.fileError == nil else {
            for line in job.lines where state.products[line.shopSKU]?.stage == .importing
                && state.products[line.shopSKU]?.lastImportId == id {
                state.products[line.shopSKU]?.stage = .rejected(job.fileError ?? "FAILED")
            }
            return
        }
        let liveAt = job.completeAt.adding(settings.cataloguingDelay)
        for line in job.lines {
            // Only the import that last wrote the product decides its fate.
            guard var product = state.products[line.shopSKU], product.lastImportId == id,
                  product.stage == .importing else { continue }
            product.stage = line.errors.isEmpty ? .integrated(liveAt: liveAt) : .rejected(line.errors.joined(separator: ", "))
            state.products[line.shopSKU] = product
        }
    }

    /// P42: the tracking of one import.
    func productImport(_ id: Int) throws(MiraklAPIError) -> ProductImportWire {
        let wire: ProductImportWire? = withSettledState { state, now in
            state.productImports[id].map { Self.wire(of: $0, at: now, shopId: settings.shopId) }
        }
        guard let wire else { throw .notFound("Product import \(id)") }
        return wire
    }

    /// P51: every import, newest first, filtered and paged.
    func productImports(status: String?, since: Date?, max: Int, offset: Int) -> ProductImportListWire {
        withSettledState { state, now in
            let all = state.productImports.values
                .sorted { $0.id > $1.id }
                .filter { job in since.map { job.lastChange(at: now) >= $0 } ?? true }
                .map { Self.wire(of: $0, at: now, shopId: settings.shopId) }
                .filter { status == nil || $0.import_status == status }
            return ProductImportListWire(
                product_import_trackings: Array(all.dropFirst(offset).prefix(max)), total_count: all.count)
        }
    }

    static func wire(of job: ProductImport, at now: Date, shopId: Int) -> ProductImportWire {
        let status = job.status(at: now)
        let complete = status == "COMPLETE"
        let accepted = job.acceptedLines.count
        let rejected = job.rejectedLines.count
        return ProductImportWire(
            date_created: job.created,
            has_error_report: complete && rejected > 0,
            has_new_product_report: complete && accepted > 0,
            import_id: job.id,
            import_status: status,
            integration_details: complete
                ? .init(invalid_products: rejected, products_successfully_synchronized: accepted, rejected_products: rejected)
                : nil,
            reason_status: status == "FAILED" ? job.fileError : nil,
            shop_id: shopId,
            transform_lines_read: job.lines.count)
    }

    /// P44 (`errors: true`) or P45: the report CSV of a completed import.
    func productReport(_ id: Int, errors: Bool) throws(MiraklAPIError) -> [UInt8] {
        let result: Result<[UInt8], MiraklAPIError> = withSettledState { state, now in
            guard let job = state.productImports[id] else { return .failure(.notFound("Product import \(id)")) }
            guard job.status(at: now) == "COMPLETE" else {
                return .failure(.notFound("The report of import \(id) (status \(job.status(at: now)))"))
            }
            let lines = errors ? job.rejectedLines : job.acceptedLines
            guard !lines.isEmpty else { return .failure(.notFound(errors ? "Error report of import \(id)" : "New product report of import \(id)")) }
            let table = CSVTable(
                header: ["line", "shop_sku", "product_id", errors ? "errors" : "messages"],
                rows: lines.map { [String($0.lineNumber), $0.shopSKU, $0.productId,
                                   errors ? $0.errors.joined(separator: ", ") : "Product integrated"] })
            return .success(table.serialized())
        }
        return try result.get()
    }

    /// Admin: deletes a product in "the Carrefour panel"; its offer goes too. It can never be
    /// imported again (how-the-carrefour-integration-works.md "Product updates", NOTE).
    func deleteProduct(shopSKU: String) -> Bool {
        withSettledState { state, _ in
            let existed = state.products[shopSKU] != nil
            var product = state.products[shopSKU] ?? ProductRecord(
                shopSKU: shopSKU, productId: "", name: "", description: "", brand: "", ean: "", category: "",
                imageURLs: [], stage: .deleted, lastImportId: 0)
            product.stage = .deleted
            state.products[shopSKU] = product
            state.offers[shopSKU] = nil
            state.offerSetVersion += 1
            return existed
        }
    }
}

extension Date {
    /// The date a (sandbox) duration later.
    func adding(_ duration: Duration) -> Date {
        addingTimeInterval(duration.seconds)
    }
}
