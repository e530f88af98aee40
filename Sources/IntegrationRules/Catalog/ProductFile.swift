/// The P41 product file (reference/mirakl-api.md §2 P41; the columns the sandbox documents in
/// `SandboxMirakl`, since Carrefour's own template is not public): one line per SKU,
/// `;`-separated and quoted, a header row.
///
/// Columns: `product-id` (VTEX product id), `shop-sku` (VTEX SKU id, the offer's `sku`), `name`
/// (the title, brand added when the store asks), `sku-name` (the SKU's name, a required field of the
/// seeds), `description`, `brand`, `ean`, `weight`, `height`, `width`, `length` (decimals with `.`),
/// `image-urls` (`|`-separated), `category` (the Carrefour category code when the store maps
/// categories, else the VTEX category name), then one column per Carrefour attribute code the
/// file's lines carry (``CatalogMapping``), sorted.
public enum ProductFile {
    /// The fixed columns, in the order written.
    public static let columns = [
        "product-id", "shop-sku", "name", "sku-name", "description", "brand", "ean",
        "weight", "height", "width", "length", "image-urls", "category",
    ]

    /// One line of the file: the values of ``columns`` for one SKU, and its attributes.
    public struct Line: Sendable, Equatable, Codable {
        public var productId: String
        public var shopSKU: String
        public var name: String
        public var skuName: String
        public var description: String
        public var brand: String
        public var ean: String
        public var weight: String
        public var height: String
        public var width: String
        public var length: String
        public var imageURLs: String
        public var category: String
        /// Carrefour attribute code → value.
        public var attributes: [String: String]

        public init(
            productId: String, shopSKU: String, name: String, skuName: String, description: String, brand: String,
            ean: String, weight: String, height: String, width: String, length: String, imageURLs: String,
            category: String, attributes: [String: String] = [:]
        ) {
            self.productId = productId
            self.shopSKU = shopSKU
            self.name = name
            self.skuName = skuName
            self.description = description
            self.brand = brand
            self.ean = ean
            self.weight = weight
            self.height = height
            self.width = width
            self.length = length
            self.imageURLs = imageURLs
            self.category = category
            self.attributes = attributes
        }

        enum CodingKeys: String, CodingKey {
            case productId, shopSKU, name, skuName, description, brand, ean, weight, height, width, length
            case imageURLs, category, attributes
        }

        /// Reads a line; one queued before the SKU name and attributes were sent has neither.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            productId = try c.decode(String.self, forKey: .productId)
            shopSKU = try c.decode(String.self, forKey: .shopSKU)
            name = try c.decode(String.self, forKey: .name)
            skuName = try c.decodeIfPresent(String.self, forKey: .skuName) ?? ""
            description = try c.decode(String.self, forKey: .description)
            brand = try c.decode(String.self, forKey: .brand)
            ean = try c.decode(String.self, forKey: .ean)
            weight = try c.decode(String.self, forKey: .weight)
            height = try c.decode(String.self, forKey: .height)
            width = try c.decode(String.self, forKey: .width)
            length = try c.decode(String.self, forKey: .length)
            imageURLs = try c.decode(String.self, forKey: .imageURLs)
            category = try c.decode(String.self, forKey: .category)
            attributes = try c.decodeIfPresent([String: String].self, forKey: .attributes) ?? [:]
        }

        /// The values in ``ProductFile/columns`` order.
        public var values: [String] {
            [productId, shopSKU, name, skuName, description, brand, ean, weight, height, width, length, imageURLs, category]
        }
    }

    /// The line of a valid product (see ``ProductValidation``): `brandInTitle` is the store
    /// setting, `category` the category it goes out with (``CatalogMapping/category(of:)``),
    /// `attributes` its Carrefour attributes.
    public static func line(
        for product: CatalogProduct, brandInTitle: Bool, category: String, attributes: [String: String] = [:]
    ) -> Line {
        Line(
            productId: product.productId, shopSKU: product.skuId,
            name: ProductTitle.title(name: product.productName, brand: product.brand, brandInTitle: brandInTitle),
            skuName: product.skuName.trimmingBlanks,
            description: product.description.trimmingBlanks, brand: product.brand.trimmingBlanks,
            ean: product.ean.trimmingBlanks, weight: number(product.weight ?? 0), height: number(product.height ?? 0),
            width: number(product.width ?? 0), length: number(product.length ?? 0),
            imageURLs: product.imageURLs.map { $0.trimmingBlanks }.filter { !$0.isEmpty }
                .map { $0.replacing("|", with: "%7C") }.joined(separator: "|"),
            category: category, attributes: attributes)
    }

    /// The whole file for `lines`, in their order: the fixed columns, then every attribute code any
    /// line carries (a line without one leaves it empty).
    public static func file(_ lines: [Line]) -> [UInt8] {
        let codes = Set(lines.flatMap(\.attributes.keys)).subtracting(columns).sorted()
        let rows = lines.map { line in line.values + codes.map { line.attributes[$0] ?? "" } }
        return DelimitedTable(header: columns + codes, rows: rows).serialized()
    }

    /// A number as the file writes it: no exponent, `.` for decimals, no trailing `.0`.
    public static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String((value * 10_000).rounded() / 10_000)
    }
}
