/// `GET /api/catalog_system/pvt/sku/stockkeepingunitbyid/{skuId}?sc=` (SkuContext, "Get SKU and
/// context"; reference/vtex-apis.md §1): the listing data of one SKU and its product. Only the
/// ids are required here; every other field is optional so that a missing one becomes a precise
/// validation message ("EAN missing") rather than an undecodable answer.
public struct SKUContext: Sendable, Equatable, Decodable {
    /// `Dimension`: the package dimensions used for shipping (cm and the store's weight unit).
    public struct Dimension: Sendable, Equatable, Decodable {
        public var cubicweight: Double?
        public var height: Double?
        public var length: Double?
        public var weight: Double?
        public var width: Double?

        public init(cubicweight: Double? = nil, height: Double?, length: Double?, weight: Double?, width: Double?) {
            self.cubicweight = cubicweight
            self.height = height
            self.length = length
            self.weight = weight
            self.width = width
        }
    }

    /// One of `Images`.
    public struct Image: Sendable, Equatable, Decodable {
        public var ImageUrl: String?
        public var ImageName: String?
        public var FileId: Int?

        public init(ImageUrl: String?, ImageName: String? = nil, FileId: Int? = nil) {
            self.ImageUrl = ImageUrl
            self.ImageName = ImageName
            self.FileId = FileId
        }
    }

    /// `AlternateIds`: the EAN and the reference id.
    public struct AlternateIds: Sendable, Equatable, Decodable {
        public var Ean: String?
        public var RefId: String?

        public init(Ean: String?, RefId: String? = nil) {
            self.Ean = Ean
            self.RefId = RefId
        }
    }

    /// One of `ProductSpecifications` / `SkuSpecifications`.
    public struct Specification: Sendable, Equatable, Decodable {
        public var FieldName: String?
        public var FieldValues: [String]?

        public init(FieldName: String?, FieldValues: [String]?) {
            self.FieldName = FieldName
            self.FieldValues = FieldValues
        }
    }

    public var Id: Int
    public var ProductId: Int
    public var NameComplete: String?
    public var ProductName: String?
    public var ProductDescription: String?
    public var ProductRefId: String?
    public var SkuName: String?
    public var IsActive: Bool?
    public var IsProductActive: Bool?
    public var BrandId: String?
    public var BrandName: String?
    public var Dimension: Dimension?
    public var ManufacturerCode: String?
    public var SalesChannels: [Int]?
    public var Images: [Image]?
    public var ProductCategoryIds: String?
    public var ProductCategories: [String: String]?
    public var AlternateIds: AlternateIds?
    public var ProductSpecifications: [Specification]?
    public var SkuSpecifications: [Specification]?

    public init(
        Id: Int, ProductId: Int, NameComplete: String? = nil, ProductName: String?, ProductDescription: String?,
        ProductRefId: String? = nil, SkuName: String?, IsActive: Bool?, IsProductActive: Bool? = nil,
        BrandId: String? = nil, BrandName: String?, Dimension: Dimension?, ManufacturerCode: String? = nil,
        SalesChannels: [Int]?, Images: [Image]?, ProductCategoryIds: String? = nil,
        ProductCategories: [String: String]? = nil, AlternateIds: AlternateIds?,
        ProductSpecifications: [Specification]? = nil, SkuSpecifications: [Specification]? = nil
    ) {
        self.Id = Id
        self.ProductId = ProductId
        self.NameComplete = NameComplete
        self.ProductName = ProductName
        self.ProductDescription = ProductDescription
        self.ProductRefId = ProductRefId
        self.SkuName = SkuName
        self.IsActive = IsActive
        self.IsProductActive = IsProductActive
        self.BrandId = BrandId
        self.BrandName = BrandName
        self.Dimension = Dimension
        self.ManufacturerCode = ManufacturerCode
        self.SalesChannels = SalesChannels
        self.Images = Images
        self.ProductCategoryIds = ProductCategoryIds
        self.ProductCategories = ProductCategories
        self.AlternateIds = AlternateIds
        self.ProductSpecifications = ProductSpecifications
        self.SkuSpecifications = SkuSpecifications
    }
}
