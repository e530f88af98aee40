/// Whether a SKU may be sent to Carrefour as a product (seeds
/// how-the-carrefour-integration-works.md §1): every required field filled (product name and
/// description; SKU name, EAN, weight, height, width, length, images), one SKU per product
/// ("Carrefour does not accept products with variations"), active, and on the integration's
/// trade policy (vtex-apis.md §7: "check the product is active and is in the trade policy").
public enum ProductValidation {
    /// Every problem of `product` for trade policy `tradePolicy`, in a stable order; empty when
    /// it may be sent.
    public static func problems(of product: CatalogProduct, tradePolicy: String) -> [ProductProblem] {
        var problems: [ProductProblem] = []
        if !product.skuActive { problems.append(.inactiveSKU) }
        if !product.productActive { problems.append(.inactiveProduct(productId: product.productId)) }
        if !product.tradePolicies.contains(tradePolicy) {
            problems.append(.notInTradePolicy(tradePolicy: tradePolicy, policies: product.tradePolicies))
        }
        let siblings = Set(product.productSKUIds + [product.skuId])
        if siblings.count > 1 {
            problems.append(.variations(
                productId: product.productId, skuIds: siblings.sorted { ($0.count, $0) < ($1.count, $1) }))
        }
        if product.productName.trimmingBlanks.isEmpty { problems.append(.missing(field: "product name")) }
        if visibleText(product.description).isEmpty { problems.append(.missing(field: "description")) }
        if product.skuName.trimmingBlanks.isEmpty { problems.append(.missing(field: "SKU name")) }
        let ean = product.ean.trimmingBlanks
        if ean.isEmpty {
            problems.append(.missing(field: "EAN"))
        } else if let expected = GTIN.expectedCheckDigit(of: ean) {
            if !GTIN.isValid(ean) { problems.append(.eanCheckDigit(ean, expected: expected)) }
        } else {
            problems.append(.invalidEAN(ean))
        }
        let measures = [("weight", product.weight), ("height", product.height), ("width", product.width), ("length", product.length)]
        for (field, value) in measures where !((value ?? 0) > 0 && (value ?? 0).isFinite) {
            problems.append(.notPositive(field: field, value: value))
        }
        if product.imageURLs.allSatisfy({ $0.trimmingBlanks.isEmpty }) { problems.append(.noImage) }
        return problems
    }

    /// 8, 12, 13 or 14 ASCII digits (EAN-8, UPC-A, EAN-13, GTIN-14) ending with the right GS1 check
    /// digit, as the product file requires.
    public static func isValidEAN(_ ean: String) -> Bool {
        GTIN.isValid(ean)
    }

    /// The text a description shows: tags, entities such as `&nbsp;` and blanks removed.
    static func visibleText(_ html: String) -> String {
        var text = ""
        var inTag = false
        for character in html {
            switch character {
            case "<": inTag = true
            case ">": inTag = false
            default: if !inTag { text.append(character) }
            }
        }
        for entity in ["&nbsp;", "&#160;"] { text = text.replacing(entity, with: " ") }
        return String(text.filter { !$0.isWhitespace })
    }
}
