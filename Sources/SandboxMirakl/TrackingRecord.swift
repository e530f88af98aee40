import Foundation

/// The tracking an OR23 call set on an order.
struct TrackingRecord: Sendable, Codable {
    var carrierCode: String?
    var carrierName: String?
    var carrierURL: String?
    var trackingNumber: String?
    var received: Date
}
