import AMQPLayer

/// Which deliveries one consumer connection still holds for a reason, in tag order, so that the
/// ones no longer needed are acknowledged cheaply.
///
/// RabbitMQ 3.10 finds the delivery of a single acknowledgement by walking the channel's
/// unacknowledged deliveries from the oldest (`rabbit_channel:collect_acks`): acknowledging a
/// superseded delivery that sits behind many kept ones costs time in their number, and a batch
/// consumer would do that for nearly every delivery (coalescing fell to 2,000 events/s with 30,000
/// keys changed in random order). A `multiple` acknowledgement of the oldest run of deliveries
/// that are no longer needed costs only that run. So the ledger marks each delivery "held" (its
/// key's latest, a flush in progress, a copy not yet confirmed) or "released", and hands out the
/// tag that ends the released run at the oldest end.
///
/// Delivery tags of one channel are consecutive, so a tag's place is its distance from the oldest.
struct DeliveryLedger {
    private var session: UInt64
    private var first: UInt64?
    private var released: [Bool] = []
    private var head = 0

    init(session: UInt64) {
        self.session = session
    }

    /// The highest tag recorded, if any.
    var last: AMQPDeliveryTag? {
        guard let first, released.count > head else { return nil }
        return AMQPDeliveryTag(session: session, value: first + UInt64(released.count - head - 1))
    }

    /// How many deliveries are not yet acknowledged (held or released behind a held one).
    var outstanding: Int { released.count - head }

    /// Records a new delivery, held. A gap (a tag never seen) is recorded as released.
    mutating func append(_ tag: AMQPDeliveryTag) {
        guard let first else {
            self.first = tag.value
            released.append(false)
            return
        }
        let next = first + UInt64(released.count - head)
        guard tag.value >= next else { return }
        for _ in next..<tag.value { released.append(true) }
        released.append(false)
    }

    /// Records new deliveries, in order.
    mutating func append(contentsOf tags: ArraySlice<AMQPDeliveryTag>) {
        for tag in tags { append(tag) }
    }

    /// Marks deliveries as no longer needed.
    mutating func release(contentsOf tags: ArraySlice<AMQPDeliveryTag>) {
        for tag in tags { release(tag) }
    }

    /// Marks a delivery as no longer needed.
    mutating func release(_ tag: AMQPDeliveryTag) {
        guard tag.session == session, let first, tag.value >= first else { return }
        let index = head + Int(tag.value - first)
        if index < released.count { released[index] = true }
    }

    /// Removes the oldest run of released deliveries and returns the tag that ends it, to
    /// acknowledge with `multiple`; `nil` when the oldest delivery is held.
    mutating func takeReleasedRun() -> AMQPDeliveryTag? {
        var end = head
        while end < released.count && released[end] { end += 1 }
        guard end > head else { return nil }
        return drop(count: end - head)
    }

    /// Forgets every delivery up to `tag` (acknowledged with `multiple` elsewhere).
    mutating func drop(through tag: AMQPDeliveryTag) {
        guard tag.session == session, let first, tag.value >= first else { return }
        _ = drop(count: min(Int(tag.value - first) + 1, released.count - head))
    }

    private mutating func drop(count: Int) -> AMQPDeliveryTag? {
        guard count > 0, let first else { return nil }
        let end = AMQPDeliveryTag(session: session, value: first + UInt64(count - 1))
        head += count
        self.first = first + UInt64(count)
        if head >= 4096 && head * 2 >= released.count {
            released.removeFirst(head)
            head = 0
        }
        return end
    }
}
