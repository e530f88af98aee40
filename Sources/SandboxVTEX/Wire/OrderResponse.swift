import Foundation
import Hummingbird

/// `GET /api/oms/pvt/orders/{orderId}` (GetOrder): the fields a connector reads (vtex-apis.md §5 "Get-order
/// response"), with `packageAttachment.packages[].courierStatus.finished` carrying "delivered".
struct OrderResponse: ResponseEncodable, Sendable {
    struct Total: Encodable, Sendable { var id: String; var name: String; var value: Int }
    struct Seller: Encodable, Sendable { var id: String; var name: String; var logo: Nullable<String>; var fulfillmentEndpoint: String }
    struct Item: Encodable, Sendable {
        struct AdditionalInfo: Encodable, Sendable {
            struct Dimension: Encodable, Sendable { var cubicweight: Double; var height: Int; var length: Int; var weight: Int; var width: Int }
            var brandName: String
            var brandId: String
            var categoriesIds: String
            var productClusterId: String = ""
            var commercialConditionId: String = "1"
            var dimension: Dimension
        }
        var uniqueId: String
        var id: String
        var productId: String
        var ean: Nullable<String>
        var quantity: Int
        var seller: String = "1"
        var name: String
        var refId: String
        var price: Int
        var listPrice: Int
        var sellingPrice: Int
        var imageUrl: String
        var detailUrl: String
        var sellerSku: String
        var tax: Int = 0
        var measurementUnit: String = "un"
        var unitMultiplier: Int = 1
        var isGift: Bool = false
        var additionalInfo: AdditionalInfo
        var priceDefinitions: PriceDefinition
    }
    struct Client: Encodable, Sendable {
        var id: String = "clientProfileData"
        var email: String
        var firstName: String
        var lastName: String
        var documentType: String = "cpf"
        var document: String
        var phone: String
        var corporateName: Nullable<String>
        var tradeName: Nullable<String>
        var corporateDocument: Nullable<String>
        var stateInscription: Nullable<String>
        var corporatePhone: Nullable<String>
        var isCorporate: Bool
    }
    struct Address: Encodable, Sendable {
        var addressType: String
        var receiverName: String
        var addressId: String
        var postalCode: String
        var city: String
        var state: String
        var country: String
        var street: String
        var number: String
        var neighborhood: String
        var complement: String
        var reference: Nullable<String> = nil
        var geoCoordinates: [Double]
    }
    struct Logistics: Encodable, Sendable {
        struct DeliveryId: Encodable, Sendable {
            var courierId: String; var courierName: String; var dockId: String; var quantity: Int; var warehouseId: String
        }
        struct Channel: Encodable, Sendable { var id: String }
        var itemIndex: Int
        var selectedSla: String
        var lockTTL: String
        var price: Int
        var listPrice: Int
        var sellingPrice: Int
        var deliveryCompany: String
        var shippingEstimate: String
        var shipsTo: [String]
        var deliveryIds: [DeliveryId]
        var deliveryChannels: [Channel]
        var selectedDeliveryChannel: String
        var pickupPointId: Nullable<String>
        var transitTime: Nullable<String>
    }
    struct TrackingHint: Encodable, Sendable { var trackingId: String; var courierName: String; var trackingUrl: String; var trackingLabel: String }
    struct ShippingData: Encodable, Sendable {
        var id: String = "shippingData"
        var address: Address
        var logisticsInfo: [Logistics]
        var trackingHints: Nullable<[TrackingHint]>
        var selectedAddresses: [Address]
    }
    struct Package: Encodable, Sendable {
        struct Line: Encodable, Sendable { var itemIndex: Int; var quantity: Int; var price: Int; var description: Nullable<String> = nil }
        struct Status: Encodable, Sendable {
            struct Event: Encodable, Sendable { var lastChange: String; var city: String; var state: String; var description: String; var createDate: String }
            var status: Nullable<String>
            var finished: Bool
            var deliveredDate: String?
            var data: [Event]
        }
        var items: [Line]
        var courier: Nullable<String>
        var invoiceNumber: String?
        var invoiceValue: Int
        var invoiceUrl: Nullable<String>
        var issuanceDate: String?
        var trackingNumber: Nullable<String>
        var invoiceKey: Nullable<String>
        var trackingUrl: Nullable<String>
        var embeddedInvoice: String
        var type: String
        var courierStatus: Nullable<Status>
        var cfop: Nullable<String> = nil
        var volumes: Int = 1
    }
    struct PackageAttachment: Encodable, Sendable { var packages: [Package] }
    struct CancellationData: Encodable, Sendable {
        var RequestedByUser: Bool
        var RequestedBySystem: Bool
        var RequestedBySellerNotification: Bool
        var RequestedByPaymentNotification: Bool
        var Reason: Nullable<String>
        var CancellationDate: Nullable<String>
    }
    struct StorePreferences: Encodable, Sendable { var countryCode: String; var currencyCode: String; var timeZone: String }
    struct Marketplace: Encodable, Sendable { var baseURL: String; var isCertified: Nullable<Bool>; var name: String }

