/// Runs the deliveries of one key one after the other within a process, while different keys run
/// side by side (a ``QueueConsumer`` handles up to `CARREFOUR_CONCURRENCY` deliveries at once).
///
/// At-least-once delivery means two copies of one change can arrive together (a feed event
/// published again after a lost commit, a redelivery): handled at once, both read the same state
/// and both act. One after the other, the second reads what the first did.
public actor KeyedSerializer {
    private var busy: Set<String> = []
    private var waiting: [String: [CheckedContinuation<Void, Never>]] = [:]

    public init() {}

    /// Runs `body` once no other `body` of `key` runs in this process.
    public func run<T: Sendable>(_ key: String, _ body: @Sendable () async throws -> T) async throws -> T {
        await acquire(key)
        do {
            let result = try await body()
            release(key)
            return result
        } catch {
            release(key)
            throw error
        }
    }

    private func acquire(_ key: String) async {
        guard busy.contains(key) else {
            busy.insert(key)
            return
        }
        // Ownership is handed over by `release`: the key stays busy.
        await withCheckedContinuation { waiting[key, default: []].append($0) }
    }

    private func release(_ key: String) {
        guard var queue = waiting[key], !queue.isEmpty else {
            busy.remove(key)
            return
        }
        let next = queue.removeFirst()
        waiting[key] = queue.isEmpty ? nil : queue
        next.resume()
    }
}
