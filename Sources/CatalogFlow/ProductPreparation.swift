import Connector
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import IntegrationRules
import VTEXAPI
import WorkerRuntime

/// Reads a SKU from VTEX (its context on the trade policy and its product's SKUs), validates
/// it, and either queues it for the next P41 batch or logs why it cannot be sent.
struct ProductPreparation: Sendable {
    let context: CatalogContext

    /// Validates `sku` and queues it (`product.ready`), logging the outcome; a SKU that cannot be
    /// sent is logged as an error and thrown as a business failure (parked for a reprocess).
    /// `operation` identifies the delivery that asked (for the log's idempotency).
    func prepare(_ sku: String, operation: String) async throws(WorkFailure) {
        let product = try await read(sku, operation: operation)
        var problems = ProductValidation.problems(of: product, tradePolicy: context.store.tradePolicy)
        let mapping = context.settings.mapping
        let category: String
        switch mapping.category(of: product, known: try await context.lists.leafCategories()) {
        case .success(let code): category = code
        case .failure(let problem):
            category = ""
            problems.append(problem)
        }
        guard problems.isEmpty else {
            let message = "not sent to Carrefour: " + problems.map(\.description).joined(separator: "; ")
            try await context.log.record(context.event(sku, operation: "validate:\(operation)", status: .error, message: message))
            throw .business(message)
        }
        let line = ProductFile.line(
            for: product, brandInTitle: context.store.brandInTitle, category: category, attributes: mapping.attributes(of: product))
        let ready = ProductReady(skuId: sku, line: line)
        try await context.log.record(context.event(
            sku, operation: "queue:\(operation)", status: .pending,
            message: "valid; queued for the next product import (one every \(SettingsSource.format(context.settings.productImportInterval)))",
            translated: String(decoding: ProductFile.file([line]), as: UTF8.self)))
        try await context.publish([ready.message(exchange: context.exchange, id: "ready:\(operation)", appID: CatalogContext.worker)])
    }

    /// The rules' view of `sku`; a SKU VTEX does not know is logged and parked.
    private func read(_ sku: String, operation: String) async throws(WorkFailure) -> CatalogProduct {
        let skuContext: SKUContext
        let siblings: [ProductSKU]
        do {
            skuContext = try await context.vtex.skuContext(sku, tradePolicy: context.store.tradePolicy)
            siblings = try await context.vtex.skus(ofProduct: String(skuContext.ProductId))
        } catch .notFound(_, let message) {
            let text = "not sent to Carrefour: VTEX does not know SKU \(sku) (\(message))"
            try await context.log.record(context.event(sku, operation: "validate:\(operation)", status: .error, message: text))
            throw .business(text)
        } catch {
            throw WorkFailure(classifying: error)
        }
        return CatalogProduct(skuContext, siblings: siblings)
    }
}

extension CatalogProduct {
    /// The rules' view of a VTEX SKU context (reference/vtex-apis.md §1) and its product's SKUs.
    init(_ sku: SKUContext, siblings: [ProductSKU]) {
        let leafCategory = sku.ProductCategoryIds?.split(separator: "/").last.map(String.init)
        self.init(
            skuId: String(sku.Id), productId: String(sku.ProductId), productName: sku.ProductName ?? "",
            skuName: sku.SkuName ?? "", description: sku.ProductDescription ?? "", brand: sku.BrandName ?? "",
            ean: sku.AlternateIds?.Ean ?? "", weight: sku.Dimension?.weight, height: sku.Dimension?.height,
            width: sku.Dimension?.width, length: sku.Dimension?.length,
            imageURLs: (sku.Images ?? []).compactMap(\.ImageUrl),
            category: leafCategory.flatMap { sku.ProductCategories?[$0] } ?? sku.ProductCategories?.values.sorted().first ?? "",
            skuActive: sku.IsActive ?? false, productActive: sku.IsProductActive ?? true,
            tradePolicies: (sku.SalesChannels ?? []).map(String.init),
            productSKUIds: siblings.map { String($0.Id) })
        self.categoryId = leafCategory ?? ""
        specifications = ((sku.ProductSpecifications ?? []) + (sku.SkuSpecifications ?? [])).compactMap { spec in
            spec.FieldName.map { Specification(name: $0, values: spec.FieldValues ?? []) }
        }
    }
}
