#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// One entry of the integration log: what happened to one product, offer or order in one
/// operation, in the shape VTEX asks of marketplace connectors (operation id, operation,
/// direction, status, the source payload, what the connector translated it into, the
/// destination's answer and a business message a seller can act on).
public struct IntegrationEvent: Sendable, Codable, Equatable {
    /// What kind of thing the entry is about.
    public enum Entity: String, Sendable, Codable, CaseIterable {
        /// A product (SKU) in the catalog flow; `entityId` is the VTEX SKU id.
        case product
        /// An offer (price and stock of one SKU); `entityId` is the VTEX SKU id.
        case offer
        /// A Carrefour order; `entityId` is the Mirakl order id.
        case order
        /// The connector itself: a refused credential (`entityId` `ShopKey` or `VTEX app key`) or the
        /// integration switch (`integration`).
        case connector
    }

    /// The operation, as VTEX's integration log names them.
    public enum Operation: String, Sendable, Codable, CaseIterable {
        case catalog, offer, price, inventory, order, invoice, tracking, cancellation
        /// A credential refused (401/403): the flows calling that side pause.
        case authorization
        /// The integration switched off (`CARREFOUR_INTEGRATION_ACTIVE=false`).
        case activation
    }

    /// Which way the data went.
    public enum Direction: String, Sendable, Codable {
        case vtexToCarrefour = "vtex-to-carrefour"
        case carrefourToVTEX = "carrefour-to-vtex"
    }

    /// The outcome.
    public enum Status: String, Sendable, Codable, CaseIterable {
        case success = "Success"
        case error = "Error"
        case alert = "Alert"
        case pending = "Pending"
        /// A note with no outcome: a write a dry run (`CARREFOUR_DRY_RUN`) withheld, "would send".
        case info = "Info"
    }

    /// Present when the entry is one attempt of a reprocess series.
    public struct Reprocess: Sendable, Codable, Equatable {
        /// The request that started the series.
        public var requestId: String
        /// This attempt's number, from 1.
        public var attempt: Int
        /// How many attempts the series allows.
        public var maxAttempts: Int
        /// Whether this entry ends the series (success, or the last failure).
        public var final: Bool

        public init(requestId: String, attempt: Int, maxAttempts: Int, final: Bool) {
            self.requestId = requestId
            self.attempt = attempt
            self.maxAttempts = maxAttempts
            self.final = final
        }
    }

    /// Identifies the operation (for instance `P41:<import id>:<sku>` or `order:<id>:accept`);
    /// the same operation logged twice (a redelivery) keeps the same id.
    public var operationId: String
    /// What the entry is about.
    public var entity: Entity
    /// The SKU id or order id.
    public var entityId: String
    /// The operation.
    public var operation: Operation
    /// Which way the data went.
    public var direction: Direction
    /// The outcome.
    public var status: Status
    /// What a seller can act on ("EAN missing", "SKU 12 has no stock on trade policy 1").
    public var message: String
    /// The data as the source gave it (truncated to ``maximumPayloadLength``), when useful.
    public var sourcePayload: String?
    /// What the connector translated it into (the CSV line, the order JSON), when useful.
    public var translatedPayload: String?
    /// The destination's answer (an OF03 line, an EOI message), when there was one.
    public var destinationAnswer: String?
    /// When it happened.
    public var at: Date
    /// The worker that recorded it.
    public var worker: String
    /// The other side's id once known (the VTEX order id of a Carrefour order, an import id).
    public var externalId: String?
    /// The reprocess series this entry belongs to, if any.
    public var reprocess: Reprocess?

    /// Payloads longer than this are cut (the log stays readable and messages small).
    public static let maximumPayloadLength = 8 * 1024

    public init(
        operationId: String, entity: Entity, entityId: String, operation: Operation, direction: Direction,
        status: Status, message: String, sourcePayload: String? = nil, translatedPayload: String? = nil,
        destinationAnswer: String? = nil, at: Date = Date(), worker: String, externalId: String? = nil,
        reprocess: Reprocess? = nil
    ) {
        self.operationId = operationId
        self.entity = entity
        self.entityId = entityId
        self.operation = operation
        self.direction = direction
        self.status = status
        self.message = message
        self.sourcePayload = sourcePayload.map(Self.cut)
        self.translatedPayload = translatedPayload.map(Self.cut)
        self.destinationAnswer = destinationAnswer.map(Self.cut)
        self.at = at
        self.worker = worker
        self.externalId = externalId
        self.reprocess = reprocess
    }

    /// The routing key it is published with: `log.<entity>.<status>` (lower case), under the
    /// topology's `log.#` binding.
    public var routingKey: String { "log.\(entity.rawValue).\(status.rawValue.lowercased())" }

    private static func cut(_ text: String) -> String {
        text.utf8.count <= maximumPayloadLength ? text : String(decoding: Array(text.utf8.prefix(maximumPayloadLength)), as: UTF8.self) + "…"
    }
}
