public import AMQPLayer
public import FleetContracts

extension FleetMessage {
    /// The message to publish to `exchange` with message id `id` (``FleetMessage/outgoing(exchange:id:appID:)``);
    /// a message that cannot be encoded is ``WorkFailure/transient(_:retryAfter:)``.
    public func message(exchange: String, id: String, appID: String? = nil) throws(WorkFailure) -> AMQPOutgoingMessage {
        do {
            return try outgoing(exchange: exchange, id: id, appID: appID)
        } catch {
            throw WorkFailure(error)
        }
    }

    /// Decodes a delivery's body; an undecodable body is ``WorkFailure/badInput(_:)``.
    public static func decode(_ message: InboundMessage) throws(WorkFailure) -> Self {
        try message.decode(Self.self, decoder: FleetMessageCoding.decoder)
    }
}

extension WorkFailure {
    /// A fleet message that cannot be written is transient (the publisher tries again); one that
    /// cannot be read is bad input (parked at once).
    public init(_ error: FleetMessageError) {
        switch error {
        case .unencodable(let reason): self = .transient("cannot encode \(reason)")
        case .undecodable(let reason): self = .badInput("cannot decode \(reason)")
        }
    }
}
