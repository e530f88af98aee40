/// What the catalog rules know of one VTEX SKU and its product: the seeds' fields
/// (how-the-carrefour-integration-works.md "The fields that are sent") and what the eligibility
/// rules need (active, trade policies, the product's other SKUs). The catalog flow fills it from
/// VTEX's SKU context; the rules never call anyone.
public struct CatalogProduct: Sendable, Equatable {
    /// The VTEX SKU id: the Mirakl shop SKU.
    public var skuId: String
    /// The VTEX product id.
    public var productId: String
    /// The product's name (required).
    public var productName: String
    /// The SKU's name (required).
    public var skuName: String
    /// The product's description, HTML allowed (required).
    public var description: String
    /// The brand (optional; added to the title when the store asks for it).
    public var brand: String
    /// The SKU's EAN (required).
    public var ean: String
    /// Weight in the store's unit (grams in VTEX's default), required and positive.
    public var weight: Double?
    /// Height, width and length in centimetres, required and positive.
    public var height: Double?
    public var width: Double?
    public var length: Double?
    /// Full-size image URLs (at least one required).
    public var imageURLs: [String]
    /// The product's category name (optional).
    public var category: String
    /// Whether the SKU is active in VTEX.
    public var skuActive: Bool
    /// Whether the product is active in VTEX.
    public var productActive: Bool
    /// The trade policies (sales channels) the product is on.
    public var tradePolicies: [String]
    /// Every SKU id of the product in VTEX, this one included.
    public var productSKUIds: [String]
    /// The VTEX id of the product's category (the last of its category path).
    public var categoryId = ""
    /// The product's and the SKU's specifications (how-the-carrefour-integration-works.md "The
    /// fields that are sent": Specifications, product and SKU).
    public var specifications: [Specification] = []

    /// One VTEX specification: its name and values.
    public struct Specification: Sendable, Equatable {
        public var name: String
        public var values: [String]

        public init(name: String, values: [String]) {
            self.name = name
            self.values = values
        }
    }

    public init(
        skuId: String, productId: String, productName: String, skuName: String, description: String, brand: String,
        ean: String, weight: Double?, height: Double?, width: Double?, length: Double?, imageURLs: [String],
        category: String, skuActive: Bool, productActive: Bool, tradePolicies: [String], productSKUIds: [String]
    ) {
        self.skuId = skuId
        self.productId = productId
        self.productName = productName
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
        self.skuActive = skuActive
        self.productActive = productActive
        self.tradePolicies = tradePolicies
        self.productSKUIds = productSKUIds
    }
}