    var orderId: String
    var sequence: String
    var marketplaceOrderId: String
    var marketplaceServicesEndpoint: String
    var sellerOrderId: String
    var origin: String = "Marketplace"
    var affiliateId: String
    var salesChannel: String
    var merchantName: Nullable<String> = nil
    var status: String
    var workflowIsInError: Bool = false
    var statusDescription: String
    var value: Int
    var creationDate: String
    var lastChange: String
    var orderGroup: String
    var followUpEmail: String
    var hostname: String
    var isCompleted: Bool = true
    var roundingError: Int = 0
    var allowCancellation: Bool
    var allowEdition: Bool = false
    var isCheckedIn: Bool = false
    var authorizedDate: Nullable<String>
    var invoicedDate: Nullable<String>
    var cancelReason: Nullable<String>
    var totals: [Total]
    var sellers: [Seller]
    var cancellationData: Nullable<CancellationData>
    var items: [Item]
    var clientProfileData: Client
    var shippingData: ShippingData
    var packageAttachment: PackageAttachment
    var marketplace: Marketplace
    var storePreferencesData: StorePreferences
    var openTextField: Nullable<[String: String]>
}

extension OrderResponse {
    /// The OMS view of a sandbox order.
    init(_ order: SandboxOrder, accountName: String) {
        let address = Address(
            addressType: order.address.addressType, receiverName: order.address.receiverName,
            addressId: order.address.addressId, postalCode: order.address.postalCode, city: order.address.city,
            state: order.address.state, country: order.address.country, street: order.address.street,
            number: order.address.number, neighborhood: order.address.neighborhood,
            complement: order.address.complement, geoCoordinates: order.address.geoCoordinates)
        let client = order.client
        let corporate = [client.corporateName, client.corporateDocument, client.tradeName, client.stateInscription,
                         client.corporatePhone].contains { $0 != nil }
        self.init(
            orderId: order.orderId, sequence: order.sequence, marketplaceOrderId: order.marketplaceOrderId,
            marketplaceServicesEndpoint: order.connectorEndpoint ?? "", sellerOrderId: "00-\(order.orderId)",
            affiliateId: order.affiliateId, salesChannel: String(order.salesChannel), status: order.status.rawValue,
            statusDescription: order.status.description, value: order.value,
            creationDate: VTEXDate.string(order.creationDate), lastChange: VTEXDate.string(order.lastChange),
            orderGroup: order.orderId, followUpEmail: "\(order.sequence)@ct.vtex.com.br",
            hostname: accountName,
            allowCancellation: order.status != .invoiced && order.status != .canceled,
            authorizedDate: Nullable(order.authorizedDate.map(VTEXDate.string)),
            invoicedDate: Nullable(order.invoicedDate.map(VTEXDate.string)),
            cancelReason: Nullable(order.cancelReason),
            totals: [.init(id: "Items", name: "Total dos Itens", value: order.itemsTotal),
                     .init(id: "Discounts", name: "Total dos Descontos", value: 0),
                     .init(id: "Shipping", name: "Total do Frete", value: order.shippingTotal),
                     .init(id: "Tax", name: "Total da Taxa", value: order.taxValue)],
            sellers: [.init(id: "1", name: accountName, logo: nil, fulfillmentEndpoint: "")],
            cancellationData: order.status == .canceled
                ? Nullable(.init(RequestedByUser: order.canceledBySeller, RequestedBySystem: false,
                                 RequestedBySellerNotification: !order.canceledBySeller,
                                 RequestedByPaymentNotification: false, Reason: Nullable(order.cancelReason),
                                 CancellationDate: Nullable(VTEXDate.string(order.lastChange))))
                : nil,
            items: order.lines.enumerated().map { index, line in
                Item(uniqueId: "\(order.orderId)-\(index)", id: String(line.skuId), productId: String(line.productId),
                     ean: Nullable(line.ean), quantity: line.quantity, name: line.name, refId: line.refId,
                     price: line.price, listPrice: line.listPrice, sellingPrice: line.price, imageUrl: line.imageUrl,
                     detailUrl: "/\(line.productId)/p", sellerSku: String(line.skuId),
                     additionalInfo: .init(
                        brandName: line.brandName, brandId: String(line.brandId), categoriesIds: "/\(line.categoryId)/",
                        dimension: .init(cubicweight: line.dimensions.cubicWeight, height: Int(line.dimensions.height),
                                         length: Int(line.dimensions.length), weight: Int(line.dimensions.weight),
                                         width: Int(line.dimensions.width))),
                     priceDefinitions: .init(calculatedSellingPrice: line.price, total: line.price * line.quantity,
                                             sellingPrices: [.init(value: line.price, quantity: line.quantity)]))
            },
            clientProfileData: Client(
                email: client.email, firstName: client.firstName, lastName: client.lastName, document: client.document,
                phone: client.phone, corporateName: Nullable(client.corporateName), tradeName: Nullable(client.tradeName),
                corporateDocument: Nullable(client.corporateDocument), stateInscription: Nullable(client.stateInscription),
                corporatePhone: Nullable(client.corporatePhone), isCorporate: corporate),
            shippingData: ShippingData(
                address: address,
                logisticsInfo: order.shipping.enumerated().map { index, shipping in
                    Logistics(
                        itemIndex: index, selectedSla: shipping.policy.name, lockTTL: shipping.lockTTL,
                        price: shipping.price, listPrice: shipping.policy.price, sellingPrice: shipping.price,
                        deliveryCompany: shipping.policy.courierName, shippingEstimate: shipping.shippingEstimate,
                        shipsTo: [order.address.country],
                        deliveryIds: [.init(courierId: shipping.policy.courierId, courierName: shipping.policy.courierName,
                                            dockId: VTEXState.dockId, quantity: order.lines[index].quantity,
                                            warehouseId: VTEXState.warehouseId)],
                        deliveryChannels: [.init(id: shipping.deliveryChannel)],
                        selectedDeliveryChannel: shipping.deliveryChannel,
                        pickupPointId: Nullable(shipping.policy.pickupPointId),
                        transitTime: Nullable(shipping.shippingEstimate))
                },
                trackingHints: order.trackingHints.isEmpty ? nil : Nullable(order.trackingHints.map {
                    TrackingHint(trackingId: $0.trackingId, courierName: $0.courierName,
                                 trackingUrl: $0.trackingUrl ?? "", trackingLabel: $0.trackingLabel ?? "")
                }),
                selectedAddresses: [address]),
            packageAttachment: PackageAttachment(packages: order.packages.map { package in
                Package(
                    items: package.items.map { .init(itemIndex: $0.itemIndex, quantity: $0.quantity, price: $0.price) },
                    courier: Nullable(package.courier), invoiceNumber: package.invoiceNumber,
                    invoiceValue: package.invoiceValue, invoiceUrl: Nullable(package.invoiceUrl),
                    issuanceDate: package.issuanceDate, trackingNumber: Nullable(package.trackingNumber),
                    invoiceKey: Nullable(package.invoiceKey), trackingUrl: Nullable(package.trackingUrl),
                    embeddedInvoice: package.embeddedInvoice ?? "", type: package.type,
                    courierStatus: Nullable(package.courierStatus.map { status in
                        Package.Status(
                            status: Nullable(status.finished ? "delivered" : "in-transit"), finished: status.finished,
                            deliveredDate: status.deliveredDate,
                            data: status.events.map {
                                .init(lastChange: $0.date, city: $0.city, state: $0.state, description: $0.description,
                                      createDate: $0.date)
                            })
                    }))
            }),
            marketplace: .init(baseURL: order.connectorEndpoint ?? "", isCertified: nil, name: order.connectorName ?? order.affiliateId),
            storePreferencesData: .init(countryCode: order.address.country, currencyCode: "BRL", timeZone: "E. South America Standard Time"),
            openTextField: Nullable(order.openTextField.map { ["value": $0] }))
    }
}
