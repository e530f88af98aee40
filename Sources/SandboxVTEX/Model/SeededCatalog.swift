/// The deterministic starting data of the fake store: products, SKUs, prices, promotions and stock.
///
/// Product `i` (1-based) has id `1000 + i` and SKU id `2000 + i`; the second SKU of the two-SKU product
/// has id `2000 + productCount + 1`. The first products carry one defect each, in this order (only
/// those with `i ≤ productCount` exist): 2 missing EAN, 3 missing dimensions, 4 missing images,
/// 5 two SKUs, 6 inactive SKU, 7 not in the affiliate's trade policy, 8 fixed price on the trade
/// policy, 9 under a 10 % promotion, 10 out of stock. Product 1 and those after 10 are valid.
/// Names, prices, stock and EANs come from the seed.
struct SeededCatalog: Sendable {
    var products: [Int: CatalogProduct] = [:]
    var skus: [Int: CatalogSKU] = [:]
    var prices: [Int: SKUPrice] = [:]
    var inventory: [Int: InventoryLevel] = [:]
    var promotions: [Promotion] = []

    private static let adjectives = ["Classic", "Smart", "Compact", "Deluxe", "Eco", "Pro", "Ultra", "Mini"]
    private static let nouns = ["Kettle", "Blender", "Lamp", "Backpack", "Speaker", "Toaster", "Ball", "Chair",
                                "Headphones", "Fan", "Mug", "Drill"]
    private static let brands = [(1, "Acme"), (2, "Globex"), (3, "Initech"), (4, "Umbrella")]
    private static let categories = [(10, "Casa"), (20, "Eletronicos"), (30, "Esporte"), (40, "Ferramentas")]

    /// Builds the catalog for `seed` and `productCount` products on `tradePolicyId` (another policy, id
    /// `tradePolicyId + 1`, holds the SKU that is deliberately outside the affiliate's policy).
    init(seed: UInt64, productCount: Int, tradePolicyId: Int) {
        var random = SeededRandom(seed: seed)
        let count = max(1, productCount)
        for index in 1...count {
            let productId = 1000 + index
            let (brandId, brandName) = random.pick(Self.brands)
            let (categoryId, categoryName) = random.pick(Self.categories)
            let name = "\(random.pick(Self.adjectives)) \(random.pick(Self.nouns)) \(index)"
            let trait = Self.trait(of: index)
            products[productId] = CatalogProduct(
                id: productId, name: name, description: "<p>\(name) by \(brandName).</p>",
                refId: "REF-\(productId)", brandId: brandId, brandName: brandName,
                categoryId: categoryId, categoryName: categoryName, isActive: true, isVisible: true,
                salesChannels: trait == "notInTradePolicy" ? [tradePolicyId + 1] : [tradePolicyId, tradePolicyId + 1])
            var skuIds = [2000 + index]
            if trait == "twoSKUs" { skuIds.append(2000 + count + 1) }
            for (position, skuId) in skuIds.enumerated() {
                let skuName = skuIds.count > 1 ? "\(name) \(position == 0 ? "P" : "G")" : name
                addSKU(id: skuId, productId: productId, name: skuName, trait: trait, random: &random)
            }
            if trait == "fixedPrice", let base = prices[2000 + index]?.basePrice {
                prices[2000 + index]?.fixedPrices[String(tradePolicyId)] = base + base / 2
            }
            if trait == "percentagePromotion" {
                promotions.append(Promotion(id: "PROMO-10", name: "10% off \(name)", percentage: 10,
                                            skuIds: [2000 + index], tradePolicies: [tradePolicyId]))
            }
        }
    }

    /// The defect seeded on product `index`, or "valid".
    static func trait(of index: Int) -> String {
        switch index {
        case 2: "missingEAN"
        case 3: "missingDimensions"
        case 4: "missingImages"
        case 5: "twoSKUs"
        case 6: "inactiveSKU"
        case 7: "notInTradePolicy"
        case 8: "fixedPrice"
        case 9: "percentagePromotion"
        case 10: "outOfStock"
        default: "valid"
        }
    }

    private mutating func addSKU(id: Int, productId: Int, name: String, trait: String, random: inout SeededRandom) {
        let dimensions = SKUDimensions(
            height: Double(random.int(in: 5...60)), width: Double(random.int(in: 5...60)),
            length: Double(random.int(in: 5...60)), weight: Double(random.int(in: 100...5000)))
        let imageCount = random.int(in: 1...3)
        let images = (0..<imageCount).map { n in
            SKUImage(fileId: id * 10 + n, url: "https://sandbox.vteximg.com.br/arquivos/ids/\(id * 10 + n)/sku-\(id)-\(n).jpg",
                     name: "sku-\(id)-\(n)")
        }
        skus[id] = CatalogSKU(
            id: id, productId: productId, name: name, refId: "SKU-\(id)",
            ean: trait == "missingEAN" ? nil : Self.ean(random: &random),
            isActive: trait != "inactiveSKU",
            dimensions: trait == "missingDimensions" ? nil : dimensions,
            images: trait == "missingImages" ? [] : images,
            manufacturerCode: "MC-\(id)", traits: [trait])
        let base = random.int(in: 9...299) * 100 + 90
        prices[id] = SKUPrice(basePrice: base, listPrice: base + random.int(in: 0...5) * 100, fixedPrices: [:])
        inventory[id] = InventoryLevel(
            totalQuantity: trait == "outOfStock" ? 0 : random.int(in: 5...200), reservedQuantity: 0, unlimited: false)
    }

    /// A valid EAN-13 ("789" prefix plus nine random digits and the check digit).
    static func ean(random: inout SeededRandom) -> String {
        var digits = [7, 8, 9] + (0..<9).map { _ in random.int(in: 0...9) }
        digits.append(checkDigit(digits))
        return digits.map(String.init).joined()
    }

    /// The EAN-13 check digit of twelve digits.
    static func checkDigit(_ digits: [Int]) -> Int {
        let sum = digits.enumerated().reduce(0) { $0 + $1.element * ($1.offset % 2 == 0 ? 1 : 3) }
        return (10 - sum % 10) % 10
    }
}
