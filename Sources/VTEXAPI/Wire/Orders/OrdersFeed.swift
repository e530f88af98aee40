/// One Feed v3 item (`GET /api/orders/feed`, reference/vtex-apis.md §8).
public struct OrderFeedItem: Codable, Sendable, Equatable {
    public var eventId: String?
    /// The commit token of this read.
    public var handle: String
    /// `Fulfillment` or `Marketplace`.
    public var domain: String?
    /// The order's status at the event.
    public var state: String?
    public var lastState: String?
    public var orderId: String
    public var lastChange: String?
    public var currentChange: String?

    public init(handle: String, orderId: String, state: String?, eventId: String? = nil, domain: String? = nil, lastState: String? = nil, lastChange: String? = nil, currentChange: String? = nil) {
        self.eventId = eventId
        self.handle = handle
        self.domain = domain
        self.state = state
        self.lastState = lastState
        self.orderId = orderId
        self.lastChange = lastChange
        self.currentChange = currentChange
    }
}

/// The filter of a feed or hook (`filter`): `FromWorkflow` with statuses, or `FromOrders` with a
/// JSONata expression (which also fires on invoice and tracking changes).
public struct OrderFeedFilter: Codable, Sendable, Equatable {
    public var type: String
    public var status: [String]?
    public var expression: String?
    public var disableSingleFire: Bool?

    public init(type: String, status: [String]? = nil, expression: String? = nil, disableSingleFire: Bool? = nil) {
        self.type = type
        self.status = status
        self.expression = expression
        self.disableSingleFire = disableSingleFire
    }
}

/// `POST /api/orders/feed/config` body.
public struct OrderFeedConfiguration: Codable, Sendable, Equatable {
    public struct Queue: Codable, Sendable, Equatable {
        public var visibilityTimeoutInSeconds: Int
        /// The spec's capitalised spelling.
        public var messageRetentionPeriodInSeconds: Int

        enum CodingKeys: String, CodingKey {
            case visibilityTimeoutInSeconds, messageRetentionPeriodInSeconds = "MessageRetentionPeriodInSeconds"
        }

        public init(visibilityTimeoutInSeconds: Int, messageRetentionPeriodInSeconds: Int) {
            self.visibilityTimeoutInSeconds = visibilityTimeoutInSeconds
            self.messageRetentionPeriodInSeconds = messageRetentionPeriodInSeconds
        }
    }
    public var filter: OrderFeedFilter
    public var queue: Queue

    public init(filter: OrderFeedFilter, queue: Queue) {
        self.filter = filter
        self.queue = queue
    }
}

/// `POST /api/orders/hook/config` body: VTEX POSTs each matching change to `hook.url`.
public struct OrderHookConfiguration: Codable, Sendable, Equatable {
    public struct Hook: Codable, Sendable, Equatable {
        public var url: String
        /// Headers VTEX sends with each call; the spec's `Hook` requires the key (empty when none).
        public var headers: [String: String]

        public init(url: String, headers: [String: String] = [:]) {
            self.url = url
            self.headers = headers
        }
    }
    public var filter: OrderFeedFilter
    public var hook: Hook

    public init(filter: OrderFeedFilter, hook: Hook) {
        self.filter = filter
        self.hook = hook
    }
}

/// `POST /api/orders/feed` body: the handles to remove.
struct OrderFeedCommit: Encodable, Sendable {
    var handles: [String]
}
