/// The P41 product file (reference/mirakl-api.md §2 P41; the columns the sandbox documents in
/// `SandboxMirakl`, since Carrefour's own template is not public): one line per SKU,
/// `;`-separated and quoted, a header row.
///
/// Columns: `product-id` (VTEX product id), `shop-sku` (VTEX SKU id, the offer's `sku`), `name`
/// (the title, brand added when the store asks), `description`, `brand`, `ean`, `weight`,
/// `height`, `width`, `length` (decimals with `.`), `image-urls` (`|`-separated), `category`.
public enum ProductFile {
    /// The columns, in the order written.
    public static let columns = [
        "product-id", "shop-sku", "name", "description", "brand", "ean",
        "weight", "height", "width", "length", "image-urls", "category",
    ]

    /// One line of the file: the values of ``columns`` for one SKU.
    public struct Line: Sendable, Equatable, Codable {
        public var productId: String
        public var shopSKU: String
        public var name: String
        public var description: String
        public var brand: String
        public var ean: String
        public var weight: String
        public var height: String
        public var width: String
        public var length: String
        public var imageURLs: String
        public var category: String

        public init(
            productId: String, shopSKU: String, name: String, description: String, brand: String, ean: String,
            weight: String, height: String, width: String, length: String, imageURLs: String, category: String
        ) {
            self.productId = productId
            self.shopSKU = shopSKU
            self.name = name
            self.description = description
            self.brand = brand
            self.ean = ean
            self.weight = weight
            self.height = height
            self.width = width
            self.length = length
            self.imageURLs = imageURLs
            self.category = category
        }

        /// The values in ``ProductFile/columns`` order.
        public var values: [String] {
            [productId, shopSKU, name, description, brand, ean, weight, height, width, length, imageURLs, category]
        }
    }

    /// The line of a valid product (see ``ProductValidation``); `brandInTitle` is the store setting.
    public static func line(for product: CatalogProduct, brandInTitle: Bool) -> Line {
        Line(
            productId: product.productId, shopSKU: product.skuId,
            name: ProductTitle.title(name: product.productName, brand: product.brand, brandInTitle: brandInTitle),
            description: product.description.trimmingBlanks, brand: product.brand.trimmingBlanks,
            ean: product.ean.trimmingBlanks, weight: number(product.weight ?? 0), height: number(product.height ?? 0),
            width: number(product.width ?? 0), length: number(product.length ?? 0),
            imageURLs: product.imageURLs.map { $0.trimmingBlanks }.filter { !$0.isEmpty }
                .map { $0.replacing("|", with: "%7C") }.joined(separator: "|"),
            category: product.category.trimmingBlanks)
    }

    /// The whole file for `lines`, in their order.
    public static func file(_ lines: [Line]) -> [UInt8] {
        DelimitedTable(header: columns, rows: lines.map(\.values)).serialized()
    }

    /// A number as the file writes it: no exponent, `.` for decimals, no trailing `.0`.
    public static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String((value * 10_000).rounded() / 10_000)
    }
}
