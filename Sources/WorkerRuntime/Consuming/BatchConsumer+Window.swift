import AMQPLayer

extension BatchConsumer {
    /// What a session has taken and not yet settled.
    ///
    /// The kept messages sit in an array, each key at the place it took when it first came in the
    /// window (a key never leaves a window before its flush), found by the key's hash in a
    /// dictionary of integers. A ``BatchConsumer`` is generic over its handler's key, so a
    /// dictionary keyed by it runs unspecialised: every slot a probe passes copies a key through
    /// its value witness and compares it through the protocol's (BENCHMARKS.md, offer coalescing:
    /// `perf` found those the session's largest cost). Here a delivery costs one look-up among
    /// integers and one key comparison, and the journal's page and its return address the kept
    /// messages by place, with no look-up.
    struct Window {
        /// The keys, each at its place.
        private(set) var keys: [Key] = []
        /// Each key's latest message, at the key's place.
        private(set) var messages: [HeldMessage] = []
        /// The place of each key by its hash (the key at that place checked equal), and of a key
        /// whose hash another key of the window had first (64-bit hashes: practically never).
        private var places: [Int: Int] = [:]
        private var collided: [Key: Int] = [:]
        /// Which deliveries each consumer connection still holds, by session.
        var ledgers: [UInt64: DeliveryLedger] = [:]
        /// When the oldest delivery not yet covered by a flush arrived.
        var since: ContinuousClock.Instant?
        /// The places of the keys whose kept message is a delivery not yet written to the journal
        /// (journal only).
        var unwrittenPlaces: [Int] = []

        /// How many keys are kept.
        var keyCount: Int { keys.count }

        /// Each key's latest message, as a dictionary (tests and logs; the hot path uses places).
        var pending: [Key: HeldMessage] { Dictionary(zip(keys, messages), uniquingKeysWith: { $1 }) }

        /// The keys whose kept message is not yet written to the journal.
        var unwritten: [Key] { unwrittenPlaces.map { keys[$0] } }

        /// The place of `key`'s message, if one is kept.
        func place(of key: Key) -> Int? { place(of: key, hash: key.hashValue) }

        private func place(of key: Key, hash: Int) -> Int? {
            guard let place = places[hash] else { return nil }
            if keys[place] == key { return place }
            return collided.isEmpty ? nil : collided[key]
        }

        /// Keeps `message` as `key`'s latest: returns its place and the message it replaced.
        mutating func keep(_ message: consuming HeldMessage, for key: consuming Key) -> (place: Int, older: HeldMessage?) {
            let hash = key.hashValue
            if let place = place(of: key, hash: hash) {
                var older = message
                swap(&messages[place], &older)
                return (place, older)
            }
            let place = keys.count
            if places[hash] == nil {
                places[hash] = place
            } else {
                collided[copy key] = place
            }
            keys.append(key)
            messages.append(message)
            return (place, nil)
        }

        /// Takes the journal's `tag` for the message at `place` when it is the delivery `written`
        /// and the page was written (``HeldMessage/adopt(_:ifWritten:_:)``).
        mutating func adopt(at place: Int, _ tag: AMQPDeliveryTag, ifWritten written: AMQPDeliveryTag, _ pageWritten: Bool) -> JournalStanding? {
            guard place < messages.count else { return nil }
            return messages[place].adopt(tag, ifWritten: written, pageWritten)
        }

        /// Hands over every kept message (for a flush) and starts an empty window of keys.
        mutating func takeKept() -> [(key: Key, value: HeldMessage)] {
            defer {
                keys = []
                messages = []
                places = [:]
                collided = [:]
                unwrittenPlaces = []
            }
            return Array(zip(keys, messages))
        }

        /// Deliveries not yet acknowledged on every consumer connection.
        var outstanding: Int { ledgers.values.reduce(0) { $0 + $1.outstanding } }

        /// The highest tag taken on each consumer connection.
        var taken: [AMQPDeliveryTag] { ledgers.values.compactMap(\.last) }

        /// Deliveries not yet acknowledged on the connection of `session`.
        func outstanding(on session: UInt64) -> Int { ledgers[session]?.outstanding ?? 0 }

        /// Records deliveries in their ledgers, one look-up per run of one connection's tags.
        mutating func record(_ tags: [AMQPDeliveryTag]) {
            forEachRun(of: tags) { session, run in
                ledgers[session, default: DeliveryLedger(session: session)].append(contentsOf: run)
            }
        }

        /// Marks deliveries no longer needed, one look-up per run of one connection's tags (tags
        /// of no ledger, such as the journal's, are ignored).
        mutating func release(_ tags: [AMQPDeliveryTag]) {
            forEachRun(of: tags) { session, run in ledgers[session]?.release(contentsOf: run) }
        }

        private func forEachRun(of tags: [AMQPDeliveryTag], _ body: (UInt64, ArraySlice<AMQPDeliveryTag>) -> Void) {
            var start = tags.startIndex
            while start < tags.endIndex {
                let session = tags[start].session
                let end = tags[start...].firstIndex { $0.session != session } ?? tags.endIndex
                body(session, tags[start..<end])
                start = end
            }
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
}
