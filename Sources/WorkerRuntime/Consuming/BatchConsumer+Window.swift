import AMQPLayer

/// The state a ``BatchConsumer`` keeps between events: what a session holds, and when the next
/// flush may start.
extension BatchConsumer {
    /// What a session has taken and not yet settled.
    struct Window {
        /// Each key's latest message.
        var pending: [Key: InboundMessage] = [:]
        /// Which deliveries each consumer connection still holds, by session.
        var ledgers: [UInt64: DeliveryLedger] = [:]
        /// When the oldest delivery not yet covered by a flush arrived.
        var since: ContinuousClock.Instant?
        /// Keys whose kept message is a delivery not yet written to the journal (journal only).
        var unwritten: [Key] = []

        /// Deliveries not yet acknowledged on every consumer connection.
        var outstanding: Int { ledgers.values.reduce(0) { $0 + $1.outstanding } }

        /// The highest tag taken on each consumer connection.
        var taken: [AMQPDeliveryTag] { ledgers.values.compactMap(\.last) }

        /// Deliveries not yet acknowledged on the connection of `session`.
        func outstanding(on session: UInt64) -> Int { ledgers[session]?.outstanding ?? 0 }

        mutating func record(_ tag: AMQPDeliveryTag) {
            ledgers[tag.session, default: DeliveryLedger(session: tag.session)].append(tag)
        }

        mutating func release(_ tag: AMQPDeliveryTag) {
            ledgers[tag.session]?.release(tag)
        }

        /// The tags ending each connection's oldest run of released deliveries, to acknowledge.
        mutating func releasedRuns() -> [AMQPDeliveryTag] {
            var runs: [AMQPDeliveryTag] = []
            for session in Array(ledgers.keys) {
                if let end = ledgers[session]?.takeReleasedRun() { runs.append(end) }
            }
            return runs
        }

        /// Forgets what an acknowledgement up to `tags` covered.
        mutating func drop(through tags: [AMQPDeliveryTag]) {
            for tag in tags { ledgers[tag.session]?.drop(through: tag) }
        }
    }

    /// When the next flush may start; survives reconnects.
    struct Schedule {
        /// When the pending batch's window opened: the anchor of its oldest change (see
        /// ``WindowAnchor``), `nil` while nothing is pending.
        var opened: ContinuousClock.Instant?
        /// When the last flush started.
        var lastFlush: ContinuousClock.Instant?
        /// A retry delay or auth pause after a failed flush.
        var notBefore: ContinuousClock.Instant?
        /// Consecutive flushes that threw.
        var failures = 0

        /// Opens the window at `anchor` unless it opened earlier.
        mutating func open(at anchor: ContinuousClock.Instant) {
            if let opened, opened <= anchor { return }
            opened = anchor
        }

        func nextFlush(window: Duration) -> ContinuousClock.Instant? {
            guard let opened else { return nil }
            var next = opened + window
            if let lastFlush { next = max(next, lastFlush + window) }
            if let notBefore { next = max(next, notBefore) }
            return next
        }
    }
}
