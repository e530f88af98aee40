import Hummingbird

/// `GET /api/catalog_system/pvt/sku/stockkeepingunitbyid/{skuId}` (SkuContext): every field the Catalog spec
/// marks required, with the listing data of vtex-apis.md §1. A missing EAN leaves `AlternateIds.Ean` out and
/// `AlternateIdValues` empty; missing dimensions read as zeros; missing images as an empty `Images`.
struct SKUContext: ResponseEncodable, Sendable {
    struct Dimension: Encodable, Sendable { var cubicweight: Double; var height: Double; var length: Double; var weight: Double; var width: Double }
    struct RealDimension: Encodable, Sendable {
        var realCubicWeight: Double; var realHeight: Double; var realLength: Double; var realWeight: Double; var realWidth: Double
    }
    struct SkuSeller: Encodable, Sendable {
        var SellerId: String; var StockKeepingUnitId: Int; var SellerStockKeepingUnitId: String; var IsActive: Bool
        var FreightCommissionPercentage: Double; var ProductCommissionPercentage: Double
    }
    struct Image: Encodable, Sendable { var ImageUrl: String; var ImageName: Nullable<String>; var FileId: Int }
    struct Specification: Encodable, Sendable { var FieldId: Int; var FieldName: String; var FieldValueIds: [Int]; var FieldValues: [String] }
    struct AlternateIds: Encodable, Sendable { var Ean: String?; var RefId: String }

    var Id: Int
    var ProductId: Int
    var NameComplete: String
    var ComplementName: String = ""
    var ProductName: String
    var ProductDescription: String
    var ProductRefId: String
    var TaxCode: String = ""
    var SkuName: String
    var IsActive: Bool
    var IsTransported: Nullable<Bool> = Nullable(true)
    var IsInventoried: Nullable<Bool> = Nullable(true)
    var IsGiftCardRecharge: Bool = false
    var ImageUrl: String
    var DetailUrl: String
    var CSCIdentification: Nullable<String> = nil
    var BrandId: String
    var BrandName: String
    var Dimension: Dimension
    var RealDimension: RealDimension
    var ManufacturerCode: String
    var IsKit: Bool = false
    var KitItems: [String] = []
    var Services: [String] = []
    var Categories: [String] = []
    var Attachments: [String] = []
    var Collections: [String] = []
    var SkuSellers: [SkuSeller]
    var SalesChannels: [Int]
    var Images: [Image]
    var SkuSpecifications: [Specification] = []
    var ProductSpecifications: [Specification]
    var ProductClustersIds: String = ""
    var ProductCategoryIds: String
    var ProductGlobalCategoryId: Nullable<Int> = nil
    var ProductCategories: [String: String]
    var CommercialConditionId: Int = 1
    var RewardValue: Double = 0
    var AlternateIds: AlternateIds
    var AlternateIdValues: [String]
    var EstimatedDateArrival: Nullable<String> = nil
    var MeasurementUnit: String = "un"
    var UnitMultiplier: Double = 1
    var InformationSource: Nullable<String> = nil
    var ModalType: Nullable<String> = nil
    var KeyWords: Nullable<String> = nil
    var ReleaseDate: Nullable<String> = nil
    var ProductIsVisible: Bool
    var ShowIfNotAvailable: Bool = true
    var IsProductActive: Bool
    var ProductFinalScore: Int = 0
}

extension SKUContext {
    /// The SKU context of one seeded SKU and its product.
    init(sku: CatalogSKU, product: CatalogProduct) {
        let dimensions = sku.dimensions ?? SKUDimensions(height: 0, width: 0, length: 0, weight: 0)
        self.init(
            Id: sku.id, ProductId: product.id, NameComplete: sku.name, ProductName: product.name,
            ProductDescription: product.description, ProductRefId: product.refId, SkuName: sku.name,
            IsActive: sku.isActive, ImageUrl: sku.images.first?.url ?? "", DetailUrl: "/\(product.id)/p",
            BrandId: String(product.brandId), BrandName: product.brandName,
            Dimension: .init(cubicweight: dimensions.cubicWeight, height: dimensions.height, length: dimensions.length,
                             weight: dimensions.weight, width: dimensions.width),
            RealDimension: .init(realCubicWeight: dimensions.cubicWeight, realHeight: dimensions.height,
                                 realLength: dimensions.length, realWeight: dimensions.weight,
                                 realWidth: dimensions.width),
            ManufacturerCode: sku.manufacturerCode,
            SkuSellers: [.init(SellerId: "1", StockKeepingUnitId: sku.id, SellerStockKeepingUnitId: String(sku.id),
                               IsActive: sku.isActive, FreightCommissionPercentage: 0, ProductCommissionPercentage: 0)],
            SalesChannels: product.salesChannels,
            Images: sku.images.map { .init(ImageUrl: $0.url, ImageName: Nullable($0.name), FileId: $0.fileId) },
            // A SKU specification too, derived from the id so the seeded data stays as it was: the
            // seeds send product and SKU specifications (how-the-carrefour-integration-works.md §1).
            SkuSpecifications: [.init(FieldId: 2, FieldName: "Voltagem", FieldValueIds: [sku.id % 2 + 1],
                                      FieldValues: [sku.id.isMultiple(of: 2) ? "220V" : "110V"])],
            ProductSpecifications: [.init(FieldId: 1, FieldName: "Marca", FieldValueIds: [product.brandId],
                                          FieldValues: [product.brandName])],
            ProductCategoryIds: "/\(product.categoryId)/",
            ProductCategories: [String(product.categoryId): product.categoryName],
            AlternateIds: .init(Ean: sku.ean, RefId: sku.refId),
            AlternateIdValues: [sku.ean, sku.refId].compactMap { $0 },
            ProductIsVisible: product.isVisible, IsProductActive: product.isActive)
    }
}
