import Foundation
import Hummingbird

/// Reply of OMS writes (cancel, invoice, tracking): `{date, orderId, receipt}`.
struct OMSReceipt: ResponseEncodable, Sendable {
    var date: String
    var orderId: String
    var receipt: String
}

/// Body of `POST /api/oms/pvt/orders/{orderId}/cancel`.
struct CancelRequest: Decodable, Sendable {
    var reason: String?
}

/// Body of `POST /api/oms/pvt/orders/{orderId}/invoice` (InvoiceNotification, vtex-apis.md §5).
struct InvoiceRequest: Decodable, Sendable {
    struct Item: Decodable, Sendable {
        var id: String
        var price: Int
        var quantity: Int
        var description: String?
    }
    var type: String
    var issuanceDate: String
    var invoiceNumber: String?
    /// Cents as a string in the spec; a number is accepted too.
    var invoiceValue: FlexibleInt
    var invoiceKey: String?
    var invoiceUrl: String?
    var embeddedInvoice: String?
    var courier: String?
    var trackingNumber: String?
    var trackingUrl: String?
    var dispatchedDate: String?
    var items: [Item]
}

/// An integer sent either as a JSON number or as a string of digits (the spec types `invoiceValue` as string).
struct FlexibleInt: Decodable, Sendable {
    var value: Int

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int.self) {
            value = number
        } else if let text = try? container.decode(String.self), let number = Int(text) {
            value = number
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected an integer or a string of digits")
        }
    }
}

/// Body of `PATCH /api/oms/pvt/orders/{orderId}/invoice/{invoiceNumber}` (send tracking number).
struct TrackingNumberRequest: Decodable, Sendable {
    var trackingNumber: String
    var trackingUrl: String?
    var dispatchedDate: String?
    var courier: String?
}

/// Body of `PUT /api/oms/pvt/orders/{orderId}/invoice/{invoiceNumber}/tracking` (UpdateTrackingStatus).
struct TrackingStatusRequest: Decodable, Sendable {
    struct Event: Decodable, Sendable {
        var city: String
        var state: String
        var description: String
        var date: String
    }
    var isDelivered: Bool
    var deliveredDate: String?
    var events: [Event]
}
