import Foundation

/// The tracking an OR23 call set on an order.
struct TrackingRecord: Sendable, Codable {
    var carrierCode: String?
    var carrierName: String?
    var carrierURL: String?
    var trackingNumber: String?
    var received: Date
}

extension TrackingRecord {
    /// Whether `other` names the same carrier and tracking (the time received aside).
    func sameTracking(as other: TrackingRecord) -> Bool {
        carrierCode == other.carrierCode && carrierName == other.carrierName && carrierURL == other.carrierURL
            && trackingNumber == other.trackingNumber
    }
}
