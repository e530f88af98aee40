import AMQPLayer
import Foundation
import WorkerRuntime

/// What `parked list` shows of one parked message (read from the headers a worker parks with).
struct ParkedMessage: Codable, Sendable {
    var messageId: String?
    var type: String?
    var parkedFrom: String?
    var reason: String?
    var attempt: Int
    var parkedAt: Date?

    init(_ delivery: AMQPDelivery) {
        let headers = delivery.properties.headers
        messageId = delivery.properties.messageID
        type = delivery.properties.type
        parkedFrom = headers[MessageHistory.parkedFromHeader]?.stringValue
        reason = headers[MessageHistory.parkedReasonHeader]?.stringValue
        attempt = Int(headers[MessageHistory.attemptHeader]?.intValue ?? 0)
        parkedAt = headers[MessageHistory.parkedAtHeader]?.intValue.map { Date(timeIntervalSince1970: Double($0) / 1000) }
    }
}
