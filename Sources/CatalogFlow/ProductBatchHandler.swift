import WorkerRuntime

/// `catalog.products` as a batch: the latest `product.ready` of each SKU, flushed once per
/// `CARREFOUR_PRODUCT_IMPORT_INTERVAL` into one P41 (``ProductImportSender``).
struct ProductBatchHandler: BatchHandler {
    let sender: ProductImportSender

    var acceptedTypes: Set<String> { [ProductReady.routingKey] }

    func key(for message: InboundMessage) throws(WorkFailure) -> String {
        try ProductReady.decode(message).skuId
    }

    func flush(_ batch: [String: InboundMessage]) async throws(WorkFailure) -> [String: WorkFailure] {
        try await sender.send(batch)
    }
}
