/// One line's decision in an OR21 body (`{"order_lines":[{"id","accepted"}]}`).
public struct MiraklLineDecision: Codable, Sendable, Equatable {
    /// The `order_line_id`.
    public var id: String
    /// Whether the line is accepted (false refuses it).
    public var accepted: Bool

    /// A decision.
    public init(id: String, accepted: Bool) {
        self.id = id
        self.accepted = accepted
    }
}

/// The OR21 body.
struct MiraklAcceptanceBody: Encodable, Sendable {
    var order_lines: [MiraklLineDecision]
}

/// The OR23 body (reference/mirakl-api.md §4 "OR23"): a registered carrier by `carrier_code`, or an
/// unregistered one by `carrier_name` with its complete tracking URL.
public struct MiraklTracking: Codable, Sendable, Equatable {
    /// `carrier_code`: a carrier registered in Mirakl (SH21).
    public var carrierCode: String?
    /// `carrier_name`: an unregistered carrier.
    public var carrierName: String?
    /// `carrier_url`: the tracking URL of an unregistered carrier.
    public var carrierURL: String?
    /// `tracking_number`.
    public var trackingNumber: String?

    enum CodingKeys: String, CodingKey {
        case carrierCode = "carrier_code", carrierName = "carrier_name", carrierURL = "carrier_url"
        case trackingNumber = "tracking_number"
    }

    /// Tracking details.
    public init(carrierCode: String? = nil, carrierName: String? = nil, carrierURL: String? = nil, trackingNumber: String? = nil) {
        self.carrierCode = carrierCode
        self.carrierName = carrierName
        self.carrierURL = carrierURL
        self.trackingNumber = trackingNumber
    }
}
